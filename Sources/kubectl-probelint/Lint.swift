#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import ProbeLint

enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

enum FailOn: String, CaseIterable, ExpressibleByArgument {
    case info, warning, error, never

    var severity: Severity? { Severity(rawValue: rawValue) }
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lint manifests (the default command).",
        discussion: """
            Inputs are read as kubectl reads -f: '-' is stdin, a directory means its top-level \
            .yaml/.yml/.json files (all levels with -R), a named file is read whatever its extension. \
            Plain paths may also be given as arguments, as pre-commit passes them.

            Exit status: 0 when nothing is at or above --fail-on, 1 when something is, 2 on usage or input errors.
            """)

    @Option(name: [.customShort("f", allowingJoined: true), .customLong("filename")],
            help: ArgumentHelp("A file, a directory or '-' for stdin; repeatable, or a comma-separated list.", valueName: "path"))
    var filename: [String] = []

    @Argument(help: ArgumentHelp("Files or directories to lint.", valueName: "path"))
    var paths: [String] = []

    @Flag(name: [.customShort("R"), .long], help: "Recurse into directories.")
    var recursive = false

    @Option(name: [.short, .long], help: "Output format.")
    var output: OutputFormat = .text

    @Option(help: "Exit 1 when a finding has this severity or higher ('never' to always exit 0 on findings).")
    var failOn: FailOn = .warning

    @Flag(help: "Do not colour the output (also when NO_COLOR is set).")
    var noColor = false

    @OptionGroup(title: "Environment (MODEL.md section 2; flags win over annotations, config and defaults)")
    var inputs: InputOptions

    @OptionGroup(title: "Limits")
    var limits: LimitOptions

    @OptionGroup(title: "Performance")
    var performance: JobOptions

    mutating func validate() throws {
        _ = try inputs.layer()
    }

    mutating func execute() -> Int32 {
        var options = LintOptions()
        do {
            options.environment.flags = try inputs.layer()
        } catch {
            writeStderr("error: \(error)\n")
            return Exit.inputError
        }
        options.limits = limits.readerLimits
        let requested = (filename.flatMap { $0.split(separator: ",", omittingEmptySubsequences: true).map(String.init) }) + paths
        guard !requested.isEmpty else {
            writeStderr("error: no input: give -f FILE|DIR|- or paths (see --help)\n")
            return Exit.inputError
        }
        let discovery = FileDiscovery(recursive: recursive)
        let (files, missing) = discovery.expand(requested)
        var report = LintReport()
        report.errors += missing
        let useColor = !noColor && getenv("NO_COLOR") == nil && isatty(1) != 0
        let reporter = TextReporter(color: useColor)
        let maxFileBytes = limits.maxFileBytes
        let lintOptions = options
        // Files are linted in parallel and their reports merged in input order;
        // text output is rendered by the workers and written per file as it
        // arrives, so findings are not held. (A cross-object step would run
        // after this loop, on what the per-file reports collected.)
        let streaming = output == .text
        let threshold = failOn.severity
        var failing = false
        OrderedRunner<FileResult>(workers: performance.workers).run(count: files.count, work: { i in
            let path = files[i]
            var fileReport = LintReport()
            switch FileDiscovery.read(path, limit: maxFileBytes) {
            case .success(let bytes):
                fileReport = Linter.lint(InputFile(path: path == "-" ? "<stdin>" : path, bytes: bytes), options: lintOptions)
            case .failure(let error):
                fileReport.files = 1
                fileReport.errors.append(error)
            }
            let failing = threshold.map { t in fileReport.findings.contains { $0.severity >= t } } ?? false
            guard streaming else { return FileResult(report: fileReport, text: "", failing: failing) }
            let text = reporter.report(fileReport.findings)
            fileReport.findings = []
            return FileResult(report: fileReport, text: text, failing: failing)
        }, deliver: { _, result in
            failing = failing || result.failing
            if !result.text.isEmpty { writeStdout(result.text) }
            report.merge(result.report)
        })
        switch output {
        case .text:
            let errorReporter = TextReporter(color: !noColor && getenv("NO_COLOR") == nil && isatty(2) != 0)
            for error in report.errors { writeStderr(errorReporter.render(error)) }
        case .json:
            writeStdout(JSONReporter.report(report, tool: ProbeLintCommand.version))
            for error in report.errors { writeStderr(error.description + "\n") }
        }
        if !report.errors.isEmpty { return Exit.inputError }
        if failing { return Exit.findings }
        return Exit.clean
    }

    mutating func run() throws {
        throw ExitCode(execute())
    }
}

/// One file's report, with its findings already rendered when output is streamed.
struct FileResult: Sendable {
    var report: LintReport
    var text: String
    var failing: Bool
}

struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("B: bandwidth of the bottleneck link (10MB/s, 100Mbit/s, 1Gbps).", valueName: "rate"))
    var bandwidth: String?
    @Option(help: ArgumentHelp("X: largest single transfer (700MB, 5Gi).", valueName: "size"))
    var largestTransfer: String?
    @Option(help: ArgumentHelp("Q: bytes queued ahead of a probe's answer on a saturated link.", valueName: "size"))
    var queue: String?
    @Option(help: ArgumentHelp("L50: median latency of the probed endpoint when idle (20ms).", valueName: "duration"))
    var latencyP50: String?
    @Option(help: ArgumentHelp("L99: p99 latency of the probed endpoint when idle.", valueName: "duration"))
    var latencyP99: String?
    @Option(help: ArgumentHelp("L99load: measured p99 latency while the link is saturated (overrides L99 + Q/B).", valueName: "duration"))
    var loadedLatencyP99: String?
    @Option(help: ArgumentHelp("Tstart: time the daemon needs to start and be healthy.", valueName: "duration"))
    var startupTime: String?
    @Option(help: ArgumentHelp("Tdrain: time the daemon needs to stop cleanly after SIGTERM.", valueName: "duration"))
    var drainTime: String?

    func layer() throws -> InputLayer {
        let given: [(InputKey, String?)] = [
            (.bandwidth, bandwidth), (.largestTransfer, largestTransfer), (.queue, queue), (.latencyP50, latencyP50),
            (.latencyP99, latencyP99), (.loadedLatencyP99, loadedLatencyP99), (.startupTime, startupTime), (.drainTime, drainTime),
        ]
        var values: [InputKey: InputValue] = [:]
        for (key, text) in given {
            guard let text else { continue }
            guard let value = InputValue.parse(text, for: key) else {
                throw ValidationError("--\(key.rawValue) '\(text)' is not \(InputValue.expected(for: key))")
            }
            values[key] = value
        }
        return .flags(values)
    }
}

struct LimitOptions: ParsableArguments {
    @Option(help: "Largest input file, in bytes.")
    var maxFileBytes = 256 << 20
    @Option(help: "Largest single YAML document, in bytes.")
    var maxDocumentBytes = ReaderLimits.default.maxDocumentBytes
    @Option(help: "Deepest nesting of mappings and sequences.")
    var maxDepth = ReaderLimits.default.maxDepth
    @Option(help: "Most aliases in one document.")
    var maxAliases = ReaderLimits.default.maxAliases
    @Option(help: "Most nodes that aliases may expand to in one document.")
    var maxAliasExpansion = ReaderLimits.default.maxAliasExpansion
    @Option(help: "Longest scalar, in bytes.")
    var maxScalarBytes = ReaderLimits.default.maxScalarBytes

    var readerLimits: ReaderLimits {
        var limits = ReaderLimits()
        limits.maxDocumentBytes = maxDocumentBytes
        limits.maxDepth = maxDepth
        limits.maxAliases = maxAliases
        limits.maxAliasExpansion = maxAliasExpansion
        limits.maxScalarBytes = maxScalarBytes
        return limits
    }
}
