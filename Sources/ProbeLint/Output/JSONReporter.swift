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
        /// The rule of the first finding counted, which the terminal's last line names as its example.
        public var firstRule: RuleID?
        public var total: Int { errors + warnings + infos }
        public init() {}
        public mutating func add(_ findings: [Finding]) {
            if firstRule == nil { firstRule = findings.first?.rule }
            for f in findings {
                switch f.severity {
                case .error: errors += 1
                case .warning: warnings += 1
                case .info: infos += 1
                }
            }
        }
        public mutating func add(_ other: Counts) {
            if firstRule == nil { firstRule = other.firstRule }
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
        case .kustomization(let command, let file):
            sourceValue = .object([("type", .string("kustomization")), ("command", .array(command.map { .string($0) }))]
                                  + (file.map { [("file", JSONValue.string($0))] } ?? []))
        case .kustomizedFiles(let command, let file):
            sourceValue = .object([("type", .string("kustomization")), ("command", .array(command.map { .string($0) })),
                                   ("file", .string(file)), ("locatedIn", .string("files"))])
        }
        let tool = JSONValue.object([("name", .string("probelint")), ("version", .string(tool))])
        return "{\n  \"version\": \(version),\n  \"tool\": \(tool.serialized(level: 1)),\n  \"source\": \(sourceValue.serialized(level: 1)),\n  \"findings\": ["
    }

    /// Findings as items of the `findings` array, each on its own line, joined by commas
    /// (the caller puts a comma between two non-empty runs of items).
    public static func items(_ findings: [Finding], source: ReportSource) -> String {
        var bytes: [UInt8] = []
        var findings = findings
        var fingerprints: [RepeatedFingerprints.Mark] = []
        items(moving: &findings, source: source, into: &bytes, fingerprints: &fingerprints)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `items`, appended to `bytes`; `findings` is left empty (see `removeAll(inOrder:)`). Where
    /// in `bytes` each fingerprint is, and whose it is, is added to `fingerprints`: whoever writes
    /// the runs in order makes them unique in their files as SARIF's are (`RepeatedFingerprints`),
    /// so that each finding's is its SARIF result's.
    public static func items(moving findings: inout [Finding], source: ReportSource, into bytes: inout [UInt8],
                             fingerprints: inout [RepeatedFingerprints.Mark]) {
        var writer = JSONWriter(level: 2)
        let start = bytes.count
        findings.removeAll(inOrder: { f in
            write(f, source: source, to: &writer) { w, key in
                // Before the closing quote.
                fingerprints.append(RepeatedFingerprints.Mark(offset: start + w.count - RepeatedFingerprints.digits - 1, key: key, file: f.file))
            }
        })
        writer.copy(into: &bytes)
    }

    /// The closing bracket of `findings`, the input errors and the summary.
    public static func footer(_ report: LintReport, counts: Counts, anyFinding: Bool) -> String {
        let summary = JSONValue.object([
            ("files", .int(report.files)), ("objects", .int(report.objects)),
            ("errors", .int(counts.errors)), ("warnings", .int(counts.warnings)), ("infos", .int(counts.infos)),
            ("inputErrors", .int(report.errors.count)),
        ])
        var errors = JSONWriter(valueAt: 1)
        errors.beginArray()
        for error in report.errors { write(error, to: &errors) }
        errors.endArray()
        var warnings = ""
        if !report.allWarnings.isEmpty {
            var writer = JSONWriter(valueAt: 1)
            writer.beginArray()
            for warning in report.allWarnings { write(warning, to: &writer) }
            writer.endArray()
            warnings = ",\n  \"inputWarnings\": \(writer.text)"
        }
        return JSONValue.arrayEnd(level: 2, afterItems: anyFinding) + ",\n  \"inputErrors\": \(errors.text)" + warnings
            + ",\n  \"summary\": \(summary.serialized(level: 1))\n}\n"
    }

    static func write<Sink: JSONSink & ~Copyable>(_ p: SourcePosition, to w: inout Sink) {
        w.beginObject()
        w.member("line", p.line)
        w.member("column", p.column)
        w.member("offset", p.offset)
        w.endObject()
    }

    /// One finding, as docs/json-output.schema.json describes it; `wroteFingerprint` is called
    /// with the sink and the fingerprint's lanes just after its digits.
    static func write<Sink: JSONSink & ~Copyable>(_ f: Finding, source: ReportSource, to w: inout Sink,
                                                  wroteFingerprint: (borrowing Sink, RepeatedFingerprints.Key) -> Void = { _, _ in }) {
        // Notes and fixes by index: `for x in` copies each first (a retain and a release
        // per String it holds).
        w.beginObject()
        w.member("rule", f.rule.rawValue)
        w.member("name", RuleCatalog.info(f.rule)?.name ?? "")
        w.member("severity", f.severity.rawValue)
        w.member("message", f.message)
        if !source.locatesByObject {
            w.member("file", f.file)
            w.key("range")
            w.beginObject()
            w.key("start")
            write(f.range.start, to: &w)
            w.key("end")
            write(f.range.end, to: &w)
            w.endObject()
        }
        if let path = f.path { w.member("path", path) }
        let fingerprint = RepeatedFingerprints.Key(SARIFReporter.fingerprintLanes(f))
        w.member("fingerprint", fingerprint.hex)
        wroteFingerprint(w, fingerprint)
        w.key("object")
        w.beginObject()
        w.member("kind", f.object.kind)
        w.member("name", f.object.name)
        if let ns = f.object.namespace { w.member("namespace", ns) }
        if let c = f.object.container { w.member("container", c) }
        if let p = f.object.probe { w.member("probe", p.rawValue) }
        w.member("displayName", f.object.displayName)
        w.endObject()
        func notes(_ key: StaticString, _ kind: Note.Kind) {
            w.key(key)
            w.beginArray()
            for i in f.notes.indices where f.notes.kind(at: i) == kind { write(f.notes, at: i, to: &w) }
            w.endArray()
        }
        notes("inputs", .input)
        notes("derived", .derived)
        w.key("notes")
        w.beginArray()
        for i in f.notes.indices where f.notes.kind(at: i) == .note { f.notes.withText(at: i) { w.string(utf8: $0) } }
        w.endArray()
        w.key("fix")
        w.beginArray()
        for i in f.suggestions.indices { write(f.suggestions[i], to: &w) }
        w.endArray()
        w.endObject()
    }

    /// The note at `i`, read field by field from the list: a note handed over whole,
    /// `write(notes[i])`, was copied first (a retain and a release per String it holds).
    static func write<Sink: JSONSink & ~Copyable>(_ notes: Notes, at i: Int, to w: inout Sink) {
        notes.withEntry(at: i) { note, text in
            w.beginObject()
            w.key("text")
            w.string(utf8: text)
            if let name = note.name { w.member("name", name) }
            if let value = note.value {
                w.key("value")
                w.double(value)
            }
            if let unit = note.unit { w.member("unit", unit) }
            if let origin = note.origin { w.member("origin", origin) }
            w.endObject()
        }
    }

    static func write<Sink: JSONSink & ~Copyable>(_ s: Suggestion, to w: inout Sink) {
        w.beginObject()
        w.member("field", s.field.rawValue)
        w.member("path", s.path)
        w.member("current", s.current.value)
        w.member("written", s.current.isWritten)
        w.member("suggested", s.value)
        w.member("reason", s.reason)
        w.member("scope", s.scope.rawValue)
        w.member("displayOnly", s.displayOnly)
        if let yaml = s.yaml { w.member("yaml", yaml) }
        if let into = s.pasteInto { w.member("pasteInto", into) }
        if let target = s.target {
            // The field the fix edits in another object and file (PL301: the owning Rook CR).
            w.key("target")
            w.beginObject()
            w.member("file", target.file)
            w.member("path", target.path)
            w.member("current", target.field.value)
            w.member("written", target.field.isWritten)
            if let value = target.field.writtenValue { writeEdit(value, s.value, to: &w) }
            w.endObject()
        }
        // Where the field is written (an invalid value too: `"5"`) and the fix applies in place,
        // the replacement of its value's bytes.
        if !s.displayOnly, s.target == nil, let value = s.current.writtenValue { writeEdit(value, s.value, to: &w) }
        w.endObject()
    }

    static func writeEdit<Sink: JSONSink & ~Copyable>(_ value: SourceRange, _ text: Int, to w: inout Sink) {
        w.key("edit")
        w.beginObject()
        w.member("offset", value.start.offset)
        w.member("length", value.bytes.count)
        w.member("text", String(text))
        w.endObject()
    }

    static func write<Sink: JSONSink & ~Copyable>(_ e: LintError, to w: inout Sink) {
        w.beginObject()
        w.member("file", e.file)
        w.member("message", e.message)
        if let p = e.position {
            w.key("position")
            write(p, to: &w)
        }
        w.endObject()
    }
}
