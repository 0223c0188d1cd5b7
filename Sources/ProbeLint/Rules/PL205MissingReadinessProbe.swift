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
    func check(_ object: ObjectContext, into findings: inout [Finding]) {}

    func candidates(_ object: ObjectContext, into pending: inout [CrossObjectFacts.PendingFinding]) {
        let manifest = object.manifest
        // The kind last: most pods have a readiness probe, and the kind is a string to look up.
        // A pod that runs to completion (a Job's, or a Pod with restartPolicy Never or
        // OnFailure) is no server, as for PL204.
        // A sidecar's readiness probe counts: the pod is Ready only when it passes (KEP-753).
        // A readinessProbe written as no mapping is PL202's error, not one missing.
        guard let pod = manifest.podSpec, !pod.labels.isEmpty, let first = pod.containers.first,
              !pod.containers.contains(where: { $0.writesProbe(.readiness) }),
              !pod.initContainers.contains(where: { $0.isSidecar && $0.writesProbe(.readiness) }),
              !MissingLivenessProbe.runsToCompletion(manifest, pod) else { return }
        // About the pod, not a container: the ref names none, so that its fingerprint stays when
        // a sidecar is added before the first container (whose name the finding points at).
        let ref = manifest.ref
        let message: MessageText = pod.containers.count == 1 ? "container \(first.name) has no readinessProbe\(Self.consequence)"
            : "none of the \(pod.containers.count) containers has a readinessProbe\(Self.consequence)"
        let finding = object.finding(Self.info, message, at: first.nameRange, object: ref)
        if pending.isEmpty { pending.reserveCapacity(CrossObjectFacts.fileRoom) }
        pending.append(CrossObjectFacts.PendingFinding(finding: finding, namespace: manifest.metadata.namespace, podLabels: pod.labels.map))
    }

    static let consequence = ", but a Service selects the pod: it gets traffic before it can serve and while it is overloaded"

    /// Three Services make the point; a fourth only says that there are more.
    static let servicesShown = 3

    /// Confirms a pending finding when a Service selects its pod, with the notes that name
    /// those Services. The finding is taken out of `pending` (`takeFinding`).
    static func confirm(_ pending: inout CrossObjectFacts.PendingFinding, _ services: inout ServiceNotes) -> Finding? {
        let notes = services.notes(selecting: pending.podLabels, in: pending.namespace, selection: pending.selection)
        guard !notes.isEmpty else { return nil }
        if pending.finding.notes.isEmpty { pending.finding.notes = notes } else { pending.finding.notes.append(contentsOf: notes) }
        return pending.takeFinding()
    }

    /// The notes naming the first Services that select pods with some labels in a namespace
    /// (none when no Service does). Pods with the same labels in one namespace are selected by
    /// the same Services, and most pods of a run share a few label sets: the notes of the
    /// last few label sets are kept, so such a pod's finding shares them (one comparison of
    /// labels, where a look-up and four texts cost about 13,000 instructions). One per thread.
    ///
    /// A kept entry is compared by its `PendingFinding.selection` first: comparing two label
    /// sets that differ hashes their keys, about 350 instructions each time. Entries whose
    /// numbers match are still compared in full (at once, as their storage is the same), so
    /// numbers from another log only miss.
    struct ServiceNotes {
        let index: CrossObjectFacts.ServiceIndex
        private var recent: [(selection: Int?, namespace: String?, labels: [String: String], notes: Notes)] = []
        static let recentLimit = 8

        init(_ index: CrossObjectFacts.ServiceIndex) {
            self.index = index
            recent.reserveCapacity(Self.recentLimit)  // one per batch of a run: grown from one, four allocations
        }

        mutating func notes(selecting labels: [String: String], in namespace: String?, selection: Int? = nil) -> Notes {
            // By index, not `first(where:)`: a copied entry retained its four values.
            for i in recent.indices where recent[i].selection == selection {
                if recent[i].namespace == namespace && recent[i].labels == labels { return recent[i].notes }
            }
            let notes = Self.notes(index.selecting(labels, in: namespace, limit: servicesShown + 1))
            if recent.count >= Self.recentLimit { recent.removeFirst() }
            recent.append((selection, namespace, labels, notes))
            return notes
        }

        static func notes(_ services: [CrossObjectFacts.ServiceFact]) -> Notes {
            var notes = Notes()
            for service in services.prefix(servicesShown) {
                // `namespace/` as two pieces: no String made per note to hold the pair.
                notes.append(.input, "selected by Service \(service.namespace ?? "")\(service.namespace == nil ? "" : "/")\(service.name) (\(service.file):\(service.line)) with selector \(service.selectorText)",
                             name: "service", origin: "manifest")
            }
            if services.count > servicesShown { notes.append(.note, "and more Services select it") }
            return notes
        }
    }
}

extension CrossObjectFacts.PendingFinding {
    /// Takes the finding out and leaves an empty one, which holds no String or array. A
    /// finding read out of a pending finding was copied, even from one `consuming` (a retain
    /// of each String and array it holds), and released with the rest of it after.
    mutating func takeFinding() -> Finding {
        let nowhere = SourceRange(point: SourcePosition(offset: 0, line: 0, column: 0))
        var taken = Finding(rule: RuleID(rawValue: ""), severity: .info, message: "", file: "", range: nowhere,
                            object: ObjectRef(kind: "", namespace: nil, name: "", container: nil, probe: nil))
        swap(&taken, &finding)
        return taken
    }
}
