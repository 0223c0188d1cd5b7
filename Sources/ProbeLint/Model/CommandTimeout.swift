/// The longest an exec probe's command can wait for its answer, by limits written in it: a
/// bound the kubelet's timeoutSeconds cuts short when it is longer (docs/model.md section 1: a
/// probe fails when no answer came within T, whatever the command would have accepted).
///
/// Only limits that bound a whole command are read:
/// - coreutils `timeout DURATION COMMAND` (and busybox's): DURATION, plus `-k`/`--kill-after`;
/// - `curl -m`/`--max-time` (`-m 5`, `-m5`, `-fsSm 5`; curl takes no `--max-time=5`), not with
///   `--retry` (each try gets the limit) and not `--connect-timeout` (the connection only);
/// - `grpc_health_probe`: `-connect-timeout` and then `-rpc-timeout`, one after the other (1 s
///   each by default), when either is written;
/// - `pg_isready -t`/`--timeout` (libpq's connect_timeout, whole seconds).
/// Not wget: `-T` bounds each read and wget tries 20 times by default. A `timeout` around a
/// command bounds it with the smaller of the two; commands one after another (`;`, `&&`, `||`,
/// a line break) add theirs, and a pipe's, which run at the same time, wait as long as the
/// longest. A shell's script (`sh -c "..."`, `bash -lc`) is read as such
/// (CommandTimeoutScript.swift): quotes keep an argument one word, and `$(...)` and backquotes
/// start commands.
struct CommandTimeout: Equatable, Sendable {
    /// The bound in seconds.
    var seconds: Double
    /// The limits as written: `grpc_health_probe -rpc-timeout=5s (-connect-timeout 1 s by default)`.
    var written: String

    /// The bound the words write, or nil when no command in them has a limit written.
    static func find(in words: [String]) -> CommandTimeout? {
        var tokens = words.map { Token.word($0) }
        return script(&tokens[...])
    }

    /// Words before a command that leave the next word at a command's start.
    static let prefixes: Set<String> = ["exec", "env", "sudo", "nice", "nohup", "time", "command", "busybox", "!", "{", "}",
                                        "if", "then", "else", "elif", "do", "while", "until", "fi", "done"]
    static let shells: Set<String> = ["sh", "bash", "dash", "ash", "zsh", "ksh"]
    /// The prefixes that take options before their command, and those of their options that take
    /// the next word as their value (`env -u NAME`, `nice -n 10`, `sudo -u user`, `time -f FORMAT`,
    /// `exec -a NAME`). `env -S`'s value is a command line of its own, skipped unread.
    static let prefixOptionValues: [String: Set<String>] = [
        "env": ["-u", "--unset", "-C", "--chdir", "-S", "--split-string"],
        "nice": ["-n", "--adjustment"],
        "sudo": ["-u", "--user", "-g", "--group", "-U", "--other-user", "-C", "--close-from", "-D", "--chdir",
                 "-h", "--host", "-p", "--prompt", "-r", "--role", "-t", "--type", "-T", "--command-timeout", "-R", "--chroot"],
        "time": ["-f", "--format", "-o", "--output"],
        "exec": ["-a"], "command": [], "nohup": [],
    ]

    /// A command word's program without its directory (`/usr/bin/timeout` is `timeout`).
    static func program(_ word: String) -> String { word.split(separator: "/").last.map(String.init) ?? word }

    /// The script a shell reads with `-c` (`sh -c SCRIPT`, `bash -euo pipefail -c SCRIPT`), from
    /// the words after the shell's name; nil when it reads none (a script file, stdin).
    static func script(afterShell words: ArraySlice<String>) -> String? {
        var rest = words, readsScript = false
        while let flag = rest.first, flag.hasPrefix("-") || flag.hasPrefix("+") {
            rest = rest.dropFirst()
            // `-o pipefail`, `-euo pipefail`: the option's name is the next word.
            if flag.hasSuffix("o") && !flag.hasPrefix("--") { rest = rest.dropFirst() }
            if flag.hasPrefix("-") && !flag.hasPrefix("--") && flag.contains("c") { readsScript = true }
        }
        return readsScript ? rest.first : nil
    }

    /// The bound of one command: its `timeout` wrappers' and its tool's, the smallest.
    static func command(_ words: ArraySlice<String>) -> CommandTimeout? {
        var rest = words
        var wrapper: CommandTimeout?
        while let word = rest.first {
            let name = Self.program(word)
            if prefixes.contains(name) || (word.contains("=") && !word.hasPrefix("-") && !word.hasPrefix("=")) {
                rest = rest.dropFirst()
                if let valued = prefixOptionValues[name] { skipOptions(&rest, valued: valued) }
                continue
            }
            if name == "timeout" {
                rest = rest.dropFirst()
                if let bound = coreutilsTimeout(&rest) { wrapper = smaller(wrapper, bound) }
                continue
            }
            // `gosu USER COMMAND`, `su-exec USER COMMAND` (an image's way to drop root): the user, then the command.
            if name == "gosu" || name == "su-exec" {
                rest = rest.dropFirst(2)
                continue
            }
            if name == "su" || name == "runuser" {
                rest = rest.dropFirst()
                switch userSwitch(&rest, runuser: name == "runuser") {
                case .command: continue
                case .script(let script): return smaller(wrapper, shellScript(script))
                case .none: return wrapper
                }
            }
            if shells.contains(name) {
                return smaller(wrapper, script(afterShell: rest.dropFirst()).flatMap(shellScript))
            }
            let tool: CommandTimeout?
            switch name {
            case "curl": tool = curl(rest.dropFirst())
            case "grpc_health_probe", "grpc-health-probe": tool = grpcHealthProbe(rest.dropFirst())
            case "pg_isready": tool = pgIsready(rest.dropFirst())
            default: tool = nil
            }
            return smaller(wrapper, tool)
        }
        return wrapper
    }

    /// The bound of a shell's script (`sh -c SCRIPT`, `su -c SCRIPT`), split as the shell splits it.
    static func shellScript(_ script: String) -> CommandTimeout? {
        var tokens = scriptTokens(script)[...]
        return CommandTimeout.script(&tokens)
    }

    enum UserSwitch { case command, script(String), none }

    /// `su [-] [USER] -c SCRIPT` and `runuser USER -c SCRIPT` run SCRIPT in the user's shell;
    /// `runuser -u USER [--] COMMAND` runs COMMAND, left in `rest`. `.none`: neither is written.
    static func userSwitch(_ rest: inout ArraySlice<String>, runuser: Bool) -> UserSwitch {
        let valued: Set = ["-s", "--shell", "-g", "--group", "-G", "--supp-group", "-w", "--whitelist-environment"]
        var words = rest
        while let word = words.first {
            words = words.dropFirst()
            if word == "-c" || word == "--command" || word == "--session-command" { return words.first.map { .script($0) } ?? .none }
            if word.hasPrefix("--command=") { return .script(String(word.dropFirst("--command=".count))) }
            if word.hasPrefix("-c"), !word.hasPrefix("--"), word.count > 2 { return .script(String(word.dropFirst(2))) }
            if runuser && (word == "-u" || word == "--user") {
                words = words.dropFirst()
                skipOptions(&words, valued: valued)
                rest = words
                return .command
            }
            if valued.contains(word) { words = words.dropFirst() }
        }
        return .none
    }

    /// Drops a prefix's options (`-i`, `-n 10`, `--user=x`) up to its command, and a `--` that ends them.
    static func skipOptions(_ rest: inout ArraySlice<String>, valued: Set<String>) {
        while let option = rest.first, option.hasPrefix("-"), option.count > 1 {
            rest = rest.dropFirst()
            if option == "--" { return }
            if valued.contains(option) { rest = rest.dropFirst() }
        }
    }

    /// `timeout [OPTION]... DURATION`: DURATION plus a `-k` kill-after, the words after it left in `rest`.
    static func coreutilsTimeout(_ rest: inout ArraySlice<String>) -> CommandTimeout? {
        var kill = 0.0, killText = ""
        while let option = rest.first, option.hasPrefix("-") {
            rest = rest.dropFirst()
            if option == "-s" || option == "--signal" { rest = rest.dropFirst() }
            if option == "-k" || option == "--kill-after", let value = rest.first {
                rest = rest.dropFirst()
                kill = duration(value) ?? 0
                killText = " -k \(value)"
            } else if option.hasPrefix("--kill-after=") {
                let value = String(option.dropFirst("--kill-after=".count))
                kill = duration(value) ?? 0
                killText = " \(option)"
            }
        }
        guard let text = rest.first, let seconds = duration(text) else { return nil }
        rest = rest.dropFirst()
        // `timeout 0 COMMAND` sets no limit: the command's own bound stands.
        guard seconds > 0 else { return nil }
        return CommandTimeout(seconds: seconds + kill, written: "timeout\(killText) \(text)")
    }

    /// coreutils' DURATION: a number with `s`, `m`, `h` or `d` after it; 0 is no limit.
    static func duration(_ text: String) -> Double? {
        var number = Substring(text), unit = 1.0
        switch text.last {
        case "s": number = number.dropLast()
        case "m": number = number.dropLast(); unit = 60
        case "h": number = number.dropLast(); unit = 3600
        case "d": number = number.dropLast(); unit = 86400
        default: break
        }
        if let first = number.first, first.isASCII, first.isNumber || first == ".", Double(number) == 0 { return 0 }
        return seconds(number).map { $0 * unit }
    }

    /// curl's `-m`/`--max-time`, alone, attached (`-m5`) or last of short flags (`-fsSm 5`).
    static func curl(_ arguments: ArraySlice<String>) -> CommandTimeout? {
        if arguments.contains(where: { $0 == "--retry" || $0.hasPrefix("--retry=") }) { return nil }
        var found: CommandTimeout?
        var rest = arguments
        while let argument = rest.first {
            rest = rest.dropFirst()
            var value: String?, option = argument
            if argument == "--max-time" {
                value = rest.first
                rest = rest.dropFirst()
            } else if argument.hasPrefix("-"), !argument.hasPrefix("--"), let m = argument.firstIndex(of: "m"),
                      argument[argument.index(after: argument.startIndex)..<m].allSatisfy({ curlFlags.contains($0) }) {
                let attached = argument[argument.index(after: m)...]
                option = String(argument[...m])
                if attached.isEmpty { value = rest.first; rest = rest.dropFirst() } else { value = String(attached) }
            }
            guard let value, let seconds = seconds(Substring(value)) else { continue }
            let separator = argument == option ? " " : ""
            found = CommandTimeout(seconds: seconds, written: "curl \(option)\(separator)\(value)")
        }
        return found
    }

    /// curl's short options that take no value, which may come before `m` in one word.
    static let curlFlags: Set<Character> = ["s", "S", "f", "L", "k", "I", "i", "v", "q", "g", "N", "n", "R", "j", "J", "4", "6", "0", "1", "2", "3", "#"]

    /// grpc_health_probe dials within `-connect-timeout` and then waits `-rpc-timeout` for the
    /// answer (1 s each by default): their sum, when either is written.
    static func grpcHealthProbe(_ arguments: ArraySlice<String>) -> CommandTimeout? {
        var connect: (Double, String)?, rpc: (Double, String)?
        var rest = arguments
        while let argument = rest.first {
            rest = rest.dropFirst()
            for name in ["connect-timeout", "rpc-timeout"] {
                var value: String?, written = argument
                for dashes in ["-", "--"] where value == nil {
                    if argument == dashes + name, let next = rest.first {
                        value = next
                        written = "\(argument) \(next)"
                        rest = rest.dropFirst()
                    } else if argument.hasPrefix(dashes + name + "=") {
                        value = String(argument.dropFirst(dashes.count + name.count + 1))
                    }
                }
                // grpc_health_probe refuses a timeout of 0 ("must be greater than zero").
                guard let value, let seconds = goDuration(value), seconds > 0 else { continue }
                if name == "connect-timeout" { connect = (seconds, written) } else { rpc = (seconds, written) }
            }
        }
        guard connect != nil || rpc != nil else { return nil }
        let parts = [connect?.1, rpc?.1].compactMap { $0 }.joined(separator: " ")
        let defaults = [connect == nil ? "-connect-timeout" : nil, rpc == nil ? "-rpc-timeout" : nil].compactMap { $0 }
        let note = defaults.isEmpty ? "" : " (\(defaults[0]) 1 s by default)"
        return CommandTimeout(seconds: (connect?.0 ?? 1) + (rpc?.0 ?? 1), written: "grpc_health_probe \(parts)\(note)")
    }

    /// pg_isready's `-t`/`--timeout` (`-t 5`, `-t5`, `-qt 5`, `--timeout=5`, `--timeout 5`, `--time 5`:
    /// getopt_long takes a prefix of a long option): libpq's `connect_timeout`, whole seconds; 0
    /// or less is no limit, and the last one written counts. libpq gives each host of `-h a,b`
    /// the limit anew, so X is the limit times the hosts. Its default of 3 s is not read (as
    /// grpc_health_probe's are not when neither is written). An option it does not know (or a
    /// value for `--quiet`) or a word that is no option ends it at once, with no wait. libpq up
    /// to PostgreSQL 16 at least raises a limit of 1 s to 2 s, and a host name's addresses each
    /// get the limit: X is the least it waits.
    static func pgIsready(_ arguments: ArraySlice<String>) -> CommandTimeout? {
        var options: [Character: (value: String, written: String)] = [:]
        var rest = arguments
        while let argument = rest.first {
            rest = rest.dropFirst()
            if argument == "--" {
                guard rest.isEmpty else { return nil }
                break
            }
            guard argument.hasPrefix("-"), argument.count > 1 else { return nil }
            if argument.hasPrefix("--") {
                let name = argument.dropFirst(2).prefix { $0 != "=" }
                let matches = pgIsreadyLongOptions.filter { $0.hasPrefix(name) }
                guard !name.isEmpty, let option = matches.first(where: { $0 == name }) ?? (matches.count == 1 ? matches[0] : nil)
                else { return nil }
                if option == "quiet" {
                    if argument.contains("=") { return nil }  // "option '--quiet' doesn't allow an argument"
                    continue
                }
                let letter: Character = option == "username" ? "U" : option.first!
                if argument.contains("=") {
                    options[letter] = (String(argument.dropFirst(2 + name.count + 1)), argument)
                } else {
                    guard let next = rest.first else { return nil }
                    options[letter] = (next, "\(argument) \(next)")
                    rest = rest.dropFirst()
                }
                continue
            }
            // Short options: q takes no value; d, h, p, U and t take the rest of the word or the next one.
            for (offset, letter) in argument.dropFirst().enumerated() {
                if letter == "q" { continue }
                guard "dhpUt".contains(letter) else { return nil }
                let attached = String(argument.dropFirst(offset + 2))
                if attached.isEmpty {
                    guard let next = rest.first else { return nil }
                    options[letter] = (next, "\(argument) \(next)")
                    rest = rest.dropFirst()
                } else {
                    options[letter] = (attached, argument)
                }
                break
            }
        }
        // libpq reads it with strtol, blanks (C's isspace) around it allowed; a value it does not read fails at once.
        guard let timeout = options["t"] else { return nil }
        let blanks: Set<Character> = [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r"]
        var value = Substring(timeout.value)
        while let first = value.first, blanks.contains(first) { value.removeFirst() }
        while let last = value.last, blanks.contains(last) { value.removeLast() }
        guard let written = Int32(value), written > 0 else { return nil }
        // libpq waits at least 2 s ("insist on at least two seconds", fe-connect.c).
        let seconds = max(written, 2)
        let raised = written < seconds ? ", which libpq raises to \(seconds) s" : ""
        let hosts = options["h"].map { $0.value.split(separator: ",", omittingEmptySubsequences: false).count } ?? 1
        let each = hosts > 1 ? ", for each of the \(hosts) hosts of \(options["h"]!.written)" : ""
        // A separate word is shown without its blanks.
        let shown = timeout.written.hasSuffix(" " + timeout.value) ? timeout.written.dropLast(timeout.value.count) + value : Substring(timeout.written)
        return CommandTimeout(seconds: Double(seconds) * Double(hosts), written: "pg_isready \(shown)\(raised)\(each)")
    }

    /// pg_isready's long options (`--help` and `--version` are read before them, alone).
    static let pgIsreadyLongOptions = ["dbname", "host", "port", "quiet", "timeout", "username"]

    /// A count of seconds above 0 (`5`, `2.5`, `1e1`), not signed.
    static func seconds(_ text: Substring) -> Double? {
        guard let first = text.first, first.isASCII, first.isNumber || first == ".", let value = Double(text),
              value > 0, value.isFinite else { return nil }
        return value
    }

    /// A Go duration (`5s`, `500ms`, `1m30s`, `1.5s`, `+5s`, `0m0s`, `-0s`), not negative; a bare
    /// number other than 0 is none, as `time.ParseDuration` has it.
    static func goDuration(_ text: String) -> Double? {
        var total = 0.0, rest = Substring(text)
        // A sign, as Go takes it: `-` only for a zero (`-0s`), no duration being negative here.
        let negative = rest.first == "-"
        if rest.first == "+" || negative { rest = rest.dropFirst() }
        guard !rest.isEmpty else { return nil }
        if rest == "0" { return 0 }  // Go's one unitless duration, with a sign or without
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !digits.isEmpty, let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { $0.isLetter || $0 == "µ" }
            rest = rest.dropFirst(unit.count)
            switch unit {
            case "ns": total += value / 1e9
            case "us", "µs", "μs": total += value / 1e6  // micro sign U+00B5 and Greek mu U+03BC, as Go takes both
            case "ms": total += value / 1e3
            case "s": total += value
            case "m": total += value * 60
            case "h": total += value * 3600
            default: return nil
            }
        }
        return total.isFinite && !(negative && total > 0) ? total : nil
    }

    static func smaller(_ a: CommandTimeout?, _ b: CommandTimeout?) -> CommandTimeout? {
        guard let a else { return b }
        guard let b else { return a }
        return b.seconds < a.seconds ? b : a
    }
}
