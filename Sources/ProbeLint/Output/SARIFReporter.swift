/// `-o sarif`: SARIF 2.1.0 as GitHub code scanning reads it (ECOSYSTEM.md section 3).
///
/// Paths are made relative to the repository's root (`PathBase`) and based on `%SRCROOT%`;
/// columns are Unicode code points, as libyaml counts them.
public struct SARIFReporter: Sendable {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let informationURI = "https://github.com/probelint/probelint"
    /// Key of our own fingerprint in `partialFingerprints`.
    public static let fingerprintKey = "probelint/v2"

    public var toolVersion: String
    /// The working directory, and the root (`%SRCROOT%`) artifact paths are relative to.
    public var paths: PathBase
    /// Absolute path of the folder relative paths are resolved against, ending in `/`.
    public var workingDirectory: String { paths.workingDirectory }
    public var source: ReportSource
    /// The input bytes by file name, used only to clamp regions that end at
    /// the start of a line (block scalars); optional.
    public var texts: [String: [UInt8]]

    /// `root`: the repository's root when it is not the working directory (`PathBase`).
    public init(toolVersion: String, workingDirectory: String, root: String? = nil, source: ReportSource = .files,
                texts: [String: [UInt8]] = [:]) {
        self.toolVersion = toolVersion
        paths = PathBase(workingDirectory: workingDirectory, root: root)
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
        // Every artifact's URI is relative to %SRCROOT%: a file's, `-k`'s kustomization file, and a
        // live object's name that stands for one (SARIF recommends the base with relative URIs).
        let base = JSONValue.object([("%SRCROOT%", .object([("uri", .string(Self.fileURI(paths.root)))]))])
        out += "\n      \"originalUriBaseIds\": \(base.serialized(level: 3)),"
        return out + "\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
    }

    /// Results as items of the `results` array (the caller puts a comma between two non-empty runs).
    public func items(_ findings: [Finding]) -> String {
        var bytes: [UInt8] = []
        var findings = findings
        var fingerprints: [RepeatedFingerprints.Mark] = []
        var results: [ResultLimit.Mark] = []
        items(moving: &findings, into: &bytes, fingerprints: &fingerprints, results: &results)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `items`, appended to `bytes`; `findings` is left empty (see `removeAll(inOrder:)`). Where
    /// in `bytes` each fingerprint is, and whose it is, is added to `fingerprints`: whoever
    /// writes the runs in order makes them unique in their files (`RepeatedFingerprints`). Where
    /// each result ends, and its severity, is added to `results`, so that a run can be cut at
    /// GitHub's limit (`ResultLimit`).
    public func items(moving findings: inout [Finding], into bytes: inout [UInt8], fingerprints: inout [RepeatedFingerprints.Mark],
                      results: inout [ResultLimit.Mark]) {
        var writer = JSONWriter(level: 4)
        let start = bytes.count
        findings.removeAll(inOrder: { f in
            write(f, to: &writer) { w, key in
                fingerprints.append(RepeatedFingerprints.Mark(offset: start + w.count - RepeatedFingerprints.digits - 1,
                                                              key: key, file: f.file))
            }
            results.append(ResultLimit.Mark(end: start + writer.count, severity: f.severity))
        })
        writer.copy(into: &bytes)
    }

    /// `omitted`: the results left out at GitHub's limit (`ResultLimit`), said in a notification.
    public func footer(_ report: LintReport, anyResult: Bool, omitted: ResultLimit? = nil) -> String {
        var invocations = JSONWriter(valueAt: 3)
        invocations.beginArray()
        writeInvocation(report, omitted: omitted, to: &invocations)
        invocations.endArray()
        return JSONValue.arrayEnd(level: 4, afterItems: anyResult) + ",\n      \"invocations\": \(invocations.text)\n    }\n  ]\n}\n"
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

    /// The rule's metadata. `help` is its page with a link to the page on the web at the end:
    /// GitHub's alert shows `help` and not `helpUri`, and the page's own links to
    /// `docs/model.md` would read as paths in the scanned repository.
    func rule(_ info: RuleInfo) -> JSONValue {
        let page = RuleHelp.page(for: info.id)
        return .object([
            ("id", .string(info.id.rawValue)),
            ("name", .string(info.name)),
            ("shortDescription", .object([("text", .string(Self.limit(info.summary)))])),
            ("fullDescription", .object([("text", .string(Self.limit(RuleHelp.fullDescription(info))))])),
            ("help", .object([("text", .string((page ?? info.summary) + "\n\nRule page: \(info.pageURI)\n")),
                              ("markdown", .string((page ?? info.summary) + "\n\n[The rule's page](\(info.pageURI))\n"))])),
            ("helpUri", .string(info.pageURI)),
            // `enabled` is true unless written: a rule off by default (PL401) says so.
            ("defaultConfiguration", .object([("level", .string(Self.level(info.defaultSeverity)))]
                                                + (info.enabledByDefault ? [] : [("enabled", .bool(false))]))),
            ("properties", .object([("tags", .array(info.tags.prefix(20).map { .string($0) }))])),
        ])
    }

    /// The run's one invocation: whether it succeeded, and its input errors as notifications.
    func writeInvocation<Sink: JSONSink & ~Copyable>(_ report: LintReport, omitted: ResultLimit? = nil, to w: inout Sink) {
        w.beginObject()
        w.member("executionSuccessful", report.errors.isEmpty)
        if let command = source.command { w.member("commandLine", command.joined(separator: " ")) }
        let omission = omitted.flatMap(\.message)
        if !report.errors.isEmpty || omission != nil {
            w.key("toolExecutionNotifications")
            w.beginArray()
            for error in report.errors { writeNotification(error, to: &w) }
            if let omission {
                w.beginObject()
                w.member("level", "warning")
                w.key("message")
                writeText(omission, to: &w)
                w.endObject()
            }
            w.endArray()
        }
        // A config file's setting that does nothing, or an ignore naming a later version's rule:
        // SARIF's place for a problem of the tool's configuration.
        if !report.allWarnings.isEmpty {
            w.key("toolConfigurationNotifications")
            w.beginArray()
            for warning in report.allWarnings { writeNotification(warning, level: "warning", to: &w) }
            w.endArray()
        }
        w.key("workingDirectory")
        w.beginObject()
        w.member("uri", Self.fileURI(workingDirectory))
        w.endObject()
        w.endObject()
    }

    func writeNotification<Sink: JSONSink & ~Copyable>(_ e: LintError, level: String = "error", to w: inout Sink) {
        w.beginObject()
        w.member("level", level)
        w.key("message")
        writeText(source.message(of: e), to: &w)
        if !source.locatesByObject {
            w.key("locations")
            w.beginArray()
            w.beginObject()
            w.key("physicalLocation")
            w.beginObject()
            w.key("artifactLocation")
            writeArtifactLocation(e.file, to: &w)
            if let p = e.position {
                w.key("region")
                w.beginObject()
                w.member("startLine", p.line)
                w.member("startColumn", p.column)
                w.endObject()
            }
            w.endObject()
            w.endObject()
            w.endArray()
        }
        w.endObject()
    }


    static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// GitHub's limit for `shortDescription.text` and `fullDescription.text`.
    static let descriptionLimit = 1024

    static func limit(_ text: String) -> String {
        text.count <= descriptionLimit ? text : String(text.prefix(descriptionLimit - 3)) + "..."
    }

    static func fileURI(_ absolutePath: String) -> String { "file://" + percentEncoded(absolutePath) }

    /// RFC 3986: keeps unreserved characters and `/`, encodes every other byte; a URL given as
    /// input (`PathBase.isURL`) keeps its reserved characters and `%` too, and is its own URI.
    static func percentEncoded(_ path: String, url: Bool = false) -> String {
        func kept(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                return true
            default:
                return url && "%:?#[]@!$&'()*+,;=".utf8.contains(byte)
            }
        }
        // Most paths need no encoding: then the path is the URI (one pass over its bytes in
        // place, no new string; through `String.UTF8View` the pass cost some 1,600
        // instructions, for each finding of `-o sarif`).
        var path = path
        let encoded = path.withUTF8 { bytes -> String? in
            if bytes.allSatisfy(kept) { return nil }
            let hex = Array("0123456789ABCDEF".utf8)
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count * 3)
            for byte in bytes {
                if kept(byte) {
                    out.append(byte)
                } else {
                    out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return encoded ?? path
    }
}
