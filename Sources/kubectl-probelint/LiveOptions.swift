#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import ProbeLint

/// kubectl's flags for live objects. kubectl refuses flags placed before a
/// plugin's name, so probelint parses them itself and passes them to
/// `kubectl get` (ECOSYSTEM.md section 1).
struct LiveOptions: ParsableArguments {
    @Option(name: [.customShort("n", allowingJoined: true), .long], help: ArgumentHelp("Namespace of the live objects (passed to kubectl get).", valueName: "namespace"))
    var namespace: String?

    @Flag(name: [.customShort("A"), .long], help: "Objects in all namespaces (passed to kubectl get).")
    var allNamespaces = false

    @Option(name: [.customShort("l", allowingJoined: true), .long],
            help: ArgumentHelp("Label selector, e.g. app=rgw or 'tier in (web,api)': passed to kubectl get for live objects; with files and -k, only the objects it selects are linted, as kubectl apply -l selects them.",
                               valueName: "selector"))
    var selector: String?

    @Option(help: ArgumentHelp("The kubeconfig context to use (passed to kubectl get).", valueName: "name"))
    var context: String?

    @Option(help: ArgumentHelp("Path to the kubeconfig file (passed to kubectl get).", valueName: "path"))
    var kubeconfig: String?

    // The rest of kubectl's global flags that choose a cluster or an identity (`kubectl options`).

    @Option(help: ArgumentHelp("The kubeconfig cluster to use (passed to kubectl get).", valueName: "name"))
    var cluster: String?

    @Option(help: ArgumentHelp("The kubeconfig user to use (passed to kubectl get).", valueName: "name"))
    var user: String?

    @Option(name: [.customShort("s", allowingJoined: true), .long], help: ArgumentHelp("The address and port of the API server (passed to kubectl get).", valueName: "address"))
    var server: String?

    @Option(help: ArgumentHelp("Bearer token for the API server (passed to kubectl get).", valueName: "token"))
    var token: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("User to impersonate (passed to kubectl get).", valueName: "user"))
    var asUser: String?

    @Option(name: .customLong("as-group"), help: ArgumentHelp("Group to impersonate; repeatable (passed to kubectl get).", valueName: "group"))
    var asGroups: [String] = []

    @Option(help: ArgumentHelp("How long to wait for the API server, as kubectl reads it: 30s, 1m, 0 for no limit (passed to kubectl get).",
                               valueName: "duration"))
    var requestTimeout: String?

    @Option(name: .customLong("as-uid"), help: ArgumentHelp("UID to impersonate (passed to kubectl get).", valueName: "uid"))
    var asUID: String?

    @Option(help: ArgumentHelp("A certificate authority's file for the API server (passed to kubectl get).", valueName: "path"))
    var certificateAuthority: String?

    @Option(help: ArgumentHelp("A client certificate's file for TLS (passed to kubectl get).", valueName: "path"))
    var clientCertificate: String?

    @Option(help: ArgumentHelp("A client key's file for TLS (passed to kubectl get).", valueName: "path"))
    var clientKey: String?

    @Option(help: ArgumentHelp("The server name to check the API server's certificate against (passed to kubectl get).", valueName: "name"))
    var tlsServerName: String?

    @Option(help: ArgumentHelp("Field selector, e.g. metadata.name=rgw (passed to kubectl get).", valueName: "selector"))
    var fieldSelector: String?

    @Option(help: ArgumentHelp("List the objects in chunks of this many (passed to kubectl get).", valueName: "n"))
    var chunkSize: String?

    @Flag(help: "Do not check the API server's certificate (passed to kubectl get).")
    var insecureSkipTLSVerify = false

    /// `kubectl get <resources> -o json` with the user's flags. Only `get` is ever run.
    func getCommand(_ resources: [String]) -> [String] {
        var arguments = ["kubectl", "get"] + resources + ["-o", "json"]
        if let namespace { arguments += ["--namespace", namespace] }
        if allNamespaces { arguments.append("--all-namespaces") }
        if let selector { arguments += ["--selector", selector] }
        if let fieldSelector { arguments += ["--field-selector", fieldSelector] }
        if let chunkSize { arguments += ["--chunk-size", chunkSize] }
        return arguments + kubectlFlags()
    }

    /// The flags `-o patch` repeats in each `kubectl patch` (`patchFlags`), and the secrets left out of them.
    struct PatchIdentity {
        var words: [String] = []
        var omitted: [String] = []
        /// The files of a `KUBECONFIG` that lists several (kubectl merges them, and
        /// `--kubeconfig` takes one): each command sets the variable to them.
        var kubeconfigFiles: [String] = []

        /// The line before the commands when a secret was left out of them, else nil.
        var omittedNote: String? {
            guard !omitted.isEmpty else { return nil }
            let one = omitted.count == 1
            return "# \(MessageText.list(omitted)) \(one ? "is" : "are") not repeated in these commands (\(one ? "it is" : "they are") never printed): add \(one ? "it" : "them") to each, or use a kubeconfig user\n"
        }
    }

    /// The options that name a cluster or an identity, as `kubectl get` is given them (shell
    /// completion's `kubectl config get-contexts` and `get namespaces` too, without `omitted`).
    func kubectlFlags(omitting omitted: Set<String> = []) -> [String] {
        passedValues.filter { !omitted.contains($0.0) }.flatMap { [$0.0, $0.1] } + (insecureSkipTLSVerify ? ["--insecure-skip-tls-verify"] : [])
    }

    /// The options that name a cluster or an identity, in kubectl's spelling, as given.
    private var passedValues: [(String, String)] {
        [("--context", context), ("--kubeconfig", kubeconfig), ("--cluster", cluster), ("--user", user), ("--server", server),
         ("--token", token), ("--as", asUser)].compactMap { flag, value in value.map { (flag, $0) } }
            + asGroups.map { ("--as-group", $0) }
            + [("--as-uid", asUID), ("--certificate-authority", certificateAuthority), ("--client-certificate", clientCertificate),
               ("--client-key", clientKey), ("--tls-server-name", tlsServerName), ("--request-timeout", requestTimeout)]
                .compactMap { flag, value in value.map { (flag, $0) } }
    }

    /// The flags that chose the cluster and the identity (with the kubeconfig's current context
    /// when no `--context` did), for `-o patch` to repeat in each `kubectl patch`; `--token` is not among them, nor the password of a `--server` URL (they
    /// are never printed, `Kubectl.shown`), and `omitted` names them, for a line that says the
    /// commands need them added.
    var patchFlags: PatchIdentity {
        // A relative kubeconfig made absolute: the commands may run from another folder.
        let directory = currentDirectory()
        let files: Set = ["--kubeconfig", "--certificate-authority", "--client-certificate", "--client-key"]
        var omitted = token != nil ? ["--token"] : []
        // An empty --context is none, to kubectl as here: the current context is named instead.
        let given = passedValues.filter { $0.0 != "--token" && $0.0 != "--request-timeout" && !($0.0 == "--context" && $0.1.isEmpty) }.map { flag, value in
            if flag == "--server" {
                let shown = Kubectl.redactingPassword(value)
                if shown != value { omitted.append("the password of --server") }
                return "\(flag)=\(shown)"
            }
            return files.contains(flag) && !value.hasPrefix("/") && !directory.isEmpty ? "\(flag)=\(directory)/\(value)" : "\(flag)=\(value)"
        }
            + (insecureSkipTLSVerify ? ["--insecure-skip-tls-verify"] : [])
        // The kubeconfig's current context chose the cluster when no flag did: the commands name
        // it too, so that a script saved and run after `kubectl config use-context` patches the
        // cluster the objects were read from.
        let words = currentContext.map { ["--context=\($0)"] + given } ?? given
        // A kubeconfig named by KUBECONFIG chose the cluster as the flag does: the commands name
        // it, so that a shell without the variable patches that cluster. One file goes in the
        // flag; several (kubectl merges them, skipping empty entries) in the variable, set on
        // each command.
        if kubeconfig == nil, let variable = getenv("KUBECONFIG").map({ String(cString: $0) }) {
            let paths = variable.split(separator: ":").map { $0.hasPrefix("/") || directory.isEmpty ? String($0) : "\(directory)/\($0)" }
            if paths.count == 1 { return PatchIdentity(words: ["--kubeconfig=\(paths[0])"] + words, omitted: omitted) }
            if paths.count > 1 { return PatchIdentity(words: words, omitted: omitted, kubeconfigFiles: paths) }
        }
        return PatchIdentity(words: words, omitted: omitted)
    }

    /// The kubeconfig's current context when no `--context` is given (`kubectl config
    /// current-context`, which only reads the kubeconfig); nil when it names none or kubectl fails.
    private var currentContext: String? {
        guard context?.isEmpty ?? true else { return nil }
        let command = ["kubectl", "config", "current-context"] + (kubeconfig.map { ["--kubeconfig", $0] } ?? [])
        guard case .success(let output) = Kubectl.run(command, limit: 1 << 16, standardError: "/dev/null", deadline: 5),
              let line = output.split(separator: UInt8(ascii: "\n")).first, !line.isEmpty else { return nil }
        return String(decoding: line, as: UTF8.self)
    }

    /// The flags given that only mean something to a cluster (`-l` also selects objects of files and `-k`).
    var clusterFlags: [String] {
        (namespace != nil ? ["--namespace"] : []) + (allNamespaces ? ["--all-namespaces"] : [])
            + (fieldSelector != nil ? ["--field-selector"] : []) + (chunkSize != nil ? ["--chunk-size"] : [])
            + passedValues.map(\.0).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
            + (insecureSkipTLSVerify ? ["--insecure-skip-tls-verify"] : [])
    }

    var needsCluster: Bool { !clusterFlags.isEmpty }

    /// "--namespace applies to kubectl resources, not to `what`" (each flag given, in kubectl's long spelling).
    func refusal(notTo what: String) -> String {
        let flags = clusterFlags
        return "\(MessageText.list(flags)) \(flags.count == 1 ? "applies" : "apply") to kubectl resources, not to \(what)"
    }
}
