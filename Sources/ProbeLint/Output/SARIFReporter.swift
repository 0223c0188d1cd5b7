/// `-o sarif`: SARIF 2.1.0 as GitHub code scanning reads it (ECOSYSTEM.md section 3).
///
/// Paths are made relative to `workingDirectory` and based on `%SRCROOT%`;
/// columns are Unicode code points, as libyaml counts them.
public struct SARIFReporter: Sendable {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let informationURI = "https://github.com/probelint/probelint"
    /// Key of our own fingerprint in `partialFingerprints`.
    public static let fingerprintKey = "probelint/v1"

    public var toolVersion: String
    /// Absolute path of the folder relative paths are resolved against.
    public var workingDirectory: String
    public var source: ReportSource
    /// The input bytes by file name, used only to clamp regions that end at
    /// the start of a line (block scalars); optional.
    public var texts: [String: [UInt8]]

    public init(toolVersion: String, workingDirectory: String, source: ReportSource = .files, texts: [String: [UInt8]] = [:]) {
        self.toolVersion = toolVersion
        self.workingDirectory = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        self.source = source
        self.texts = texts
    }

    /// Every rule, in `ruleIndex` order.
    static let infos = RuleCatalog.infos.sorted { $0.id < $1.id }

    public func report(_ report: LintReport) -> String {
        header() + items(report.findings) + footer(report, anyResult: !report.findings.isEmpty)
    }

    // Written in three parts, so that a run can stream it: the header up to the
    // opening bracket of `results`, the results as each file's turn comes (`items`,
    // joined by a comma), and the footer with the invocation (which carries the
    // input errors). The nesting of `runs[0].results` is four levels.

    public func header() -> String {
        var out = "{\n  \"$schema\": \(JSONValue.string(Self.schemaURI).serialized(level: 1)),\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {"
        out += "\n      \"tool\": \(JSONValue.object([("driver", driver(Self.infos))]).serialized(level: 3)),"
        if !source.isCluster {
            let base = JSONValue.object([("%SRCROOT%", .object([("uri", .string(Self.fileURI(workingDirectory)))]))])
            out += "\n      \"originalUriBaseIds\": \(base.serialized(level: 3)),"
        }
        return out + "\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
    }

    /// Results as items of the `results` array (the caller puts a comma between two non-empty runs).
    public func items(_ findings: [Finding]) -> String {
        JSONValue.items(findings.map { result($0, infos: Self.infos) }, level: 4)
    }

    public func footer(_ report: LintReport, anyResult: Bool) -> String {
        JSONValue.arrayEnd(level: 4, afterItems: anyResult) + ",\n      \"invocations\": \(JSONValue.array([invocation(report)]).serialized(level: 3))\n    }\n  ]\n}\n"
    }

    func driver(_ infos: [RuleInfo]) -> JSONValue {
        .object([
            ("name", .string("probelint")),
            ("version", .string(toolVersion)),
            ("semanticVersion", .string(toolVersion)),
            ("informationUri", .string(Self.informationURI)),
            ("rules", .array(infos.map(rule))),
        ])
    }

    func rule(_ info: RuleInfo) -> JSONValue {
        let page = RuleHelp.page(for: info.id)
        return .object([
            ("id", .string(info.id.rawValue)),
            ("name", .string(info.name)),
            ("shortDescription", .object([("text", .string(Self.limit(info.summary)))])),
            ("fullDescription", .object([("text", .string(Self.limit(RuleHelp.fullDescription(info))))])),
            ("help", .object([("text", .string(page ?? info.summary)), ("markdown", .string(page ?? info.summary))])),
            ("helpUri", .string("\(Self.informationURI)/blob/main/rules/\(info.id)-\(info.name).md")),
            ("defaultConfiguration", .object([("level", .string(Self.level(info.defaultSeverity)))])),
            ("properties", .object([("tags", .array(info.tags.prefix(20).map { .string($0) }))])),
        ])
    }

    func result(_ f: Finding, infos: [RuleInfo]) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(f.rule.rawValue)),
        ]
        if let index = infos.firstIndex(where: { $0.id == f.rule }) { members.append(("ruleIndex", .int(index))) }
        members.append(("level", .string(Self.level(f.severity))))
        var text = f.message
        if source.isCluster, let path = f.path { text = "\(f.object.displayName) \(path): \(text)" }
        members.append(("message", .object([("text", .string(text))])))
        var location: [(String, JSONValue)] = []
        if !source.isCluster {
            location.append(("physicalLocation", .object([
                ("artifactLocation", artifactLocation(f.file)),
                ("region", region(f.range, file: f.file)),
            ])))
        }
        location.append(("logicalLocations", .array(logicalLocations(f))))
        members.append(("locations", .array([.object(location)])))
        members.append(("partialFingerprints", .object([(Self.fingerprintKey, .string(Self.fingerprint(f)))])))
        if !source.isCluster, let fix = fix(f) { members.append(("fixes", .array([fix]))) }
        return .object(members)
    }

    /// Stays the same when unrelated lines move: rule, object, container and
    /// field path, never the line.
    public static func fingerprint(_ f: Finding) -> String {
        let o = f.object
        let parts = [f.rule.rawValue, o.kind, o.namespace ?? "", o.name, o.container ?? "",
                     f.path ?? o.probe?.fieldName ?? ""]
        return StableHash.hex(parts.joined(separator: "|"))
    }

    func logicalLocations(_ f: Finding) -> [JSONValue] {
        let o = f.object
        let objectName = o.objectName
        var out: [JSONValue] = [.object([("name", .string(o.name)), ("fullyQualifiedName", .string(objectName)), ("kind", .string("resource"))])]
        if let container = o.container {
            out.append(.object([("name", .string(container)), ("fullyQualifiedName", .string("\(objectName)/\(container)")), ("kind", .string("member"))]))
        }
        if let path = f.path {
            out.append(.object([("name", .string(path)), ("fullyQualifiedName", .string("\(objectName):\(path)")), ("kind", .string("property"))]))
        }
        return out
    }

    /// The replacements of the fix where the field is written in this object; an
    /// unwritten field (an insertion), a display-only suggestion and one that edits
    /// another object (a Rook CR) are left to `--fix`, which plans and verifies them.
    func fix(_ f: Finding) -> JSONValue? {
        var replacements: [JSONValue] = []
        var reasons: [String] = []
        for s in f.suggestions where !s.displayOnly && s.target == nil {
            guard case .written(_, _, let value) = s.current else { continue }
            replacements.append(.object([
                ("deletedRegion", .object([("byteOffset", .int(value.start.offset)), ("byteLength", .int(value.bytes.count))])),
                ("insertedContent", .object([("text", .string(String(s.value)))])),
            ]))
            reasons.append("\(s.field.rawValue) -> \(s.value): \(s.reason)")
        }
        guard !replacements.isEmpty else { return nil }
        return .object([
            ("description", .object([("text", .string(reasons.joined(separator: "; ")))])),
            ("artifactChanges", .array([.object([("artifactLocation", artifactLocation(f.file)), ("replacements", .array(replacements))])])),
        ])
    }

    func invocation(_ report: LintReport) -> JSONValue {
        var members: [(String, JSONValue)] = [("executionSuccessful", .bool(report.errors.isEmpty))]
        if case .cluster(let command) = source {
            members.append(("commandLine", .string(command.joined(separator: " "))))
        }
        if !report.errors.isEmpty {
            members.append(("toolExecutionNotifications", .array(report.errors.map(notification))))
        }
        members.append(("workingDirectory", .object([("uri", .string(Self.fileURI(workingDirectory)))])))
        return .object(members)
    }

    func notification(_ e: LintError) -> JSONValue {
        var members: [(String, JSONValue)] = [("level", .string("error")), ("message", .object([("text", .string(e.message))]))]
        if !source.isCluster {
            var physical: [(String, JSONValue)] = [("artifactLocation", artifactLocation(e.file))]
            if let p = e.position { physical.append(("region", .object([("startLine", .int(p.line)), ("startColumn", .int(p.column))]))) }
            members.append(("locations", .array([.object([("physicalLocation", .object(physical))])])))
        }
        return .object(members)
    }

    /// A path relative to the working folder, based on `%SRCROOT%`; an absolute
    /// path outside it stays an absolute `file://` URI.
    func artifactLocation(_ file: String) -> JSONValue {
        let path = relativePath(file, to: workingDirectory)
        if path.hasPrefix("/") { return .object([("uri", .string(Self.fileURI(path)))]) }
        return .object([("uri", .string(Self.percentEncoded(path))), ("uriBaseId", .string("%SRCROOT%"))])
    }

    /// Start and exclusive end; an end at column 1 of a later line (a block
    /// scalar's end mark) is clamped to the end of the line before it.
    func region(_ range: SourceRange, file: String) -> JSONValue {
        var endLine = range.end.line, endColumn = range.end.column
        if endLine > range.start.line && endColumn == 1 {
            endLine -= 1
            endColumn = lineEndColumn(file: file, lineEndingAt: range.end.offset) ?? endColumn
            if endColumn == 1 { endLine += 1 }
        }
        if endLine < range.start.line || (endLine == range.start.line && endColumn < range.start.column) {
            endLine = range.start.line
            endColumn = range.start.column
        }
        return .object([
            ("startLine", .int(range.start.line)), ("startColumn", .int(range.start.column)),
            ("endLine", .int(endLine)), ("endColumn", .int(endColumn)),
            ("byteOffset", .int(range.start.offset)), ("byteLength", .int(range.bytes.count)),
        ])
    }

    /// The exclusive end column (code points) of the line before byte `offset`,
    /// which is the first byte of a line.
    func lineEndColumn(file: String, lineEndingAt offset: Int) -> Int? {
        guard let text = texts[file], offset > 0, offset <= text.count else { return nil }
        var end = offset - 1  // the "\n"
        if end > 0 && text[end - 1] == 0x0D { end -= 1 }
        var start = end
        while start > 0 && text[start - 1] != 0x0A { start -= 1 }
        let codePoints = text[start..<end].reduce(0) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) }
        return codePoints + 1
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    static func limit(_ text: String) -> String {
        text.count <= 1024 ? text : String(text.prefix(1021)) + "..."
    }

    static func fileURI(_ absolutePath: String) -> String { "file://" + percentEncoded(absolutePath) }

    /// RFC 3986: keeps unreserved characters and `/`, encodes every other byte.
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
