import Foundation
import Testing
@testable import ProbeLint

/// An ignore annotation or comment that names a rule ID of a later version's form (`PL999`) is a
/// warning where it is written, not an input error: a manifest annotated for a later probelint
/// still lints with this one, and its exit status is its findings'. The warning is on stderr,
/// and in each machine-readable report as a config file's is, under its own name where the
/// format has names.
@Suite struct FileWarningOutputTests {
    static let manifest = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            probelint.io/ignore: PL204, PL999 -- a rule of a later version
        spec:
          containers:
          - name: c  # probelint ignore=PL998
            image: x

        """
    static let annotation = "annotation probelint.io/ignore: PL999 is not a rule of this version of probelint (kubectl-probelint rules lists them) and silences nothing here"
    static let comment = "comment '# probelint ignore': PL998 is not a rule of this version of probelint (kubectl-probelint rules lists them) and silences nothing here"

    static func run(_ format: String) throws -> TestSupport.Run {
        let dir = try OutputSupport.temporaryDirectory("file-warning")
        defer { try? FileManager.default.removeItem(at: dir) }
        try manifest.write(to: dir.appendingPathComponent("pod.yaml"), atomically: true, encoding: .utf8)
        return try TestSupport.run(["-o", format, "pod.yaml"], directory: dir)
    }

    /// The text report: nothing on stdout (PL204 is silenced, the rest of the list does not
    /// stop it), the warnings on stderr at their places, exit status 0.
    @Test func textGivesThemOnStderrAndExitsClean() throws {
        let text = try Self.run("text")
        #expect(text.status == 0)
        #expect(text.stdout.isEmpty)
        #expect(text.stderr.split(separator: "\n").sorted() == ["pod.yaml:6:26: warning: \(Self.annotation)", "pod.yaml:9:33: warning: \(Self.comment)"])
    }

    @Test func jsonAndSARIFCarryThemValidly() throws {
        let json = try Self.run("json")
        #expect(json.status == 0)
        #expect(try OutputSupport.schemaErrors(json.stdout, schema: OutputSupport.jsonSchema).isEmpty)
        let warnings = try OutputSupport.parse(json.stdout).array("inputWarnings")
        #expect(Set(warnings.map { $0.string("message") }) == [Self.annotation, Self.comment])
        #expect(try OutputSupport.parse(json.stdout).array("inputErrors").isEmpty)

        let sarif = try Self.run("sarif")
        #expect(sarif.status == 0)
        #expect(try OutputSupport.schemaErrors(sarif.stdout, schema: OutputSupport.sarifSchema).isEmpty)
        let invocation = try #require(try OutputSupport.parse(sarif.stdout).array("runs").first?.array("invocations").first)
        let notes = invocation.array("toolConfigurationNotifications")
        #expect(notes.map { $0.string("level") } == ["warning", "warning"])
        #expect(Set(notes.compactMap { $0.object("message")?.string("text") }) == [Self.annotation, Self.comment])
        #expect(invocation["executionSuccessful"] as? Bool == true)
    }

    @Test func annotationsCodeQualityAndJUnitNameThemInputWarnings() throws {
        let github = try Self.run("github")
        #expect(github.stdout.contains("::warning file=pod.yaml,line=9,col=33,title=probelint input warning::\(Self.comment)\n"), "\(github.stdout)")
        let checkstyle = try Self.run("checkstyle")
        #expect(checkstyle.stdout.contains("<error line='6' column='26' severity='warning' message='\(Self.annotation)' source='probelint.input-warning'/>"))
        let gitlab = try Self.run("gitlab")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(gitlab.stdout.utf8)) as? [[String: Any]])
        #expect(items.map { $0["check_name"] as? String } == ["input-warning", "input-warning"])
        #expect(items.allSatisfy { $0["severity"] as? String == "minor" })
        #expect(try OutputSupport.schemaErrors(gitlab.stdout, schema: GitLabOutputTests.schema) == [])
        let junit = try Self.run("junit")
        let cases = try #require(try JUnitOutputTests.cases(junit.stdout))
        let warnings = cases.filter { $0["suite"] as? String == "input warnings" }
        #expect(warnings.count == 2)
        #expect(warnings.allSatisfy { $0["kind"] as? String == "passed" })
        #expect([github, checkstyle, gitlab, junit].allSatisfy { $0.status == 0 })
    }

    /// A typo that is not of an ID's form is still an input error (exit status 2), beside the warning.
    @Test func aTypoIsStillAnError() throws {
        let dir = try OutputSupport.temporaryDirectory("file-warning-typo")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.manifest.replacingOccurrences(of: "PL204, PL999", with: "PL2O4, PL999")
            .write(to: dir.appendingPathComponent("pod.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["pod.yaml"], directory: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("pod.yaml:6:26: error: annotation probelint.io/ignore: 'PL2O4' is not a rule of this version of probelint (did you mean PL204, missing-liveness-probe?"))
        #expect(run.stderr.contains("pod.yaml:6:26: warning: \(Self.annotation)"))
    }
}
