import Foundation
import Testing

/// Helpers for the output-format, plugin and packaging tests: temp folders,
/// the venv's tools (scripts/setup), schema validation and JSON parsing.
enum OutputSupport {
    /// A tool from the venv scripts/setup makes, or the environment variable scripts/test exports.
    static func venvTool(_ name: String, variable: String) -> String {
        if let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty { return path }
        return TestSupport.packageRoot.appendingPathComponent(".build-tools/venv/bin/\(name)").path
    }

    /// The bytes a SARIF text region names (lines end at LF, CR LF or CR; columns count code
    /// points, its `columnKind`; the end is exclusive), found here by counting, not by the
    /// reporter's offsets, so that a region that names other text than the finding's fails.
    static func bytes(of region: [String: Any], in text: [UInt8]) -> Range<Int>? {
        guard let startLine = region["startLine"] as? Int, let startColumn = region["startColumn"] as? Int,
              let endLine = region["endLine"] as? Int, let endColumn = region["endColumn"] as? Int else { return nil }
        func offset(line: Int, column: Int) -> Int? {
            var i = 0, l = 1
            while l < line {
                guard i < text.count else { return nil }
                if text[i] == 0x0A || (text[i] == 0x0D && (i + 1 == text.count || text[i + 1] != 0x0A)) { l += 1 }
                i += 1
            }
            var c = 1
            while c < column {
                guard i < text.count, text[i] != 0x0A, text[i] != 0x0D else { return nil }
                i += 1
                while i < text.count && text[i] & 0xC0 == 0x80 { i += 1 }
                c += 1
            }
            return i
        }
        guard let start = offset(line: startLine, column: startColumn), let end = offset(line: endLine, column: endColumn), start <= end else { return nil }
        return start..<end
    }

    static var python: String { venvTool("python", variable: "PROBELINT_PYTHON") }
    static var preCommit: String { venvTool("pre-commit", variable: "PROBELINT_PRE_COMMIT") }

    static let sarifSchema = TestSupport.shared.appendingPathComponent("schemas/sarif-schema-2.1.0.json")
    static let jsonSchema = TestSupport.packageRoot.appendingPathComponent("docs/json-output.schema.json")
    static let incident = TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml")
    static let sound = TestSupport.packageRoot.appendingPathComponent("examples/web-sound.yaml")
    static let incidentFlags = ["--bandwidth", "10MB/s", "--largest-transfer", "700MB"]
    /// The incident's figures with PL101 and PL102 alone: the two timing errors the output tests look at.
    static let timingFlags = incidentFlags + ["--select", "PL101,PL102"]

    /// A Deployment `web` with a negative period (PL202) and the Service that selects it (PL205,
    /// a cross-object finding): two findings a copy, one rendered with its document and one at the end.
    static let servedPod = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: nginx:1.27
                livenessProbe: {httpGet: {path: /, port: 80}, periodSeconds: -1}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec: {selector: {app: web}, ports: [{port: 80}]}

        """

    /// Each of `specials` at every offset of strings of 1 to 19 characters (plain `a`
    /// before it, `b` after), with a label for a failing expectation: for the escapes
    /// that pass over eight bytes at a time, around and across every word boundary.
    static func eachAtEveryOffset(_ specials: [Unicode.Scalar]) -> [(text: String, label: String)] {
        var out: [(text: String, label: String)] = []
        for special in specials {
            for length in [1, 7, 8, 9, 16, 19] {
                for offset in 0..<length {
                    var text = String(repeating: "a", count: offset)
                    text.unicodeScalars.append(special)
                    text += String(repeating: "b", count: length - offset - 1)
                    out.append((text, "U+\(String(special.value, radix: 16)) at \(offset) of \(length)"))
                }
            }
        }
        return out
    }

    /// A fresh temporary folder (resolved, so paths compare with getcwd's).
    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.resolvingSymlinksInPath()
    }

    /// Writes each file of `files` (a path below `root`, and its text), making its folders.
    static func write(_ files: [String: String], in root: URL) throws {
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Validates `document` against the schema with Python's jsonschema; returns
    /// the error lines (empty when valid).
    static func schemaErrors(_ document: String, schema: URL) throws -> [String] {
        let dir = try temporaryDirectory("schema")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("doc.json")
        try document.write(to: file, atomically: true, encoding: .utf8)
        let script = TestSupport.packageRoot.appendingPathComponent("Tests/Tools/validate-json.py").path
        let run = try TestSupport.run([script, schema.path, file.path], executable: URL(fileURLWithPath: python))
        #expect(run.status == 0 || run.status == 1, "validator failed to run: \(run.stderr)")
        return run.stdout.split(separator: "\n").map(String.init) + (run.status > 1 ? [run.stderr] : [])
    }

    /// The JSON array a reader in Tests/Tools prints for `document` on its stdin, or nil (and an
    /// issue with the reader's message) when it refuses the document.
    static func readBack(_ document: String, with tool: String) throws -> [[String: Any]]? {
        let script = TestSupport.packageRoot.appendingPathComponent("Tests/Tools/\(tool)").path
        let run = try TestSupport.run([script], stdin: document, executable: URL(fileURLWithPath: python))
        #expect(run.status == 0, "\(run.stderr)")
        guard run.status == 0 else { return nil }
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
    }

    static func parse(_ json: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8))
        return try #require(value as? [String: Any])
    }
}

/// Typed access into parsed JSON without a chain of casts at every use.
extension Dictionary where Key == String, Value == Any {
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func array(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
    func string(_ key: String) -> String? { self[key] as? String }
    func int(_ key: String) -> Int? { self[key] as? Int }
}
