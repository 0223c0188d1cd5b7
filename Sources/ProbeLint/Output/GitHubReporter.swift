/// `-o github`: GitHub Actions workflow commands, one per finding
/// (`::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`),
/// escaped as actions/toolkit's command.ts does (ECOSYSTEM.md section 4). A text from the
/// input (a file or object name, a message naming them) first has its control characters
/// and bidirectional overrides replaced (`TerminalText.escape`), as the text output does:
/// the runner prints the message into the job's log.
public struct GitHubReporter: Sendable {
    /// The working directory, and the repository's root that `file=` is relative to.
    public var paths: PathBase
    public var source: ReportSource

    /// `root`: the repository's root when it is not the working directory (`PathBase`).
    public init(workingDirectory: String, root: String? = nil, source: ReportSource = .files) {
        paths = PathBase(workingDirectory: workingDirectory, root: root)
        self.source = source
    }

    public func render(_ f: Finding) -> String {
        var out = ByteText()
        render(f, into: &out)
        return out.string
    }

    /// One command per finding, appended to `bytes` (the command line's output), rendered
    /// in `buffer` first; `findings` is left empty (see `removeAll(inOrder:)`).
    /// `text`: the findings' file's bytes, when known, for where a region ends (`RegionEnd`).
    public func report(moving findings: inout [Finding], into bytes: inout [UInt8], buffer: RenderBuffer = RenderBuffer(),
                       text: [UInt8]? = nil) {
        buffer.render(into: &bytes) { out in findings.removeAll(inOrder: { render($0, into: &out, text: text) }) }
    }

    /// The command written piece by piece, each escaped (escaping is byte by byte, so
    /// escaping the pieces is escaping the whole): no property list or message string.
    func render(_ f: Finding, into out: inout ByteText, text: [UInt8]? = nil) {
        out.append("::")
        out.append(Self.command(for: f.severity))
        var first = true
        func property(_ key: StaticString) { Self.property(key, first: &first, into: &out) }
        if !source.locatesByObject {
            property("file")
            out.append(Self.fileName(paths.relative(f.file)), replacing: Self.propertyEscape, wordMayNeedReplacing: Self.mayNeedPropertyEscape)
            property("line")
            out.append(f.range.start.line)
            // An end with only blanks before it on a later line (a block scalar's or block
            // mapping's end mark) ends at the last line with text before it, as SARIF's region
            // does: the annotation took in the next line (`RegionEnd`).
            let end = RegionEnd(f.range, text: text)
            let endLine = max(f.range.start.line, end.line)
            property("endLine")
            out.append(endLine)
            // col and endColumn are only valid when the annotation stays on one line (and the
            // end's column is known: not after a clamp, which ends at the line's end).
            if endLine == f.range.start.line && !end.clamped {
                property("col")
                out.append(f.range.start.column)
                property("endColumn")
                out.append(max(f.range.start.column, f.range.end.column))
            }
        } else if let anchor = source.anchorFile {
            // A kustomization's findings, shown on its file (the message names object and field).
            property("file")
            out.append(Self.fileName(paths.relative(anchor)), replacing: Self.propertyEscape, wordMayNeedReplacing: Self.mayNeedPropertyEscape)
            property("line")
            out.append(1)
        }
        property("title")
        out.append(f.rule.rawValue, replacing: Self.propertyEscape, wordMayNeedReplacing: Self.mayNeedPropertyEscape)
        out.append(" ")
        out.append(RuleCatalog.info(f.rule)?.name ?? "", replacing: Self.propertyEscape, wordMayNeedReplacing: Self.mayNeedPropertyEscape)
        out.append("::")
        if source.locatesByObject {
            out.append(TerminalText.escape(f.object.displayName), replacing: Self.dataEscape, wordMayNeedReplacing: Self.mayNeedDataEscape)
            if let path = f.path {
                out.append(" ")
                out.append(TerminalText.escape(path), replacing: Self.dataEscape, wordMayNeedReplacing: Self.mayNeedDataEscape)
            }
            out.append(": ")
        }
        out.append(TerminalText.escape(f.message), replacing: Self.dataEscape, wordMayNeedReplacing: Self.mayNeedDataEscape)
        for i in f.suggestions.indices {
            // The text report's line (its head has no character that needs escaping here).
            out.append("%0A")
            f.suggestions[i].writeLineHead(rookDefault: !f.suggestions[i].current.isWritten && f.notes.contains(name: "rook"), into: &out)
            out.append(TerminalText.escape(f.suggestions[i].reason), replacing: Self.dataEscape, wordMayNeedReplacing: Self.mayNeedDataEscape)
        }
        out.append("\n")
    }

    public func render(_ e: LintError) -> String { render(e, as: .inputError) }

    /// What a `LintError` is to the reader of an annotation: its command and title.
    public enum InputKind: Sendable {
        case inputError, configWarning, inputWarning
        var command: StaticString { self == .inputError ? "::error" : "::warning" }
        var title: StaticString {
            switch self {
            case .inputError: "probelint input error"
            case .configWarning: "probelint config warning"
            case .inputWarning: "probelint input warning"
            }
        }
    }

    /// An input error (`::error`), or a config file's or a linted file's warning (`::warning`).
    public func render(_ e: LintError, as kind: InputKind) -> String {
        var out = ByteText()
        out.append(kind.command)
        var first = true
        func property(_ key: StaticString) { Self.property(key, first: &first, into: &out) }
        if !source.locatesByObject {
            property("file")
            out.append(Self.fileName(paths.relative(e.file)), replacing: Self.propertyEscape, wordMayNeedReplacing: Self.mayNeedPropertyEscape)
            if let p = e.position {
                property("line")
                out.append(p.line)
                property("col")
                out.append(p.column)
            }
        }
        property("title")
        out.append(kind.title)
        out.append("::")
        out.append(TerminalText.escape(source.message(of: e)), replacing: Self.dataEscape, wordMayNeedReplacing: Self.mayNeedDataEscape)
        out.append("\n")
        return out.string
    }

    /// A file name as the `file` property carries it: a line break stays, since the property's
    /// escape writes it `%0A` or `%0D` and the runner decodes that, so the annotation finds a file
    /// so named; any other control character or bidirectional mark is replaced, as in every report
    /// (it has no escape the runner decodes).
    static func fileName(_ path: String) -> String { TerminalText.escape(path, keepingLineBreaks: true) }

    /// ` key=` for a command's first property, `,key=` for the next ones.
    static func property(_ key: StaticString, first: inout Bool, into out: inout ByteText) {
        out.append(first ? " " : ",")
        first = false
        out.append(key)
        out.append("=")
    }

    static func command(for severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "notice"
        }
    }

    /// `%` -> `%25`, CR -> `%0D`, LF -> `%0A`.
    public static func escapeData(_ s: String) -> String {
        var out = ByteText()
        out.append(s, replacing: dataEscape, wordMayNeedReplacing: mayNeedDataEscape)
        return out.string
    }

    /// Data escaping plus `:` -> `%3A` and `,` -> `%2C`.
    public static func escapeProperty(_ s: String) -> String {
        var out = ByteText()
        out.append(s, replacing: propertyEscape, wordMayNeedReplacing: mayNeedPropertyEscape)
        return out.string
    }

    static func dataEscape(_ byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "%"): return "%25"
        case UInt8(ascii: "\r"): return "%0D"
        case UInt8(ascii: "\n"): return "%0A"
        default: return nil
        }
    }

    /// Whether eight bytes may hold one `dataEscape` replaces (`%`, CR or LF: any byte below 0x0E counts).
    @inline(__always)
    static func mayNeedDataEscape(_ w: UInt64) -> Bool {
        WordBytes.hasByte(w, below: 0x0E) || WordBytes.hasByte(w, equalTo: UInt8(ascii: "%"))
    }

    /// Whether eight bytes may hold one `propertyEscape` replaces.
    @inline(__always)
    static func mayNeedPropertyEscape(_ w: UInt64) -> Bool {
        mayNeedDataEscape(w) || WordBytes.hasByte(w, equalTo: UInt8(ascii: ":")) || WordBytes.hasByte(w, equalTo: UInt8(ascii: ","))
    }

    static func propertyEscape(_ byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: ":"): return "%3A"
        case UInt8(ascii: ","): return "%2C"
        default: return dataEscape(byte)
        }
    }
}
