#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import ProbeLint

/// `--fix`, `--diff` and `-o patch`: the fix side of the `lint` command.
struct FixOptions: ParsableArguments {
    @Flag(help: "Write the safe fixes into the files (atomically; a file that changed since it was read, is read-only or does not parse is left as it is). With '-' the fixed stream goes to stdout and the findings to stderr.")
    var fix = false

    @Flag(help: "Print the safe fixes as a unified diff (patch -p0) without writing anything.")
    var diff = false

    /// Runs a shell command after the checks and before the rename, with the
    /// file in $PROBELINT_FILE: the tests' way to change a file mid-run. Debug builds only
    /// (the tests run one): a release binary runs no command an environment variable names.
    static let beforeWriteHook = "PROBELINT_TEST_BEFORE_WRITE"

    var isActive: Bool { fix || diff }

    func validate() throws {
        if fix && diff { throw ValidationError("--fix and --diff exclude each other: --diff shows what --fix would write") }
    }

    /// Plans and verifies the fixes of `inputs`, then writes them (--fix),
    /// prints them (--diff) or prints kubectl patches (-o patch). Returns the exit code.
    /// `standardInput`: stdin as read, when `-` is an input, for `--fix -` to pass on when it
    /// does not lint.
    /// `identityFlags`: for live objects, kubectl's flags that chose the cluster and identity,
    /// which each `kubectl patch` repeats (`LiveOptions.patchFlags`); `noObjectsNote`: the
    /// `kubectl get` command whose output is linted, for its note when it held no object.
    func execute(_ inputs: [(file: InputFile, options: LintOptions)], readErrors: [LintError], options: LintOptions,
                 lint: Lint, standardInput: (bytes: [UInt8], cut: Bool)? = nil,
                 identityFlags: LiveOptions.PatchIdentity = LiveOptions.PatchIdentity(), noObjectsNote: String? = nil,
                 runWarnings: RookOptions.RunWarnings = RookOptions.RunWarnings()) -> Int32 {
        if let refusal = refusal(output: lint.output) {
            writeStderr("error: \(refusal)\n")
            return Exit.inputError
        }
        // Each file once (`FileDiscovery.distinct`).
        let result = Fixer.fix(inputs.map(\.file), options: options, fileOptions: inputs.map(\.options))
        for note in result.before.notLintedNotes(options) { writeNote(note) }
        if let command = noObjectsNote, let note = result.before.noObjectsNote(command) { writeNote(note) }
        var written = write(result, readErrors: readErrors, lint: lint)
        // The config files' and Rook facts' warnings, in the report as a lint without --fix has them.
        runWarnings.add(to: &written.remaining)
        if fix, !written.stdoutIsStream, let standardInput {
            // Standard input that did not lint (over the limit, no document, a broken config):
            // the stream goes on as it came, so that `--fix - | kubectl apply -f -` loses nothing.
            Self.passOn(standardInput)
            written.stdoutIsStream = true
        }
        // In the order a lint without --fix writes them.
        let ranks = Dictionary(inputs.enumerated().map { ($1.file.path, $0) }, uniquingKeysWith: { first, _ in first })
        written.remaining.findings.sort(by: Finding.runOrder(files: ranks))
        show(result, lint: lint, identityFlags: identityFlags, refused: written.refused)
        report(result, &written, lint: lint, linted: inputs.map(\.file.path))
        return status(result, written, lint: lint)
    }

    /// Why `-o FORMAT` does not go with --fix or --diff, if it does not.
    func refusal(output: OutputFormat) -> String? {
        if isActive && output == .patch {
            return "-o patch prints kubectl patch commands and writes nothing; use it without --fix or --diff"
        }
        if diff && output != .text {
            return "--diff prints a unified diff, in no other format; use it without -o \(output.rawValue)"
        }
        return nil
    }

    /// What writing the fixes came to: the findings and errors left to report, the fixes that
    /// failed, the files written, and whether stdout carries the fixed stream (`--fix -`).
    struct Written {
        var remaining: LintReport
        var errors: [FixError] = []
        var files: Set<String> = []
        /// Files whose fixed text `--fix` would not write (over --max-file-bytes): `--diff` shows no diff of them.
        var refused: Set<String> = []
        var stdoutIsStream = false
    }

    /// With --fix, writes each changed file (atomically; stdin's stream to stdout). A file not
    /// written keeps its original findings in the report.
    func write(_ result: FixResult, readErrors: [LintError], lint: Lint) -> Written {
        var written = Written(remaining: result.report)
        written.remaining.errors += readErrors
        written.remaining.files += readErrors.count
        // A signal while a file is written removes its temporary file (`SignalCleanup`).
        SignalCleanup.removingTemporaryFiles {
            for outcome in result.outcomes {
                // --diff shows what --fix writes: a text --fix refuses is no diff either.
                let tooLarge = isActive ? Self.tooLarge(outcome, limit: lint.limits.maxFileBytes) : nil
                if fix && outcome.file == lint.standardInputName {
                    // The stream goes on, fixed or not (a fix refused, or input that does not read: as
                    // it was read, byte for byte), so that `--fix - | kubectl apply -f -` works and the
                    // findings and errors stay on stderr.
                    written.stdoutIsStream = true
                    let isFixed = outcome.error == nil && tooLarge == nil
                    (isFixed ? outcome.fixed : outcome.original).withUnsafeBufferPointer { writeAll(1, $0) }
                    if isFixed && outcome.changed { written.files.insert(outcome.file) }
                }
                if let error = outcome.error {
                    written.errors.append(error)
                    continue
                }
                if diff, let tooLarge {
                    written.errors.append(tooLarge)
                    written.refused.insert(outcome.file)
                    continue
                }
                guard fix, outcome.changed else { continue }
                do throws(FixError) {
                    if let tooLarge { throw tooLarge }
                    if outcome.file == lint.standardInputName { continue }
                    try AtomicWriter(beforeCommit: Self.hook(), temporaryFile: SignalCleanup.track)
                        .replace(outcome.file, with: outcome.fixed, expecting: outcome.original)
                    written.files.insert(outcome.file)
                } catch {
                    written.errors.append(error)
                    // Not written: report the original's findings for this file (with its cross-object ones).
                    written.remaining.findings.removeAll { $0.file == outcome.file }
                    written.remaining.findings += result.before.findings.filter { $0.file == outcome.file }
                }
            }
        }
        return written
    }

    /// A fixed text the next run could not read is not written, to its file or to stdout
    /// (`--max-document-bytes` is checked as the fixed text is read back): the refusal, or nil.
    static func tooLarge(_ outcome: FixOutcome, limit: Int) -> FixError? {
        guard outcome.error == nil, outcome.changed, outcome.fixed.count > limit else { return nil }
        return .unwritable(file: outcome.file, reason: "the fixed text would be \(outcome.fixed.count) bytes, above the \(limit)-byte limit (raise it with --max-file-bytes)")
    }

    /// --diff's unified diff, or -o patch's kubectl patch commands.
    func show(_ result: FixResult, lint: Lint, identityFlags: LiveOptions.PatchIdentity, refused: Set<String> = []) {
        if diff {
            for outcome in result.outcomes where outcome.error == nil && outcome.changed && !refused.contains(outcome.file) {
                writeStdout(DiffReporter.diff(path: outcome.file, original: outcome.original, fixed: outcome.fixed))
            }
        } else if lint.output == .patch {
            let (fields, held) = PatchReporter.patchable(applied: result.outcomes.flatMap(\.applied), displayOnly: result.displayOnly)
            let patches = PatchReporter.report(fields, identityFlags: identityFlags.words, kubeconfigFiles: identityFlags.kubeconfigFiles)
            if let note = identityFlags.omittedNote, !patches.isEmpty { writeStdout(note) }
            writeStdout(patches)
            let changedTiming = PatchReporter.changedTiming(fields)
            for field in held {
                writeStdout("# " + TerminalText.escape("\(field.object.objectNameOrRole) (\(field.file)): \(field.changeWithRules) is not in the patch: it was computed with the \(changedTiming(field)) that the patch changes; lint again once the patch is applied") + "\n")
            }
        }
    }

    /// The notes on what was fixed, the report (after --fix, of the fixed files), and the fixes
    /// that failed.
    func report(_ result: FixResult, _ written: inout Written, lint: Lint, linted: [String]) {
        // A fix that fails is among the report's input errors in a format a program reads
        // (`reportsFailedFixes`), whose report also says it on stderr; one that does not read is
        // there already.
        if fix && lint.output.reportsFailedFixes {
            for error in written.errors {
                if case .inputErrors = error { continue }
                written.remaining.errors.append(LintError(file: error.file, position: nil, message: error.message))
            }
            written.errors.removeAll { error in
                if case .inputErrors = error { return false }
                return true
            }
        }
        // `--fix -` with a report that is one document (JSON, SARIF, GitLab, Checkstyle, JUnit):
        // stderr carries that document alone, so that it parses. The fixed stream on stdout shows the fixes.
        let reportAlone = fix && written.stdoutIsStream && lint.output.isDocument
        if reportAlone {
            written.errors = []
        } else {
            // Names and values from the files (an owner's name, a field's value): escaped, as the report's are.
            for message in notes(result, applied: written.files, patches: lint.output == .patch) { writeStderr(TerminalText.escape(message) + "\n") }
        }
        if fix {
            // After --fix the report is the fixed files' findings, as ruff prints what is left.
            lint.report(written.remaining, toStderr: written.stdoutIsStream, linted: linted)
        } else {
            written.remaining.fileWarnings.forEach(writeWarning)
            for error in written.remaining.errors { writeStderr(TextReporter(color: false).render(error)) }
        }
        // Last, so that "input errors (above)" points at the errors just printed. Only `--fix`
        // says that it left such a file alone: `--diff` and `-o patch` touch no file, and the input
        // error itself says why a file has no diff or patch.
        for error in written.errors {
            if !fix, case .inputErrors = error { continue }
            writeStderr(error.description + "\n")
        }
    }

    /// 2 on any error; else 1 when a finding is at or above --fail-on: after --fix the fixed
    /// files' findings, else the original's.
    func status(_ result: FixResult, _ written: Written, lint: Lint) -> Int32 {
        let inputErrors = !written.errors.isEmpty || !written.remaining.errors.isEmpty
        let findings = fix ? written.remaining.findings : result.before.findings
        let failing = findings.count { lint.failOn.fails($0.severity) }
        if !fix && failing > 0 {
            // --diff and -o patch show fixes, not findings: without this line a run whose findings
            // have no fix ended with status 1 and nothing written at all, and one with an input
            // error too (a file with a broken document gets no diff or patch) said only the error.
            let shown = diff ? "--diff" : "-o patch"
            let status = inputErrors ? "exit status 2, for the input errors" : "exit status 1"
            writeStderr("note: \(failing) finding\(failing == 1 ? "" : "s") at or above --fail-on \(lint.failOn.rawValue) (\(status)); the lint report without \(shown) shows \(failing == 1 ? "it" : "them")\n")
        }
        if inputErrors { return Exit.inputError }
        return failing > 0 ? Exit.findings : Exit.clean
    }

    /// Writes `input`'s bytes to stdout and, when its read stopped at the limit, the rest of
    /// stdin after them, a block at a time.
    static func passOn(_ input: (bytes: [UInt8], cut: Bool)) {
        input.bytes.withUnsafeBufferPointer { writeAll(1, $0) }
        guard input.cut else { return }
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = block.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            block.withUnsafeBufferPointer { writeAll(1, UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
    }

    /// One line per fixed field, per field left to a human and per conflict. With `-o patch` a
    /// display-only field is among the patches (a JSON file's missing key, a Rook object's CR)
    /// or marked `# not patchable` there, so no line says it was not fixed.
    func notes(_ result: FixResult, applied: Set<String>, patches: Bool) -> [String] {
        var out: [String] = []
        for outcome in result.outcomes where applied.contains(outcome.file) {
            for field in outcome.applied {
                let partly = field.stillFiring.isEmpty ? "" : " (\(field.stillFiring.map(\.rawValue).joined(separator: ", ")) still fires: see below)"
                out.append("\(field.file):\(field.position): fixed: \(field.changeWithRules)\(partly)")
            }
        }
        for field in result.displayOnly where !patches {
            out.append("\(field.file):\(field.position): not fixed (\(field.applicability.name)): \(field.changeWithRules): \(field.why ?? "")")
        }
        for conflict in result.conflicts { out.append("\(conflict.file):\(conflict.position): not fixed: \(conflict.path): \(conflict.message)") }
        return out
    }

    static func hook() -> ((String) -> Void)? {
        #if DEBUG
        guard let command = getenv(beforeWriteHook).map({ String(cString: $0) }), !command.isEmpty else { return nil }
        return { path in
            setenv("PROBELINT_FILE", path, 1)
            _ = system(command)
        }
        #else
        return nil
        #endif
    }
}
