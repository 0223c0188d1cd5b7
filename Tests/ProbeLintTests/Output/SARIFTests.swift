import Foundation
import Testing
@testable import ProbeLint

/// `-o sarif` against the official SARIF 2.1.0 schema and GitHub's needs (ECOSYSTEM.md section 3).
@Suite struct SARIFTests {
    func sarif(_ arguments: [String], directory: URL? = nil) throws -> (run: TestSupport.Run, run0: [String: Any]) {
        let run = try TestSupport.run(arguments + ["-o", "sarif"], directory: directory)
        let errors = try OutputSupport.schemaErrors(run.stdout, schema: OutputSupport.sarifSchema)
        #expect(errors.isEmpty, "schema errors: \(errors)")
        let doc = try OutputSupport.parse(run.stdout)
        #expect(doc.string("version") == "2.1.0")
        #expect(doc.string("$schema") == SARIFReporter.schemaURI)
        let run0 = try #require(doc.array("runs").first)
        #expect(run0.string("columnKind") == "unicodeCodePoints")
        return (run, run0)
    }

    @Test func incidentIsValidWithRulesResultsAndFixes() throws {
        let (run, r) = try sarif(OutputSupport.timingFlags + ["examples/rgw-incident.yaml"])
        #expect(run.status == 1)
        let driver = try #require(r.object("tool")?.object("driver"))
        #expect(driver.string("name") == "probelint")
        #expect(driver.string("semanticVersion") == "0.1.0")
        #expect(driver.string("informationUri") == SARIFReporter.informationURI)
        let rules = driver.array("rules")
        #expect(rules.compactMap { $0.string("id") } == RuleCatalog.infos.map(\.id.rawValue).sorted())
        let pl101 = try #require(rules.first { $0.string("id") == "PL101" })
        #expect(pl101.string("name") == "probe-timeout-below-tail-latency")
        #expect(pl101.object("help")?.string("text")?.isEmpty == false)
        // GitHub shows help, not helpUri: the page's address ends both forms.
        #expect(pl101.object("help")?.string("markdown")?.hasSuffix("\n\n[The rule's page](\(pl101.string("helpUri") ?? "-"))\n") == true)
        #expect(pl101.object("help")?.string("text")?.hasSuffix("\n\nRule page: \(pl101.string("helpUri") ?? "-")\n") == true)
        #expect(pl101.string("helpUri") == SARIFReporter.informationURI + "/blob/main/rules/PL101-probe-timeout-below-tail-latency.md")
        #expect(pl101.object("defaultConfiguration")?.string("level") == "error")
        #expect(pl101.object("defaultConfiguration")?["enabled"] as? Bool == nil)
        // A rule off by default says so (SARIF's reportingConfiguration.enabled, true when not written).
        let pl401 = try #require(rules.first { $0.string("id") == "PL401" })
        #expect(pl401.object("defaultConfiguration")?["enabled"] as? Bool == false)
        #expect((pl101.object("properties")?["tags"] as? [String])?.contains("probes") == true)

        let results = r.array("results")
        #expect(results.compactMap { $0.string("ruleId") } == ["PL101", "PL102"])
        for result in results {
            let index = try #require(result.int("ruleIndex"))
            #expect(rules[index].string("id") == result.string("ruleId"))
        }
        let first = results[0]
        #expect(first.string("level") == "error")
        let location = try #require(first.array("locations").first)
        let physical = try #require(location.object("physicalLocation"))
        #expect(physical.object("artifactLocation")?.string("uri") == "examples/rgw-incident.yaml")
        #expect(physical.object("artifactLocation")?.string("uriBaseId") == "%SRCROOT%")
        let region = try #require(physical.object("region"))
        #expect([region.int("startLine"), region.int("startColumn"), region.int("endLine"), region.int("endColumn")] == [59, 29, 59, 30])
        // The region is the finding's value, timeoutSeconds' 1, and has no byte offsets, which
        // the SARIF viewer for VS Code reads first, as a place in a hex view.
        let incident = try Array(Data(contentsOf: OutputSupport.incident))
        let named = try #require(OutputSupport.bytes(of: region, in: incident))
        #expect(String(decoding: incident[named], as: UTF8.self) == "1")
        #expect(region["byteOffset"] == nil && region["byteLength"] == nil)
        let logical = location.array("logicalLocations").compactMap { $0.string("fullyQualifiedName") }
        #expect(logical == ["Deployment/rook-ceph/rook-ceph-rgw-my-store-a", "Deployment/rook-ceph/rook-ceph-rgw-my-store-a/rgw",
                            "Deployment/rook-ceph/rook-ceph-rgw-my-store-a:spec.template.spec.containers[0].livenessProbe.timeoutSeconds"])
        let base = r.object("originalUriBaseIds")?.object("%SRCROOT%")?.string("uri")
        #expect(base == "file://" + TestSupport.packageRoot.resolvingSymlinksInPath().path + "/")

        // A Deployment that a Rook CR owns: the operator would revert an edit, so the result
        // carries no fix (`--fix` shows it and leaves the file). The same Deployment without
        // its owner gets the replacement of the written `1` with 3.
        #expect(first["fixes"] == nil)
        let dir = try OutputSupport.temporaryDirectory("sarif-unowned")
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: OutputSupport.incident, encoding: .utf8)
        let owner = try #require(text.range(of: "  ownerReferences:\n"))
        let unowned = text.replacingCharacters(in: owner.lowerBound..<text.range(of: "spec:\n", range: owner.upperBound..<text.endIndex)!.lowerBound, with: "")
        try unowned.write(to: dir.appendingPathComponent("rgw.yaml"), atomically: true, encoding: .utf8)
        let (_, own) = try sarif(OutputSupport.timingFlags + ["--select", "PL101", "rgw.yaml"], directory: dir)
        let fixed = try #require(own.array("results").first)
        let replacement = try #require(fixed.array("fixes").first?.array("artifactChanges").first?.array("replacements").first)
        let deleted = try #require(replacement.object("deletedRegion"))
        // A text region (SARIF 3.57.1: a binary one SHALL come with binary content).
        let bytes = Array(unowned.utf8)
        #expect(deleted["byteOffset"] == nil && deleted["byteLength"] == nil)
        let deletedBytes = try #require(OutputSupport.bytes(of: deleted, in: bytes))
        #expect(String(decoding: bytes[deletedBytes], as: UTF8.self) == "1")
        #expect(String(decoding: bytes[deletedBytes.lowerBound - 16..<deletedBytes.lowerBound], as: UTF8.self) == "timeoutSeconds: ")
        #expect(replacement.object("insertedContent")?.string("text") == "3")
        #expect(r.array("invocations").first?["executionSuccessful"] as? Bool == true)
    }

    @Test func zeroFindingsIsValid() throws {
        let (run, r) = try sarif(OutputSupport.timingFlags + ["examples/rgw-incident-fixed.yaml"])
        #expect(run.status == 0)
        #expect(r.array("results").isEmpty)
        #expect(r.object("tool")?.object("driver")?.array("rules").count == RuleCatalog.infos.count)
    }

    @Test func inputErrorsAreToolExecutionNotifications() throws {
        let dir = try OutputSupport.temporaryDirectory("sarif-error")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: [\n".write(to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let (run, r) = try sarif(["broken.yaml", "missing.yaml"], directory: dir)
        #expect(run.status == 2)
        let invocation = try #require(r.array("invocations").first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notes = invocation.array("toolExecutionNotifications")
        #expect(notes.count == 2)
        let uris = notes.compactMap { $0.array("locations").first?.object("physicalLocation")?.object("artifactLocation")?.string("uri") }
        #expect(Set(uris) == ["broken.yaml", "missing.yaml"])
        let broken = try #require(notes.first { $0.array("locations").first?.object("physicalLocation")?.object("artifactLocation")?.string("uri") == "broken.yaml" })
        #expect(broken.array("locations").first?.object("physicalLocation")?.object("region")?.int("startLine") == 5)
        #expect(notes.allSatisfy { $0.string("level") == "error" })
    }

    /// Absolute paths inside the working folder become relative; outside it, file:// URIs.
    @Test func pathsAreRelativeToTheWorkingFolder() throws {
        let dir = try OutputSupport.temporaryDirectory("sarif-paths")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sub = dir.appendingPathComponent("deploy dir")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: OutputSupport.incident, to: sub.appendingPathComponent("rgw.yaml"))
        try FileManager.default.copyItem(at: OutputSupport.incident, to: sub.appendingPathComponent("rgw2.yaml"))
        let (_, r) = try sarif(OutputSupport.timingFlags + [sub.appendingPathComponent("rgw.yaml").path, "./deploy dir/rgw2.yaml"], directory: dir)
        let uris = r.array("results").compactMap {
            $0.array("locations").first?.object("physicalLocation")?.object("artifactLocation")?.string("uri")
        }
        #expect(uris == Array(repeating: "deploy%20dir/rgw.yaml", count: 2) + Array(repeating: "deploy%20dir/rgw2.yaml", count: 2))
    }

    /// A message string writes `{` and `}` doubled (SARIF 3.11.5), or a viewer reads `{0}` as a
    /// placeholder with no argument; an input error's notification alike. Content a fix inserts
    /// is no message, and stays as it is.
    @Test func bracesInMessagesAreDoubled() throws {
        let dir = try OutputSupport.temporaryDirectory("sarif-braces")
        defer { try? FileManager.default.removeItem(at: dir) }
        let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x\n    livenessProbe: {httpGet: {path: /, port: \"{0}\"}}\n"
        try pod.write(to: dir.appendingPathComponent("pod.yaml"), atomically: true, encoding: .utf8)
        try "name: {{ .Name }}\n".write(to: dir.appendingPathComponent("tpl.yaml"), atomically: true, encoding: .utf8)
        let (_, r) = try sarif(["pod.yaml", "tpl.yaml"], directory: dir)
        let message = try #require(r.array("results").first?.object("message")?.string("text"))
        #expect(message.contains("\"{{0}}\"") && !message.contains("\"{0}\""), "\(message)")
        let notification = try #require(r.array("invocations").first?.array("toolExecutionNotifications").first?.object("message")?.string("text"))
        #expect(notification.contains("'{{{{'") && !notification.contains("'{{'"), "\(notification)")
        #expect(SARIFReporter.messageString("a {b} c") == "a {{b}} c")
        #expect(SARIFReporter.messageString("plain") == "plain")
        let content = JSONTree.value { SARIFReporter(toolVersion: "0", workingDirectory: "/w").writeContent("{a: 1}", to: &$0) }.serialized(pretty: false)
        #expect(content == #"{"text":"{a: 1}"}"#)
    }

    /// RFC 3986: unreserved characters and `/` as they are, every other byte as `%XX`.
    @Test func pathsArePercentEncodedByteByByte() {
        #expect(SARIFReporter.percentEncoded("deploy/rgw-1_a.b~c.yaml") == "deploy/rgw-1_a.b~c.yaml")
        #expect(SARIFReporter.percentEncoded("a b/é%#?\u{7F}") == "a%20b/%C3%A9%25%23%3F%7F")
        #expect(SARIFReporter.fileURI("/w/x y.yaml") == "file:///w/x%20y.yaml")
    }

    /// Fingerprints are compared across runs and versions by code scanning: the hash
    /// (128-bit FNV-1a, computed here by a Python one-liner) must never change.
    @Test func fingerprintHashIsPinned() {
        #expect(StableHash.hex(joining: [""], separator: 0) == "cbf29ce4842223256c62272e07bb0142")
        let parts = ["PL101", "Deployment", "rook-ceph", "rook-ceph-rgw-a", "rgw",
                     "spec.template.spec.containers[0].livenessProbe.timeoutSeconds"]
        #expect(StableHash.hex(joining: parts, separator: UInt8(ascii: "|")) == "96f00293eaa28cc0408e39e5231ea59b")
        #expect(StableHash.hex(joining: [parts.joined(separator: "|")], separator: 0) == "96f00293eaa28cc0408e39e5231ea59b")
    }

    /// Lines inserted above a finding move it, and leave its fingerprint alone.
    @Test func fingerprintsSurviveInsertedLines() throws {
        let dir = try OutputSupport.temporaryDirectory("sarif-fingerprint")
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: OutputSupport.incident, encoding: .utf8)
        let file = dir.appendingPathComponent("rgw.yaml")
        func results() throws -> [(line: Int, fingerprint: String)] {
            let (_, r) = try sarif(OutputSupport.timingFlags + ["rgw.yaml"], directory: dir)
            return r.array("results").map {
                ($0.array("locations").first?.object("physicalLocation")?.object("region")?.int("startLine") ?? 0,
                 $0.object("partialFingerprints")?.string(SARIFReporter.fingerprintKey) ?? "")
            }
        }
        try text.write(to: file, atomically: true, encoding: .utf8)
        let before = try results()
        try ("# moved\n# down\n# three lines\n" + text.replacingOccurrences(of: "  replicas: 1\n", with: "  replicas: 1\n  paused: false\n"))
            .write(to: file, atomically: true, encoding: .utf8)
        let after = try results()
        #expect(before.count == 2 && after.count == 2)
        #expect(after.map(\.line) == before.map { $0.line + 4 })
        #expect(after.map(\.fingerprint) == before.map(\.fingerprint))
        #expect(Set(before.map(\.fingerprint)).count == 2)
        #expect(before.allSatisfy { $0.fingerprint.count == 32 })
    }

    /// A sidecar added before a container moves its index (`containers[0]` -> `[1]`), and leaves
    /// its findings' fingerprints alone: the container's name is in them, not its index. Another
    /// container's, and the same container's in `initContainers`, still differ.
    @Test func fingerprintsSurviveAContainerAddedBefore() throws {
        let web = "    - name: web\n      image: x\n      livenessProbe: {httpGet: {path: /, port: 80}, timeoutSeconds: 0.5}\n"
        func fingerprints(_ containers: String, key: String = "containers") -> [String: String] {
            let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  \(key):\n" + containers
            let findings = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
            return Dictionary(findings.map { ($0.object.container ?? "", SARIFReporter.fingerprint($0)) }) { first, _ in first }
        }
        let alone = fingerprints(web)
        let after = fingerprints("    - name: log\n      image: y\n" + web)
        #expect(alone.count == 1 && alone["web"] != nil)
        #expect(after["web"] == alone["web"])
        let renamed = fingerprints(web.replacingOccurrences(of: "name: web", with: "name: api"))
        #expect(renamed["api"] != nil && renamed["api"] != alone["web"])
        let sidecar = fingerprints(web.replacingOccurrences(of: "      image: x\n", with: "      image: x\n      restartPolicy: Always\n"),
                                   key: "initContainers")
        #expect(sidecar["web"] != nil && sidecar["web"] != alone["web"])
        #expect(SARIFReporter.withoutContainerIndex("spec.template.spec.initContainers[12].livenessProbe.timeoutSeconds")
                == "spec.template.spec.initContainers[].livenessProbe.timeoutSeconds")
        #expect(SARIFReporter.withoutContainerIndex("spec.healthCheck.livenessProbe.mon.probe.timeoutSeconds")
                == "spec.healthCheck.livenessProbe.mon.probe.timeoutSeconds")
    }

    /// Two problems of one probe keep their own fingerprints when one is mended: "more than one
    /// handler" is at the probe's key, not at the second handler's, whose own problem (httpGet
    /// without a port) had the same path, and so a salted fingerprint the other took over.
    @Test func twoProblemsOfAProbeKeepTheirFingerprints() throws {
        let probe = "httpGet: {path: /}\nexec: {command: [\"true\"]}"
        func fingerprints(_ yaml: String) -> [String: String] {
            let findings = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
            return Dictionary(findings.map { (String($0.message.prefix(while: { $0 != ":" })), SARIFReporter.fingerprint($0)) }) { first, _ in first }
        }
        let both = fingerprints(TestSupport.deployment(probe: probe))
        let mended = fingerprints(TestSupport.deployment(probe: probe.replacingOccurrences(of: "{path: /}", with: "{path: /, port: 80}")))
        #expect(both.count == 2 && Set(both.values).count == 2, "\(both)")
        let twoHandlers = "livenessProbe has more than one handler (exec and httpGet)"
        #expect(mended.keys.contains(twoHandlers) && mended[twoHandlers] == both[twoHandlers], "\(both) \(mended)")
    }

    /// A file that holds the same object twice: GitHub merges results whose fingerprints match,
    /// so a repeat in its file is salted with its count (as GitLab's are). The first object keeps
    /// the fingerprints it has alone, the count runs in report order over a file cut into pieces
    /// on two workers, and the same object in another file keeps its own, unsalted.
    @Test func theSameObjectTwiceInAFileKeepsEveryResult() throws {
        let dir = try OutputSupport.temporaryDirectory("sarif-repeats")
        defer { try? FileManager.default.removeItem(at: dir) }
        let pod = OutputSupport.servedPod
        func fingerprints(_ arguments: [String]) throws -> [(uri: String, fingerprint: String)] {
            let (_, r) = try sarif(arguments, directory: dir)
            return r.array("results").map {
                ($0.array("locations").first?.object("physicalLocation")?.object("artifactLocation")?.string("uri") ?? "",
                 $0.object("partialFingerprints")?.string(SARIFReporter.fingerprintKey) ?? "")
            }
        }
        try pod.write(to: dir.appendingPathComponent("pods.yaml"), atomically: true, encoding: .utf8)
        let once = try fingerprints(["pods.yaml"]).map(\.fingerprint)
        #expect(Set(once).count == 2 && once.count == 2)  // PL202 (the period) and PL205
        try String(repeating: pod + "---\n", count: 300).write(to: dir.appendingPathComponent("pods.yaml"), atomically: true, encoding: .utf8)
        try pod.write(to: dir.appendingPathComponent("other.yaml"), atomically: true, encoding: .utf8)
        let many = try fingerprints(["-j", "1", "--piece-bytes", "0", "pods.yaml", "other.yaml"])
        let inPods = many.filter { $0.uri == "pods.yaml" }.map(\.fingerprint)
        #expect(inPods.count == 300 * once.count)
        #expect(Set(inPods).count == inPods.count)
        #expect(inPods.first == once.first && inPods.contains(once[1]))
        #expect(Set(many.filter { $0.uri == "other.yaml" }.map(\.fingerprint)) == Set(once))
        let split = try fingerprints(["-j", "2", "--piece-bytes", "2048", "pods.yaml", "other.yaml"])
        #expect(split.map(\.fingerprint) == many.map(\.fingerprint))
    }

    /// A block scalar's end mark is column 1 of the next line: the region ends
    /// at the end of the scalar's last line instead.
    @Test func blockScalarEndIsClamped() throws {
        let text = Array("a: |\n  héllo\nb: 1\n".utf8)
        let range = SourceRange(start: SourcePosition(offset: 3, line: 1, column: 4), end: SourcePosition(offset: 14, line: 3, column: 1))
        let reporter = SARIFReporter(toolVersion: "0", workingDirectory: "/w", texts: ["f.yaml": text])
        let region = JSONTree.value { reporter.writeRegion(range, file: "f.yaml", to: &$0) }.serialized(pretty: false)
        // It ends at the end of '  héllo' (é is one code point), not at the line break after it.
        #expect(region == #"{"startLine":1,"startColumn":4,"endLine":2,"endColumn":8}"#)
        let crlf = SARIFReporter(toolVersion: "0", workingDirectory: "/w", texts: ["f.yaml": Array("a: |\r\n  héllo\r\nb: 1\r\n".utf8)])
        let crlfRange = SourceRange(start: SourcePosition(offset: 3, line: 1, column: 4), end: SourcePosition(offset: 16, line: 3, column: 1))
        #expect(JSONTree.value { crlf.writeRegion(crlfRange, file: "f.yaml", to: &$0) }.serialized(pretty: false)
                == #"{"startLine":1,"startColumn":4,"endLine":2,"endColumn":8}"#)
        // Lines that end at a CR alone: the end of '  héllo' too (it counted back to the file's start).
        let cr = SARIFReporter(toolVersion: "0", workingDirectory: "/w", texts: ["f.yaml": Array("a: |\r  héllo\rb: 1\r".utf8)])
        let crRange = SourceRange(start: SourcePosition(offset: 3, line: 1, column: 4), end: SourcePosition(offset: 14, line: 3, column: 1))
        #expect(JSONTree.value { cr.writeRegion(crRange, file: "f.yaml", to: &$0) }.serialized(pretty: false)
                == #"{"startLine":1,"startColumn":4,"endLine":2,"endColumn":8}"#)
        let unknown = JSONTree.value { SARIFReporter(toolVersion: "0", workingDirectory: "/w").writeRegion(range, file: "f.yaml", to: &$0) }.serialized(pretty: false)
        #expect(unknown == #"{"startLine":1,"startColumn":4,"endLine":3,"endColumn":1}"#)
    }
}

/// A block mapping's end mark is at the next key's indentation: the region and the GitHub
/// annotation end at the node's last text, not on the next field's line.
@Suite struct RegionEndTests {
    static let probe = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x\n    livenessProbe:\n      tcpSocket: {port: 80}\n      timeoutSeconds:\n        a: 1\n        b: 2\n\n      periodSeconds: 10\n"

    @Test func aBlockMappingEndsAtItsLastText() throws {
        let report = TestSupport.lint(Self.probe, readable: false)
        let f = try #require(report.findings.first { $0.rule == "PL202" })
        #expect((f.range.start.line, f.range.end.line) == (11, 14))
        let end = RegionEnd(f.range, text: Array(Self.probe.utf8))
        #expect(end == RegionEnd(line: 12, column: 13, clamped: true))
        let sarif = SARIFReporter(toolVersion: "0", workingDirectory: "/w", texts: ["test.yaml": Array(Self.probe.utf8)])
        #expect(JSONTree.value { sarif.writeRegion(f.range, file: "test.yaml", to: &$0) }.serialized(pretty: false)
                == #"{"startLine":11,"startColumn":9,"endLine":12,"endColumn":13}"#)
        let github = GitHubReporter(workingDirectory: "/w")
        var out = ByteText()
        github.render(f, into: &out, text: Array(Self.probe.utf8))
        #expect(out.string.hasPrefix("::error file=test.yaml,line=11,endLine=12,title="), "\(out.string)")
        // Without the text, an end that is not at column 1 stays.
        #expect(RegionEnd(f.range, text: nil) == RegionEnd(line: 14, column: 7, clamped: false))
        // The command line hands the file's text to both formats.
        let run = try TestSupport.run(["-o", "github", "-"], stdin: Self.probe)
        #expect(run.stdout.contains("::error file=<stdin>,line=11,endLine=12,title=PL202"), "\(run.stdout)")
    }

    /// The end of key `k`'s value in `yaml`, as libyaml marks it and `RegionEnd` moves it.
    static func end(of yaml: String) throws -> RegionEnd {
        let document = try #require(try Reader.readAll(yaml).first)
        let root = try #require(document.root)
        let value = try #require(document.lookup("k", in: root)?.value)
        return RegionEnd(document.range(value), text: Array(yaml.utf8))
    }

    /// CR LF breaks count once; a comment line at the next key's depth is no text of the node,
    /// a deeper one (a block scalar's `#` line) is; at the end of a file without its last line
    /// break libyaml's mark is on a line below the last; an end in a line's text stays.
    @Test func lineBreaksCommentsAndTextEnds() throws {
        #expect(try Self.end(of: "k:\r\n  a: 1\r\n\r\n  \r\nnext: 2\n") == RegionEnd(line: 2, column: 7, clamped: true))
        #expect(try Self.end(of: "k:\n  a: 1\n# note\n\nnext: 2\n") == RegionEnd(line: 2, column: 7, clamped: true))
        #expect(try Self.end(of: "k: |\n  echo\n  # text\nnext: 2\n") == RegionEnd(line: 3, column: 9, clamped: true))
        #expect(try Self.end(of: "k:\n  a: 1") == RegionEnd(line: 2, column: 7, clamped: true))
        #expect(try Self.end(of: "k: [1,\n  2]\n") == RegionEnd(line: 2, column: 5, clamped: false))
    }
}

/// The seam to the embedded rule pages: the first paragraph under "What it checks".
@Suite struct RuleHelpTests {
    @Test func fullDescriptionIsTheFirstParagraphOfWhatItChecks() {
        let page = "# PL999 x\n\nSummary.\n\n## What it checks\n\nIt compares T\nwith L99load.\n\nMore.\n## Why it matters\n"
        #expect(RuleHelp.section("What it checks", in: page) == "It compares T with L99load.")
        #expect(RuleHelp.section("Fix", in: page) == nil)
    }

    /// A list's continuation lines lose their indentation (joined, they made runs of spaces in
    /// PL202's text), each item or table row is a line of its own, and a paragraph that
    /// introduces a list or table with ":" goes on with it (PL107, PL203, PL204, PL301 and
    /// PL302 ended at the colon).
    @Test func fullDescriptionKeepsTheListItIntroduces() throws {
        let page = """
            ## What it checks

            Data ports are:

            - **rgw**: every TCP port, which
              carry client traffic.
            - **mgr**: none.
            1. first,
               then more.

            Later.
            """
        #expect(RuleHelp.section("What it checks", in: page)
                == "Data ports are:\n- **rgw**: every TCP port, which carry client traffic.\n- **mgr**: none.\n1. first, then more.")
        let table = "## What it checks\n\nFields:\n\n| owner | field |\n|---|:-:|\n| CephNFS | `spec.server` |\n"
        #expect(RuleHelp.section("What it checks", in: table) == "Fields:\nowner | field\nCephNFS | `spec.server`")
        let long = "## What it checks\n\n" + (1...30).map { "- item \($0): " + String(repeating: "x", count: 40) }.joined(separator: "\n")
        let cut = try #require(RuleHelp.section("What it checks", in: long))
        #expect(cut.hasPrefix("- item 1: xx") && cut.hasSuffix("xxx\n...") && cut.count <= 1024)
    }

    @Test func everyFullDescriptionIsWholePlainLines() throws {
        for info in RuleCatalog.infos {
            let text = RuleHelp.fullDescription(info)
            #expect(!text.contains("  ") && !text.hasSuffix(":"), "\(info.id): \(text)")
            #expect(text.count <= 1024, "\(info.id): \(text.count) characters")
        }
    }

    /// The three streamed parts are the document `JSONValue` writes for the same run.
    @Test func streamedPartsMatchTheDocumentWriter() throws {
        let example = try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml"))
        var report = Linter.lint([InputFile(path: "examples/rgw-incident.yaml", bytes: Array(example))])
        report.errors.append(LintError(file: "b.yaml", position: SourcePosition(offset: 3, line: 1, column: 4), message: "parser: x"))
        #expect(!report.findings.isEmpty)
        let reporter = SARIFReporter(toolVersion: "t", workingDirectory: "/work", texts: ["examples/rgw-incident.yaml": Array(example)])
        let infos = SARIFReporter.infos
        let document = JSONValue.object([
            ("$schema", .string(SARIFReporter.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", reporter.driver(infos))])),
                ("originalUriBaseIds", .object([("%SRCROOT%", .object([("uri", .string(SARIFReporter.fileURI("/work/")))]))])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(report.findings.map { f in JSONTree.value { reporter.write(f, to: &$0) } })),
                ("invocations", .array([JSONTree.value { reporter.writeInvocation(report, to: &$0) }])),
            ])])),
        ])
        #expect(reporter.report(report) == document.serialized() + "\n")
        #expect(reporter.report(LintReport()).contains("\"results\": [],\n      \"invocations\": ["))
    }
}
