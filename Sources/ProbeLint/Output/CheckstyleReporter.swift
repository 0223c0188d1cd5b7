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
        let name = source.locatesByObject ? (source.anchorFile ?? first.object.displayName) : first.file
        out += "<file name='\(Self.escape(paths.relative(name)))'>\n"
        findings.removeAll(inOrder: { f in
            var message = f.message
            if source.locatesByObject, let path = f.path { message = "\(f.object.displayName) \(path): \(message)" }
            let line = source.locatesByObject ? 1 : f.range.start.line
            let column = source.locatesByObject ? 1 : f.range.start.column
            out += "<error line='\(line)' column='\(column)' severity='\(f.severity.rawValue)' message='\(Self.escape(message))' source='probelint.\(f.rule.rawValue)'/>\n"
        })
        out += "</file>\n"
        bytes.append(contentsOf: out.utf8)
    }

    /// The input errors, each in a `<file>` element, and the closing tag.
    public func footer(_ report: LintReport) -> String {
        var out = ""
        for e in report.errors {
            out += "<file name='\(Self.escape(paths.relative(e.file)))'>\n"
            out += "<error line='\(e.position?.line ?? 1)' column='\(e.position?.column ?? 1)' severity='error' message='\(Self.escape(e.message))' source='probelint.input-error'/>\n"
            out += "</file>\n"
        }
        return out + Self.footer
    }

    /// Text for an attribute in single quotes: the five markup characters as entities; control
    /// characters and bidirectional overrides replaced as for the terminal (`TerminalText`), and
    /// the two noncharacters XML 1.0 does not allow (U+FFFE, U+FFFF) too.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in TerminalText.escape(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "'": out += "&apos;"
            case "\"": out += "&quot;"
            case "\t": out += "&#9;"
            case "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
