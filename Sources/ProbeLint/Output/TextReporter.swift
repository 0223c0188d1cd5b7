/// Compiler-style text: `path:line:column: severity: message [PL101]`, then the
/// inputs, the derived numbers and the fix, indented.
public struct TextReporter: Sendable {
    public var color: Bool
    /// For live objects the location is the object and field path, not file:line:column.
    public var source: ReportSource

    public init(color: Bool, source: ReportSource = .files) {
        self.color = color
        self.source = source
    }

    public func report(_ findings: [Finding]) -> String {
        var bytes: [UInt8] = []
        var findings = findings
        report(moving: &findings, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The findings' text appended to `bytes` (a run's output, carried as bytes to stdout),
    /// rendered in `buffer` first; `findings` is left empty (see `removeAll(inOrder:)`).
    public func report(moving findings: inout [Finding], into bytes: inout [UInt8], buffer: RenderBuffer = RenderBuffer()) {
        buffer.render(into: &bytes) { out in findings.removeAll(inOrder: { render($0, into: &out) }) }
    }

    public func render(_ f: Finding) -> String {
        var out = ByteText()
        render(f, into: &out)
        return out.string
    }

    /// Appends one finding to `out`, piece by piece (no string per line).
    func render(_ f: Finding, into out: inout ByteText) {
        if color { out.append("\u{1B}[1m") }
        if source.locatesByObject {
            out.appendEscaped(f.object.displayName)
            out.append(": ")
            out.append(f.path ?? "")
        } else {
            out.appendEscaped(f.file)
            out.append(":")
            out.append(f.range.start.line)
            out.append(":")
            out.append(f.range.start.column)
        }
        out.append(":")
        if color { out.append("\u{1B}[0m") }
        out.append(" ")
        paint(f.severity.label, code: f.severity == .error ? "1;31" : f.severity == .warning ? "1;33" : "1;36", into: &out)
        out.append(": ")
        out.appendEscaped(f.message)
        out.append(" [")
        out.append(f.rule.description)
        out.append("]\n  object: ")
        f.object.write(into: &out, escaped: true)
        out.append("\n")
        // By index, each field read where it is used: a note or fix handed whole to a
        // call (`for note in`, or a closure the compiler keeps apart) is copied first, a
        // retain and a release per String it holds.
        for i in f.notes.indices {
            out.append("  ")
            out.append(f.notes.kind(at: i).label)
            out.append(": ")
            f.notes.withText(at: i) { out.appendEscaped(utf8: $0) }
            out.append("\n")
        }
        for i in f.suggestions.indices {
            if color { out.append("\u{1B}[32m") }
            out.append("  ")
            f.suggestions[i].writeLineHead(rookDefault: !f.suggestions[i].current.isWritten && f.notes.contains(name: "rook"), into: &out)
            out.appendEscaped(f.suggestions[i].reason)
            if color { out.append("\u{1B}[0m") }
            out.append("\n")
            if let yaml = f.suggestions[i].yaml {
                out.append("    paste into ")
                // Names from the manifest (a CR's, a container's): escaped as every other line is.
                out.appendEscaped(f.suggestions[i].pasteInto ?? f.object.objectName)
                out.append(":\n")
                for line in yaml.split(separator: "\n") {
                    out.append("      ")
                    if line.utf8.withContiguousStorageIfAvailable({ out.appendEscaped(utf8: $0) }) == nil { out.appendEscaped(String(line)) }
                    out.append("\n")
                }
            }
        }
    }

    public func render(_ error: LintError) -> String {
        var out = paint(TerminalText.escape(error.file) + (error.position.map { ":\($0.line):\($0.column):" } ?? ":"), code: "1")
        out += " " + paint("error", code: "1;31") + ": \(TerminalText.escape(error.message))\n"
        if let snippet = error.snippet { out += TerminalText.escapeLines(snippet) + "\n" }
        return out
    }

    func paint(_ text: String, code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func paint(_ text: StaticString, code: StaticString, into out: inout ByteText) {
        guard color else { return out.append(text) }
        out.append("\u{1B}[")
        out.append(code)
        out.append("m")
        out.append(text)
        out.append("\u{1B}[0m")
    }
}

extension Severity {
    /// `rawValue` as a literal, as `Note.Kind.label` (`NoteKindTests` keeps the two the same).
    var label: StaticString {
        switch self {
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }
}

extension Note.Kind {
    /// `rawValue` as a literal: the text report writes it on every note line, and the
    /// String `rawValue` cost a release there (`NoteKindTests` keeps the two the same).
    var label: StaticString {
        switch self {
        case .input: "input"
        case .derived: "derived"
        case .note: "note"
        }
    }
}
