/// The longest an exec probe's command says it waits for an answer: a limit of its own that
/// the kubelet's timeoutSeconds cuts short when it is longer (docs/model.md section 1: a probe
/// fails when no answer came within T, whatever the command would have accepted).
///
/// Read from the tools that probes run and whose limits are options: `grpc_health_probe`
/// (`-rpc-timeout`, `-connect-timeout`, Go durations), `curl` (`-m`/`--max-time`,
/// `--connect-timeout`, seconds), `wget` (`-T`/`--timeout`, `--connect-timeout`,
/// `--read-timeout`, `--dns-timeout`, seconds) and coreutils `timeout DURATION COMMAND`, in
/// the command's words or in a shell script among them (`sh -c "curl -m 5 ..."`).
struct CommandTimeout: Equatable, Sendable {
    /// The limit in seconds.
    var seconds: Double
    /// The tool and the option as written: `grpc_health_probe -rpc-timeout=5s`.
    var written: String

    /// The largest limit the words set, or nil when they set none.
    static func find(in words: [String]) -> CommandTimeout? {
        var found: CommandTimeout?
        var tool: Tool?
        // A tool counts where a command starts: first, after `;`, `|` or `&`, or after a shell,
        // its `-c`, `exec`, `env` or an assignment (`sh -c "if curl ..."`), not as an argument.
        var atCommand = true
        let tokens = words.flatMap(split)
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if token == ";" || token == "|" || token == "&" { tool = nil; atCommand = true; continue }
            if atCommand, commandPrefixes.contains(token.split(separator: "/").last.map(String.init) ?? token)
                || (token.contains("=") && !token.hasPrefix("-")) {
                continue
            }
            if atCommand, let next = Tool(executable: token) {
                tool = next
                // `timeout 10 curl -m 5 ...`: the command it runs starts after the duration.
                atCommand = next == .timeout
                if next == .timeout, let limit = coreutilsDuration(tokens, from: &index) {
                    found = larger(found, CommandTimeout(seconds: limit.seconds, written: "timeout " + limit.text))
                }
                continue
            }
            atCommand = false
            guard let tool, let (option, value) = option(token, of: tool, next: index < tokens.count ? tokens[index] : nil) else { continue }
            if value.consumedNext { index += 1 }
            guard let seconds = tool == .grpcHealthProbe ? goDuration(value.text) : plainSeconds(value.text) else { continue }
            let separator = value.consumedNext ? " " : option.hasPrefix("--") || tool == .grpcHealthProbe ? "=" : ""
            found = larger(found, CommandTimeout(seconds: seconds, written: "\(tool.name) \(option)\(separator)\(value.text)"))
        }
        return found
    }

    /// Words before a command that leave the next word at a command's start.
    static let commandPrefixes: Set<String> = ["sh", "bash", "dash", "ash", "zsh", "-c", "-ec", "-ce", "-e", "-x", "-ex", "-eu", "-euc",
                                              "exec", "env", "sudo", "nice", "if", "then", "else", "do", "!", "{", "("]

    enum Tool: Equatable {
        case grpcHealthProbe, curl, wget, timeout

        init?(executable word: String) {
            switch word.split(separator: "/").last.map(String.init) ?? word {
            case "grpc_health_probe", "grpc-health-probe": self = .grpcHealthProbe
            case "curl": self = .curl
            case "wget": self = .wget
            case "timeout": self = .timeout
            default: return nil
            }
        }

        var name: String {
            switch self {
            case .grpcHealthProbe: return "grpc_health_probe"
            case .curl: return "curl"
            case .wget: return "wget"
            case .timeout: return "timeout"
            }
        }

        /// The options that bound the wait, long first; short ones take their value attached too (`-m5`).
        var limits: (long: [String], short: [String]) {
            switch self {
            case .grpcHealthProbe: return (["-rpc-timeout", "-connect-timeout"], [])
            case .curl: return (["--max-time", "--connect-timeout"], ["-m"])
            case .wget: return (["--timeout", "--connect-timeout", "--read-timeout", "--dns-timeout"], ["-T"])
            case .timeout: return ([], [])
            }
        }
    }

    /// The option `token` sets among `tool`'s limits and its value: `--max-time=5`, `-m5`, or
    /// `--max-time` with the next token. Go's flag package takes one dash or two.
    static func option(_ token: String, of tool: Tool, next: String?) -> (String, (text: String, consumedNext: Bool))? {
        let (long, short) = tool.limits
        for name in long {
            let spellings = tool == .grpcHealthProbe ? [name, "-" + name] : [name]
            for spelling in spellings {
                if token == spelling, let next { return (spelling, (next, true)) }
                if token.hasPrefix(spelling + "=") { return (spelling, (String(token.dropFirst(spelling.count + 1)), false)) }
            }
        }
        for name in short {
            if token == name, let next { return (name, (next, true)) }
            if token.hasPrefix(name), token.count > name.count { return (name, (String(token.dropFirst(name.count)), false)) }
        }
        return nil
    }

    /// `timeout [OPTION]... DURATION COMMAND`: the duration after the options (`-s KILL` and
    /// `-k 5` take a value; `--signal=KILL` and the flags do not).
    static func coreutilsDuration(_ tokens: [String], from index: inout Int) -> (seconds: Double, text: String)? {
        while index < tokens.count, tokens[index].hasPrefix("-") {
            let option = tokens[index]
            index += 1
            if option == "-s" || option == "-k" || option == "--signal" || option == "--kill-after" { index += 1 }
        }
        guard index < tokens.count else { return nil }
        let text = tokens[index]
        index += 1
        var number = Substring(text), unit = 1.0
        switch text.last {
        case "s": number = number.dropLast()
        case "m": number = number.dropLast(); unit = 60
        case "h": number = number.dropLast(); unit = 3600
        case "d": number = number.dropLast(); unit = 86400
        default: break
        }
        guard let value = plainSeconds(String(number)) else { return nil }
        return (value * unit, text)
    }

    /// A count of seconds (curl's and wget's, whole or decimal), above 0.
    static func plainSeconds(_ text: String) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let value = Double(text), value > 0,
              value.isFinite else { return nil }
        return value
    }

    /// A Go duration (`5s`, `500ms`, `1m30s`, `1.5s`), above 0; a bare number is none.
    static func goDuration(_ text: String) -> Double? {
        var total = 0.0, rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !digits.isEmpty, let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { $0.isLetter || $0 == "µ" }
            rest = rest.dropFirst(unit.count)
            switch unit {
            case "ns": total += value / 1e9
            case "us", "µs": total += value / 1e6
            case "ms": total += value / 1e3
            case "s": total += value
            case "m": total += value * 60
            case "h": total += value * 3600
            default: return nil
            }
        }
        return total > 0 && total.isFinite ? total : nil
    }

    /// A word split as a shell script's words: at blanks and at `;`, `|` and `&` (kept as
    /// tokens), quotes removed. Enough to find a tool and its options, not a shell.
    static func split(_ word: String) -> [String] {
        var tokens: [String] = [], current = ""
        for character in word {
            switch character {
            case " ", "\t", "\n":
                if !current.isEmpty { tokens.append(current); current = "" }
            case ";", "|", "&":
                if !current.isEmpty { tokens.append(current); current = "" }
                if tokens.last != String(character) { tokens.append(String(character)) }
            case "\"", "'":
                continue
            default:
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static func larger(_ a: CommandTimeout?, _ b: CommandTimeout) -> CommandTimeout {
        guard let a else { return b }
        return b.seconds > a.seconds ? b : a
    }
}
