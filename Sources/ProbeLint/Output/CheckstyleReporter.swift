/// `-o checkstyle`: Checkstyle XML in ShellCheck's documented form (ECOSYSTEM.md section 4), which
/// reviewdog, Jenkins' warnings-ng and many editors read:
/// `<checkstyle version='4.3'><file name='…'><error line='' column='' severity='' message=''
/// source='probelint.PLnnn'/></file></checkstyle>`. Each run of findings (a document's, as the
/// run streams them) is a `<file>` element of its own; input errors come last, with the source
/// `probelint.input-error`.
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

    /// The findings of one run (all in one file, or all named by object) as one `<file>` element;
    /// `findings` is left empty (see `removeAll(inOrder:)`).
    public func items(moving findings: inout [Finding], into bytes: inout [UInt8]) {
        guard let first = findings.first else { return }
        var out = ""
        out += "<file name='\(XMLText.escape(paths.relative(source.fileName(of: first))))'>\n"
        findings.removeAll(inOrder: { f in
            let message = source.message(of: f)
            let line = source.locatesByObject ? 1 : f.range.start.line
            let column = source.locatesByObject ? 1 : f.range.start.column
            out += "<error line='\(line)' column='\(column)' severity='\(f.severity.rawValue)' message='\(XMLText.escape(message))' source='probelint.\(f.rule.rawValue)'/>\n"
        })
        out += "</file>\n"
        bytes.append(contentsOf: out.utf8)
    }

    /// The input errors, each in a `<file>` element, and the closing tag.
    public func footer(_ report: LintReport) -> String {
        var out = ""
        for e in report.errors {
            out += "<file name='\(XMLText.escape(paths.relative(e.file)))'>\n"
            out += "<error line='\(e.position?.line ?? 1)' column='\(e.position?.column ?? 1)' severity='error' message='\(XMLText.escape(e.message))' source='probelint.input-error'/>\n"
            out += "</file>\n"
        }
        return out + Self.footer
    }
}
