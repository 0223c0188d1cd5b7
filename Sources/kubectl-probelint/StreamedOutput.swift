import ProbeLint

/// A run over files writes its report while it lints: a header, each file's
/// findings as that file's turn comes (rendered by the worker that linted it),
/// the cross-object findings, then a footer. No format holds the run's findings.
struct StreamedOutput: Sendable {
    let format: OutputFormat
    let text: TextReporter
    let workingDirectory: String

    /// Findings per severity of everything written so far (JSON's summary, the exit status).
    var counts = JSONReporter.Counts()

    var sarif: SARIFReporter { SARIFReporter(toolVersion: ProbeLintCommand.version, workingDirectory: workingDirectory) }
    var github: GitHubReporter { GitHubReporter(workingDirectory: workingDirectory) }

    func header() -> String {
        switch format {
        case .json: return JSONReporter.header(tool: ProbeLintCommand.version, source: .files)
        case .sarif: return sarif.header()
        case .text, .github, .patch: return ""
        }
    }

    /// One file's (or piece's) findings; `bytes` is the file's text (SARIF clamps regions against it).
    func items(_ findings: [Finding], file: String, bytes: [UInt8]?) -> String {
        switch format {
        case .json: return JSONReporter.items(findings, source: .files)
        case .sarif:
            var reporter = sarif
            if let bytes { reporter.texts = [file: bytes] }
            return reporter.items(findings)
        case .github: return findings.map(github.render).joined()
        case .text, .patch: return text.report(findings)
        }
    }

    /// Writes a run of items, with the comma JSON and SARIF need between runs.
    mutating func write(_ items: String, counts added: JSONReporter.Counts) {
        guard !items.isEmpty else { return }
        let separated = (format == .json || format == .sarif) && counts.total > 0
        writeStdout(separated ? "," + items : items)
        counts.add(added)
    }

    /// The end of the document (JSON's errors and summary, SARIF's invocation, GitHub's
    /// error annotations) to stdout, and the input errors to stderr.
    func finish(_ report: LintReport, noColor: Bool) {
        switch format {
        case .json: writeStdout(JSONReporter.footer(report, counts: counts, anyFinding: counts.total > 0))
        case .sarif: writeStdout(sarif.footer(report, anyResult: counts.total > 0))
        case .github: writeStdout(report.errors.map(github.render).joined())
        case .text, .patch:
            let errorReporter = TextReporter(color: !noColor && getenv("NO_COLOR") == nil && isatty(2) != 0)
            for error in report.errors { writeStderr(errorReporter.render(error)) }
            return
        }
        for error in report.errors { writeStderr(TerminalText.escape(error.description) + "\n") }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
