/// `-o checkstyle`: Checkstyle XML in ShellCheck's documented form (ECOSYSTEM.md section 4), which
/// reviewdog, Jenkins' warnings-ng and many editors read:
/// `<checkstyle version='4.3'><file name='…'><error line='' column='' severity='' message=''
/// source='probelint.PLnnn'/></file></checkstyle>`. Each file's findings are one `<file>` element
/// (`FileElements`, with the cross-object findings in one of their own after the others); input
/// errors come last, with the source `probelint.input-error`.
public struct CheckstyleReporter: Sendable {
    public var paths: PathBase
    public var source: ReportSource

    /// `root`: the folder paths are relative to when it is not the working directory (`PathBase`).
    public init(workingDirectory: String, root: String? = nil, source: ReportSource = .files) {
        paths = PathBase(workingDirectory: workingDirectory, root: root)
        self.source = source
    }

    public static let header = "<?xml version='1.0' encoding='UTF-8'?>\n<checkstyle version='4.3'>\n"
    public static let footer = "</checkstyle>\n"

    /// The findings' `<error>` elements, rendered in `buffer` and appended to `bytes`, and in
    /// `runs` the file each belongs in (`FileElements` writes the `<file>` elements around them);
    /// `findings` is left empty (see `removeAll(inOrder:)`).
    public func items(moving findings: inout [Finding], into bytes: inout [UInt8], runs: inout [FileElements.Run],
                      buffer: RenderBuffer = RenderBuffer()) {
        guard !findings.isEmpty else { return }
        // The file's name as written, made once for a file's findings.
        var file: (name: String, relative: String)?
        buffer.render(into: &bytes) { out in
            findings.removeAll(inOrder: { f in
                let start = out.count
                error(f, into: &out)
                let name = source.fileName(of: f)
                if file?.name != name { file = (name, source.relativeFileName(of: f, in: paths)) }
                runs.add(file?.relative ?? name, bytes: out.count - start)
            })
        }
    }

    /// The tags of the `<file>` element of a file (or object), named as written (`FileElements`).
    public var elementTags: FileElements.Tags {
        FileElements.Tags(opening: { name, _, _, out in open(name, into: &out) }, closing: "</file>\n")
    }

    func open(_ name: String, into out: inout ByteText) {
        out.append("<file name='")
        XMLText.append(name, to: &out)
        out.append("'>\n")
    }

    func error(_ f: Finding, into out: inout ByteText) {
        out.append("<error line='")
        out.append(source.locatesByObject ? 1 : f.range.start.line)
        out.append("' column='")
        out.append(source.locatesByObject ? 1 : f.range.start.column)
        out.append("' severity='")
        out.append(f.severity.rawValue)
        out.append("' message='")
        XMLText.append(source.message(of: f), to: &out)
        out.append("' source='probelint.")
        out.append(f.rule.rawValue)
        out.append("'/>\n")
    }

    /// The input errors, each in a `<file>` element, and the closing tag.
    public func footer(_ report: LintReport) -> String {
        var out = ""
        for e in report.errors {
            out += "<file name='\(XMLText.escape(source.relativeFile(of: e, in: paths)))'>\n"
            out += "<error line='\(e.position?.line ?? 1)' column='\(e.position?.column ?? 1)' severity='error' message='\(XMLText.escape(e.message))' source='probelint.input-error'/>\n"
            out += "</file>\n"
        }
        for (w, kind) in report.warnings.map({ ($0, "config-warning") }) + report.inputWarnings.map({ ($0, "input-warning") }) {
            out += "<file name='\(XMLText.escape(source.relativeFile(of: w, in: paths)))'>\n"
            out += "<error line='\(w.position?.line ?? 1)' column='\(w.position?.column ?? 1)' severity='warning' message='\(XMLText.escape(w.message))' source='probelint.\(kind)'/>\n"
            out += "</file>\n"
        }
        return out + Self.footer
    }
}
