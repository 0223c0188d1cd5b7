/// docs/model.md rule 6: G < Tdrain. The kubelet's SIGKILL lands while the daemon is
/// still draining (RGW: rgw_exit_timeout_secs 120 s) or flushing its journal (MDS).
struct GracePeriodBelowDrainTime: Rule {
    static let info = RuleInfo(
        id: "PL106", name: "grace-period-below-drain-time",
        summary: "terminationGracePeriodSeconds is shorter than the daemon's drain time, so the kubelet's SIGKILL lands while RGW still drains its requests or the MDS still flushes its journal.",
        defaultSeverity: .warning, fix: .sometimes, tags: ["reliability", "shutdown", "timing"])

    /// Seconds the process gets after its own drain deadline to exit.
    static let exitAllowance = 5

    /// The seconds a container's preStop hook takes out of the grace period before SIGTERM: a
    /// `sleep`'s (0 for any other hook, whose time is not known, and for none).
    static func preStopSeconds(_ container: Container) -> Int { container.preStop?.seconds ?? 0 }

    /// The grace period a fix asks for: the drain, the process's exit, and a preStop sleep.
    static func wanted(drain: Double, preStop: Int) -> Int {
        ProbeArithmetic.int32(ProbeArithmetic.roundedUp(drain) + Double(exitAllowance) + Double(preStop))
    }

    static func reason(drain: Double, preStop: Int) -> String {
        let n = ProbeArithmetic.n
        let sleep = preStop > 0 ? MessageText.string(" + Tpre \(preStop) s, the preStop sleep that the grace period includes") : ""
        return MessageText.string("ceil(Tdrain \(n(drain)) s) + \(Self.exitAllowance) s for the process to exit") + sleep
    }

    /// The seconds between SIGTERM and SIGKILL: G, or after a preStop sleep what is left of it,
    /// at least the kubelet's `minimumGracePeriodInSeconds` (2 s, which `killContainer` gives
    /// every container, a hook or none; it cuts the hook at G).
    static func afterSIGTERM(grace: Int, preStop: Int) -> Int {
        // A negative sleep (the API server's refusal, PL202) waits for nothing: no overflow of G - Tpre.
        max(minimumGrace, grace - min(max(preStop, 0), grace))
    }

    /// kuberuntime's `minimumGracePeriodInSeconds`.
    static let minimumGrace = 2

    /// What a preStop sleep leaves of the grace period, for the message ("" without one).
    static func leftAfter(_ preStop: Int, of grace: Int) -> String {
        preStop > 0 ? MessageText.string(" less the preStop sleep of \(PreStopSleep.shown(preStop)) leaves \(afterSIGTERM(grace: grace, preStop: preStop)) s, which") : ""
    }

    /// `Tpre = 60 s from the sleep ...: why`, with its value, or `Tpre = endless ...` with none.
    static func tpreNote(_ seconds: Int, _ hook: PreStopHook, _ why: String, into notes: inout Notes) {
        let known = seconds == PreStopSleep.endless ? nil : Double(seconds)
        notes.append(.input, "Tpre = \(PreStopSleep.shown(seconds)) \(sleepSource(hook)): \(why)", name: "Tpre",
                     value: known, unit: known == nil ? nil : "s", origin: "manifest")
    }

    /// The notes on a container's preStop hook: its sleep, which G pays before SIGTERM, or a
    /// hook of unknown length, which G pays too.
    static func preStopNotes(_ container: Container, grace: Int, drain: Double, into notes: inout Notes) {
        guard let hook = container.preStop else { return }
        let n = ProbeArithmetic.n
        if let seconds = hook.seconds, seconds > 0 {
            tpreNote(seconds, hook, "the kubelet sends SIGTERM after the hook, and G counts from its start", into: &notes)
            let after = afterSIGTERM(grace: grace, preStop: seconds)
            let formula = seconds < grace - minimumGrace ? "G - Tpre = \(grace) - \(seconds)" : "max(\(minimumGrace), G - min(Tpre, G)), the kubelet's least"
            notes.append(.derived, "after SIGTERM = \(formula) = \(after) s < Tdrain = \(n(drain)) s", name: "afterSIGTERM")
        } else if hook.seconds == nil && hook.action != .tcpSocket {
            // A tcpSocket hook is no handler the kubelet runs (it fails at once).
            notes.append(.note, "a preStop \(hook.action.rawValue) hook (line \(hook.range.start.line)) runs before SIGTERM, and its time counts against G too: the grace period must cover it as well",
                         name: "preStop", origin: "manifest")
        }
    }

    /// Where a hook's sleep is written: the `sleep` action's seconds, or the sleep an `exec`
    /// hook starts with (the least it takes: `PreStopSleep`).
    static func sleepSource(_ hook: PreStopHook) -> String {
        hook.action == .exec ? "from the sleep the preStop exec hook starts with (line \(hook.range.start.line)), the least the hook takes"
            : "lifecycle.preStop.sleep.seconds"
    }

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        // A pod that runs to completion (a Job's, a CronJob's, a Pod with restartPolicy Never or
        // OnFailure) holds no daemon that drains, as PL204 and PL205 read it.
        if let pod = object.manifest.podSpec, MissingLivenessProbe.runsToCompletion(object.manifest, pod) { return }
        // The pod's grace period is one field for all its containers: one finding, on the
        // container that needs the most, names the others that fall short too. A container Rook
        // renders from its CR has a field of its own (its liveness probe's grace period).
        let before = findings.count
        var draining: [Short] = []
        for index in object.containers.indices {
            guard let drain = object.containers[index].inputs.drainTime,
                  let grace = object.containers[index].pod.terminationGracePeriodSeconds.value else { continue }
            let preStop = Self.preStopSeconds(object.containers[index].container)
            let need = Short(index: index, drain: drain, grace: grace, preStop: preStop, wanted: Self.wanted(drain: drain.value.value, preStop: preStop),
                             isShort: Double(Self.afterSIGTERM(grace: grace, preStop: preStop)) < drain.value.value)
            if object.containers[index].isRendered {
                if need.isShort { findings.append(Self.podFinding(object, need, alsoShort: [])) }
            } else {
                draining.append(need)
            }
        }
        // The largest need; of equal ones, a main container's (the pod lists init containers first).
        // Native sidecars get SIGTERM only once the main containers have exited (Kubernetes 1.29,
        // KEP-753), so their drain comes after the mains' within the same grace period: the pod
        // needs the mains' largest and then the sidecars' largest, each short or not by itself.
        func rank(_ c: Short) -> (Int, Int) { (c.wanted, object.containers[c.index].container.isInit ? 0 : 1) }
        let mains = draining.filter { !object.containers[$0.index].container.isSidecar }
        let sidecars = draining.filter { object.containers[$0.index].container.isSidecar }
        let mainMost = mains.max(by: { rank($0) < rank($1) }), sidecarMost = sidecars.max(by: { rank($0) < rank($1) })
        let shortMains = mains.filter(\.isShort)
        if let most = shortMains.max(by: { rank($0) < rank($1) }) {
            let others = shortMains.filter { $0.index != most.index }.map { object.containers[$0.index].container.name }
            findings.append(Self.podFinding(object, most, alsoShort: others,
                                            sidecarAfter: sidecarMost.map { (object.containers[$0.index].container.name, $0) }))
        } else if let main = mainMost, let sidecar = sidecarMost, Self.leftAfterMains(main, sidecar) < sidecar.drain.value.value {
            findings.append(Self.sidecarFinding(object, sidecar, after: main))
        } else if mainMost == nil, let most = sidecars.filter(\.isShort).max(by: { rank($0) < rank($1) }) {
            let others = sidecars.filter { $0.isShort && $0.index != most.index }.map { object.containers[$0.index].container.name }
            findings.append(Self.podFinding(object, most, alsoShort: others))
        }
        // One finding on the pod's one grace period: a drain time's, which counts the sleeps
        // too, else a sleep's that reaches G.
        if findings.count == before, let hook = Self.hookFinding(object) { findings.append(hook) }
        probeFindings(object, into: &findings)
    }

    /// The seconds a native sidecar has after its SIGTERM, which comes once the main containers
    /// have drained (`main`, the longest of them, after its preStop sleep) or its own preStop
    /// sleep has ended, whichever is later (`inTurn`): at least the kubelet's 2 s.
    static func leftAfterMains(_ main: Short, _ sidecar: Short) -> Double {
        max(Double(minimumGrace), Double(sidecar.grace) - max(Double(sidecar.preStop), Double(main.preStop) + main.drain.value.value))
    }

    /// The kubelet runs every container's preStop hook at once when the pod stops, and a native
    /// sidecar then waits for its turn (`killContainer`: the hook, then `waitForTurn`, each taken
    /// off G): its SIGTERM comes at max(Tpre(sidecar), the main containers' exit). So the pod needs
    /// max(Tpre(sidecar), the mains' need) and then the sidecar's drain and exit.
    static func inTurn(mainWanted: Int, _ sidecar: Short) -> Int {
        ProbeArithmetic.int32(Double(max(sidecar.preStop, mainWanted)) + Double(afterTurn(sidecar)))
    }

    /// The seconds a native sidecar needs after its turn comes: its drain and its exit. From
    /// the drain, not as `wanted - preStop`: `wanted` is held to int32, and an endless preStop
    /// sleep (`sleep infinity`) made it negative.
    static func afterTurn(_ sidecar: Short) -> Int { wanted(drain: sidecar.drain.value.value, preStop: 0) }

    /// `70 + 65` (or `max(80, 70) + 65` when the sidecar's own preStop sleep outlasts the mains).
    static func turnSum(mainWanted: Int, _ sidecar: Short) -> String {
        sidecar.preStop > mainWanted ? "max(\(sidecar.preStop), \(mainWanted)) + \(afterTurn(sidecar))" : "\(mainWanted) + \(afterTurn(sidecar))"
    }

    /// Where a sidecar's preStop sleep goes: beside the main containers' hooks, not after them.
    static func turnNote(_ sidecar: Short) -> String {
        sidecar.preStop > 0 ? " (its preStop sleep of \(PreStopSleep.shown(sidecar.preStop)) runs when the pod stops, beside theirs)" : ""
    }

    /// The inputs of a pod-level finding: G, as written or Kubernetes' default, and the drain time.
    static func graceNotes(_ container: ContainerSubject, grace: Int, into notes: inout Notes) {
        let field = container.pod.terminationGracePeriodSeconds
        notes.append(.input, "G = \(grace) s terminationGracePeriodSeconds (\(field.isWritten ? "written" : container.isRendered ? "Rook sets none: Kubernetes default" : "Kubernetes default"))",
                     name: "G", value: Double(grace), unit: "s", origin: field.isWritten ? "manifest" : "default")
        ProbeArithmetic.startupNotes(container.inputs, key: .drainTime, into: &notes)
    }

    /// The finding on the pod's grace period for a native sidecar that drains past it only after
    /// the main containers' drain, though neither is short by itself.
    static func sidecarFinding(_ object: ObjectContext, _ sidecar: Short, after main: Short) -> Finding {
        let n = ProbeArithmetic.n
        let container = object.containers[sidecar.index], mainName = object.containers[main.index].container.name
        let field = container.pod.terminationGracePeriodSeconds
        let left = leftAfterMains(main, sidecar), drain = sidecar.drain.value.value
        let wanted = inTurn(mainWanted: main.wanted, sidecar)
        let message: MessageText = "terminationGracePeriodSeconds \(sidecar.grace)\(field.isWritten ? "" : " (default)") leaves native sidecar \(container.container.name) \(n(left)) s after the main containers drain (\(mainName): \(n(main.drain.value.value)) s), shorter than its drain time of \(n(drain)) s: SIGKILL lands \(n(drain - left)) s before it finishes draining"
        var notes = Notes()
        graceNotes(container, grace: sidecar.grace, into: &notes)
        notes.append(.derived, "after the main containers = max(2, G - max(Tpre(\(container.container.name)), Tpre(\(mainName)) + Tdrain(\(mainName)))) = max(2, \(sidecar.grace) - max(\(sidecar.preStop), \(main.preStop) + \(n(main.drain.value.value)))) = \(n(left)) s < Tdrain = \(n(drain)) s",
                     name: "afterMains", value: left, unit: "s")
        notes.append(.note, "native sidecar \(container.container.name) gets SIGTERM only once the main containers have exited (Kubernetes 1.29 and later)\(turnNote(sidecar)): G must cover \(turnSum(mainWanted: main.wanted, sidecar)) = \(wanted) s",
                     name: "sidecarAfter")
        let byRook = object.manifest.rookOwner != nil
        let suggestions = byRook ? [] : [Suggestion(field: .terminationGracePeriodSeconds, owner: .joined(container.pod.path), current: field, value: wanted,
                                                    reason: reason(drain: main.drain.value.value, preStop: main.preStop) + "; then \(afterTurn(sidecar)) s for native sidecar \(container.container.name), stopped after the main containers",
                                                    scope: .pod)]
        return object.finding(Self.info, message, at: field.anchor, object: container.ref, notes: consume notes, suggestions: suggestions)
    }

    /// A container whose drain the pod's grace period does not cover, and the grace it needs.
    struct Short {
        var index: Int
        var drain: Input<Seconds>
        var grace: Int
        var preStop: Int
        var wanted: Int
        /// Whether it drains past G by itself (`afterSIGTERM`).
        var isShort = true
    }

    /// Whose drain time a message names: a Ceph daemon's ("the rgw"), else the container's
    /// ("container web's"), not "the generic".
    static func whose(_ component: Component, _ container: String) -> String {
        component == .generic ? "container " + container + "'s" : "the " + component.rawValue
    }

    /// The finding on the pod's grace period for container `need.index`, which `need.wanted` covers;
    /// `alsoShort` names the pod's other containers that drain past it, and `sidecarAfter` the
    /// native sidecar whose need comes after it.
    static func podFinding(_ object: ObjectContext, _ need: Short, alsoShort: [String],
                           sidecarAfter: (name: String, need: Short)? = nil) -> Finding {
        let (drain, grace, preStop, own) = (need.drain, need.grace, need.preStop, need.wanted)
        let wanted = sidecarAfter.map { Self.inTurn(mainWanted: own, $0.need) } ?? own
        let container = object.containers[need.index]
        let n = ProbeArithmetic.n
        let component = container.detection.component.rawValue
        let field = container.pod.terminationGracePeriodSeconds
        let message: MessageText = "terminationGracePeriodSeconds \(grace)\(field.isWritten ? "" : " (default)")\(Self.leftAfter(preStop, of: grace)) is shorter than \(Self.whose(container.detection.component, container.container.name)) drain time of \(n(drain.value.value)) s: SIGKILL lands \(n(drain.value.value - Double(Self.afterSIGTERM(grace: grace, preStop: preStop)))) s before \(component == "mds" ? "the journal flush ends" : "the daemon finishes draining")"
        var notes = Notes()
        notes.append(.input, "component = \(component) (\(container.detection.evidence))", name: "component", origin: "manifest")
        Self.graceNotes(container, grace: grace, into: &notes)
        Self.preStopNotes(container.container, grace: grace, drain: drain.value.value, into: &notes)
        var suggestions: [Suggestion] = []
        let reason = Self.reason(drain: drain.value.value, preStop: preStop)
        // Generated by Rook: rendered here from its CR, or a Deployment it owns (rewritten on
        // reconcile; no CR field sets a pod's grace period).
        let byRook = container.isRendered || object.manifest.rookOwner != nil
        if byRook && component == "rgw" {
            // The pod gets Kubernetes' 30 s whatever a Deployment Rook owns says: the operator
            // writes no grace period back on its next reconcile.
            let rookGrace = ProbeDefaults.terminationGracePeriodSeconds, exitTimeout = rookGrace - Self.exitAllowance
            // Where the store's own command flags set it, only they win over it (Ceph reads its
            // command line last). (Read from them, not from the drain's origin text, which names
            // them for rgw_graceful_stop too.)
            let setByFlags = ObjectContext.gatewayConfig(object.manifest).flags.contains { $0.option == "rgw_exit_timeout_secs" }
            let place = setByFlags
                ? MessageText.string("set rgw_exit_timeout_secs: \"\(exitTimeout)\" in the CephObjectStore's spec.gateway.rgwCommandFlags, which sets it now")
                : MessageText.string("set rgw_exit_timeout_secs = \(exitTimeout) in the [client] section of ConfigMap \(RookFacts.configMapName), or in the sections of this store's gateways ([client.rgw.<store, dots for dashes>.<id>]; Ceph reads no [client.rgw] section)")
            notes.append(.note, "Rook sets no pod grace period and its CRs offer none: to stop within \(rookGrace) s, \(place): in-flight requests are then cut after \(exitTimeout) s",
                         name: "alternative", origin: "rook")
        }
        if container.isRendered {
            // Rook sets no pod grace period and its CRs have none; a probe-level grace in the CR's
            // probe is passed through (GetProbeWithDefaults copies the CR's probe) but covers only probe kills.
            let liveness = container.probes.first { object.probes[$0].probe.kind == .liveness }.map { object.probes[$0] }
            if let set = liveness?.probe.terminationGracePeriodSeconds.value, set >= wanted {
                notes.append(.note, "the livenessProbe's terminationGracePeriodSeconds \(set) covers liveness kills: Rook offers no pod-level grace period, deletions and upgrades still get \(ProbeDefaults.terminationGracePeriodSeconds) s",
                             name: "probeGrace", origin: "manifest")
            } else if let liveness {
                suggestions.append(Suggestion(field: .terminationGracePeriodSeconds, owner: liveness.probe.location,
                                              current: liveness.probe.terminationGracePeriodSeconds, value: wanted,
                                              reason: reason + "; covers liveness kills only: Rook offers no pod-level grace period, deletions and upgrades still get \(ProbeDefaults.terminationGracePeriodSeconds) s"))
            } else if component != "rgw" {
                // No liveness probe to carry a grace period (the mon, osd and mds before v1.3): said, where nothing was.
                let daemon = RookDaemon(rawValue: component)
                notes.append(.note, "no fix in the CR: Rook \(object.rookVersion.version) generates no livenessProbe for \(component), whose own terminationGracePeriodSeconds would cover liveness kills, and Rook sets no pod grace period; \(RookProbeTable.timingReaders(daemon, .liveness)) generate one and read its grace period from the CR",
                             name: "noFix", origin: "rook")
            }
        } else if byRook {
            if component != "rgw" {
                notes.append(.note, "Rook sets no pod grace period and its CRs offer none: a probe's own terminationGracePeriodSeconds, set in the CR's probe, reaches this pod and covers that probe's kills only",
                             name: "alternative", origin: "rook")
            }
        } else {
            suggestions.append(Suggestion(field: .terminationGracePeriodSeconds, owner: .joined(container.pod.path),
                                          current: field, value: wanted,
                                          reason: sidecarAfter.map { reason + "; then \(Self.afterTurn($0.need)) s for native sidecar \($0.name), stopped after the main containers" } ?? reason,
                                          scope: .pod))
        }
        if let sidecar = sidecarAfter {
            notes.append(.note, "native sidecar \(sidecar.name) gets SIGTERM only once the main containers have exited (Kubernetes 1.29 and later) and needs \(Self.afterTurn(sidecar.need)) s after them\(Self.turnNote(sidecar.need)): G must cover \(Self.turnSum(mainWanted: own, sidecar.need)) = \(wanted) s",
                         name: "sidecarAfter")
        }
        if !alsoShort.isEmpty {
            notes.append(.note, "\(alsoShort.count == 1 ? "container" : "containers") \(alsoShort.joined(separator: ", ")) of this pod also \(alsoShort.count == 1 ? "drains" : "drain") past G: one grace period covers every container, and \(wanted) s covers theirs too",
                         name: "alsoShort")
        }
        return object.finding(Self.info, message, at: field.anchor, object: container.ref, notes: consume notes, suggestions: consume suggestions)
    }

    /// A liveness or startup probe's own terminationGracePeriodSeconds, which a kill by that probe gets.
    func probeFindings(_ object: ObjectContext, into findings: inout [Finding]) {
        for index in object.probes.indices {
            guard object.probes[index].probe.kind != .readiness,
                  case .written(let grace, _, let range) = object.probes[index].probe.terminationGracePeriodSeconds,
                  // Below 1 the API server rejects the probe (PL202): no grace period to judge.
                  grace >= ProbeDefaults.minimum(of: .terminationGracePeriodSeconds),
                  let drain = object.probes[index].inputs.drainTime else { continue }
            // The kubelet runs the preStop hook on a probe's kill too, out of the probe's grace.
            let preStop = Self.preStopSeconds(object.probes[index].container)
            guard Double(Self.afterSIGTERM(grace: grace, preStop: preStop)) < drain.value.value else { continue }
            let subject = object.probes[index]
            let n = ProbeArithmetic.n
            var notes = Notes()
            ProbeArithmetic.startupNotes(subject.inputs, key: .drainTime, into: &notes)
            Self.preStopNotes(subject.container, grace: grace, drain: drain.value.value, into: &notes)
            findings.append(object.finding(
                Self.info, "\(subject.probe.kind.fieldName) terminationGracePeriodSeconds \(grace)\(Self.leftAfter(preStop, of: grace)) is shorter than \(Self.whose(subject.detection.component, subject.container.name)) drain time of \(n(drain.value.value)) s: a probe kill's SIGKILL lands mid-drain",
                at: range, object: subject.ref, notes: consume notes,
                suggestions: [Suggestion(field: .terminationGracePeriodSeconds, owner: subject.probe.location,
                                         current: subject.probe.terminationGracePeriodSeconds,
                                         value: Self.wanted(drain: drain.value.value, preStop: preStop),
                                         reason: Self.reason(drain: drain.value.value, preStop: preStop))]))
        }
    }
}
