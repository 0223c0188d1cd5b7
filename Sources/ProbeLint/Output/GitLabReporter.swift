/// `-o gitlab`: a GitLab Code Quality report (`artifacts: reports: codequality:`), a JSON array
/// of Code Climate issues with the fields GitLab reads (ECOSYSTEM.md section 4): `description`,
/// `check_name` (the rule ID), `fingerprint`, `severity` and `location` (`path` relative to the
/// project's root, `lines.begin`). Input errors are issues too (`check_name` `input-error`,
/// severity `blocker`), so that a file that does not read shows in the merge request.
public struct GitLabReporter: Sendable {
    /// The working directory, and the project's root (`CI_PROJECT_DIR`) that paths are relative to.
    public var paths: PathBase
    public var source: ReportSource

    /// `root`: the project's root when it is not the working directory (`PathBase`).
    public init(workingDirectory: String, root: String? = nil, source: ReportSource = .files) {
        paths = PathBase(workingDirectory: workingDirectory, root: root)
        self.source = source
    }

    public static let header = "["
    public static let inputErrorCheck = "input-error"
    /// A config file's setting that does nothing (minor: it does not fail the run).
    public static let configWarningCheck = "config-warning"
    /// An ignore annotation or comment that names a later version's rule (minor, as above).
    public static let inputWarningCheck = "input-warning"

    /// The Code Quality severity of a probelint severity (hadolint's mapping: an error blocks).
    public static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return "blocker"
        case .warning: return "major"
        case .info: return "info"
        }
    }

    /// Findings as items of the array, one per line, joined by commas (the caller joins runs);
    /// `findings` is left empty (see `removeAll(inOrder:)`). Where in `bytes` each fingerprint
    /// is, and whose it is, is added to `fingerprints`: whoever writes the runs in order makes
    /// them unique (`RepeatedFingerprints`).
    public func items(moving findings: inout [Finding], into bytes: inout [UInt8], fingerprints: inout [RepeatedFingerprints.Mark]) {
        var writer = JSONWriter(level: 1)
        let start = bytes.count
        findings.removeAll(inOrder: { f in
            var mark = write(f, to: &writer)
            mark.offset += start
            fingerprints.append(mark)
        })
        writer.copy(into: &bytes)
    }

    /// The input errors as issues and the closing bracket; `anyItem`: whether findings came before.
    public func footer(_ report: LintReport, anyItem: Bool) -> String {
        var writer = JSONWriter(level: 1)
        for error in report.errors { write(error, to: &writer) }
        for warning in report.warnings { write(warning, check: Self.configWarningCheck, severity: "minor", to: &writer) }
        for warning in report.inputWarnings { write(warning, check: Self.inputWarningCheck, severity: "minor", to: &writer) }
        let anyInput = !report.errors.isEmpty || !report.allWarnings.isEmpty
        var bytes: [UInt8] = []
        if anyItem && anyInput { bytes.append(UInt8(ascii: ",")) }
        writer.copy(into: &bytes)
        return String(decoding: bytes, as: UTF8.self) + JSONValue.arrayEnd(level: 1, afterItems: anyItem || anyInput) + "\n"
    }

    /// Writes the finding; returns where in the writer's text its fingerprint is, and whose it is.
    func write(_ f: Finding, to w: inout JSONWriter) -> RepeatedFingerprints.Mark {
        w.beginObject()
        w.member("description", source.message(of: f) + " [\(f.rule.rawValue)]")
        w.member("check_name", f.rule.rawValue)
        let path = source.relativeFileName(of: f, in: paths)
        // SARIF's fingerprint (rule, object, container, field path: never the line) with the file.
        let key = RepeatedFingerprints.Key(StableHash.lanes(joining: [path, SARIFReporter.fingerprint(f)], separator: UInt8(ascii: "|")))
        w.member("fingerprint", key.hex)
        let fingerprint = RepeatedFingerprints.Mark(offset: w.count - RepeatedFingerprints.digits - 1, key: key, file: path)  // before the closing quote
        w.member("severity", Self.severity(f.severity))
        writeLocation(path, line: source.locatesByObject ? 1 : f.range.start.line, to: &w)
        w.endObject()
        return fingerprint
    }

    func write<Sink: JSONSink & ~Copyable>(_ e: LintError, check: String = inputErrorCheck, severity: String = "blocker",
                                           to w: inout Sink) {
        w.beginObject()
        w.member("description", e.message)
        w.member("check_name", check)
        let path = source.relativeFile(of: e, in: paths)
        let line = e.position?.line ?? 1
        // With the column: two errors of one message on one line (the objects of a one-line
        // `kind: List`, as `jq -c` writes it) are two issues, and GitLab shows one per fingerprint.
        let column = e.position?.column ?? 0
        w.member("fingerprint", StableHash.hex(joining: [check, path, String(line), String(column), e.message], separator: UInt8(ascii: "|")))
        w.member("severity", severity)
        writeLocation(path, line: line, to: &w)
        w.endObject()
    }

    func writeLocation<Sink: JSONSink & ~Copyable>(_ path: String, line: Int, to w: inout Sink) {
        w.key("location")
        w.beginObject()
        w.member("path", path)
        w.key("lines")
        w.beginObject()
        w.member("begin", line)
        w.endObject()
        w.endObject()
    }
}
