#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser

/// The values only kubectl knows: the kubeconfig's contexts, clusters and users, and the
/// cluster's namespaces, asked for with the context, kubeconfig and identity the line gives.
extension KubectlCompletion {
    /// What kubectl lists for the options probelint passes to it (as `kubectl get -n <TAB>` lists namespaces).
    static let kubectlQueries: [String: [String]] = [
        "--context": ["config", "get-contexts", "-o", "name"],
        "--cluster": ["config", "get-clusters"],
        "--user": ["config", "get-users"],
        "--namespace": ["get", "namespaces", "-o", "name"],
    ]

    /// How long kubectl may take before completion gives up on it: kubectl's own `-n <TAB>`
    /// waits for a server that accepts connections and never answers, a request at a time.
    static let kubectlDeadline = 2.0

    /// A request to the API server waits no longer than completion does.
    static let requestTimeout = "--request-timeout=\(Int(kubectlDeadline))s"

    /// kubectl's standard output for `command`; nil when kubectl fails or takes longer than
    /// `kubectlDeadline` (no cluster, no kubeconfig): its errors are not shown in the middle of a line.
    static func kubectlOutput(_ command: [String]) -> String? {
        guard case .success(let output) = Kubectl.run(command, limit: 1 << 20, standardError: "/dev/null", deadline: kubectlDeadline)
        else { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    /// What kubectl lists for `query`, starting with `typed`; none when kubectl has nothing.
    static func kubectlValues(_ query: [String], identity: [String], typed: String) -> [(String, String)] {
        guard let output = kubectlOutput(["kubectl"] + query + identity + (query[0] == "get" ? [requestTimeout] : [])) else { return [] }
        return output.split(separator: "\n").compactMap { line in
            // `config get-clusters` and `get-users` print a NAME header; `get -o name` prints namespace/NAME.
            let name = line.hasPrefix("namespace/") ? line.dropFirst("namespace/".count) : line
            return name != "NAME" && name.hasPrefix(typed) ? (String(name), "") : nil
        }
    }

    /// Lint's words that are no paths are resources for `kubectl get` (`LiveInput.partition`):
    /// after such a word, and for a word that no file here starts as it does (any word, after a
    /// flag for the cluster), kubectl's own completion of `get` answers: the resource types, then
    /// the names of the types given, in the cluster, identity and namespace the line gives. nil
    /// when it offers nothing (no cluster): the shell completes files.
    /// Not after `-f` or `-k`: lint takes files or a kustomization, or resources, never both.
    static func resources(earlier: [String], typed: String, words: [String], in command: Command) -> Answer? {
        if givesFiles(words, in: command) { return nil }
        let live = liveOptions(words, in: command)
        let forCluster = live?.needsCluster ?? false
        let named = LiveInput.partition(earlier, forCluster: forCluster).resources
        if named.isEmpty {
            let typedIsPath = !typed.isEmpty && !LiveInput.partition([typed], forCluster: forCluster).paths.isEmpty
            if typedIsPath || (!forCluster && entryExists(startingWith: typed)) { return nil }
        }
        var flags = live?.kubectlFlags(omitting: ["--request-timeout"]) ?? []
        if let namespace = live?.namespace { flags += ["--namespace", namespace] }
        if live?.allNamespaces == true { flags.append("--all-namespaces") }
        guard let output = kubectlOutput(["kubectl", "__complete", "get"] + flags + [requestTimeout, "--"] + named + [typed]) else { return nil }
        // cobra's answer: a candidate a line (a tab before its description), then `:DIRECTIVE`.
        let candidates: [(String, String)] = output.split(separator: "\n").prefix { !$0.hasPrefix(":") }
            .map { line in
                let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }
        return candidates.isEmpty ? nil : (candidates, .noFiles)
    }

    /// The options among `words` that choose a cluster or an identity, as kubectl is given them:
    /// each option of the line (with its value) that `LiveOptions` reads on its own, kubectl's
    /// spellings too (`--insecure-skip-tls-verify=true`), so that a word the rest of the line
    /// would refuse (`-o bogus`) does not send the query to another kubeconfig. Not the line's
    /// `--request-timeout`: completion has its own.
    static func identityFlags(_ words: [String], in command: Command) -> [String] {
        liveOptions(words, in: command)?.kubectlFlags(omitting: ["--request-timeout"]) ?? []
    }

    /// Whether `words` give `-f/--filename` or `-k/--kustomize` (before a `--`), in any spelling lint reads.
    static func givesFiles(_ words: [String], in command: Command) -> Bool {
        options(words, in: command).contains { given in
            let name = given[0].split(separator: "=", maxSplits: 1).first.map(String.init) ?? given[0]
            return option(name, in: command).map { $0.names.contains("--filename") || $0.names.contains("--kustomize") } ?? false
        }
    }

    /// The live options among `words`, each option (with its value) that `LiveOptions` reads on its own.
    static func liveOptions(_ words: [String], in command: Command) -> LiveOptions? {
        try? LiveOptions.parse(options(words, in: command).filter { (try? LiveOptions.parse($0)) != nil }.flatMap { $0 })
    }

    /// The options among `words` before a `--`, kubectl's spellings read as lint's, each with
    /// the word after it when it takes one (`["--context", "x"]`; `["--context=x"]`).
    static func options(_ words: [String], in command: Command) -> [[String]] {
        let words = KubectlSpelling.respelled(words) ?? words
        var options: [[String]] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" { break }
            guard word.hasPrefix("-"), word.count > 1 else { continue }
            var given = [word]
            if !word.contains("="), let option = option(word, in: command), option.takesValue, index < words.count {
                given.append(words[index])
                index += 1
            }
            options.append(given)
        }
        return options
    }
}
