import ArgumentParser
import ProbeLint

/// How the binary comes to answer kubectl, the command tree it answers from, and the answer's text.
extension KubectlCompletion {
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
                                              isRepeating: text("isRepeating", in: item) == "true",
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
