/// `-o json`: a stable, versioned document (schema: docs/json-output.schema.json).
public enum JSONReporter {
    public static let version = 1

    public static func report(_ report: LintReport, tool: String, source: ReportSource = .files) -> String {
        var counts = Counts()
        counts.add(report.findings)
        return header(tool: tool, source: source) + items(report.findings, source: source)
            + footer(report, counts: counts, anyFinding: !report.findings.isEmpty)
    }

    // The document is written in three parts, so that a run can stream it: the
    // header, the findings as each file's turn comes (`items`, joined by a comma),
    // and the footer with the input errors and the summary.

    /// Findings per severity, for the summary.
    public struct Counts: Sendable {
        public var errors = 0, warnings = 0, infos = 0
        public var total: Int { errors + warnings + infos }
        public init() {}
        public mutating func add(_ findings: [Finding]) {
            for f in findings {
                switch f.severity {
                case .error: errors += 1
                case .warning: warnings += 1
                case .info: infos += 1
                }
            }
        }
        public mutating func add(_ other: Counts) {
            errors += other.errors
            warnings += other.warnings
            infos += other.infos
        }
    }

    /// Everything up to the opening bracket of `findings`.
    public static func header(tool: String, source: ReportSource) -> String {
        let sourceValue: JSONValue
        switch source {
        case .files: sourceValue = .object([("type", .string("files"))])
        case .cluster(let command):
            sourceValue = .object([("type", .string("cluster")), ("command", .array(command.map { .string($0) }))])
        }
        let tool = JSONValue.object([("name", .string("probelint")), ("version", .string(tool))])
        return "{\n  \"version\": \(version),\n  \"tool\": \(tool.serialized(level: 1)),\n  \"source\": \(sourceValue.serialized(level: 1)),\n  \"findings\": ["
    }

    /// Findings as items of the `findings` array, each on its own line, joined by commas
    /// (the caller puts a comma between two non-empty runs of items).
    public static func items(_ findings: [Finding], source: ReportSource) -> String {
        JSONValue.items(findings.map { finding($0, source: source) }, level: 2)
    }

    /// The closing bracket of `findings`, the input errors and the summary.
    public static func footer(_ report: LintReport, counts: Counts, anyFinding: Bool) -> String {
        let summary = JSONValue.object([
            ("files", .int(report.files)), ("objects", .int(report.objects)),
            ("errors", .int(counts.errors)), ("warnings", .int(counts.warnings)), ("infos", .int(counts.infos)),
            ("inputErrors", .int(report.errors.count)),
        ])
        return JSONValue.arrayEnd(level: 2, afterItems: anyFinding) + ",\n  \"inputErrors\": \(JSONValue.array(report.errors.map(error)).serialized(level: 1))"
            + ",\n  \"summary\": \(summary.serialized(level: 1))\n}\n"
    }

    static func position(_ p: SourcePosition) -> JSONValue {
        .object([("line", .int(p.line)), ("column", .int(p.column)), ("offset", .int(p.offset))])
    }

    static func finding(_ f: Finding, source: ReportSource) -> JSONValue {
        var object: [(String, JSONValue)] = [("kind", .string(f.object.kind)), ("name", .string(f.object.name))]
        if let ns = f.object.namespace { object.append(("namespace", .string(ns))) }
        if let c = f.object.container { object.append(("container", .string(c))) }
        if let p = f.object.probe { object.append(("probe", .string(p.rawValue))) }
        object.append(("displayName", .string(f.object.displayName)))
        let info = RuleCatalog.info(f.rule)
        var members: [(String, JSONValue)] = [
            ("rule", .string(f.rule.rawValue)),
            ("name", .string(info?.name ?? "")),
            ("severity", .string(f.severity.rawValue)),
            ("message", .string(f.message)),
        ]
        if !source.isCluster {
            members.append(("file", .string(f.file)))
            members.append(("range", .object([("start", position(f.range.start)), ("end", position(f.range.end))])))
        }
        if let path = f.path { members.append(("path", .string(path))) }
        return .object(members + [
            ("fingerprint", .string(SARIFReporter.fingerprint(f))),
            ("object", .object(object)),
            ("inputs", .array(f.notes.filter { $0.kind == .input }.map(note))),
            ("derived", .array(f.notes.filter { $0.kind == .derived }.map(note))),
            ("notes", .array(f.notes.filter { $0.kind == .note }.map { .string($0.text) })),
            ("fix", .array(f.suggestions.map(suggestion))),
        ])
    }

    static func note(_ n: Note) -> JSONValue {
        var members: [(String, JSONValue)] = [("text", .string(n.text))]
        if let name = n.name { members.append(("name", .string(name))) }
        if let value = n.value { members.append(("value", .double(value))) }
        if let unit = n.unit { members.append(("unit", .string(unit))) }
        if let origin = n.origin { members.append(("origin", .string(origin))) }
        return .object(members)
    }

    static func suggestion(_ s: Suggestion) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("field", .string(s.field.rawValue)),
            ("path", .string(s.path)),
            ("current", s.current.value.map { .int($0) } ?? .null),
            ("written", .bool(s.current.isWritten)),
            ("suggested", .int(s.value)),
            ("reason", .string(s.reason)),
            ("scope", .string(s.scope.rawValue)),
            ("displayOnly", .bool(s.displayOnly)),
        ]
        if let yaml = s.yaml { members.append(("yaml", .string(yaml))) }
        if let into = s.pasteInto { members.append(("pasteInto", .string(into))) }
        if let target = s.target {
            // The field the fix edits in another object and file (PL301: the owning Rook CR).
            var edited: [(String, JSONValue)] = [
                ("file", .string(target.file)), ("path", .string(target.path)),
                ("current", target.field.value.map { .int($0) } ?? .null), ("written", .bool(target.field.isWritten)),
            ]
            if case .written(_, _, let value) = target.field {
                edited.append(("edit", .object([
                    ("offset", .int(value.start.offset)), ("length", .int(value.bytes.count)), ("text", .string(String(s.value))),
                ])))
            }
            members.append(("target", .object(edited)))
        }
        // Where the field is written and the fix applies in place, the replacement of its value's bytes.
        if !s.displayOnly, s.target == nil, case .written(_, _, let value) = s.current {
            members.append(("edit", .object([
                ("offset", .int(value.start.offset)), ("length", .int(value.bytes.count)), ("text", .string(String(s.value))),
            ])))
        }
        return .object(members)
    }

    static func error(_ e: LintError) -> JSONValue {
        var members: [(String, JSONValue)] = [("file", .string(e.file)), ("message", .string(e.message))]
        if let p = e.position { members.append(("position", position(p))) }
        return .object(members)
    }
}
