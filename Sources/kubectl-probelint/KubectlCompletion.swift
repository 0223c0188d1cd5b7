import ArgumentParser
import ProbeLint

/// kubectl's completion of a plugin's words (kubectl 1.26 and later): on `kubectl probelint
/// WORD<TAB>`, kubectl runs `kubectl_complete-probelint` from PATH with the words after the
/// plugin's name, the last one the word being completed (maybe empty), and reads cobra's
/// `__complete` answer: one `candidate<TAB>description` per line, then `:DIRECTIVE`.
/// `kubectl_complete-probelint` is a link to this binary (`ln -s kubectl-probelint
/// kubectl_complete-probelint`); `kubectl-probelint __complete WORD...` answers the same.
///
/// The options, their values and the subcommands come from the command's own definition, as
/// `--experimental-dump-help` prints it (read with libyaml: JSON is YAML), so that a new option
/// completes without a word here.
enum KubectlCompletion {
    /// The name under which the binary answers kubectl.
    static let programName = "kubectl_complete-probelint"

    /// cobra's `ShellCompDirective` bits (spf13/cobra completions.go).
    enum Directive: Int {
        /// The shell completes file names when no candidate is given.
        case files = 0
        case noFiles = 4
        /// The candidates are file extensions: the shell completes files with them, and folders.
        case fileExtensions = 8
        /// The shell completes folder names.
        case folders = 16
    }

    enum Completion: Equatable {
        case files([String]), folders, values([String]), nothing
    }

    struct Argument {
        var names: [String]
        var takesValue: Bool
        var isPositional: Bool
        var about: String
        var completion: Completion
    }

    struct Command {
        var name: String
        var about: String
        var arguments: [Argument] = []
        var subcommands: [Command] = []
        var defaultSubcommand: String?
    }

    /// What kubectl lists for the options probelint passes to it: the kubeconfig's contexts,
    /// clusters and users, and the cluster's namespaces (as `kubectl get -n <TAB>` lists them).
    static let kubectlQueries: [String: [String]] = [
        "--context": ["config", "get-contexts", "-o", "name"],
        "--cluster": ["config", "get-clusters"],
        "--user": ["config", "get-users"],
        "--namespace": ["get", "namespaces", "-o", "name"],
    ]

    /// The values kubectl lists for `argument`, with the kubeconfig, context and identity the
    /// words before it give (`given`); nil for an option kubectl lists nothing for, and none when
    /// kubectl fails (no cluster, no kubeconfig): its errors are not shown in the middle of a line.
    static func kubectlValues(for argument: Argument, given: [String], typed: String) -> [(String, String)]? {
        guard let query = argument.names.lazy.compactMap({ kubectlQueries[$0] }).first else { return nil }
        var command = ["kubectl"] + query
        let live = (try? Lint.parse(given))?.live
        command += live?.kubectlFlags ?? []
        if query[0] == "get" && live?.requestTimeout == nil { command.append("--request-timeout=5s") }
        guard case .success(let output) = Kubectl.run(command, limit: 1 << 20, standardError: "/dev/null") else { return [] }
        return String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap { line in
            // `config get-clusters` and `get-users` print a NAME header; `get -o name` prints namespace/NAME.
            let name = line.hasPrefix("namespace/") ? line.dropFirst("namespace/".count) : line
            return name != "NAME" && name.hasPrefix(typed) ? (String(name), "") : nil
        }
    }

    /// Options whose value is a comma-separated list: each item after the last comma completes.
    static let listOptions: Set<String> = ["--select", "--ignore", "--enable"]

    /// The answer to kubectl for `words` (the last one being completed), lines and directive.
    static func answer(_ words: [String], root: Command) -> (candidates: [(String, String)], directive: Directive) {
        let current = words.last ?? ""
        var command = root
        var pendingValue: Argument?
        var sawPositional = false, optionsEnded = false
        for word in words.dropLast() {
            if pendingValue != nil {
                pendingValue = nil
                continue
            }
            // After `--` every word is an argument (a file named -x).
            if word == "--" && !optionsEnded {
                optionsEnded = true
                continue
            }
            if word.hasPrefix("-"), word.count > 1, !optionsEnded {
                if !word.contains("="), let option = option(word, in: effective(command)), option.takesValue { pendingValue = option }
                continue
            }
            if !sawPositional, let sub = command.subcommands.first(where: { $0.name == word }) {
                command = sub
                continue
            }
            sawPositional = true
        }
        let options = effective(command)
        if let argument = pendingValue {
            if let found = kubectlValues(for: argument, given: Array(words.dropLast(2)), typed: current) { return (found, .noFiles) }
            return values(argument, prefix: "", typed: current)
        }
        if optionsEnded { return options.arguments.first(where: \.isPositional).map { values($0, prefix: "", typed: current) } ?? ([], .noFiles) }
        if current.hasPrefix("--"), let equals = current.firstIndex(of: "=") {
            let name = String(current[..<equals])
            guard let option = option(name, in: options), option.takesValue else { return ([], .noFiles) }
            let typed = String(current[current.index(after: equals)...])
            if let found = kubectlValues(for: option, given: Array(words.dropLast()), typed: typed) {
                return (found.map { (name + "=" + $0.0, $0.1) }, .noFiles)
            }
            return values(option, prefix: name + "=", typed: typed)
        }
        if current.hasPrefix("-") {
            var candidates: [(String, String)] = []
            for argument in options.arguments where !argument.isPositional {
                for name in argument.names where name.hasPrefix(current) {
                    candidates.append((name, argument.about))
                }
            }
            return (candidates, .noFiles)
        }
        var candidates: [(String, String)] = []
        if !sawPositional && command.name == root.name {
            candidates = root.subcommands.filter { $0.name.hasPrefix(current) && $0.name != root.defaultSubcommand }.map { ($0.name, $0.about) }
        }
        guard let positional = options.arguments.first(where: \.isPositional) else { return (candidates, .noFiles) }
        if !candidates.isEmpty { return (candidates, .noFiles) }
        return values(positional, prefix: "", typed: current)
    }

    /// The command whose options apply: the default subcommand's when none was named.
    static func effective(_ command: Command) -> Command {
        guard let name = command.defaultSubcommand, let sub = command.subcommands.first(where: { $0.name == name }) else { return command }
        var merged = sub
        merged.arguments += command.arguments
        return merged
    }

    static func option(_ word: String, in command: Command) -> Argument? {
        command.arguments.first { !$0.isPositional && $0.names.contains(word) }
    }

    static func values(_ argument: Argument, prefix: String, typed: String) -> (candidates: [(String, String)], directive: Directive) {
        switch argument.completion {
        case .files(let extensions):
            return (extensions.map { ($0, "") }, extensions.isEmpty ? .files : .fileExtensions)
        case .folders:
            return ([], .folders)
        case .nothing:
            return ([], .noFiles)
        case .values(let values):
            var head = "", last = Substring(typed)
            if argument.names.contains(where: listOptions.contains), let comma = typed.lastIndex(of: ",") {
                head = String(typed[...comma])
                last = typed[typed.index(after: comma)...]
            }
            let given = Set(head.split(separator: ",").map(String.init))
            let matching = values.filter { $0.hasPrefix(last) && !given.contains($0) }
            return (matching.map { (prefix + head + $0, "") }, .noFiles)
        }
    }

    /// Answers kubectl when the binary runs as `kubectl_complete-probelint` or with `__complete`
    /// first: the words to complete, or nil when it is an ordinary run.
    static func requestedWords(_ arguments: [String]) -> [String]? {
        let program = arguments.first.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? ""
        if program == programName { return Array(arguments.dropFirst()) }
        if arguments.count > 1, arguments[1] == "__complete" { return Array(arguments.dropFirst(2)) }
        return nil
    }

    /// The command tree, as `--experimental-dump-help` prints it.
    static func dumpHelp() -> String {
        do {
            _ = try ProbeLintCommand.parseAsRoot(["--experimental-dump-help"])
            return ""
        } catch {
            return ProbeLintCommand.fullMessage(for: error)
        }
    }

    /// The command tree from `--experimental-dump-help`'s JSON; nil when it does not read.
    static func tree(_ json: String) -> Command? {
        guard let document = try? Reader.readAll(json, file: "<dump-help>").first, let root = document.root,
              let command = document.lookup("command", in: root)?.value else { return nil }
        return Self.command(document, command)
    }

    static func command(_ document: Document, _ node: NodeID) -> Command {
        func text(_ key: String, in node: NodeID) -> String? { document.lookup(key, in: node).map { document.string($0.value) } }
        func list(_ key: String, in node: NodeID) -> [NodeID] {
            guard let value = document.lookup(key, in: node)?.value, document.kind(value) == .sequence else { return [] }
            return Array(document.items(value))
        }
        var command = Command(name: text("commandName", in: node) ?? "", about: text("abstract", in: node) ?? "")
        command.defaultSubcommand = text("defaultSubcommand", in: node)
        for item in list("arguments", in: node) where text("shouldDisplay", in: item) != "false" {
            let kind = text("kind", in: item)
            let names: [String] = list("names", in: item).compactMap { name in
                guard let value = text("name", in: name) else { return nil }
                switch text("kind", in: name) {
                case "long": return "--" + value
                case "short": return "-" + value
                case "longWithSingleDash": return "-" + value
                default: return nil
                }
            }
            var completion = Completion.nothing
            if let kinds = document.lookup("completionKind", in: item)?.value {
                if let file = document.lookup("file", in: kinds)?.value {
                    completion = .files(list("extensions", in: file).map(document.string))
                } else if document.lookup("directory", in: kinds) != nil {
                    completion = .folders
                } else if let values = document.lookup("list", in: kinds)?.value {
                    completion = .values(list("values", in: values).map(document.string))
                }
            }
            command.arguments.append(Argument(names: names, takesValue: kind == "option", isPositional: kind == "positional",
                                              about: text("abstract", in: item) ?? "", completion: completion))
        }
        command.subcommands = list("subcommands", in: node).map { Self.command(document, $0) }
        return command
    }

    /// Writes the answer to `words` on stdout; a command tree that does not read answers with
    /// cobra's error directive, so that the shell completes nothing rather than something wrong.
    static func run(_ words: [String]) -> Int32 {
        guard let tree = tree(dumpHelp()) else {
            writeStdout(":1\n")
            return Exit.clean
        }
        writeStdout(render(answer(words, root: tree)))
        return Exit.clean
    }

    /// The response's text: a line per candidate, then the directive.
    static func render(_ answer: (candidates: [(String, String)], directive: Directive)) -> String {
        var out = ""
        for (candidate, about) in answer.candidates {
            // A line break or tab in a description would end the candidate's line early.
            let text = about.split(whereSeparator: { $0 == "\n" || $0 == "\t" }).joined(separator: " ")
            out += text.isEmpty ? "\(candidate)\n" : "\(candidate)\t\(text)\n"
        }
        return out + ":\(answer.directive.rawValue)\n"
    }
}
