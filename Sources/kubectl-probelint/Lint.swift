#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import ProbeLint

enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, sarif, github
    /// A GitLab Code Quality report (`GitLabReporter`).
    case gitlab
    /// Checkstyle XML (`CheckstyleReporter`).
    case checkstyle
    /// JUnit XML (`JUnitReporter`).
    case junit
    /// `kubectl patch` commands for the fixes (FixOptions).
    case patch

    // Each property a switch over every format, so that a new one is decided in each.

    /// Whether the report is one document (a JSON value or an XML element) that its reader parses
    /// whole: nothing else may share its stream.
    var isDocument: Bool {
        switch self {
        case .json, .sarif, .gitlab, .checkstyle, .junit: true
        case .text, .github, .patch: false
        }
    }

    /// Whether a fix that fails under `--fix` (a read-only file, a fixed text over the size limit)
    /// is among the report's input errors, besides its line on stderr: every format a program
    /// reads, so that CI can explain the exit status 2 from the report alone.
    var reportsFailedFixes: Bool {
        switch self {
        case .json, .sarif, .gitlab, .checkstyle, .junit, .github: true
        case .text, .patch: false
        }
    }

    /// Whether the report reads each finding's field path: JSON, SARIF, GitLab (its
    /// fingerprint), JUnit (its test case names) and patches do; text, `-o github` and
    /// checkstyle name files and positions, and the paths are not built for them.
    var namesPaths: Bool {
        switch self {
        case .json, .sarif, .gitlab, .junit, .patch: true
        case .text, .github, .checkstyle: false
        }
    }

    /// Whether the report names files relative to the working directory (or the repository's
    /// root, `RepositoryRoot`): the CI formats, whose readers resolve names in a checkout.
    var namesFilesFromRoot: Bool {
        switch self {
        case .sarif, .github, .gitlab, .checkstyle: true
        case .text, .json, .junit, .patch: false
        }
    }
}

enum FailOn: String, CaseIterable, ExpressibleByArgument {
    case info, warning, error, never

    var severity: Severity? { Severity(rawValue: rawValue) }

    /// Whether a finding of `severity` fails the run (exit 1).
    func fails(_ severity: Severity) -> Bool { severity.fails(at: self.severity) }
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint manifests (the default command).",
        discussion: """
            Inputs are read as kubectl reads -f: '-' is stdin, a directory means its top-level \
            .yaml/.yml/.json files (all levels with -R), a named file is read whatever its extension. \
            Plain paths may also be given as arguments, as pre-commit passes them.

            Live objects: arguments that are not paths are resources for 'kubectl get' \
            (deployments, deploy/NAME, daemonsets,statefulsets); probelint runs 'kubectl get ... -o json' \
            with -n/-A/-l, --field-selector, --chunk-size and kubectl's flags for the cluster and identity \
            (--context, --kubeconfig, --cluster, --user, -s/--server, --token, --as, --as-group, --as-uid, \
            --certificate-authority, --client-certificate, --client-key, --tls-server-name, --request-timeout, \
            --insecure-skip-tls-verify) and lints the result. Only 'get' is ever run, and 'kustomize' for -k, 'config current-context' for -o patch without --context, and, for shell completion, reads of the kubeconfig and 'get' of names: nothing that changes a cluster.

            Kustomizations: -k DIR lints what 'kubectl kustomize DIR' renders; each finding is shown \
            at its field in the file kustomize read it from (a base, or the overlay's patch file that \
            set it), else on DIR's kustomization file with its object and field path.

            Exit status: 0 when nothing is at or above --fail-on, 1 when something is, 2 on usage or input errors.
            """)

    @Argument(help: ArgumentHelp("Files or directories to lint; anything else is a resource for 'kubectl get' (deployments, deploy/NAME).", valueName: "path|resource"),
              completion: .file())
    var paths: [String] = []

    // First in the help: what every run uses (argument-parser lists options outside a group last,
    // after the live-cluster flags).
    @OptionGroup(title: "Input and output")
    var basic: BasicOptions

    var filename: [String] { basic.filename }
    var recursive: Bool { basic.recursive }
    var exclude: [String] { basic.exclude }
    var stdinFilename: String? { basic.stdinFilename }
    /// What findings and errors call standard input: `--stdin-filename`'s path, or `<stdin>`.
    var standardInputName: String { stdinFilename ?? FileDiscovery.standardInput }
    var kustomize: String? { basic.kustomize }
    var output: OutputFormat { basic.output }
    var failOn: FailOn { basic.failOn }
    var noColor: Bool { basic.noColor }

    @OptionGroup(title: "Environment (docs/model.md section 2; flags win over annotations, config and defaults)")
    var inputs: InputOptions

    @OptionGroup(title: "Rook and .probelint.yaml")
    var rook: RookOptions

    @OptionGroup(title: "Rules")
    var selection: RuleSelectionOptions

    @OptionGroup(title: "Limits")
    var limits: LimitOptions

    @OptionGroup(title: "Fixes")
    var fixes: FixOptions

    @OptionGroup(title: "Live objects (kubectl get)")
    var live: LiveOptions

    @OptionGroup(title: "Performance")
    var performance: JobOptions

    /// How many times `-` is given for the manifests (with -f or as a path).
    var manifestsFromStdin: Int {
        filename.flatMap { $0.split(separator: ",") }.filter { $0 == "-" }.count + paths.filter { $0 == "-" }.count
    }

    mutating func validate() throws {
        // As kubectl's resource builder refuses it: a second `-` would read an empty stream.
        // `--config -` reads it too: then the manifests read an empty stream, or the config was linted as one.
        let configReadsStdin = rook.config == "-"
        let stdinNamed = manifestsFromStdin + (configReadsStdin ? 1 : 0)
        let among = configReadsStdin ? ", --config - among them" : ""
        if stdinNamed > 1 { throw ValidationError("standard input cannot be used for multiple arguments ('-' is given \(stdinNamed) times\(among))") }
        // `kubectl probelint "$FILES"` with the variable unset went to kubectl get as a resource.
        // A long line's handed-over operands are checked here too (`ProbeLintCommand.parseKubectlSpelling`).
        if paths.contains("") {
            throw ValidationError("an argument is empty: it names no file, folder or kubectl resource (a variable that was not set?)")
        }
        if kustomize == "" { throw ValidationError("-k is empty: give the folder of a kustomization") }
        // kubectl refuses it too (`the path "" does not exist`): a trailing or doubled comma, or `-f ""`.
        if let list = filename.first(where: { $0.split(separator: ",", omittingEmptySubsequences: false).contains("") }) {
            throw ValidationError("-f '\(list)' has an empty path (a trailing or doubled comma, or an unset variable): it names no file")
        }
        if let name = stdinFilename {
            if name.isEmpty || name == "-" {
                throw ValidationError("--stdin-filename '\(name)' names no file: give the path of the file that stdin holds")
            }
            if manifestsFromStdin == 0 {
                throw ValidationError("--stdin-filename names standard input, which is not among the inputs: give -f - as well")
            }
        }
        _ = try inputs.layer()
        var scratch = LintOptions()
        try selection.apply(to: &scratch)
    }

    mutating func execute() -> Int32 {
        // `--fix -` with a one-document format: stdout is the fixed stream, and stderr the report alone.
        ReportStream.stderrIsReport.store(fixes.fix && output.isDocument && manifestsFromStdin > 0, ordering: .relaxed)
        var options = LintOptions()
        do {
            options.environment.flags = try inputs.layer()
        } catch {
            writeStderr("error: \(error)\n")
            return Exit.inputError
        }
        options.limits = limits.readerLimits
        do { try selection.apply(to: &options) { writeNote("warning: \($0)\n") } } catch {
            writeStderr("error: \(error)\n")
            return Exit.inputError
        }
        let (fileArguments, resources) = LiveInput.partition(paths, forCluster: live.needsCluster && filename.isEmpty)
        // For live objects kubectl get reads -l itself; for files and -k probelint selects.
        if let selector = live.selector, resources.isEmpty, kustomize != nil || !(filename + fileArguments).isEmpty {
            options.selectorText = selector
            do { options.selector = try LabelSelector(parsing: selector) } catch {
                writeStderr("error: \(error)\n")
                return Exit.inputError
            }
        }
        if let status = lintKustomization(filename: filename, fileArguments: fileArguments, resources: resources, options: options) { return status }
        if let status = lintLiveObjects(resources, files: filename + fileArguments, options: options) { return status }
        let requested = (filename.flatMap { $0.split(separator: ",", omittingEmptySubsequences: true).map(String.init) }) + fileArguments
        guard !requested.isEmpty else {
            writeStderr("error: no input: give -f FILE|DIR|-, paths, or kubectl resources (see --help)\n")
            return Exit.inputError
        }
        let discovery = FileDiscovery(recursive: recursive, exclude: exclude)
        if let unmatchable = discovery.unmatchable {
            writeStderr("error: \(unmatchable)\n")
            return Exit.inputError
        }
        var (files, missing) = discovery.expand(requested)
        let (distinct, unnamed) = FileDiscovery.distinct(files)
        files = HelmTemplates.drop(PatchFinder.dropPatches(distinct))
        missing += unnamed
        var report = LintReport()
        // A missing path given twice is one error, as a file given twice is one file.
        for error in missing where !report.errors.contains(error) { report.errors.append(error) }
        if let name = stdinFilename,
           files.contains(where: { $0 != "-" && FileDiscovery.sameFile($0, name) }) {
            writeStderr("error: --stdin-filename '\(name)' is also given as a file: findings would not tell the two apart\n")
            return Exit.inputError
        }
        let readOnce = OnceReadInputs(files, limit: limits.maxFileBytes, stdinFilename: stdinFilename)
        if let note = readOnce.emptyListNote { writeNote(note) }
        var givenWarnings: [LintError] = []
        // Each file's nearest .probelint.yaml, found while the run's Rook facts are gathered (a
        // rook-version there decides what they need) and kept for each file's options.
        var configs: [String: Result<ConfigFile?, LintError>] = [:]
        do {
            givenWarnings = try rook.prepare(&options, files: files, readOnce: readOnce, maxFileBytes: limits.maxFileBytes,
                                             workers: performance.workers, configs: &configs)
        } catch let failure as RookOptions.ConfigFailure {
            // Reported as any input error is, in the output's format; no file is linted.
            report.errors.append(failure.error)
            files = []
        } catch {
            writeStderr("error: \(error)\n")
            return Exit.inputError
        }
        // Each file's options (its nearest .probelint.yaml), before the parallel loop.
        // A kustomization file is read as kustomize reads it, a key written twice its last value
        // (which `PatchFinder` took for its patches); a manifest's is an input error.
        let configured = files.map { path in
            rook.options(for: path, stdinFilename: stdinFilename, base: options, cache: &configs).map { fileOptions in
                guard KustomizationPatches.isKustomizationFile(path) else { return fileOptions }
                var kustomization = fileOptions
                kustomization.limits = KustomizationPatches.readerLimits(fileOptions.limits)
                return kustomization
            }
        }
        let runWarnings = rook.warnings(given: givenWarnings, discovered: configs)
        runWarnings.add(to: &report)
        if fixes.isActive || output == .patch {
            var inputs: [(file: InputFile, options: LintOptions)] = []
            for (path, optionsResult) in zip(files, configured) {
                switch (readOnce.read(path, limit: limits.maxFileBytes), optionsResult) {
                case (.success(let bytes), .success(let fileOptions)):
                    inputs.append((InputFile(path: FileDiscovery.displayName(path, stdin: standardInputName), bytes: bytes), fileOptions))
                case (.failure(let error), _), (_, .failure(let error)):
                    if !report.errors.contains(error) { report.errors.append(error) }
                }
            }
            return fixes.execute(inputs, readErrors: report.errors, options: options, lint: self, standardInput: readOnce.standardInput,
                                 runWarnings: runWarnings)
        }
        return lintFiles(files, options: configured, readOnce: readOnce, report: report)
    }

    mutating func run() throws {
        throw ExitCode(execute())
    }
}

/// One file's (or piece's) report, its findings already rendered for the output.
struct FileResult: Sendable {
    var report: LintReport
    /// The file's findings as the output format writes them.
    var output: [UInt8]
    var failing: Bool
    /// Its findings per severity (JSON writes the summary at the end).
    var counts = JSONReporter.Counts()
    /// What `StreamedOutput.write` needs to know of `output` besides its bytes.
    var marks = ItemMarks()
}

/// The model's inputs. Each takes the next word as its value even when it starts with `-`, so
/// that `--bandwidth -1MB/s` is refused as no rate above 0, not as a missing value.
struct InputOptions: ParsableArguments {
    /// A flag's help: its symbol and meaning as `InputKey` gives them (and `explain`, and the
    /// findings' notes), then an example.
    static func help(_ key: InputKey, _ example: String, _ valueName: String) -> ArgumentHelp {
        ArgumentHelp("\(key.symbol): \(key.meaning)\(example.isEmpty ? "" : " (\(example))").", valueName: valueName)
    }

    @Option(parsing: .unconditional, help: help(.bandwidth, "10MB/s, 100Mbit/s, 1Gbps", "rate"))
    var bandwidth: String?
    @Option(parsing: .unconditional, help: help(.largestTransfer, "700MB, 5Gi", "size"))
    var largestTransfer: String?
    @Option(parsing: .unconditional, help: help(.queue, "", "size"))
    var queue: String?
    @Option(parsing: .unconditional, help: help(.latencyP50, "20ms", "duration"))
    var latencyP50: String?
    @Option(parsing: .unconditional, help: help(.latencyP99, "", "duration"))
    var latencyP99: String?
    @Option(parsing: .unconditional, help: help(.loadedLatencyP99, "measured; overrides L99 + Q/B", "duration"))
    var loadedLatencyP99: String?
    @Option(parsing: .unconditional, help: help(.startupTime, "", "duration"))
    var startupTime: String?
    @Option(parsing: .unconditional, help: help(.drainTime, "", "duration"))
    var drainTime: String?
    @Option(parsing: .unconditional, help: help(.journalSize, "", "size"))
    var journalSize: String?
    @Option(parsing: .unconditional, help: help(.journalBandwidth, "", "rate"))
    var journalBandwidth: String?

    func layer() throws -> InputLayer {
        let given: [(InputKey, String?)] = [
            (.bandwidth, bandwidth), (.largestTransfer, largestTransfer), (.queue, queue), (.latencyP50, latencyP50),
            (.latencyP99, latencyP99), (.loadedLatencyP99, loadedLatencyP99), (.startupTime, startupTime), (.drainTime, drainTime),
            (.journalSize, journalSize), (.journalBandwidth, journalBandwidth),
        ]
        var values: [InputKey: InputValue] = [:]
        for (key, text) in given {
            guard let text else { continue }
            guard let value = InputValue.parse(text, for: key) else {
                throw ValidationError("--\(key.rawValue) '\(text)' \(InputValue.refusal(text, for: key))")
            }
            values[key] = value
        }
        // PL103 models the idle latency as log-normal from L50 and L99: a median above the
        // 99th percentile leaves it nothing to model (a 0 is no value: `InputValue.parse`;
        // against a built-in value, PL103 says so on the probe).
        if case .seconds(let p50)? = values[.latencyP50], case .seconds(let p99)? = values[.latencyP99], p50.value > p99.value {
            throw ValidationError("--latency-p50 '\(latencyP50 ?? "")' is above --latency-p99 '\(latencyP99 ?? "")': a median cannot exceed the 99th percentile")
        }
        return .flags(values)
    }
}

/// `-f`, `-R`, `--exclude`, `-k`, `-o`, `--fail-on` and `--no-color`: the options of nearly every run,
/// grouped so that `help lint` lists them first.
struct BasicOptions: ParsableArguments {
    /// The next argument whatever it starts with, as kubectl reads `-f`: `-f -,x.yaml` (stdin and a file).
    @Option(name: [.customShort("f", allowingJoined: true), .customLong("filename")], parsing: .unconditionalSingleValue,
            help: ArgumentHelp("A file, a directory or '-' for stdin; repeatable, or a comma-separated list.", valueName: "path"),
            completion: .file())
    var filename: [String] = []

    @Flag(name: [.customShort("R"), .long], help: "Recurse into directories.")
    var recursive = false

    @Option(help: ArgumentHelp("In a directory's walk, leave out the files and folders whose name (a pattern without '/') or path below the directory (with '/'; '**/' first: at any depth) matches this shell pattern; repeatable, or a comma-separated list (tsconfig.json, .vscode, 'vendor/*/examples', '**/testdata'). Paths given are read.", valueName: "pattern"))
    var exclude: [String] = []

    /// ESLint's, ruff's and Prettier's flag for an editor's unsaved buffer: the name is a file's
    /// for the report and its `.probelint.yaml`, and the bytes are stdin's.
    @Option(help: ArgumentHelp("The name of the file that stdin ('-') holds: findings name it so, and its .probelint.yaml is looked for from its folder. Nothing is read from this path, and --fix - still writes to stdout.", valueName: "path"),
            completion: .file())
    var stdinFilename: String?

    @Option(name: [.customShort("k", allowingJoined: true), .customLong("kustomize")],
            help: ArgumentHelp("A kustomization directory: lints what 'kubectl kustomize DIR' renders (not with -f or -R, as in kubectl).",
                               valueName: "dir"), completion: .directory)
    var kustomize: String?

    // Joined values as kubectl reads its short flags (pflag): `-ojson`, `-nrook-ceph`, `-lapp=rgw`.
    @Option(name: [.customShort("o", allowingJoined: true), .long], help: "Output format.")
    var output: OutputFormat = .text

    @Option(help: "Exit 1 when a finding has this severity or higher ('never' to always exit 0 on findings).")
    var failOn: FailOn = .warning

    @Flag(help: "Do not colour the output (also when NO_COLOR is set and not empty, or TERM is dumb; FORCE_COLOR or CLICOLOR_FORCE colours it off a terminal).")
    var noColor = false
}
