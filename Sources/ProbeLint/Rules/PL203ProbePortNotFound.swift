/// A probe port that the container does not declare.
///
/// - A named port that no declared port has: the kubelet cannot resolve it, so
///   every probe errors and its result is thrown away (pkg/kubelet/prober/worker.go,
///   `doProbe`): a liveness probe never restarts the container, a readiness probe
///   leaves it unready, a startup probe leaves it unstarted (error). One that only a
///   UDP or SCTP port has resolves (the kubelet matches the name whatever the
///   protocol) and is probed over TCP (warning).
/// - A numbered port when the container declares TCP ports but not this one:
///   the kubelet still probes it, but it is likely a typo or a port that moved
///   (warning).
/// - A numbered port that another container or sidecar of the pod declares: no
///   finding. The containers share the pod's network, and the kubelet probes the
///   pod's IP (a plain init container has exited by then).
/// - A numbered port when the container declares no ports at all: no finding.
///   Declaring ports is optional and informational in Kubernetes, and there is
///   nothing to compare against (kube-linter's liveness-port flags this case too;
///   probelint does not, to stay quiet on the many workloads that declare none).
struct ProbePortNotFound: Rule {
    static let info = RuleInfo(
        id: "PL203", name: "probe-port-not-found",
        summary: "A probe uses a port name the container does not declare (every probe errors, and the kubelet acts on none), or a port number absent from the pod's declared ports.",
        defaultSeverity: .error, fix: .none, tags: ["correctness", "probes"])

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        for index in object.probes.indices {
            guard let handler = object.probes[index].probe.handler, handler.kind != .exec, let port = handler.port,
                  let range = handler.portRange else { continue }
            let container = object.probes[index].container
            func isTCP(_ declared: ContainerPort) -> Bool { (declared.proto ?? ContainerPort.tcp) == ContainerPort.tcp }
            // The kubelet resolves a name among all of the container's ports, whatever their protocol
            // (pkg/kubelet/prober/prober.go, `findPortByName`), and probes the number over TCP.
            var resolvedNonTCP: ContainerPort?
            switch port {
            case .name(let text):
                guard let found = container.ports.first(where: { $0.name == text }) else { break }
                if isTCP(found) || container.ports.contains(where: { isTCP($0) && $0.name == text }) { continue }
                resolvedNonTCP = found
            case .number(let number):
                // A probe of another host (`httpGet.host`, `tcpSocket.host`) says nothing about this container's ports.
                if handler.host.map({ !$0.isEmpty }) == true { continue }
                if container.ports.contains(where: { isTCP($0) && $0.containerPort == number }) { continue }
                // Declared for UDP or SCTP only: probed over TCP all the same, as a name that resolves to it.
                if let found = container.ports.first(where: { !isTCP($0) && $0.containerPort == number }) {
                    resolvedNonTCP = found
                    break
                }
                if !container.ports.contains(where: isTCP) { continue }
                // A declared port without a number the API server takes is PL202's; whether it is this one cannot be told.
                if container.ports.contains(where: { isTCP($0) && $0.containerPort == nil }) { continue }
                // Another container's port (a sidecar's status port): the pod's containers share its IP.
                func declares(_ other: Container) -> Bool {
                    other.name != container.name && other.ports.contains { isTCP($0) && $0.containerPort == number }
                }
                // A sidecar's too; not a plain init container's, which has exited before any probe runs.
                if let pod = object.manifest.podSpec,
                   pod.containers.contains(where: declares) || pod.initContainers.contains(where: { $0.isSidecar && declares($0) }) { continue }
            }
            // Only a finding needs the TCP ports as a list, and their text.
            let tcp = container.ports.filter(isTCP)
            let declared = tcp.map { p in [p.name, p.containerPort.map(String.init)].compactMap { $0 }.joined(separator: "/") }
            let list = declared.isEmpty ? "none" : declared.joined(separator: ", ")
            var notes = Notes()
            notes.append(.input, "declared TCP ports of container \(container.name): \(list)", name: "ports", origin: "manifest")
            let subject = object.probes[index]
            let name = subject.probe.kind.fieldName
            switch port {
            case .name(let text):
                if let found = resolvedNonTCP {
                    let number = found.containerPort.map(String.init) ?? "?"
                    findings.append(object.finding(Self.info, severity: .warning, "\(name) port '\(text)' resolves to \(number), which container \(container.name) declares for \(found.proto ?? ContainerPort.tcp) only: the kubelet probes it over TCP",
                                                   at: range, object: subject.ref, notes: consume notes))
                    continue
                }
                // A declared TCP name one or two edits away is the likely meaning (`htp` for `http`);
                // a UDP-only one would draw the warning above.
                let hint = RuleCatalog.nearestWord(text, among: tcp.compactMap(\.name), within: min(2, max(1, text.count / 2)))
                    .map { "; did you mean '\($0)'?" } ?? ""
                findings.append(object.finding(Self.info, "\(name) port '\(text)' is not a declared port name of container \(container.name): the kubelet cannot resolve it, so every probe errors and \(Self.unresolved(subject.probe.kind))\(hint)",
                                               at: range, object: subject.ref, notes: consume notes))
            case .number(let number):
                // A number the container declares for UDP or SCTP only: probed over TCP, as a name that resolves to it is.
                if let found = resolvedNonTCP {
                    findings.append(object.finding(Self.info, severity: .warning, "\(name) port \(number) is one container \(container.name) declares for \(found.proto ?? ContainerPort.tcp) only: the kubelet probes it over TCP",
                                                   at: range, object: subject.ref, notes: consume notes))
                    continue
                }
                // Info: the kubelet probes the number whatever is declared (ports are informational),
                // and a chart that declares its metrics port only when metrics are on (ingress-nginx's
                // 10254) or a mesh's status port (Istio's 15021) is no mistake; a warning failed CI there.
                findings.append(object.finding(Self.info, severity: .info, "\(name) port \(number) is not among the declared ports of container \(container.name) (\(list)) or of the pod's other containers: a typo or a port that moved?",
                                               at: range, object: subject.ref, notes: consume notes))
            }
        }
    }

    /// What a probe whose every run errors does: the kubelet throws the result away
    /// (pkg/kubelet/prober/worker.go, `doProbe`: "Prober error, throw away the result"), so the
    /// probe keeps its initial result (readiness: failure; startup: unknown) and acts on nothing.
    static func unresolved(_ kind: ProbeKind) -> String {
        switch kind {
        case .liveness: return "the kubelet acts on none: the container is never restarted, as if it had no livenessProbe"
        case .readiness: return "the container never becomes ready: the pod gets no Service traffic"
        case .startup: return "the container never counts as started: it never becomes ready, and its other probes never run"
        }
    }
}
