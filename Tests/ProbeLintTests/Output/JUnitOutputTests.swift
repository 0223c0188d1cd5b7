import Foundation
import Testing

/// `-o junit`: well-formed JUnit XML, read back by Python's XML parser
/// (Tests/Tools/junit-to-json.py, which also checks each suite's counts), a failed test case
/// for each finding of `-o json`, with the text report's explanation as its body.
@Suite struct JUnitOutputTests {
    static func cases(_ xml: String) throws -> [[String: Any]]? {
        try OutputSupport.readBack(xml, with: "junit-to-json.py")
    }

    @Test func aFailedTestCaseForEachFinding() throws {
        let args = OutputSupport.incidentFlags + ["examples/rgw-incident.yaml", "examples/mds-incident.yaml", "examples/web-sound.yaml"]
        let xml = try TestSupport.run(args + ["-o", "junit"])
        let json = try TestSupport.run(args + ["-o", "json"])
        let text = try TestSupport.run(args + ["--no-color"])
        #expect(xml.status == json.status)
        let cases = try #require(try Self.cases(xml.stdout))
        let findings = try OutputSupport.parse(json.stdout).array("findings")
        #expect(cases.count == findings.count && !cases.isEmpty)
        for (testCase, finding) in zip(cases, findings) {
            #expect(testCase["suite"] as? String == finding.string("file"))
            #expect(testCase["classname"] as? String == finding.string("file"))
            // The rule, the object as the text report names it (`Deployment/ns/name container c
            // livenessProbe`) and the field path.
            let object = try #require(finding.object("object"))
            let named = [object.string("kind") ?? "", object.string("namespace"), object.string("name") ?? ""].compactMap { $0 }.joined(separator: "/")
                + (object.string("container").map { " container \($0)" } ?? "") + (object.string("probe").map { " \($0)Probe" } ?? "")
            let path = try #require(finding.string("path"))
            #expect(testCase["name"] as? String == "\(finding.string("rule") ?? "") \(named) at \(path)")
            #expect(testCase["kind"] as? String == "failure")
            #expect(testCase["message"] as? String == finding.string("message"))
            #expect(testCase["type"] as? String == finding.string("severity"))
        }
        // The bodies, one after another, are the text report.
        #expect(cases.compactMap { $0["text"] as? String }.joined() == text.stdout)
    }

    @Test func inputErrorsAreErroredTestCases() throws {
        let dir = try OutputSupport.temporaryDirectory("junit")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "a: [\n".write(to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["-o", "junit", "broken.yaml"], directory: dir)
        #expect(run.status == 2)
        let cases = try #require(try Self.cases(run.stdout))
        #expect(cases.count == 1)
        #expect(cases.first?["suite"] as? String == "input errors")
        #expect(cases.first?["kind"] as? String == "error")
        #expect(cases.first?["type"] as? String == "input-error")
        #expect((cases.first?["text"] as? String)?.hasPrefix("broken.yaml:2:1: error: parser: did not find expected node content") == true)
    }

    @Test func streamedRunsMakeOneDocument() throws {
        let args = ["-o", "junit", "-R", "-f", TestSupport.shared.appendingPathComponent("corpus").path]
        let two = try TestSupport.run(args + ["-j", "2"])
        let one = try TestSupport.run(args + ["-j", "1", "--piece-bytes", "0"])
        #expect(two.stdout == one.stdout)
        #expect(try Self.cases(two.stdout)?.count ?? 0 > 50)
    }
}
