/// `-o github`: GitHub Actions workflow commands, one per finding
/// (`::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`),
/// escaped as actions/toolkit's command.ts does (ECOSYSTEM.md section 4).
public struct GitHubReporter: Sendable {
    /// Absolute path (ending in `/`) that file names are made relative to.
    public var workingDirectory: String
    public var source: ReportSource

    public init(workingDirectory: String, source: ReportSource = .files) {
        self.workingDirectory = workingDirectory.isEmpty || workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        self.source = source
    }

    public func render(_ f: Finding) -> String {
        var properties: [(String, String)] = []
        var message = f.message
        if source.isCluster {
            message = "\(f.object.displayName)\(f.path.map { " " + $0 } ?? ""): " + message
        } else {
            properties.append(("file", relativePath(f.file, to: workingDirectory)))
            properties.append(("line", String(f.range.start.line)))
            let endLine = max(f.range.start.line, f.range.end.line)
            properties.append(("endLine", String(endLine)))
            // col and endColumn are only valid when the annotation stays on one line.
            if endLine == f.range.start.line {
                properties.append(("col", String(f.range.start.column)))
                properties.append(("endColumn", String(max(f.range.start.column, f.range.end.column))))
            }
        }
        properties.append(("title", "\(f.rule) \(RuleCatalog.info(f.rule)?.name ?? "")"))
        for s in f.suggestions {
            let current = s.current.value.map(String.init) ?? "unset"
            message += "\nfix: \(s.field.rawValue) \(current) -> \(s.value): \(s.reason)"
        }
        return Self.command(Self.command(for: f.severity), properties: properties, message: message)
    }

    public func render(_ e: LintError) -> String {
        var properties: [(String, String)] = []
        if !source.isCluster {
            properties.append(("file", relativePath(e.file, to: workingDirectory)))
            if let p = e.position {
                properties.append(("line", String(p.line)))
                properties.append(("col", String(p.column)))
            }
        }
        properties.append(("title", "probelint input error"))
        return Self.command("error", properties: properties, message: e.message)
    }

    static func command(for severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "notice"
        }
    }

    static func command(_ name: String, properties: [(String, String)], message: String) -> String {
        var out = ByteText()
        out.append("::")
        out.append(name)
        for (i, (key, value)) in properties.enumerated() {
            out.append(i == 0 ? " " : ",")
            out.append(key)
            out.append("=")
            out.append(value, replacing: propertyEscape)
        }
        out.append("::")
        out.append(message, replacing: dataEscape)
        out.append("\n")
        return out.string
    }

    /// `%` -> `%25`, CR -> `%0D`, LF -> `%0A`.
    public static func escapeData(_ s: String) -> String {
        var out = ByteText()
        out.append(s, replacing: dataEscape)
        return out.string
    }

    /// Data escaping plus `:` -> `%3A` and `,` -> `%2C`.
    public static func escapeProperty(_ s: String) -> String {
        var out = ByteText()
        out.append(s, replacing: propertyEscape)
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

    static func propertyEscape(_ byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: ":"): return "%3A"
        case UInt8(ascii: ","): return "%2C"
        default: return dataEscape(byte)
        }
    }
}
