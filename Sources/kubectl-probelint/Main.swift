#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Synchronization
import ProbeLint

/// Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
/// 2 usage or input errors (the message on stderr).
enum Exit {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let inputError: Int32 = 2

    /// The run's status: input errors win over findings, and findings count at or above
    /// `--fail-on` only (`FailOn.fails`).
    static func status(inputErrors: Bool, failing: Bool) -> Int32 {
        inputErrors ? inputError : failing ? findings : clean
    }
}

@main
struct ProbeLintCommand: ParsableCommand {
    static let version = "0.1.0"
    /// What `version` and `--version` print.
    static let versionLine = "probelint \(version)"

    static let configuration = CommandConfiguration(
        commandName: "kubectl-probelint",
        abstract: "Check Kubernetes probe timings against how the daemon behind them really behaves.",
        usage: """
            kubectl probelint -f FILE|DIR|- [-R] [options]
              kubectl probelint -k DIR [options]
              kubectl probelint [-n NAMESPACE | -A] [--context CONTEXT] RESOURCE... [options]
              kubectl-probelint [options] FILE...
              kubectl-probelint rules | explain PLnnn | version
            """,
        discussion: """
            lint is the default subcommand: its options (-f, -R, -k, -o, --fix, the daemon's \
            latency, bandwidth, start-up and drain times, the rules to run) are listed by \
            'kubectl probelint help lint'.
            """,
        version: versionLine,
        subcommands: [Lint.self, Rules.self, Explain.self, VersionCommand.self],
        defaultSubcommand: Lint.self)

    static func main() {
        MallocTuning.keepFreedMemory()
        if let words = KubectlCompletion.requestedWords(CommandLine.arguments) { terminate(KubectlCompletion.run(words)) }
        if BashCompletion.requested(Array(CommandLine.arguments.dropFirst())) {
            writeStdout(BashCompletion.script)
            terminate(Exit.clean)
        }
        if let message = argumentNotUTF8() {
            writeStderr("error: \(message)\n")
            terminate(Exit.inputError)
        }
        if let message = unknownHelpTopic(Array(CommandLine.arguments.dropFirst())) {
            writeStderr("error: \(message)\n")
            terminate(Exit.inputError)
        }
        do {
            var command = try parseKubectlSpelling(Array(CommandLine.arguments.dropFirst()))
            if var lint = command as? Lint {
                terminate(lint.execute())
            }
            try command.run()
            terminate(Exit.clean)
        } catch let refusal as LintRefusal {
            writeStderr(pluginSpelling(Lint.fullMessage(for: refusal.error)) + "\n")
            terminate(Exit.inputError)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // Help and version text, through the same checked write as every report.
                writeStdout(pluginSpelling(fullMessage(for: error)) + "\n")
                terminate(Exit.clean)
            }
            if let exitCode = error as? ExitCode { terminate(exitCode.rawValue) }
            writeStderr(pluginSpelling(fullMessage(for: error)) + "\n")
            terminate(Exit.inputError)
        }
    }
}

/// lint's own refusal of a line whose operands were handed over after the parse: shown with
/// lint's usage, as argument-parser shows a refusal of lint's line.
struct LintRefusal: Error {
    var error: Error
}

extension ProbeLintCommand {
    /// argument-parser's usage lines in the plugin's spelling, as the top level's are
    /// (ECOSYSTEM.md: usage text says `kubectl probelint`): lint is the default subcommand, so
    /// `kubectl-probelint lint [<options>]` is `kubectl probelint [<options>]`, and its help is
    /// `kubectl probelint help lint`; `kubectl-probelint explain <rule>`, `kubectl probelint explain <rule>`.
    static func pluginSpelling(_ message: String) -> String {
        var text = message
        for (from, to) in [("'kubectl-probelint lint --help'", "'kubectl probelint help lint'"),
                           // lint's own message, without its parent (`LintRefusal`).
                           ("Usage: lint ", "Usage: kubectl probelint "), ("'lint --help'", "'kubectl probelint help lint'"),
                           ("USAGE: kubectl-probelint lint ", "USAGE: kubectl probelint "),
                           ("Usage: kubectl-probelint lint ", "Usage: kubectl probelint "),
                           ("'kubectl-probelint explain --help'", "'kubectl probelint help explain'"),
                           ("'kubectl-probelint rules --help'", "'kubectl probelint help rules'"),
                           ("Usage: kubectl-probelint explain ", "Usage: kubectl probelint explain "),
                           ("Usage: kubectl-probelint rules", "Usage: kubectl probelint rules"),
                           ("USAGE: kubectl-probelint explain ", "USAGE: kubectl probelint explain "),
                           ("USAGE: kubectl-probelint rules", "USAGE: kubectl probelint rules"),
                           ("'kubectl-probelint version --help'", "'kubectl probelint help version'"),
                           ("Usage: kubectl-probelint version", "Usage: kubectl probelint version"),
                           ("USAGE: kubectl-probelint version", "USAGE: kubectl probelint version"),
                           ("'kubectl-probelint help <subcommand>'", "'kubectl probelint help <subcommand>'")] {
            text = replacing(from, with: to, in: text)
        }
        return text
    }

    /// `text` with each `target` replaced, found in its UTF-8 bytes (no Foundation here).
    static func replacing(_ target: String, with replacement: String, in text: String) -> String {
        let bytes = Array(text.utf8), needle = Array(target.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return text }
        var out: [UInt8] = [], i = 0
        out.reserveCapacity(bytes.count)
        while i < bytes.count {
            if i + needle.count <= bytes.count, bytes[i..<i + needle.count].elementsEqual(needle) {
                out += replacement.utf8
                i += needle.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses the arguments; a line argument-parser refuses is read again with kubectl's
    /// `--flag=true` spellings of the boolean flags and joined values (KubectlSpelling). If that
    /// fails too, its refusal is the one shown: it names the option as the user meant it
    /// (`-oa=b`: "the value 'a=b' is invalid for -o", not "unknown option -oa").
    static func parseKubectlSpelling(_ arguments: [String]) throws -> ParsableCommand {
        if let split = trailingOperands(arguments), var lint = (try? parseKubectlSpelling(split.head)) as? Lint {
            lint.paths += split.operands
            // Checked again with them (an empty one, a second `-`), as a line parsed whole is,
            // and refused in lint's words (`LintRefusal`).
            do { try lint.validate() } catch { throw LintRefusal(error: error) }
            return lint
        }
        let (arguments, refusal) = KubectlSpelling.emptyValues(KubectlSpelling.pflagReadings(arguments))
        if let refusal { throw ValidationError(refusal) }
        if let lint = parsedAsLintAlone(arguments) { return lint }
        do {
            return try parseAsRoot(arguments)
        } catch {
            guard let respelled = KubectlSpelling.respelled(arguments) else {
                if let refusal = KubectlSpelling.invalidBoolean(arguments) { throw ValidationError(refusal) }
                throw error
            }
            return try parseAsRoot(respelled)
        }
    }

    /// pre-commit's line, `kubectl-probelint -- a.yaml b.yaml ...` with up to 128 KiB of names, or
    /// a shell's `kubectl-probelint $(git ls-files '*.yaml')`: argument-parser takes each operand
    /// out of its list one by one, which is quadratic (8,000 names took 19 s before a file was
    /// read). Such a line is parsed up to its first operand, and lint is handed the others:
    /// those after a `--` that ends the options, else the words that end the line (none starting
    /// with `-`) less the first two, which the parse reads: the last option's value, and a word
    /// that may name a subcommand (`explain PL101 PL102` is explain's line, and refused). nil when
    /// that leaves no operand to hand over, or when the `--` is the value of the option before
    /// it (`--exclude --`). A head that is not lint's, or that is refused, leaves the whole line
    /// to the full parse.
    static func trailingOperands(_ arguments: [String]) -> (head: [String], operands: ArraySlice<String>)? {
        let start: Int
        if let dash = arguments.firstIndex(of: "--") {
            guard dash == 0 || !KubectlSpelling.takesNext(arguments[dash - 1]) else { return nil }
            start = dash + 2
        } else {
            start = (arguments.lastIndex { $0.hasPrefix("-") }.map { $0 + 1 } ?? 0) + 2
        }
        guard start < arguments.count else { return nil }
        return (Array(arguments[..<start]), arguments[start...])
    }

    /// Start-up: a line that does not start with a subcommand's name is lint's, and parsing it
    /// as lint alone gives the same command. Through the root, argument-parser also asks whether
    /// the default subcommand takes all remaining input, which reflects over lint's options once
    /// more: one small manifest took 31.5 M instructions that way, 27.0 M this way. Any refusal (help,
    /// `--version`, an error) is left to the full parse, whose messages name the command as
    /// `kubectl-probelint lint`.
    static func parsedAsLintAlone(_ arguments: [String]) -> Lint? {
        if let first = arguments.first, subcommandNames.contains(first) { return nil }
        return (try? Lint.parseAsRoot(arguments)) as? Lint
    }

    /// The words that choose a subcommand as a line's first (argument-parser adds `help`).
    static let subcommandNames: Set<String> = Set(configuration.subcommands.flatMap { command in
        [command._commandName] + command.configuration.aliases
    }).union(["help"])

    /// An argument that is no UTF-8 (a file named with a Latin-1 byte) reaches the program as
    /// a String with U+FFFD in its place, which names another file: one of that name would be
    /// read, and fixed, instead. Such an argument is a usage error that shows its bytes.
    static func argumentNotUTF8() -> String? {
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
            if String(validating: bytes, as: UTF8.self) == nil {
                return "argument '\(FileDiscovery.escaped(bytes))' is not valid UTF-8: probelint reads its arguments as UTF-8 (a file so named would be read as another); rename the file"
            }
        }
        return nil
    }

    /// `help TOPIC...`: argument-parser shows the overview for a name that is no subcommand
    /// and exits 0, which hides a typo; it is a usage error instead, and a rule points to `explain`.
    static func unknownHelpTopic(_ arguments: [String]) -> String? {
        guard arguments.first == "help" else { return nil }
        let topic = arguments.dropFirst().filter { !$0.hasPrefix("-") }
        var commands = configuration.subcommands
        for name in topic {
            guard let next = commands.first(where: { $0.configuration.commandName == name }) else {
                let words = topic.joined(separator: " ")
                if topic.count == 1, let info = RuleCatalog.lookup(name) {
                    return "no help topic '\(words)': it is a rule; its page is 'kubectl-probelint explain \(info.id)'"
                }
                let names = configuration.subcommands.compactMap { $0.configuration.commandName }
                return "no help topic '\(words)': the subcommands are \(MessageText.list(names))"
                    + " ('kubectl-probelint help lint')"
            }
            commands = next.configuration.subcommands
        }
        return nil
    }
}

func terminate(_ code: Int32) -> Never {
    #if canImport(Glibc)
    Glibc.exit(code)
    #else
    Darwin.exit(code)
    #endif
}

func writeStderr(_ text: String) { writeAll(2, text) }

/// An input warning on stderr, `file:line:column: warning: ...`, made safe for a terminal: a
/// config file's, the run's Rook version's, a linted file's. Not when stderr carries the report
/// alone (`ReportStream`): the report holds it.
func writeWarning(_ warning: LintError) {
    guard !ReportStream.stderrIsReport.load(ordering: .relaxed) else { return }
    writeStderr(TerminalText.escape(warning.line(label: "warning")) + "\n")
}

/// A note on stderr about what the run did not lint (`-l` that selects nothing, objects a
/// controller made): not when stderr carries the report alone, whose counts say the same.
func writeNote(_ note: String) {
    guard !ReportStream.stderrIsReport.load(ordering: .relaxed) else { return }
    writeStderr(note)
}

/// Where the report goes. With `--fix -` and a one-document format (`-o json`, `sarif`,
/// `gitlab`, `checkstyle`, `junit`), stdout is the fixed stream and stderr the report alone, so
/// that `2> report.json` parses: a warning or note written there as a line of text came before
/// the document and broke it. A file's or a config's warning is in the report (`inputWarnings`);
/// one of `--rook-version` has no place there, and the findings' notes name the release
/// modelled and the one given. Set once, before the run.
enum ReportStream {
    static let stderrIsReport = Atomic<Bool>(false)
}

func writeStdout(_ text: String) { writeAll(1, text) }

/// Writes all of `text` to a file descriptor (no stdio buffering to flush).
func writeAll(_ fd: Int32, _ text: String) {
    var text = text
    text.withUTF8 { writeAll(fd, $0) }
}

/// A report or a fixed stream that cannot be written to standard output (a full disk,
/// `/dev/full`) ends the run with exit status 2 and says so: a shell's `> fixed.yaml` would
/// otherwise keep a cut file and the run pass. (A closed pipe ends it by SIGPIPE, as usual.)
func writeAll(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
    var offset = 0
    while offset < buffer.count {
        let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 {
            guard fd == 1 else { return }
            let reason = n < 0 ? String(cString: strerror(errno)) : "nothing written"
            writeAll(2, "kubectl-probelint: error: cannot write to standard output: \(reason)\n")
            terminate(Exit.inputError)
        }
        offset += n
    }
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every rule with its ID, name, severity and summary.")

    enum Format: String, CaseIterable, ExpressibleByArgument { case text, json }

    @Option(name: [.customShort("o", allowingJoined: true), .long], help: "text, or json: an array of {id, name, severity, enabled, fix, summary, tags, page}.")
    var output: Format = .text

    func run() {
        if output == .json {
            writeStdout(JSONValue.array(RuleCatalog.infos.map(\.json)).serialized() + "\n")
            return
        }
        for info in RuleCatalog.infos {
            let off = info.enabledByDefault ? "" : ", off by default: --enable \(info.id)"
            writeStdout("\(info.id)  \(info.name)  [\(Self.severities(info)), fix: \(info.fix.rawValue)\(off)]\n    \(info.summary)\n")
        }
    }

    /// The severities a rule's findings take, as its page's header gives them (`error (liveness,
    /// startup), warning (readiness)`): a rule's default alone hid that some of its findings are
    /// warnings. The default when the page has no such line.
    static func severities(_ info: RuleInfo) -> String {
        guard let page = RuleDocs.page(info.id),
              let line = page.split(separator: "\n", maxSplits: 3).first(where: { $0.hasPrefix("Severity: ") }),
              let text = line.dropFirst("Severity: ".count).split(separator: "·").first else { return info.defaultSeverity.rawValue }
        var written = text
        while written.first == " " { written = written.dropFirst() }
        while written.last == " " { written = written.dropLast() }
        // PL401's "(off by default: ...)" is said after the fix already.
        guard written.hasPrefix(info.defaultSeverity.rawValue), !written.contains("off by default") else { return info.defaultSeverity.rawValue }
        return String(written)
    }
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print probelint's version.")

    func run() {
        writeStdout(ProbeLintCommand.versionLine + "\n")
    }
}
