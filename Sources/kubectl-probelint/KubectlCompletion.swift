#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        /// A positional argument that takes more than one word (lint's files; explain's rule is one).
        var isRepeating = false
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

    /// Options whose value is a comma-separated list: each item after the last comma completes.
    static let listOptions: Set<String> = ["--select", "--ignore", "--enable"]

    typealias Answer = (candidates: [(String, String)], directive: Directive)

    /// The answer to kubectl for `words` (the last one being completed).
    static func answer(_ words: [String], root: Command) -> Answer {
        let current = words.last ?? ""
        var command = root, options = effective(root)
        var pendingValue: Argument?
        var optionsEnded = false, positionals: [String] = []
        for (index, word) in words.dropLast().enumerated() {
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
                if !word.contains("="), let option = option(word, in: options), option.takesValue { pendingValue = option }
                continue
            }
            // A subcommand is the first word only: after it or a lint option, a word is a file or a resource.
            if index == 0, let sub = command.subcommands.first(where: { $0.name == word }) {
                command = sub
                options = effective(sub)
                continue
            }
            positionals.append(word)
        }
        if let argument = pendingValue {
            return values(argument, typed: current, words: Array(words.dropLast(2)), in: options)
        }
        // A command whose one argument is given takes no other word (`explain PL108 <TAB>`).
        let full = !positionals.isEmpty && options.arguments.contains { $0.isPositional && !$0.isRepeating }
        let earlier = Array(words.dropLast())
        if optionsEnded {
            return full ? ([], .noFiles) : positional(command, options, root: root, typed: current, first: false, positionals: positionals, words: earlier)
        }
        // `--output=j`, `-o=j`: the value's candidates alone, as cobra's scripts take the
        // `--flag=` part off the word before they match them.
        if current.hasPrefix("-"), let equals = current.firstIndex(of: "=") {
            guard let option = option(String(current[..<equals]), in: options), option.takesValue else { return ([], .noFiles) }
            return values(option, typed: String(current[current.index(after: equals)...]), words: Array(words.dropLast()), in: options)
        }
        if current.hasPrefix("-") {
            let candidates = options.arguments.filter { !$0.isPositional }.flatMap { argument in
                argument.names.filter { $0.hasPrefix(current) }.map { ($0, argument.about) }
            }
            return (candidates, .noFiles)
        }
        return full ? ([], .noFiles)
            : positional(command, options, root: root, typed: current, first: words.count == 1, positionals: positionals, words: earlier)
    }

    /// A word that is no option: the subcommands when it is the first word and no file here
    /// starts as it does (`r<TAB>` is `rules` only without an `r...` file or folder), else what
    /// the command's argument takes: files or resources for lint, a rule for explain, a
    /// subcommand for help. `positionals`: the command's arguments before; `words`: the line's.
    static func positional(_ command: Command, _ options: Command, root: Command, typed: String, first: Bool,
                           positionals: [String], words: [String]) -> Answer {
        let subcommands = { (parent: Command) in
            parent.subcommands.filter { $0.name.hasPrefix(typed) && $0.name != parent.defaultSubcommand }.map { ($0.name, $0.about) }
        }
        if first && !typed.contains("/") && !entryExists(startingWith: typed) {
            let candidates = subcommands(command)
            if !candidates.isEmpty { return (candidates, .noFiles) }
        }
        if command.name == "help" { return (subcommands(root).filter { $0.0 != "help" }, .noFiles) }
        guard let argument = options.arguments.first(where: \.isPositional) else { return ([], .noFiles) }
        if argument.isRepeating, case .files(let extensions) = argument.completion, extensions.isEmpty,
           let resources = resources(earlier: positionals, typed: typed, words: words, in: options) {
            return resources
        }
        return values(argument, typed: typed, words: [], in: options)
    }

    /// Whether the current folder holds an entry whose name starts with `typed`; a hidden one
    /// only when `typed` starts with a dot.
    static func entryExists(startingWith typed: String) -> Bool {
        guard let folder = opendir(".") else { return false }
        defer { closedir(folder) }
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." || (name.hasPrefix(".") && !typed.hasPrefix(".")) { continue }
            if name.hasPrefix(typed) { return true }
        }
        return false
    }

    /// The command whose options apply: the default subcommand's when none was named, with the
    /// root's own (`--version`) that it does not have already.
    static func effective(_ command: Command) -> Command {
        guard let name = command.defaultSubcommand, let sub = command.subcommands.first(where: { $0.name == name }) else { return command }
        var merged = sub
        let known = Set(sub.arguments.flatMap(\.names))
        merged.arguments += command.arguments.filter { !$0.isPositional && $0.names.allSatisfy { !known.contains($0) } }
        return merged
    }

    static func option(_ word: String, in command: Command) -> Argument? {
        if let option = command.arguments.first(where: { !$0.isPositional && $0.names.contains(word) }) { return option }
        // A group of short flags that ends with an option taking a value (`-Rf`), as pflag reads it.
        guard KubectlSpelling.takesNext(word), !word.hasPrefix("--"), let letter = word.last else { return nil }
        return command.arguments.first { !$0.isPositional && $0.names.contains("-" + String(letter)) }
    }

    /// The candidates for `argument`'s value as typed so far; `words` are the words before the
    /// option, for kubectl's values (the context and kubeconfig they name).
    static func values(_ argument: Argument, typed: String, words: [String], in command: Command) -> Answer {
        if let query = argument.names.lazy.compactMap({ kubectlQueries[$0] }).first {
            return (kubectlValues(query, identity: identityFlags(words, in: command), typed: typed), .noFiles)
        }
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
            return (values.filter { $0.hasPrefix(last) && !given.contains($0) }.map { (head + $0, "") }, .noFiles)
        }
    }
}
