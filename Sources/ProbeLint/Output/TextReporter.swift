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
        var out = ""
        for finding in findings { render(finding, into: &out) }
        return out
    }

    public func render(_ f: Finding) -> String {
        var out = ""
        render(f, into: &out)
        return out
    }

    /// Appends one finding to `out`, piece by piece (no string per line).
    public func render(_ f: Finding, into out: inout String) {
        let safe = TerminalText.escape
        if color { out += "\u{1B}[1m" }
        if source.isCluster {
            out += safe(f.object.displayName)
            out += ": "
            out += f.path ?? ""
        } else {
            out += safe(f.file)
            out += ":"
            out += String(f.range.start.line)
            out += ":"
            out += String(f.range.start.column)
        }
        out += ":"
        if color { out += "\u{1B}[0m" }
        out += " "
        out += paint(f.severity.rawValue, code: f.severity == .error ? "1;31" : f.severity == .warning ? "1;33" : "1;36")
        out += ": "
        out += safe(f.message)
        out += " ["
        out += f.rule.description
        out += "]\n  object: "
        out += safe(f.object.description)
        out += "\n"
        for note in f.notes {
            out += "  "
            out += note.kind.rawValue
            out += ": "
            out += safe(note.text)
            out += "\n"
        }
        for s in f.suggestions {
            let current = s.current.value.map(String.init) ?? (s.current.isWritten ? "invalid" : "unset")
            let state = s.current.isWritten ? "" : s.scope == .probe && f.notes.contains(where: { $0.name == "rook" })
                ? " (not written, Rook default)" : " (not written, Kubernetes default)"
            let change = s.current.value == s.value ? "\(s.field.rawValue) \(s.value)" : "\(s.field.rawValue) \(current) -> \(s.value)\(state)"
            out += paint("  fix\(s.displayOnly ? " (display only)" : ""): \(change): \(safe(s.reason))", code: "32") + "\n"
            if let yaml = s.yaml {
                out += "    paste into \(s.pasteInto ?? f.object.objectName):\n" + yaml.split(separator: "\n").map { "      " + $0 + "\n" }.joined()
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
}
