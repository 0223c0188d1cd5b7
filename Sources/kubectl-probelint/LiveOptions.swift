import ArgumentParser

/// kubectl's flags for live objects. kubectl refuses flags placed before a
/// plugin's name, so probelint parses them itself and passes them to
/// `kubectl get` (ECOSYSTEM.md section 1).
struct LiveOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("Namespace of the live objects (passed to kubectl get).", valueName: "namespace"))
    var namespace: String?

    @Flag(name: [.customShort("A"), .long], help: "Objects in all namespaces (passed to kubectl get).")
    var allNamespaces = false

    @Option(name: [.customShort("l"), .long],
            help: ArgumentHelp("Label selector, e.g. app=rgw or 'tier in (web,api)': passed to kubectl get for live objects; with files and -k, only the objects it selects are linted, as kubectl apply -l selects them.",
                               valueName: "selector"))
    var selector: String?

    @Option(help: ArgumentHelp("The kubeconfig context to use (passed to kubectl get).", valueName: "name"))
    var context: String?

    @Option(help: ArgumentHelp("Path to the kubeconfig file (passed to kubectl get).", valueName: "path"))
    var kubeconfig: String?

    /// `kubectl get <resources> -o json` with the user's flags. Only `get` is ever run.
    func getCommand(_ resources: [String]) -> [String] {
        var arguments = ["kubectl", "get"] + resources + ["-o", "json"]
        if let namespace { arguments += ["--namespace", namespace] }
        if allNamespaces { arguments.append("--all-namespaces") }
        if let selector { arguments += ["--selector", selector] }
        if let context { arguments += ["--context", context] }
        if let kubeconfig { arguments += ["--kubeconfig", kubeconfig] }
        return arguments
    }

    /// The flags that only mean something to a cluster (`-l` also selects objects of files and `-k`).
    var needsCluster: Bool { namespace != nil || allNamespaces || context != nil || kubeconfig != nil }
}
