#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProbeLint

extension Lint {
    /// Live mode: when there are resource arguments (or -n/-A/--context/--kubeconfig),
    /// fetches them with `kubectl get`, lints and reports them; nil otherwise.
    func lintLiveObjects(_ resources: [String], files: [String], options: LintOptions) -> Int32? {
        guard !resources.isEmpty || live.isUsed else { return nil }
        guard files.isEmpty else {
            let message = resources.isEmpty ? "-n, -A, --context and --kubeconfig apply to kubectl resources, not to files"
                : "give files or kubectl resources, not both (no such file: \(resources.joined(separator: ", ")))"
            writeStderr("error: \(message)\n")
            return Exit.inputError
        }
        guard !resources.isEmpty else {
            writeStderr("error: no resources: give kubectl resources such as 'deployments' or 'deploy/NAME' (see --help)\n")
            return Exit.inputError
        }
        guard !fixes.isActive else {
            writeStderr("error: --fix and --diff edit files; for kubectl resources, -o patch prints the fixes as kubectl patch commands\n")
            return Exit.inputError
        }
        let command = live.getCommand(resources)
        // `--rook-version` and `--config` (else the nearest .probelint.yaml from the working
        // directory upward, as for stdin), before the cluster is asked: a broken config stops the run.
        var options = options
        var configs: [String: Result<ConfigFile?, LintError>] = [:]
        func failed(_ error: LintError) -> Int32 {
            var report = LintReport()
            report.errors = [error]
            return write(report, source: .cluster(command: command))
        }
        do {
            try rook.prepare(&options, files: [], maxFileBytes: limits.maxFileBytes)
            options = try rook.options(for: "-", base: options, cache: &configs).get()
        } catch let failure as RookOptions.ConfigFailure {
            return failed(failure.error)
        } catch let error as LintError {
            return failed(error)
        } catch {
            writeStderr("error: \(error)\n")
            return Exit.inputError
        }
        switch Kubectl.get(command, limit: limits.maxFileBytes) {
        case .success(let bytes) where output == .patch:
            // As for the same objects read from stdin: the fix planner makes the patches.
            return fixes.execute([(InputFile(path: command.joined(separator: " "), bytes: bytes), options)], readErrors: [],
                                 options: options, lint: self)
        case .success(let bytes):
            return write(LiveInput.lint(bytes, command: command, options: options), source: .cluster(command: command))
        case .failure(let failure) where output == .text || output == .patch:
            writeStderr("error: \(failure.message)\n")
            return Exit.inputError
        case .failure(let failure):
            // A whole document, the failure among its input errors: a CI step that uploads the
            // SARIF file, or reads the JSON, gets one that says what went wrong, not an empty file.
            return failed(LintError(file: command.joined(separator: " "), position: nil, message: failure.message))
        }
    }

    /// Writes the report in the chosen format (findings to stdout, input
    /// errors to stderr) and returns the exit status.
    func write(_ report: LintReport, source: ReportSource) -> Int32 {
        self.report(report, source: source)
        if !report.errors.isEmpty { return Exit.inputError }
        if let threshold = failOn.severity, report.findings.contains(where: { $0.severity >= threshold }) {
            return Exit.findings
        }
        return Exit.clean
    }

    /// Findings in the chosen format to stdout (to stderr when stdout carries a
    /// fixed stream, `--fix -`), input errors to stderr.
    func report(_ report: LintReport, source: ReportSource = .files, toStderr: Bool = false) {
        var output = StreamedOutput(format: self.output, source: source, noColor: noColor, toStderr: toStderr)
        output.out(output.header())
        output.write(report.findings)
        output.finish(report, noColor: noColor)
    }
}
