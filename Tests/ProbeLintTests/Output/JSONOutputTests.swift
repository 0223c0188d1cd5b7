import Foundation
import Testing
@testable import ProbeLint

/// `-o json` against docs/json-output.schema.json (closed objects: every field documented).
@Suite struct JSONOutputTests {
    func json(_ arguments: [String], stdin: String? = nil, directory: URL? = nil) throws -> (TestSupport.Run, [String: Any]) {
        let run = try TestSupport.run(arguments + ["-o", "json"], stdin: stdin, directory: directory)
        let errors = try OutputSupport.schemaErrors(run.stdout, schema: OutputSupport.jsonSchema)
        #expect(errors.isEmpty, "schema errors: \(errors)")
        return (run, try OutputSupport.parse(run.stdout))
    }

    /// Every name of an input or derived value in the findings on the examples and the shared
    /// corpus, with every input given, is one the schema documents (`$defs.note.name`), so that
    /// a consumer has each one to go on; a new name fails here until it is written there.
    @Test func everyValueNameIsDocumented() throws {
        let schema = try OutputSupport.parse(String(contentsOf: OutputSupport.jsonSchema, encoding: .utf8))
        let described = try #require(schema.object("$defs")?.object("note")?.object("properties")?.object("name")?.string("description"))
        let documented = Set(described.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) })
        let flags = OutputSupport.incidentFlags + ["--startup-time", "100s", "--drain-time", "100s", "--journal-size", "382MB", "--journal-bandwidth", "2MB/s"]
        var seen: Set<String> = []
        for target in ["examples", TestSupport.corpus.path] {
            let run = try TestSupport.run(["-R", "-f", target, "-o", "json"] + flags)
            for finding in try OutputSupport.parse(run.stdout).array("findings") {
                for value in finding.array("inputs") + finding.array("derived") { if let name = value.string("name") { seen.insert(name) } }
            }
        }
        #expect(seen.count > 20)
        #expect(seen.subtracting(documented).isEmpty, "undocumented: \(seen.subtracting(documented).sorted())")
    }

    @Test func incidentIsCompleteAndValid() throws {
        let (run, doc) = try json(OutputSupport.timingFlags + ["examples/rgw-incident.yaml"])
        #expect(run.status == 1)
        #expect(doc.object("summary")?.int("errors") == 2)
        let f = try #require(doc.array("findings").first)
        #expect(f.string("rule") == "PL101")
        #expect(f.string("path") == "spec.template.spec.containers[0].livenessProbe.timeoutSeconds")
        #expect(f.object("range")?.object("start")?.int("line") == 59)
        #expect(f.object("object")?.string("displayName") == "deployment/rook-ceph/rook-ceph-rgw-my-store-a")
        let object = try #require(f.object("object"))
        #expect([object.string("kind"), object.string("namespace"), object.string("name"), object.string("container"), object.string("probe")]
                == ["Deployment", "rook-ceph", "rook-ceph-rgw-my-store-a", "rgw", "liveness"])
        let bandwidth = try #require(f.array("inputs").first { $0.string("name") == "bandwidth" })
        #expect(bandwidth.string("origin") == "flag")
        #expect(bandwidth["value"] as? Double == 10_000_000)
        let loaded = try #require(f.array("derived").first { $0.string("name") == "L99load" })
        #expect(loaded["value"] as? Double == 1.08)
        // Rook's CephObjectStore owns the Deployment and its operator would revert an edit:
        // the fix is shown, with no edit (`--fix` plans it so too).
        let fix = try #require(f.array("fix").first)
        #expect(fix["displayOnly"] as? Bool == true)
        #expect(fix["edit"] == nil)
    }

    /// Every fix the report shows as applicable is one `--diff` applies: on a Deployment a Rook
    /// CR owns, the report said "fix:" (JSON: displayOnly false, with an edit) while `--fix`
    /// left the field to the operator.
    @Test func fixesOnARookOwnedObjectAreDisplayOnlyAsFixPlansThem() throws {
        let (_, doc) = try json(OutputSupport.timingFlags + ["examples/rgw-incident.yaml"])
        let fixes = doc.array("findings").filter { $0["file"] as? String == "examples/rgw-incident.yaml" }.flatMap { $0.array("fix") }
        #expect(fixes.count >= 2)
        // The PL301 fix goes to the CR (target), which the operator reads: it is not the Deployment's.
        let own = fixes.filter { $0["target"] == nil }
        #expect(!own.isEmpty && own.allSatisfy { $0["displayOnly"] as? Bool == true && $0["edit"] == nil })
        let diff = try TestSupport.run(OutputSupport.timingFlags + ["--diff", "examples/rgw-incident.yaml"])
        #expect(!diff.stdout.contains("+++"))
        #expect(diff.stderr.contains("not fixed (display only): livenessProbe timeoutSeconds 1 -> 3"))
    }

    /// An invalid written value (a quoted number) is fixed in place like a valid one: the JSON
    /// edits and the SARIF replacements, applied to the file, give what `--fix` writes.
    @Test func invalidWrittenValuesCarryTheirEdit() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}\ntimeoutSeconds: \"5\"\nperiodSeconds: '10'\nsuccessThreshold: 2\n")
        let original = Array(yaml.utf8)
        func applied(_ edits: [(offset: Int, length: Int, text: String)]) -> String {
            var bytes = original
            for edit in edits.sorted(by: { $0.offset > $1.offset }) {
                bytes.replaceSubrange(edit.offset..<edit.offset + edit.length, with: Array(edit.text.utf8))
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let (_, doc) = try json(["-"], stdin: yaml)
        let edits = doc.array("findings").flatMap { $0.array("fix") }.compactMap { $0.object("edit") }
            .map { (offset: $0.int("offset") ?? -1, length: $0.int("length") ?? -1, text: $0.string("text") ?? "") }
        #expect(edits.count == 3)
        let sarif = try TestSupport.run(["-", "-o", "sarif"], stdin: yaml)
        let results = try #require(try OutputSupport.parse(sarif.stdout).array("runs").first).array("results")
        let replacements = try results.flatMap { $0.array("fixes") }.flatMap { $0.array("artifactChanges") }.flatMap { $0.array("replacements") }
            .map { replacement in
                let deleted = try #require(OutputSupport.bytes(of: replacement.object("deletedRegion") ?? [:], in: Array(yaml.utf8)))
                return (offset: deleted.lowerBound, length: deleted.count, text: replacement.object("insertedContent")?.string("text") ?? "")
            }
        let fixed = try TestSupport.run(["--fix", "-"], stdin: yaml)
        #expect(fixed.stdout.contains("timeoutSeconds: 5\n") && fixed.stdout.contains("periodSeconds: 10\n"))
        #expect(applied(edits) == fixed.stdout)
        #expect(applied(replacements) == fixed.stdout)
    }

    /// Annotations as origins, an invalid written value (current: null), and stdin.
    @Test func annotationsAndInvalidFieldsAreValid() throws {
        // PL101 on liveness uses the annotation's bandwidth; readiness's negative period is
        // invalid (PL202, current: null) and keeps that probe out of the timing rules.
        let yaml = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw", probe: """
            httpGet:
              path: /
              port: 80
            timeoutSeconds: 1
            """, extraContainer: """
                      readinessProbe:
                        httpGet: {path: /, port: 80}
                        periodSeconds: -3
            """, annotations: ["probelint.io/bandwidth": "10MB/s"])
        let (run, doc) = try json(["-"], stdin: yaml)
        #expect(run.status == 1)
        let findings = doc.array("findings")
        #expect(findings.contains { $0.string("rule") == "PL202" })
        let origins = findings.flatMap { $0.array("inputs") }.compactMap { $0.string("origin") }
        #expect(origins.contains("annotation"))
        #expect(findings.first?.string("file") == "<stdin>")
    }

    /// A directory run streams the document: per-file findings as each file's turn
    /// comes, then the cross-object ones (PL205), then input errors and the summary,
    /// whose counts match the findings written.
    @Test func streamedRunIsValidAndItsSummaryCountsWhatWasWritten() throws {
        let (run, doc) = try json(["--jobs", "2", JobsTests.benchCorpus.path])
        #expect(run.status == 1)
        let findings = doc.array("findings")
        #expect(findings.count > 100)
        let summary = try #require(doc.object("summary"))
        for severity in ["error", "warning", "info"] {
            #expect(summary.int(severity + "s") == findings.filter { $0.string("severity") == severity }.count)
        }
        #expect(summary.int("files") == 16)
        let rules = findings.compactMap { $0.string("rule") }
        let firstCross = try #require(rules.firstIndex(of: "PL205"))
        #expect(rules[firstCross...].allSatisfy { $0 == "PL205" })
        #expect(run.stdout.hasSuffix("}\n}\n"))
    }

    /// The three parts written one after the other are the document `JSONValue` writes.
    @Test func streamedPartsMatchTheDocumentWriter() throws {
        let example = try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml"))
        let files = [InputFile(path: "a.yaml", bytes: Array(example))]
        var report = Linter.lint(files)
        report.errors.append(LintError(file: "b.yaml", position: SourcePosition(offset: 3, line: 1, column: 4), message: "parser: x"))
        #expect(!report.findings.isEmpty)
        let written = JSONReporter.report(report, tool: "t")
        let document = JSONValue.object([
            ("version", .int(JSONReporter.version)),
            ("tool", .object([("name", .string("probelint")), ("version", .string("t"))])),
            ("source", .object([("type", .string("files"))])),
            ("findings", .array(report.findings.map { f in JSONTree.value { JSONReporter.write(f, source: .files, to: &$0) } })),
            ("inputErrors", .array(report.errors.map { e in JSONTree.value { JSONReporter.write(e, to: &$0) } })),
            ("summary", .object([
                ("files", .int(1)), ("objects", .int(1)),
                ("errors", .int(report.findings.filter { $0.severity == .error }.count)),
                ("warnings", .int(report.findings.filter { $0.severity == .warning }.count)),
                ("infos", .int(report.findings.filter { $0.severity == .info }.count)),
                ("inputErrors", .int(1)),
            ])),
        ])
        #expect(written == document.serialized() + "\n")
        var empty = LintReport()
        empty.files = 1
        #expect(JSONReporter.report(empty, tool: "t").contains("\"findings\": [],\n  \"inputErrors\": [],"))
    }

    /// `JSONWriter` lays out every finding of the examples, the corpus and a Rook CR with
    /// its Deployment (fixes that edit the CR, YAML to paste, live objects) byte for byte
    /// as `JSONValue` does.
    @Test func writerMatchesTheTreeOnEveryFinding() throws {
        let roots = [TestSupport.packageRoot.appendingPathComponent("examples"), TestSupport.corpus]
        var files: [InputFile] = []
        for root in roots {
            let found = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
            for url in found.sorted(by: { $0.path < $1.path }) where ["yaml", "yml", "json"].contains(url.pathExtension) {
                files.append(InputFile(path: url.path, bytes: Array(try Data(contentsOf: url))))
            }
        }
        // A Rook-generated Deployment beside its CR: PL301's fix edits the CR (`target`).
        var report = Linter.lint(files)
        report.findings += Linter.lint(RookCRFixTests.files(), options: RookCRFixTests.options()).findings
        #expect(report.findings.count > 50)
        #expect(report.findings.contains { $0.suggestions.contains { $0.target != nil } })
        #expect(report.findings.contains { $0.suggestions.contains { $0.yaml != nil } })
        for source in [ReportSource.files, .cluster(command: ["kubectl", "get"]), .kustomization(command: ["kubectl", "kustomize", "."], file: "kustomization.yaml")] {
            let tree = report.findings.map { f in JSONTree.value { JSONReporter.write(f, source: source, to: &$0) } }
            #expect(JSONReporter.items(report.findings, source: source) == JSONTree.items(tree, level: 2))
            let sarif = SARIFReporter(toolVersion: "t", workingDirectory: "/work", source: source)
            let results = report.findings.map { f in JSONTree.value { sarif.write(f, to: &$0) } }
            #expect(sarif.items(report.findings) == JSONTree.items(results, level: 4))
        }
    }

    @Test func zeroFindingsAndInputErrorsAreValid() throws {
        let (clean, cleanDoc) = try json(OutputSupport.timingFlags + ["examples/rgw-incident-fixed.yaml"])
        #expect(clean.status == 0)
        #expect(cleanDoc.array("findings").isEmpty)
        let (broken, brokenDoc) = try json(["-"], stdin: "kind: Pod\nmetadata: {name: x\n")
        #expect(broken.status == 2)
        let error = try #require(brokenDoc.array("inputErrors").first)
        #expect(error.string("file") == "<stdin>")
        #expect(error.object("position")?.int("line") == 3)
        #expect(brokenDoc.object("summary")?.int("inputErrors") == 1)
    }

    /// The schema is closed: an undocumented field is an error, so a new field must be documented.
    @Test func schemaRejectsUndocumentedFields() throws {
        let run = try TestSupport.run(OutputSupport.timingFlags + ["examples/rgw-incident.yaml", "-o", "json"])
        let tampered = run.stdout.replacingOccurrences(of: "\"fingerprint\":", with: "\"surprise\": 1, \"fingerprint\":")
        let errors = try OutputSupport.schemaErrors(tampered, schema: OutputSupport.jsonSchema)
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { $0.contains("Additional properties are not allowed ('surprise'") })
    }
}

/// The JSON writer against Foundation's parser: every string comes back as it went in.
@Suite struct JSONWriterTests {
    @Test func stringsRoundTripThroughAJSONParser() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        let samples = ["", "plain", controls, "quote \" backslash \\ slash /", "é ü 中文 🙂 \u{2028} \u{7F}",
                       "end\\", "\"", "mixed\u{1b}[31mred\u{1b}[0m\n"]
        for sample in samples {
            let written = JSONValue.string(sample).serialized()
            let parsed = try JSONSerialization.jsonObject(with: Data(written.utf8), options: .fragmentsAllowed) as? String
            #expect(parsed == sample, "\(written)")
        }
        #expect(JSONValue.string("a\u{1}\u{1f}\t\"\\").serialized() == #""a\u0001\u001f\t\"\\""#)
        let nested = JSONValue.object([("k", .array([.int(-3), .double(2.5), .double(4), .bool(true), .null, .string("x")]))])
        #expect(nested.serialized(pretty: false) == #"{"k":[-3,2.5,4,true,null,"x"]}"#)
        #expect(nested.serialized() == "{\n  \"k\": [\n    -3,\n    2.5,\n    4,\n    true,\n    null,\n    \"x\"\n  ]\n}")
    }

    /// `quote` skips eight bytes at a time: each byte to escape (and a few that are
    /// not) at every offset of a word and of the tail, against a byte-by-byte escape.
    @Test func everyEscapeAtEveryOffset() {
        func reference(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u00" + (hex.count == 1 ? "0" : "") + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let specials = (0..<0x20).compactMap(Unicode.Scalar.init) + ["\"", "\\", " ", "!", "#", "[", "]", "\u{7F}", "é", "🙂"]
        for (text, label) in OutputSupport.eachAtEveryOffset(specials) {
            #expect(JSONValue.string(text).serialized() == reference(text), "\(label)")
            // As UTF-8 bytes (a note's text in its finding's buffer), the same.
            var writer = JSONWriter(valueAt: 0)
            var utf8 = text
            utf8.withUTF8 { writer.string(utf8: $0) }
            #expect(writer.text == reference(text), "\(label) as bytes")
        }
    }

    /// The one layout of every JSON probelint writes, spelled out: streamed items at a
    /// level, empty containers, a value after a key, deep indents, and the compact form.
    @Test func writerLayout() {
        var items = JSONWriter(level: 2)
        for n in 0..<2 {
            items.beginObject()
            items.member("n", n)
            items.key("empty")
            items.beginArray()
            items.endArray()
            items.key("none")
            items.beginObject()
            items.endObject()
            items.endObject()
        }
        #expect(items.text == "\n    {\n      \"n\": 0,\n      \"empty\": [],\n      \"none\": {}\n    },"
            + "\n    {\n      \"n\": 1,\n      \"empty\": [],\n      \"none\": {}\n    }")
        // Deeper than one append of indentation (31 levels): the line starts come in pieces.
        var deep = JSONValue.int(1)
        for _ in 0..<40 { deep = .array([deep]) }
        var expected = "["
        for k in 1..<40 { expected += "\n" + String(repeating: "  ", count: 1 + k) + "[" }
        expected += "\n" + String(repeating: "  ", count: 41) + "1"
        for k in (0..<40).reversed() { expected += "\n" + String(repeating: "  ", count: 1 + k) + "]" }
        #expect(deep.serialized(level: 1) == expected)
        let object = JSONValue.object([("a b", .array([.string("x"), .object([])])), ("c", .double(.infinity))])
        #expect(object.serialized(pretty: false) == #"{"a b":["x",{}],"c":null}"#)
        #expect(object.serialized(level: 1) == "{\n    \"a b\": [\n      \"x\",\n      {}\n    ],\n    \"c\": null\n  }")
    }
}
