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

    /// What a run writes on stderr as a line of text besides its report (a config file's warning,
    /// `-l` that selects nothing, `--rook-version` read as its line's first release) came before
    /// the document there, which then did not parse. A config warning is in the report, as it is
    /// in a lint without --fix; the text report keeps the lines.
    @Test(arguments: ["json", "sarif", "gitlab", "checkstyle", "junit", "text"])
    func warningsAndNotesDoNotPrecedeTheDocument(format: String) throws {
        let dir = try OutputSupport.temporaryDirectory("fix-stdin-warnings")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("rules: {PL999: off}\n".utf8).write(to: dir.appendingPathComponent(".probelint.yaml"))
        for extra in [[String](), ["-l", "app=none"], ["--rook-version", "v1.9"]] {
            let run = try TestSupport.run(["-o", format, "--fix", "-f", "-"] + extra, stdin: Self.pod, directory: dir)
            #expect(run.status != 2, "\(extra): \(run.stderr)")
            switch format {
            case "text":
                #expect(run.stderr.contains(".probelint.yaml:1:9: warning: rules.PL999"), "\(run.stderr)")
            case "checkstyle": #expect(try CheckstyleOutputTests.errors(run.stderr) != nil, "\(extra): \(run.stderr)")
            case "junit": #expect(try JUnitOutputTests.cases(run.stderr) != nil, "\(extra): \(run.stderr)")
            default:
                #expect(run.stderr.hasPrefix(format == "gitlab" ? "[" : "{"), "\(extra): \(run.stderr)")
                let report = try JSONSerialization.jsonObject(with: Data(run.stderr.utf8))
                if format == "json", extra.isEmpty {
                    let warnings = (report as? [String: Any])?["inputWarnings"] as? [[String: Any]]
                    #expect(warnings?.first?["file"] as? String == ".probelint.yaml", "\(run.stderr)")
                }
            }
        }
    }

    @Test func theTextReportKeepsItsFixedLines() throws {
        let run = try TestSupport.run(["--fix", "-f", "-"], stdin: Self.pod)
        #expect(run.status == 0)
        #expect(run.stderr.hasPrefix("<stdin>:11:25: fixed: livenessProbe timeoutSeconds invalid -> 1 [PL202]\n"))
    }
}
