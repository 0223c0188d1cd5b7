/// A long-running container without a liveness probe: if it hangs, nothing
/// restarts it. Information only, because no liveness probe is often the right
/// choice, and a careless one is worse than none (PL101-PL104).
///
/// Not for Jobs, CronJobs and Pods that run to completion, not for plain init
/// containers (sidecars, `restartPolicy: Always`, count), not for rgw and mds, whose
/// developers ask for no liveness probe (rook#11374, rook#12789), and not for a container that
/// serves mounts to the node (a CSI node plugin), which a restart breaks, nor for one that
/// writes `livenessProbe: null`, nor for one whose `livenessProbe` is no mapping (PL202's error).
struct MissingLivenessProbe: Rule {
    static let info = RuleInfo(
        id: "PL204", name: "missing-liveness-probe",
        summary: "A long-running container has no liveness probe, so nothing restarts it when it hangs.",
        defaultSeverity: .info, fix: .none, tags: ["reliability", "probes"])

    /// Components whose developers advise against a liveness probe.
    static let exempt: [Component: String] = [
        .rgw: "the Ceph RGW team asks for none: RGW restarts itself (rook#11374)",
        .mds: "the Ceph monitors judge MDS health from the FSMap (rook#12789)",
    ]

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        let manifest = object.manifest
        guard let pod = manifest.podSpec, !Self.runsToCompletion(manifest, pod) else { return }
        // The context's container subjects are the pod's probed containers, each with the daemon
        // detected for its inputs: detecting it again cost a second `Component.detect`.
        for index in object.containers.indices {
            // A livenessProbe written as no mapping is PL202's error: the container lacks no probe.
            guard !object.containers[index].container.writesProbe(.liveness),
                  Self.exempt[object.containers[index].detection.component] == nil,
                  !Self.servesMounts(object.containers[index].container, object),
                  !Self.declinedInWriting(object.containers[index].container, object) else { continue }
            let container = object.containers[index].container
            var ref = manifest.ref
            ref.container = container.name
            let what = container.isSidecar ? "sidecar" : "container"
            var notes = Notes()
            notes.append(.note, "a liveness probe should check only the process itself (no dependencies), with a budget more lenient than readiness's (PL201)")
            findings.append(object.finding(Self.info, "\(what) \(container.name) has no livenessProbe: if it hangs, nothing restarts it",
                                           at: container.nameRange, object: ref, notes: consume notes))
        }
    }

    /// Whether the container writes `livenessProbe: null` (or `~`): its authors chose no
    /// liveness probe in writing (Grafana Mimir's ingester), which this information repeats.
    static func declinedInWriting(_ container: Container, _ object: ObjectContext) -> Bool {
        guard let node = container.node, let written = object.document.lookup("livenessProbe", in: node)?.value else { return false }
        return object.document.kind(written) == .scalar && object.document.isNull(written)
    }

    /// Whether the container passes its mounts back to the node (a volume mount with
    /// `mountPropagation: Bidirectional`, what a CSI node plugin does): a restart kills the
    /// FUSE or NBD processes behind the mounts it serves, and every pod on the node that uses
    /// them gets "Transport endpoint is not connected" (ceph-csi#703, #2616, #4271).
    static func servesMounts(_ container: Container, _ object: ObjectContext) -> Bool {
        let document = object.document
        guard let node = container.node, let mounts = document.lookup("volumeMounts", in: node)?.value,
              document.kind(mounts) == .sequence else { return false }
        return document.items(mounts).contains { mount in
            document.kind(mount) == .mapping
                && document.lookup("mountPropagation", in: mount).map { document.scalar($0.value, equals: "Bidirectional") } == true
        }
    }

    /// Jobs, CronJobs, and Pods and PodTemplates with restartPolicy Never or OnFailure (the
    /// controllers that run for good take only Always).
    static func runsToCompletion(_ manifest: Manifest, _ pod: PodSpec) -> Bool {
        if WorkloadKind(rawValue: manifest.kind)?.runsToCompletion ?? false { return true }
        return pod.restartPolicy == "Never" || pod.restartPolicy == "OnFailure"
    }
}
