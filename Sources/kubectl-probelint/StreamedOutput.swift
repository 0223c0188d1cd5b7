#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProbeLint

/// Every report is written in three parts: a header, the findings in runs (a run
/// over files writes each file's as its turn comes, rendered by the worker that
/// linted it, then the cross-object ones), then a footer. No format holds the
/// run's findings. Live mode and `--fix` write their one report the same way.
struct StreamedOutput: Sendable {
    let format: OutputFormat
    let source: ReportSource
    let text: TextReporter
    let workingDirectory: String
    /// Findings go to stderr when stdout carries a fixed stream (`--fix -`).
    let toStderr: Bool

    /// Findings per severity of everything written so far (JSON's summary, the exit status).
    var counts = JSONReporter.Counts()
    /// GitLab's, SARIF's and JSON's fingerprints written so far, to make each unique in its file.
    var fingerprints = RepeatedFingerprints()
    /// JUnit's test case names written so far, to make each unique in its file.
    var names = RepeatedNames()
    /// JUnit: the files (or objects) that have a test case so far; each linted file without one
    /// gets a passing one at the end (`JUnitReporter.footer`).
    var tested: Set<String> = []
    /// Checkstyle's and JUnit's element of the file whose findings came last.
    var fileElements: FileElements
    /// SARIF's results, kept and left out at GitHub's limit of a run.
    var resultLimit = ResultLimit()
    /// SARIF's results until the run ends (`ResultLimit`); nil for another format, or when no
    /// temporary file can be made (the first 25,000 are written as they come).
    let spill: SARIFSpill?

    /// `failingAt`: `--fail-on`'s severity (JUnit's failed test cases).
    init(format: OutputFormat, source: ReportSource, noColor: Bool, toStderr: Bool = false, failingAt: Severity?) {
        self.format = format
        self.source = source
        self.toStderr = toStderr
        spill = format == .sarif ? SARIFSpill() : nil
        fileElements = FileElements(countsInOpening: format == .junit)
        let color = !toStderr && Self.colors(fd: 1, noColor: noColor)
        text = TextReporter(color: color, source: source)
        // The formats that name files relative to a folder.
        workingDirectory = format.namesFilesFromRoot ? currentDirectory() : ""
        // Made once: made for each document, each normalized its folders and read the environment.
        var sarif = SARIFReporter(toolVersion: ProbeLintCommand.version, workingDirectory: workingDirectory, source: source)
        var github = GitHubReporter(workingDirectory: workingDirectory, source: source)
        var gitlab = GitLabReporter(workingDirectory: workingDirectory, source: source)
        switch format {
        case .sarif, .github:
            let paths = RepositoryRoot.pathBase(variable: "GITHUB_WORKSPACE", workingDirectory: workingDirectory)
            sarif.paths = paths
            github.paths = paths
        case .gitlab:
            gitlab.paths = RepositoryRoot.pathBase(variable: "CI_PROJECT_DIR", workingDirectory: workingDirectory)
        default: break
        }
        self.sarif = sarif
        self.github = github
        self.gitlab = gitlab
        junit = JUnitReporter(source: source, failingAt: failingAt)
        checkstyle = CheckstyleReporter(workingDirectory: workingDirectory, source: source)
    }

    /// Whether text to `fd` is coloured: on a terminal, or where FORCE_COLOR (any value but empty,
    /// force-color.org) or CLICOLOR_FORCE (but 0) asks for it (a CI log such as GitHub Actions'
    /// shows colour but is no terminal), unless `--no-color` or NO_COLOR says otherwise, which win;
    /// not on a terminal that says it is dumb.
    static func colors(fd: Int32, noColor: Bool) -> Bool {
        !noColor && !isSet("NO_COLOR") && (isatty(fd) != 0 && !dumbTerminal || isSet("FORCE_COLOR") || clicolorForced)
    }

    /// TERM=dumb: a terminal that shows escape sequences as text (Emacs' shell buffer), which
    /// git and grep do not colour either.
    static var dumbTerminal: Bool {
        guard let term = getenv("TERM") else { return false }
        return strcmp(term, "dumb") == 0
    }

    /// CLICOLOR_FORCE set to anything but empty or 0 (bixense.com/clicolors).
    static var clicolorForced: Bool {
        guard let value = getenv("CLICOLOR_FORCE") else { return false }
        return value.pointee != 0 && strcmp(value, "0") != 0
    }

    /// An environment variable set to a non-empty value (no-color.org, force-color.org: an
    /// empty one does not count). FORCE_COLOR=0 is set: force-color.org counts any value.
    static func isSet(_ name: String) -> Bool {
        guard let value = getenv(name) else { return false }
        return value.pointee != 0
    }

    let sarif: SARIFReporter
    let github: GitHubReporter
    let junit: JUnitReporter
    let checkstyle: CheckstyleReporter
    let gitlab: GitLabReporter

    func header() -> String {
        switch format {
        case .json: return JSONReporter.header(tool: ProbeLintCommand.version, source: source)
        case .sarif: return sarif.header()
        case .gitlab: return GitLabReporter.header
        case .checkstyle: return CheckstyleReporter.header
        case .junit: return JUnitReporter.header
        case .text, .github, .patch: return ""
        }
    }

    /// One file's (or piece's) findings appended to `output`; `bytes` is the file's text
    /// (SARIF clamps regions against it). Output stays bytes from the worker to stdout:
    /// no `String` to check. For JSON and SARIF every run of items starts with the comma
    /// that joins it to the run before; `write` drops it from the document's first run.
    /// The findings are moved out as they are rendered: `findings` is left empty. Text, GitHub,
    /// Checkstyle and JUnit render in `buffer` first (a worker keeps one for all of a file's documents).
    /// JSON, GitLab, SARIF, Checkstyle and JUnit note in `marks` what `write` needs besides the bytes.
    func items(moving findings: inout [Finding], file: String, bytes: [UInt8]?, into output: inout [UInt8],
               marks: inout ItemMarks, buffer: RenderBuffer = RenderBuffer()) {
        guard !findings.isEmpty else { return }
        if itemsNeedCommas { output.append(UInt8(ascii: ",")) }
        switch format {
        case .json: JSONReporter.items(moving: &findings, source: source, into: &output, fingerprints: &marks.fingerprints)
        case .sarif:
            var reporter = sarif
            if let bytes { reporter.texts = [file: bytes] }
            reporter.items(moving: &findings, into: &output, fingerprints: &marks.fingerprints, results: &marks.results)
        case .github: github.report(moving: &findings, into: &output, buffer: buffer, text: bytes)
        case .gitlab: gitlab.items(moving: &findings, into: &output, fingerprints: &marks.fingerprints)
        case .checkstyle: checkstyle.items(moving: &findings, into: &output, runs: &marks.runs, buffer: buffer)
        case .junit: junit.items(moving: &findings, into: &output, runs: &marks.runs, names: &marks.names, buffer: buffer)
        case .text, .patch: text.report(moving: &findings, into: &output, buffer: buffer)
        }
    }

    /// The tags of Checkstyle's `<file>` or JUnit's `<testsuite>` (`FileElements`). They hold the
    /// reporter alone: a closure over `self` would hold `fileElements` too, and its held items
    /// would be copied at every `add`.
    var elementTags: FileElements.Tags {
        format == .junit ? junit.elementTags : checkstyle.elementTags
    }

    func out(_ text: String) {
        if toStderr { writeStderr(text) } else { writeStdout(text) }
    }

    /// JSON, SARIF and GitLab items are members of one array: runs of them are joined by commas.
    var itemsNeedCommas: Bool { format == .json || format == .sarif || format == .gitlab }

    /// Writes runs of items (`items`), without the leading comma of the document's first;
    /// JSON's, GitLab's and SARIF's fingerprints made unique first, and Checkstyle's and JUnit's items put in their
    /// files' elements (`marks`).
    mutating func write(_ items: consuming [UInt8], counts added: JSONReporter.Counts, marks: consuming ItemMarks = ItemMarks()) {
        guard !items.isEmpty else { return }
        if format == .sarif && spill == nil {
            // GitHub's limit of a run: the results past it are counted, not written.
            let kept = resultLimit.admit(marks.results)
            if kept == 0 { counts.add(added); return }
            ResultLimit.cut(&items, results: marks.results, kept: kept, fingerprints: &marks.fingerprints)
        }
        if !marks.fingerprints.isEmpty { fingerprints.makeUnique(&items, at: marks.fingerprints) }
        if !marks.names.isEmpty { names.makeUnique(&items, at: marks.names, runs: &marks.runs) }
        if let spill {
            // Held to the end of the run, when the most severe are kept (`finish`).
            for result in marks.results { resultLimit.count(result.severity) }
            spill.append(items, results: marks.results)
            counts.add(added)
            return
        }
        // Checkstyle's and JUnit's items in their files' elements: what can be written now (JUnit
        // holds the open suite's test cases until it closes).
        if format == .junit {
            var last: String?
            for run in marks.runs where run.name != last {
                tested.insert(run.name)
                last = run.name
            }
        }
        if !marks.runs.isEmpty { items = fileElements.add(items, runs: marks.runs, tags: elementTags) }
        let first = itemsNeedCommas && counts.total == 0
        items.withUnsafeBufferPointer { writeAll(toStderr ? 2 : 1, UnsafeBufferPointer(rebasing: $0[(first ? 1 : 0)...])) }
        counts.add(added)
    }

    /// Renders and writes findings 256 at a time (the run's last findings, or a whole report).
    mutating func write(_ findings: some Sequence<Finding>) {
        var chunk: [Finding] = []
        func flush() {
            var added = JSONReporter.Counts()
            added.add(chunk)
            var rendered: [UInt8] = []
            var marks = ItemMarks()
            items(moving: &chunk, file: "", bytes: nil, into: &rendered, marks: &marks)
            write(rendered, counts: added, marks: marks)
        }
        for finding in findings {
            chunk.append(finding)
            if chunk.count >= 256 { flush() }
        }
        flush()
    }

    /// The line a person at a terminal reads last, as ShellCheck ends with where to read more:
    /// the counts, how to read a rule's page, and how to silence a finding that is right to
    /// silence. Not in a pipe or a file, where the findings are all a tool wants. Its example is
    /// the first finding's rule (it named PL101 whatever the run found).
    static func terminalFooter(_ counts: JSONReporter.Counts) -> String {
        let parts = [(counts.errors, "error"), (counts.warnings, "warning"), (counts.infos, "info")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        let rule = counts.firstRule?.rawValue ?? "PL101"
        return "\(parts.joined(separator: ", ")). 'kubectl probelint explain \(rule)' shows a rule's page; to silence a finding where it is right to,"
            + " annotate the object 'probelint.io/ignore: \(rule) -- why' or end its line with '# probelint ignore=\(rule) -- why'\n"
    }

    /// The end of the document (JSON's errors and summary, SARIF's invocation, GitHub's
    /// error annotations), and the input errors to stderr. `linted`: the files (or the kubectl
    /// command, `ReportSource.inputName`) that were linted, in order: JUnit gives each that has no
    /// test case and no input error a passing one.
    mutating func finish(_ report: LintReport, noColor: Bool, linted: [String] = []) {
        let last = fileElements.finish(tags: elementTags)
        if !last.isEmpty { last.withUnsafeBufferPointer { writeAll(toStderr ? 2 : 1, $0) } }
        switch format {
        case .json: out(JSONReporter.footer(report, counts: counts, anyFinding: counts.total > 0))
        case .sarif:
            var anyResult = counts.total > 0
            if let spill {
                var quotas = resultLimit.keptByRank
                let fd: Int32 = toStderr ? 2 : 1
                let kept = spill.replay(keep: { severity in
                    guard quotas[severity.rank] > 0 else { return false }
                    quotas[severity.rank] -= 1
                    return true
                }, to: { bytes in bytes.withUnsafeBufferPointer { writeAll(fd, $0) } })
                anyResult = kept > 0
            }
            out(sarif.footer(report, anyResult: anyResult, omitted: resultLimit))
            // Not when the report itself goes to stderr (`--fix -`): it would follow the document there.
            if let omission = resultLimit.message, !toStderr { writeStderr("kubectl-probelint: warning: \(omission)\n") }
        case .github:
            out(report.errors.map(github.render).joined() + report.warnings.map { github.render($0, as: .configWarning) }.joined()
                + report.inputWarnings.map { github.render($0, as: .inputWarning) }.joined())
        case .gitlab: out(gitlab.footer(report, anyItem: counts.total > 0))
        case .checkstyle: out(checkstyle.footer(report))
        case .junit:
            let failed = Set(report.errors.map(\.file))
            var clean = linted.filter { !tested.contains($0) && !failed.contains($0) }
            // A run that linted no file (each one named passed over: a kustomize patch, a Helm
            // template) has a test case too: Jenkins' junit step fails a build whose reports hold none.
            if clean.isEmpty && tested.isEmpty && report.errors.isEmpty && report.allWarnings.isEmpty { clean = [JUnitReporter.emptyRunName] }
            out(junit.footer(report, clean: clean))
        case .text, .patch:
            let errorReporter = TextReporter(color: Self.colors(fd: 2, noColor: noColor))
            report.fileWarnings.forEach(writeWarning)
            for error in report.errors { writeStderr(errorReporter.render(error)) }
            if format == .text, counts.total > 0, isatty(2) != 0, isatty(toStderr ? 2 : 1) != 0 { writeStderr(Self.terminalFooter(counts)) }
            return
        }
        // Not when the report itself goes to stderr (`--fix -`): they are in it, and would follow it there.
        if !toStderr {
            report.fileWarnings.forEach(writeWarning)
            for error in report.errors { writeStderr(TerminalText.escape(error.description) + "\n") }
        }
    }

}

/// What the writer needs to know of a run of rendered items besides its bytes: where GitLab's
/// SARIF's and JSON's fingerprints are (`RepeatedFingerprints`) and JUnit's names (`RepeatedNames`), and which file's element each Checkstyle or JUnit
/// item belongs in (`FileElements`).
struct ItemMarks: Sendable {
    var fingerprints: [RepeatedFingerprints.Mark] = []
    var runs: [FileElements.Run] = []
    /// Where each JUnit test case's name ends, and which it is (`RepeatedNames`).
    var names: [RepeatedFingerprints.Mark] = []
    /// Where each SARIF result ends, and its severity: to keep a run within GitHub's limit (`ResultLimit`).
    var results: [ResultLimit.Mark] = []
}

/// One file's (or piece's) output as the worker linting it renders each document's
/// findings (`add`), and their counts. Its state is not checked for exclusivity at run
/// time: the worker that makes it is the one that uses it, one document at a time. (Kept
/// in variables that the per-document closure captured, each access was a
/// `swift_beginAccess`, a call and a thread-local look-up, four a document.)
final class FileOutput {
    let render: StreamedOutput
    let file: String
    /// The file's text (SARIF clamps regions against it).
    let bytes: [UInt8]?
    let inputSize: Int
    /// `--fail-on`'s severity.
    let threshold: Severity?
    let buffer = RenderBuffer()
    @exclusivity(unchecked) private(set) var output: [UInt8] = []
    @exclusivity(unchecked) private(set) var counts = JSONReporter.Counts()
    /// What `StreamedOutput.write` needs to know of `output` besides its bytes.
    @exclusivity(unchecked) private(set) var marks = ItemMarks()
    /// Whether a finding is at or above `threshold`.
    @exclusivity(unchecked) private(set) var failing = false

    init(_ render: StreamedOutput, file: String, bytes: [UInt8]?, inputSize: Int, threshold: Severity?) {
        self.render = render
        self.file = file
        self.bytes = bytes
        self.inputSize = inputSize
        self.threshold = threshold
    }

    /// A document's findings, moved out and rendered (`StreamedOutput.items`).
    func add(moving findings: inout [Finding]) {
        if threshold != nil, findings.contains(where: { $0.severity.fails(at: threshold) }) { failing = true }
        counts.add(findings)
        // Sized once, at the first findings, for about as many bytes as the input (a dense
        // manifest's text report is that long): grown from empty by appends, it was
        // reallocated and copied some ten times a file.
        if output.capacity == 0 { output.reserveCapacity(min(inputSize, 1 << 20)) }
        render.items(moving: &findings, file: file, bytes: bytes, into: &output, marks: &marks, buffer: buffer)
    }
}
