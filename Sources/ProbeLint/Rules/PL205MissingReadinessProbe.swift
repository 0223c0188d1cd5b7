/// A pod behind a Service with no readiness probe: the Service sends it traffic
/// as soon as its containers start, and keeps sending while it is overloaded.
///
/// Cross-object: `candidates` runs per object and yields a pending finding per
/// pod template without any readinessProbe; `Linter.resolve` keeps those that a
/// Service of the same run and namespace selects (see CrossObjectFacts).
struct MissingReadinessProbe: CrossObjectRule {
    static let info = RuleInfo(
        id: "PL205", name: "missing-readiness-probe",
        summary: "A Service selects a pod none of whose containers has a readiness probe, so it gets traffic before it can serve and while it is overloaded.",
        defaultSeverity: .info, fix: .none, tags: ["reliability", "probes"])

    /// Findings come only from `candidates` and `Linter.resolve`.
    func check(_ object: ObjectContext) -> [Finding] { [] }

    func candidates(_ object: ObjectContext) -> [CrossObjectFacts.PendingFinding] {
        let manifest = object.manifest
        guard let pod = manifest.podSpec, !(WorkloadKind(rawValue: manifest.kind)?.runsToCompletion ?? false),
              !pod.labels.isEmpty, let first = pod.containers.first,
              !pod.containers.contains(where: { $0.probe(.readiness) != nil }) else { return [] }
        var ref = manifest.ref
        ref.container = first.name
        let what: MessageText = pod.containers.count == 1 ? "container \(first.name) has no readinessProbe"
            : "none of the \(pod.containers.count) containers has a readinessProbe"
        let message: MessageText = "\(what.string), but a Service selects the pod: it gets traffic before it can serve and while it is overloaded"
        let finding = object.finding(Self.info, message, at: first.nameRange, object: ref)
        return [CrossObjectFacts.PendingFinding(finding: finding, namespace: manifest.metadata.namespace, podLabels: pod.labels)]
    }

    /// Three Services make the point; a fourth only says that there are more.
    static let servicesShown = 3

    /// Confirms a pending finding when a Service selects its pod.
    static func confirm(_ pending: CrossObjectFacts.PendingFinding, _ services: CrossObjectFacts.ServiceIndex) -> Finding? {
        let shown = servicesShown
        let services = services.selecting(pending.podLabels, in: pending.namespace, limit: shown + 1)
        guard !services.isEmpty else { return nil }
        var finding = pending.finding
        finding.notes.reserveCapacity(finding.notes.count + min(services.count, shown + 1))
        for service in services.prefix(shown) {
            // `namespace/` as two pieces: no String made per note to hold the pair.
            finding.notes.append(Note(.input, "selected by Service \(service.namespace ?? "")\(service.namespace == nil ? "" : "/")\(service.name) (\(service.file):\(service.line)) with selector \(service.selectorText)",
                                      name: "service", origin: "manifest"))
        }
        if services.count > shown { finding.notes.append(Note(.note, "and more Services select it")) }
        return finding
    }
}
