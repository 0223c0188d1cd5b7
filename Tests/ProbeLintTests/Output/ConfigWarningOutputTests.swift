import Foundation
import Testing
@testable import ProbeLint

/// A config file's setting that does nothing (`rules: {PL999: off}`) is a warning on stderr, and
/// in each machine-readable report as its format has one: CI shows it where it shows findings.
/// It does not change the exit status.
@Suite struct ConfigWarningOutputTests {
    static let message = "rules.PL999: PL999 is not a rule of this version of probelint (kubectl-probelint rules lists them); the setting does nothing"

    static func run(_ format: String) throws -> TestSupport.Run {
        let dir = try OutputSupport.temporaryDirectory("config-warning")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/web-sound.yaml"))
            .write(to: dir.appendingPathComponent("web.yaml"))
        try "rules: {PL999: off}\n".write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        return try TestSupport.run(["-o", format, "web.yaml"], directory: dir)
    }

    @Test func jsonAndSARIFCarryItValidly() throws {
        let json = try Self.run("json")
        #expect(json.status == 0)
        #expect(json.stderr == ".probelint.yaml:1:9: warning: \(Self.message)\n")
        #expect(try OutputSupport.schemaErrors(json.stdout, schema: OutputSupport.jsonSchema).isEmpty)
        let warnings = try OutputSupport.parse(json.stdout).array("inputWarnings")
        #expect(warnings.map { $0.string("file") } == [".probelint.yaml"])
        #expect(warnings.map { $0.string("message") } == [Self.message])

        let sarif = try Self.run("sarif")
        #expect(sarif.status == 0)
        #expect(try OutputSupport.schemaErrors(sarif.stdout, schema: OutputSupport.sarifSchema).isEmpty)
        let invocation = try #require(try OutputSupport.parse(sarif.stdout).array("runs").first?.array("invocations").first)
        let notes = invocation.array("toolConfigurationNotifications")
        #expect(notes.map { $0.string("level") } == ["warning"])
        #expect(notes.first?.object("message")?.string("text") == Self.message)
        #expect(invocation["executionSuccessful"] as? Bool == true)
    }

    @Test func annotationsAndCodeQualityCarryIt() throws {
        let github = try Self.run("github")
        #expect(github.stdout.contains("::warning file=.probelint.yaml,line=1,col=9,title=probelint config warning::\(Self.message)\n"))
        let checkstyle = try Self.run("checkstyle")
        #expect(checkstyle.stdout.contains("<file name='.probelint.yaml'>\n<error line='1' column='9' severity='warning' message='\(Self.message)' source='probelint.config-warning'/>"))
        let gitlab = try Self.run("gitlab")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(gitlab.stdout.utf8)) as? [[String: Any]])
        let warning = try #require(items.first { $0["check_name"] as? String == "config-warning" })
        #expect(warning["severity"] as? String == "minor")
        #expect(warning["description"] as? String == Self.message)
        #expect([github, checkstyle, gitlab].allSatisfy { $0.status == 0 })
    }

    /// JUnit has no warning of its own: a suite of passing test cases, since the exit status
    /// stays 0 (a failure there failed the tests of a run that passed), valid XML.
    @Test func junitCarriesItAsASuite() throws {
        let junit = try Self.run("junit")
        #expect(junit.status == 0)
        // Read back by Python's XML parser, which checks each suite's counts.
        let cases = try #require(try JUnitOutputTests.cases(junit.stdout))
        let warning = try #require(cases.first { $0["suite"] as? String == "config warnings" })
        #expect(warning["classname"] as? String == ".probelint.yaml")
        #expect(warning["kind"] as? String == "passed", "\(warning)")
        #expect(!cases.contains { $0["kind"] as? String == "failure" })
        #expect(warning["text"] as? String == ".probelint.yaml:1:9: warning: \(Self.message)", "\(warning)")
    }
}
