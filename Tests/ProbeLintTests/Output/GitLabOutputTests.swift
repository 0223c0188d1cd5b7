import Foundation
import Testing

/// `-o gitlab`: a GitLab Code Quality report, the same findings as `-o json` in Code Climate's
/// fields, valid against docs/gitlab-codequality.schema.json.
@Suite struct GitLabOutputTests {
    static let schema = TestSupport.packageRoot.appendingPathComponent("docs/gitlab-codequality.schema.json")

    static func issues(_ run: TestSupport.Run) throws -> [[String: Any]] {
        let value = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        return try #require(value as? [[String: Any]], "\(run.stdout)")
    }

    /// Every finding of the JSON report, with its rule, file, line and a severity GitLab knows.
    @Test func theSameFindingsAsJSONInCodeClimateFields() throws {
        // And on stdin a Deployment without probes: PL204's info finding.
        let args = OutputSupport.incidentFlags + ["examples/rgw-incident.yaml", "examples/mds-incident.yaml", "examples/web-sound.yaml", "-"]
        let quiet = TestSupport.probeless
        let gitlab = try TestSupport.run(args + ["-o", "gitlab"], stdin: quiet)
        let json = try TestSupport.run(args + ["-o", "json"], stdin: quiet)
        #expect(gitlab.status == json.status)
        #expect(try OutputSupport.schemaErrors(gitlab.stdout, schema: Self.schema) == [])
        let issues = try Self.issues(gitlab)
        let findings = try OutputSupport.parse(json.stdout).array("findings")
        #expect(issues.count == findings.count && !issues.isEmpty)
        let severities = ["error": "blocker", "warning": "major", "info": "info"]
        for (issue, finding) in zip(issues, findings) {
            #expect(issue["check_name"] as? String == finding.string("rule"))
            #expect(issue["severity"] as? String == severities[finding.string("severity") ?? ""])
            #expect(issue["description"] as? String == "\(finding.string("message") ?? "") [\(finding.string("rule") ?? "")]")
            let location = issue["location"] as? [String: Any]
            #expect(location?["path"] as? String == finding.string("file"))
            #expect((location?["lines"] as? [String: Any])?["begin"] as? Int == finding.object("range")?.object("start")?["line"] as? Int)
        }
        #expect(Set(findings.compactMap { $0.string("severity") }) == Set(severities.keys), "each severity is mapped")
        // Unique, and the same in the next run.
        let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
        #expect(Set(fingerprints).count == issues.count)
        #expect(try Self.issues(TestSupport.run(args + ["-o", "gitlab"], stdin: quiet)).compactMap { $0["fingerprint"] as? String } == fingerprints)
    }

    /// Paths are relative to CI_PROJECT_DIR for a file inside it; a fingerprint names the
    /// file, so the same object in another file is another issue.
    @Test func pathsAreRelativeToTheProjectDirectory() throws {
        let root = try OutputSupport.temporaryDirectory("gitlab")
        defer { try? FileManager.default.removeItem(at: root) }
        let deploy = root.appendingPathComponent("deploy")
        try FileManager.default.createDirectory(at: deploy, withIntermediateDirectories: true)
        let text = try String(contentsOf: OutputSupport.incident, encoding: .utf8)
        try text.write(to: deploy.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try text.write(to: deploy.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(OutputSupport.timingFlags + ["-o", "gitlab", "a.yaml", "b.yaml"],
                                      environment: ["CI_PROJECT_DIR": root.path], directory: deploy)
        let issues = try Self.issues(run)
        #expect(issues.compactMap { ($0["location"] as? [String: Any])?["path"] as? String } == ["deploy/a.yaml", "deploy/a.yaml", "deploy/b.yaml", "deploy/b.yaml"])
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == 4)
        let outside = try TestSupport.run(OutputSupport.timingFlags + ["-o", "gitlab", "a.yaml"], environment: ["CI_PROJECT_DIR": "/nonexistent/elsewhere"], directory: deploy)
        // A file outside the project keeps its absolute name: relative, GitLab would read it from the project's root.
        let absolute = deploy.resolvingSymlinksInPath().path + "/a.yaml"
        #expect(try Self.issues(outside).compactMap { ($0["location"] as? [String: Any])?["path"] as? String } == [absolute, absolute])
    }

    /// A file that does not read is an issue that blocks, at its line, after the findings; the
    /// exit status is 2 and the report is still one JSON array.
    @Test func inputErrorsAreBlockerIssues() throws {
        let dir = try OutputSupport.temporaryDirectory("gitlab")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "a: [\n".write(to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        try String(contentsOf: OutputSupport.incident, encoding: .utf8).write(to: dir.appendingPathComponent("rgw.yaml"), atomically: true, encoding: .utf8)
        for files in [["broken.yaml"], ["broken.yaml", "rgw.yaml"]] {
            let run = try TestSupport.run(OutputSupport.timingFlags + ["-o", "gitlab"] + files, directory: dir)
            #expect(run.status == 2)
            #expect(try OutputSupport.schemaErrors(run.stdout, schema: Self.schema) == [])
            let issues = try Self.issues(run)
            #expect(issues.count == files.count * 2 - 1)
            let last = try #require(issues.last)
            #expect(last["check_name"] as? String == "input-error")
            #expect(last["severity"] as? String == "blocker")
            #expect((last["description"] as? String)?.hasPrefix("parser: did not find expected node content") == true)
            #expect(((last["location"] as? [String: Any])?["lines"] as? [String: Any])?["begin"] as? Int == 2)
        }
        // One without a place (a path that does not exist) is at line 1: GitLab counts lines from 1.
        let missing = try #require(try Self.issues(TestSupport.run(["-o", "gitlab", "missing.yaml"], directory: dir)).first)
        #expect(((missing["location"] as? [String: Any])?["lines"] as? [String: Any])?["begin"] as? Int == 1, "\(missing)")
    }

    /// Two input errors of one message on one line (a one-line `kind: List`, as `jq -c` writes
    /// it) are two issues: their fingerprints differ by column, and GitLab shows one per fingerprint.
    @Test func inputErrorsOnOneLineHaveTheirOwnFingerprints() throws {
        let pod = { (name: String) in #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"\#(name)","annotations":{"probelint.io/bandwith":"1MB/s"}},"spec":{"containers":[{"name":"c","image":"x"}]}}"# }
        let list = #"{"apiVersion":"v1","kind":"List","items":["# + pod("a") + "," + pod("b") + "]}\n"
        let run = try TestSupport.run(["-o", "gitlab", "-f", "-"], stdin: list)
        let errors = try Self.issues(run).filter { $0["check_name"] as? String == "input-error" }
        #expect(errors.count == 2, "\(run.stdout)")
        #expect(Set(errors.compactMap { $0["fingerprint"] as? String }).count == 2, "\(errors)")
    }

    /// A config file's setting that does nothing is a `minor` `config-warning` issue, valid
    /// against the schema beside the findings (exit 0).
    @Test func aConfigWarningIsAValidIssue() throws {
        let run = try ConfigWarningOutputTests.run("gitlab")
        #expect(run.status == 0)
        #expect(try Self.issues(run).map { $0["check_name"] as? String } == ["config-warning"])
        #expect(try OutputSupport.schemaErrors(run.stdout, schema: Self.schema) == [])
    }

    /// A file that holds the same object twice: GitLab shows one issue per fingerprint, so a
    /// repeat is salted with its count. The first object's fingerprints are those it has alone,
    /// and the count runs in report order over a file cut into pieces on two workers and over the
    /// cross-object findings (PL205, rendered in chunks on the workers too).
    @Test func theSameObjectTwiceKeepsEveryIssue() throws {
        let dir = try OutputSupport.temporaryDirectory("gitlab")
        defer { try? FileManager.default.removeItem(at: dir) }
        let pod = OutputSupport.servedPod
        let file = dir.appendingPathComponent("pods.yaml")
        func fingerprints(_ extra: [String]) throws -> [String] {
            let run = try TestSupport.run(["-o", "gitlab", "pods.yaml"] + extra, directory: dir)
            #expect(try OutputSupport.schemaErrors(run.stdout, schema: Self.schema) == [])
            return try Self.issues(run).compactMap { $0["fingerprint"] as? String }
        }
        try pod.write(to: file, atomically: true, encoding: .utf8)
        let once = try fingerprints([])
        #expect(Set(once).count == 2 && once.count == 2)  // PL202 (the period) and PL205
        try String(repeating: pod + "---\n", count: 300).write(to: file, atomically: true, encoding: .utf8)
        let many = try fingerprints(["-j", "1", "--piece-bytes", "0"])
        #expect(many.count == 300 * once.count)
        let unique = Set(many).count == many.count
        #expect(unique)
        let firstKept = many.first == once.first && many.contains(once[1])
        #expect(firstKept)
        let split = try fingerprints(["-j", "2", "--piece-bytes", "2048"]) == many
        #expect(split)
    }

    /// Many files on two workers: the runs of issues are joined into one array, in the order
    /// one worker gives.
    @Test func streamedRunsMakeOneArray() throws {
        let args = ["-o", "gitlab", "-R", "-f", TestSupport.shared.appendingPathComponent("corpus").path]
        let two = try TestSupport.run(args + ["-j", "2"])
        let one = try TestSupport.run(args + ["-j", "1", "--piece-bytes", "0"])
        #expect(two.stdout == one.stdout)
        #expect(try OutputSupport.schemaErrors(two.stdout, schema: Self.schema) == [])
        #expect(try Self.issues(two).count >= 45)  // 46 on the corpus
    }

    /// `-k`: the findings are shown where file mode shows them, in the file kustomize read the
    /// object from, with the same fingerprints.
    @Test func kustomizationFindingsPointAtTheirFiles() throws {
        let run = try TestSupport.run(OutputSupport.timingFlags + ["-o", "gitlab", "-k", "examples/kustomize/base"])
        let files = try TestSupport.run(OutputSupport.timingFlags + ["-o", "gitlab", "-f", "examples/kustomize/base/rgw.yaml"])
        let issues = try Self.issues(run)
        #expect(issues.count == 2)
        let inFiles = try Self.issues(files)
        #expect(inFiles.map { $0["location"] as? NSDictionary } == issues.map { $0["location"] as? NSDictionary })
        #expect(inFiles.map { $0["fingerprint"] as? String } == issues.map { $0["fingerprint"] as? String })
        for issue in issues {
            #expect((issue["location"] as? [String: Any])?["path"] as? String == "examples/kustomize/base/rgw.yaml")
            #expect((issue["description"] as? String)?.hasPrefix("deployment/") == false)
        }
    }
}
