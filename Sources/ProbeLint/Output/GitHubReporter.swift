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
        let props = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(name)\(props.isEmpty ? "" : " " + props)::\(escapeData(message))\n"
    }

    /// `%` -> `%25`, CR -> `%0D`, LF -> `%0A`.
    public static func escapeData(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Data escaping plus `:` -> `%3A` and `,` -> `%2C`.
    public static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingColonsAndCommas()
    }
}

private extension String {
    func replacingColonsAndCommas() -> String {
        var out = ""
        for c in unicodeScalars {
            switch c {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
