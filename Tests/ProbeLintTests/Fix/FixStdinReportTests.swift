import Foundation
import Testing

/// `--fix -` writes the fixed stream to stdout and the report to stderr. A report that is one
/// document (JSON, SARIF, GitLab, Checkstyle, JUnit) is all that stderr holds, so that it parses;
/// the text report keeps its `fixed:` lines.
@Suite struct FixStdinReportTests {
    /// A Pod whose liveness probe has a negative timeout (PL202, fixed to 1).
    static let pod = HostileInputTests.pod(timeout: "-1")

    @Test(arguments: ["json", "sarif", "gitlab", "checkstyle", "junit"])
    func aDocumentReportIsAloneOnStderr(format: String) throws {
        let run = try TestSupport.run(["-o", format, "--fix", "-f", "-"], stdin: Self.pod)
        #expect(run.status == 0)
        #expect(run.stdout.contains("timeoutSeconds: 1\n"))
        #expect(!run.stderr.contains("<stdin>:11:25: fixed:"))
        switch format {
        case "checkstyle": #expect(try CheckstyleOutputTests.errors(run.stderr)?.isEmpty == true)
        case "junit": #expect(try JUnitOutputTests.cases(run.stderr)?.map { $0["kind"] as? String } == ["passed"])
        default: _ = try JSONSerialization.jsonObject(with: Data(run.stderr.utf8))
        }
    }

    /// A stream that does not read: its input error is in the report, once, and nothing follows it.
    @Test func anInputErrorIsInTheReportAlone() throws {
        let run = try TestSupport.run(["-o", "json", "--fix", "-f", "-"], stdin: "a: [\n")
        #expect(run.status == 2)
        #expect(run.stdout == "a: [\n")
        let errors = try OutputSupport.parse(run.stderr).array("inputErrors")
        #expect(errors.map { $0.string("message") } == ["parser: did not find expected node content (while parsing a flow node at line 2, column 1)"])
    }

    @Test func theTextReportKeepsItsFixedLines() throws {
        let run = try TestSupport.run(["--fix", "-f", "-"], stdin: Self.pod)
        #expect(run.status == 0)
        #expect(run.stderr.hasPrefix("<stdin>:11:25: fixed: livenessProbe timeoutSeconds invalid -> 1 [PL202]\n"))
    }
}
