/// docs/model.md rule 5: the probe that runs first (startup, else liveness) kills a
/// container that does not answer yet at D0 + (F - 1) * P + T; that must be at
/// least Tstart (MDS: journal replay = J / Bj), or the daemon crash-loops while recovering.
struct StartupBudgetBelowStartupTime: Rule {
    static let info = RuleInfo(
        id: "PL105", name: "startup-budget-below-startup-time",
        summary: "The probe that runs first kills a container that is still starting before the daemon's startup time (for the MDS: its journal replay), so a recovery becomes a crash loop.",
        defaultSeverity: .error, fix: .sometimes, tags: ["reliability", "probes", "timing", "startup"])

    /// docs/model.md rule 5: the first probe's earliest kill before the startup time (also asked of a
    /// fix's values, `FixTrades`).
    static func fires(_ timing: ProbeTiming, start: Double) -> Bool { timing.earliestKill < start }

    /// Whether the rule judges `probe`. Not Rook's fsmap MDS probe (v1.12.6): it asks the mons,
    /// not the MDS, and passes while the MDS holds its rank in the fsmap, as it does while it
    /// replays: a starting MDS answers it, and what kills it is the mons dropping it, which no
    /// probe timing sets (rook#12789, rook#12860). Asked by `FixTrades` too.
    static func judges(_ probe: Probe) -> Bool { probe.handler?.checksFSMap != true }

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        for containerIndex in object.containers.indices {
            // The container's own probe of a kind, found in place: a filtered array per container cost an allocation.
            func own(_ kind: ProbeKind) -> Int? {
                object.containers[containerIndex].probes.first { object.probes[$0].probe.kind == kind }
            }
            guard let index = own(.startup) ?? own(.liveness), object.probes[index].probe.hasHandler,
                  let timing = object.probes[index].probe.timing, let start = object.probes[index].inputs.startupTime else { continue }
            guard Self.judges(object.probes[index].probe) else { continue }
            // Rook's RGW of v1.8.2 to v1.10 has a startup probe that runs before this liveness
            // probe, with timings the table does not know: no earliest kill to judge (unless the
            // CR disables it: `healthCheck.startupProbe.disabled`).
            if object.probes[index].probe.generatedBy?.followsUnmodelledStartupProbe == true { continue }
            let first = object.probes[index]
            let kill = timing.earliestKill
            guard Self.fires(timing, start: start.value.value) else { continue }
            let n = ProbeArithmetic.n
            let probe = first.probe
            // A Ceph daemon's container by its daemon ("the osd container"); any other by its name.
            let component = first.detection.component
            let container = component == .generic ? "container " + first.container.name : "the " + component.rawValue + " container"
            let message: MessageText = "\(probe.kind.fieldName) can kill \(container) \(n(kill)) s after it starts, before its startup time of \(n(start.value.value)) s\(start.origin == .derived ? " (journal replay)" : ""): a restart during recovery becomes a crash loop"
            var notes = ProbeArithmetic.probeNotes(first, timing)
            ProbeArithmetic.startupNotes(first.inputs, key: .startupTime, into: &notes)
            let formula = timing.stretched
                ? MessageText.string("D0 + F * P = \(timing.initialDelay) + \(timing.failure) * \(timing.period) = \(n(kill)) s (timeoutSeconds \(timing.timeout) > periodSeconds: probes that fail at once start every P, and D0 + (F - 1) * P + T would be later than Kubernetes' D0 + F * P)")
                : MessageText.string("D0 + (F - 1) * P + T = \(timing.initialDelay) + (\(timing.failure) - 1) * \(timing.period) + \(timing.timeout) = \(n(kill)) s")
            notes.append(.derived, "earliest kill = \(formula) < Tstart = \(n(start.value.value)) s",
                         name: "earliestKill", value: kill, unit: "s")
            // A period below 1 is PL202's finding, and no threshold could fix it.
            guard timing.period >= 1 else { continue }
            let failures = Self.failuresCovering(start.value.value, timing)
            let smallest = MessageText.string("smallest F with \(timing.initialDelay) + (F - 1) * \(timing.period) + \(timing.lastFailure) >= Tstart \(n(start.value.value)) s")
            var raised = timing
            raised.failure = failures
            // A startup time no int32 threshold reaches (F was cut to 2147483647): the fix the finding
            // drops for it (`ObjectContext.finding`), not a liveness note whose formula the cut
            // value does not satisfy.
            if raised.earliestKill < start.value.value {
                findings.append(object.finding(Self.info, message, at: probe.failureThreshold.anchor, object: first.ref, notes: consume notes,
                                               suggestions: [Suggestion(field: .failureThreshold, owner: probe.location,
                                                                        current: probe.failureThreshold, value: failures, reason: smallest)]))
                continue
            }
            let detection = raised.killWindowMax
            let budget = object.environment.options.detectionBudget.value
            // A liveness threshold that long keeps a hung daemon up past the detection budget, and
            // `--fix` refuses it (`FixPlanner.checkDetectionBudget`): a startup probe gives the time.
            let overBudget = MessageText.string("no fix of failureThreshold: F = \(failures) (the \(smallest)) makes this liveness probe's W_max = \(ProbeArithmetic.killWindowMaxText(raised)), above the \(n(budget)) s detection budget")
            if probe.kind == .liveness && detection > budget, let rook = probe.generatedBy,
               RookProbeTable.generatesNoStartupProbe(rook.daemon, at: rook.version.version) {
                // No startup probe to add: Rook generates none for this daemon, and it takes none from the CR
                // (none at all before v1.8.2; the MDS's from v1.12.6 on, whose fsmap probe is not checked
                // above, fails the operator, PL304). A longer initial delay gives the start its time, and
                // W_max does not change.
                let delay = Self.delayCovering(start.value.value, timing)
                notes.append(.note, "\(overBudget), and Rook \(rook.version.version) generates no startup probe for \(rook.daemon.rawValue): raise initialDelaySeconds instead; W_max stays \(ProbeArithmetic.killWindowMaxText(timing)), and a hang in the first \(delay) s goes undetected", name: "initialDelayInstead")
                findings.append(object.finding(Self.info, message, at: probe.failureThreshold.anchor, object: first.ref, notes: consume notes,
                                               suggestions: [Suggestion(field: .initialDelaySeconds, owner: probe.location, current: probe.initialDelaySeconds, value: delay,
                                                                        reason: "smallest D0 with D0 + (\(timing.failure) - 1) * \(timing.period) + \(timing.lastFailure) >= Tstart \(n(start.value.value)) s")]))
                continue
            }
            if probe.kind == .liveness && detection > budget {
                let startupKill = raised.earliestKill
                notes.append(.note, "\(overBudget). Add a startupProbe with the same handler and timing and failureThreshold \(failures) (earliest kill \(n(startupKill)) s >= Tstart); the liveness probe starts once it succeeds", name: "startupProbeInstead")
                findings.append(object.finding(Self.info, message, at: probe.failureThreshold.anchor, object: first.ref, notes: consume notes))
                continue
            }
            findings.append(object.finding(Self.info, message, at: probe.failureThreshold.anchor, object: first.ref, notes: consume notes,
                                           suggestions: [Suggestion(field: .failureThreshold, owner: probe.location,
                                                                    current: probe.failureThreshold, value: max(failures, 1), reason: smallest)]))
        }
    }

    /// The smallest initialDelaySeconds whose earliest kill, D0 + (F - 1) * P + min(T, P), is at
    /// least `start`.
    static func delayCovering(_ start: Double, _ timing: ProbeTiming) -> Int {
        ProbeArithmetic.int32(ProbeArithmetic.roundedUp(start - Double(max(timing.failure, 1) - 1) * Double(timing.period) - Double(timing.lastFailure)))
    }

    /// The smallest failureThreshold whose earliest kill, D0 + (F - 1) * P + min(T, P), is at
    /// least `start` (`ProbeTiming.earliestKill`).
    static func failuresCovering(_ start: Double, _ timing: ProbeTiming) -> Int {
        ProbeArithmetic.int32(ProbeArithmetic.roundedUp((start - Double(timing.initialDelay) - Double(timing.lastFailure)) / Double(timing.period)) + 1)
    }
}
