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
        let all = try #require(try Self.cases(xml.stdout))
        // web-sound.yaml has no finding: its one test case passes (`aCleanFileIsOnePassingTestCase`).
        let cases = all.filter { $0["name"] as? String != "no findings" }
        #expect(all.count == cases.count + 1)
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
            // Below the default --fail-on warning, a passing test case (`findingsBelowFailOnPass`).
            guard finding.string("severity") != "info" else {
                #expect(testCase["kind"] as? String == "passed")
                continue
            }
            #expect(testCase["kind"] as? String == "failure")
            #expect(testCase["message"] as? String == finding.string("message"))
            #expect(testCase["type"] as? String == finding.string("severity"))
        }
        // The bodies, one after another, are the text report.
        #expect(cases.compactMap { $0["text"] as? String }.joined() == text.stdout)
    }

    /// Jenkins' junit step fails a build whose reports hold no test case: a linted file without
    /// findings is a suite of one passing test case, as in ESLint's JUnit report; one that does not
    /// read is an input error only.
    @Test func aCleanFileIsOnePassingTestCase() throws {
        let dir = try OutputSupport.temporaryDirectory("junit")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n".write(to: dir.appendingPathComponent("clean.yaml"), atomically: true, encoding: .utf8)
        try "a: [\n".write(to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let clean = try TestSupport.run(["-o", "junit", "clean.yaml"], directory: dir)
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("<testsuite name='clean.yaml' tests='1' failures='0'>\n<testcase classname='clean.yaml' name='no findings'/>\n</testsuite>\n"))
        let run = try TestSupport.run(["-o", "junit", "clean.yaml", "broken.yaml", OutputSupport.incident.path], directory: dir)
        #expect(run.status == 2)
        let cases = try #require(try Self.cases(run.stdout))
        let passed = cases.filter { $0["kind"] as? String == "passed" }
        #expect(passed.map { $0["suite"] as? String } == ["clean.yaml"])
        #expect(cases.filter { $0["classname"] as? String == "broken.yaml" }.map { $0["kind"] as? String } == ["error"])
        #expect(cases.contains { $0["classname"] as? String == OutputSupport.incident.path && $0["kind"] as? String == "failure" })
    }

    /// A run that lints no file (each one named is passed over: a kustomization's patch) has a
    /// test case as well: it had none, and Jenkins' junit step fails such a build.
    @Test func aRunThatLintsNoFileHasATestCase() throws {
        let patch = TestSupport.packageRoot.appendingPathComponent("examples/kustomize/overlays/prod/rgw-probes.yaml").path
        let run = try TestSupport.run(["-o", "junit", patch])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("note: not linted"))
        #expect(run.stdout.contains("<testsuite name='probelint' tests='1' failures='0'>\n<testcase classname='probelint' name='no findings'/>\n</testsuite>\n"), "\(run.stdout)")
    }

    /// A Pod with PL204 (info: no livenessProbe) and PL201 (warning: liveness the same as readiness).
    static let infoAndWarning = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
          - name: web
            image: nginx
            readinessProbe: {httpGet: {path: /, port: 80}}
          - name: side
            image: nginx
            livenessProbe: {httpGet: {path: /, port: 81}}
            readinessProbe: {httpGet: {path: /, port: 81}}

        """

    /// A finding below --fail-on does not fail the run, nor its test case: it passes, with the
    /// finding as its output; the test cases fail when the exit status does.
    @Test(arguments: [("warning", ["passed", "failure"], 1), ("error", ["passed", "passed"], 0), ("never", ["passed", "passed"], 0),
                      ("info", ["failure", "failure"], 1)])
    func findingsBelowFailOnPass(failOn: String, kinds: [String], status: Int32) throws {
        let dir = try OutputSupport.temporaryDirectory("junit")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.infoAndWarning.write(to: dir.appendingPathComponent("pod.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["-o", "junit", "--fail-on", failOn, "pod.yaml"], directory: dir)
        #expect(run.status == status)
        // junit-to-json.py checks the suite's failures count against its failed test cases.
        let cases = try #require(try Self.cases(run.stdout))
        #expect(cases.map { $0["kind"] as? String } == kinds)
        #expect(cases.first?["name"] as? String == "PL204 Pod/web container web at spec.containers[0].name")
        if kinds.first == "passed" {
            #expect((cases.first?["text"] as? String)?.hasPrefix("pod.yaml:6:11: info: container web has no livenessProbe") == true)
        }
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
