/// docs/model.md rule 4's promise for the timing rules' fixes: "a fix never trades one finding for
/// another". A fix that lowers a period or a threshold, or makes a readiness probe slower to
/// give up, can draw a finding its probe did not have: `--fix` then refuses the whole file
/// ("the fix would cause PL105"). The rules ask here first, and give a note in place of such
/// a fix. The conditions are the rules' own, on the probe's new timing.
enum FixTrades {
    /// A finding a fix would draw: its rule, and what happens, to end a sentence ("would ...").
    struct Trade {
        var rule: RuleID
        var text: String
    }

    /// The finding `new` draws on `subject`'s probe that `old` does not; nil when it draws none.
    static func trade(_ subject: ProbeSubject, from old: ProbeTiming, to new: ProbeTiming, _ object: ObjectContext) -> Trade? {
        let n = ProbeArithmetic.n
        let options = object.environment.options
        let inputs = subject.inputs
        let kind = subject.probe.kind
        // PL105: the container's first probe kills it before it has started.
        if let start = inputs.startupTime?.value.value, isFirst(subject), StartupBudgetBelowStartupTime.judges(subject.probe),
           StartupBudgetBelowStartupTime.fires(new, start: start), !StartupBudgetBelowStartupTime.fires(old, start: start) {
            let formula = new.stretched ? "D0 + F * P" : "D0 + (F - 1) * P + T"
            return Trade(rule: StartupBudgetBelowStartupTime.info.id, text: MessageText.string("kill the container \(n(new.earliestKill)) s after it starts (\(formula)), before its startup time of \(n(start)) s (\(StartupBudgetBelowStartupTime.info.id))"))
        }
        // PL102: a probe on the data path that fails under load restarts within one transfer.
        let loaded = inputs.loadedP99.value, episode = inputs.saturation.value
        if KillWindowShorterThanSaturation.judges(kind, inputs), KillWindowShorterThanSaturation.fires(new, loaded: loaded, episode: episode),
           !KillWindowShorterThanSaturation.fires(old, loaded: loaded, episode: episode) {
            return Trade(rule: KillWindowShorterThanSaturation.info.id, text: MessageText.string("let a \(inputs.largestTransfer.value) transfer restart the container: it saturates the link for E = \(n(episode)) s, longer than W_min = \(n(new.killWindowMin)) s (\(KillWindowShorterThanSaturation.info.id))"))
        }
        // PL103: the idle tail alone restarts it more often than the budget allows.
        if FalseRestartRate.judges(kind), new.timeout >= 1, new.period >= 1, new.failure >= 1 {
            let model = FalseRestartRate.model(inputs)
            let after = model.falseRestartsPer30Days(new)
            if FalseRestartRate.fires(after, options), !FalseRestartRate.fires(model.falseRestartsPer30Days(old), options) {
                return Trade(rule: FalseRestartRate.info.id, text: MessageText.string("expect \(IdleTailModel.Figure(after, above: options.restartBudget)) false restarts per 30 days from the idle latency tail, above the budget of \(ProbeArithmetic.setting(options.restartBudget)) (\(FalseRestartRate.info.id))"))
            }
        }
        // PL104: a liveness probe that takes longer than the budget to notice a hung container.
        let budget = options.detectionBudget.value
        if kind == .liveness, DetectionTimeTooLong.fires(new, options), !DetectionTimeTooLong.fires(old, options) {
            return Trade(rule: DetectionTimeTooLong.info.id, text: MessageText.string("take \(n(new.killWindowMax)) s to notice a hung container, above the \(n(budget)) s detection budget (\(DetectionTimeTooLong.info.id))"))
        }
        // PL201: liveness gives up no later than readiness on the same check.
        if let (live, ready) = pair(subject, new) {
            var before = (live, ready)
            if kind == .liveness { before.0 = old } else { before.1 = old }
            // The order of the two windows only. A readiness timeout raised past liveness's (PL201's
            // band) is judged with both probes' planned values (`PairedFixes.band`): PL101 raises
            // both probes' timeouts alike, and the liveness one, unknown here, closes it again.
            if LivenessIdenticalToReadiness.givesUpFirst(live, ready),
               !LivenessIdenticalToReadiness.fires(live: before.0, ready: before.1) {
                return Trade(rule: LivenessIdenticalToReadiness.info.id, text: MessageText.string("let liveness restart after \(n(live.killWindowMin)) s of failures, no later than readiness removes the pod after \(n(ready.killWindowMin)) s on the same check (\(LivenessIdenticalToReadiness.info.id))"))
            }
        }
        return nil
    }

    /// Whether `subject`'s probe runs first in its container: a startup probe, or a liveness
    /// probe of a container without one (PL105's probe). Asked of the container (every probe
    /// it has is a subject of the object), not by a search of the object's probes: a pod of
    /// thousands of containers made that quadratic.
    static func isFirst(_ subject: ProbeSubject) -> Bool {
        switch subject.probe.kind {
        case .startup: return true
        case .readiness: return false
        case .liveness:
            return subject.container.probe(.startup) == nil
        }
    }

    /// The timings of the container's liveness and readiness probes, with `new` for `subject`'s,
    /// when the two run the same check (PL201's pair); nil otherwise.
    static func pair(_ subject: ProbeSubject, _ new: ProbeTiming) -> (ProbeTiming, ProbeTiming)? {
        let kind = subject.probe.kind
        guard kind != .startup else { return nil }
        let otherKind: ProbeKind = kind == .liveness ? .readiness : .liveness
        guard let otherProbe = subject.container.probe(otherKind),
              let handler = subject.probe.handler, let otherHandler = otherProbe.handler,
              let other = otherProbe.timing else { return nil }
        let container = subject.container
        guard handler.sameCheck(as: otherHandler, port: LivenessIdenticalToReadiness.resolvedPort(handler, container),
                                otherPort: LivenessIdenticalToReadiness.resolvedPort(otherHandler, container)) else { return nil }
        return kind == .liveness ? (new, other) : (other, new)
    }

    /// `timing` with `suggestions`' values for its fields.
    static func applying(_ suggestions: [Suggestion], to timing: ProbeTiming) -> ProbeTiming {
        var new = timing
        for s in suggestions { new[field: s.field] = s.value }
        return new
    }
}
