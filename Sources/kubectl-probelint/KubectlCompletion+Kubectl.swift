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

    /// What kubectl lists for `query`, starting with `typed`; none when kubectl fails or takes
    /// longer than `kubectlDeadline` (no cluster, no kubeconfig): its errors are not shown in
    /// the middle of a line.
    static func kubectlValues(_ query: [String], identity: [String], typed: String) -> [(String, String)] {
        var command = ["kubectl"] + query + identity
        if query[0] == "get" { command.append("--request-timeout=\(Int(kubectlDeadline))s") }
        guard case .success(let output) = Kubectl.run(command, limit: 1 << 20, standardError: "/dev/null", deadline: kubectlDeadline)
        else { return [] }
        return String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap { line in
            // `config get-clusters` and `get-users` print a NAME header; `get -o name` prints namespace/NAME.
            let name = line.hasPrefix("namespace/") ? line.dropFirst("namespace/".count) : line
            return name != "NAME" && name.hasPrefix(typed) ? (String(name), "") : nil
        }
    }

    /// The options among `words` that choose a cluster or an identity, as kubectl is given them:
    /// each option of the line (with its value) that `LiveOptions` reads on its own, kubectl's
    /// spellings too (`--insecure-skip-tls-verify=true`), so that a word the rest of the line
    /// would refuse (`-o bogus`) does not send the query to another kubeconfig. Not the line's
    /// `--request-timeout`: completion has its own.
    static func identityFlags(_ words: [String], in command: Command) -> [String] {
        let words = KubectlSpelling.respelled(words) ?? words
        var accepted: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" { break }
            guard word.hasPrefix("-"), word.count > 1 else { continue }
            var pair = [word]
            if !word.contains("="), let option = option(word, in: command), option.takesValue, index < words.count {
                pair.append(words[index])
                index += 1
            }
            if (try? LiveOptions.parse(pair)) != nil { accepted += pair }
        }
        return (try? LiveOptions.parse(accepted))?.kubectlFlags(omitting: ["--request-timeout"]) ?? []
    }
}
