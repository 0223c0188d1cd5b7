/// MODEL rule 6: G < Tdrain. The kubelet's SIGKILL lands while the daemon is
/// still draining (RGW: rgw_exit_timeout_secs 120 s) or flushing its journal (MDS).
struct GracePeriodBelowDrainTime: Rule {
    static let info = RuleInfo(
        id: "PL106", name: "grace-period-below-drain-time",
        summary: "terminationGracePeriodSeconds is shorter than the daemon's drain time, so SIGKILL lands mid-drain (RGW in-flight requests, MDS journal flush).",
        defaultSeverity: .warning, fix: .always, tags: ["reliability", "shutdown", "timing"])

    /// Seconds the process gets after its own drain deadline to exit.
    static let exitAllowance = 5

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        for index in object.containers.indices {
            guard let drain = object.containers[index].inputs.drainTime,
                  let grace = object.containers[index].pod.terminationGracePeriodSeconds.value,
                  Double(grace) < drain.value.value else { continue }
            let container = object.containers[index]
            let wanted = ProbeArithmetic.int32(drain.value.value.rounded(.up) + Double(Self.exitAllowance))
            let n = ProbeArithmetic.n
            let component = container.detection.component.rawValue
            let field = container.pod.terminationGracePeriodSeconds
            let message: MessageText = "terminationGracePeriodSeconds \(grace)\(field.isWritten ? "" : " (default)") is shorter than the \(component) drain time of \(n(drain.value.value)) s: SIGKILL lands \(n(drain.value.value - Double(grace))) s before \(component == "mds" ? "the journal flush ends" : "the daemon finishes draining")"
            var notes = Notes()
            notes.append(.input, "component = \(component) (\(container.detection.evidence))", name: "component", origin: "manifest")
            notes.append(.input, "G = \(grace) s terminationGracePeriodSeconds (\(field.isWritten ? "written" : container.isRendered ? "Rook sets none: Kubernetes default" : "Kubernetes default"))",
                         name: "G", value: Double(grace), unit: "s", origin: field.isWritten ? "manifest" : "default")
            ProbeArithmetic.startupNotes(container.inputs, key: .drainTime, into: &notes)
            var suggestions: [Suggestion] = []
            let reason = MessageText.string("ceil(Tdrain \(n(drain.value.value)) s) + \(Self.exitAllowance) s for the process to exit")
            if container.isRendered && component == "rgw" {
                notes.append(.note, "Rook sets no pod grace period and its CRs offer none: to stop within 30 s, set rgw_exit_timeout_secs = \(grace - Self.exitAllowance) in the [client] section of ConfigMap \(RookFacts.configMapName), or in the sections of this store's gateways ([client.rgw.<store, dots for dashes>.<id>]; Ceph reads no [client.rgw] section): in-flight requests are then cut after \(grace - Self.exitAllowance) s",
                             name: "alternative", origin: "rook")
            }
            if container.isRendered {
                // Rook sets no pod grace period and its CRs have none; a probe-level grace in the CR's
                // probe is passed through (GetProbeWithDefaults copies the CR's probe) but covers only probe kills.
                if let liveness = object.probes.first(where: { $0.container.name == container.container.name && $0.probe.kind == .liveness }) {
                    suggestions.append(Suggestion(field: .terminationGracePeriodSeconds, owner: liveness.probe.location,
                                                  current: liveness.probe.terminationGracePeriodSeconds, value: wanted,
                                                  reason: reason + "; covers liveness kills only: Rook offers no pod-level grace period, deletions and upgrades still get 30 s"))
                }
            } else {
                suggestions.append(Suggestion(field: .terminationGracePeriodSeconds, owner: .joined(container.pod.path),
                                              current: field, value: wanted, reason: reason, scope: .pod))
            }
            findings.append(object.finding(Self.info, message, at: field.anchor, object: container.ref, notes: consume notes, suggestions: consume suggestions))
        }
        for index in object.probes.indices {
            guard object.probes[index].probe.kind != .readiness,
                  case .written(let grace, _, let range) = object.probes[index].probe.terminationGracePeriodSeconds,
                  let drain = object.probes[index].inputs.drainTime, Double(grace) < drain.value.value else { continue }
            let subject = object.probes[index]
            let wanted = ProbeArithmetic.int32(drain.value.value.rounded(.up) + Double(Self.exitAllowance))
            let n = ProbeArithmetic.n
            var notes = Notes()
            ProbeArithmetic.startupNotes(subject.inputs, key: .drainTime, into: &notes)
            findings.append(object.finding(
                Self.info, "\(subject.probe.kind.fieldName) terminationGracePeriodSeconds \(grace) is shorter than the \(subject.detection.component.rawValue) drain time of \(n(drain.value.value)) s: a probe kill's SIGKILL lands mid-drain",
                at: range, object: subject.ref, notes: consume notes,
                suggestions: [Suggestion(field: .terminationGracePeriodSeconds, owner: subject.probe.location,
                                         current: subject.probe.terminationGracePeriodSeconds, value: wanted,
                                         reason: "ceil(Tdrain \(n(drain.value.value)) s) + \(Self.exitAllowance) s for the process to exit")]))
        }
    }
}
