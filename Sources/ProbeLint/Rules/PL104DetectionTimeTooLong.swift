/// docs/model.md rule 4: a liveness probe that takes longer than the detection budget
/// to notice a hung daemon, which serves errors (or nothing) all that time.
struct DetectionTimeTooLong: Rule {
    static let info = RuleInfo(
        id: "PL104", name: "detection-time-too-long",
        summary: "A liveness probe's worst-case detection time W_max = F * P + T exceeds the detection budget, so a hung daemon stays in place that long.",
        defaultSeverity: .warning, fix: .sometimes, tags: ["reliability", "probes", "timing"])

    /// docs/model.md rule 4: W_max above the detection budget (also asked of a fix's values, `FixTrades`).
    static func fires(_ timing: ProbeTiming, _ options: ModelOptions) -> Bool {
        timing.killWindowMax > options.detectionBudget.value
    }

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        let options = object.environment.options
        let budget = options.detectionBudget.value
        for index in object.probes.indices {
            guard object.probes[index].probe.kind == .liveness, object.probes[index].probe.hasHandler,
                  let timing = object.probes[index].probe.timing,
                  timing.period >= 1, timing.failure >= 1, Self.fires(timing, options) else { continue }
            let subject = object.probes[index]
            let probe = subject.probe
            let n = ProbeArithmetic.n
            var fix = Self.fix(probe, timing, options)
            let message: MessageText = "livenessProbe takes up to \(n(timing.killWindowMax)) s to notice a hung container, above the \(n(budget)) s detection budget"
            var notes = ProbeArithmetic.probeNotes(subject, timing)
            ProbeArithmetic.windowNotes(timing, into: &notes)
            let origin = options.origins["detection-budget"]
            notes.append(.input, "detection budget = \(n(budget)) s (\(origin.map { "from \($0)" } ?? Self.defaultBudget))", name: "detectionBudget",
                         value: budget, unit: "s", origin: origin == nil ? "default" : "config")
            if let lowered = fix, let trade = FixTrades.trade(subject, from: timing, to: FixTrades.applying([lowered.suggestion], to: timing), object) {
                notes.append(.note, "\(Self.tradeNote(lowered.suggestion, trade, subject, timing))", name: "fixTrades")
                fix = nil
            } else if fix == nil {
                // The floor at the fewest failures a fix keeps (min(F, 3)): at F itself it was the
                // current W_max or more, where the note says how far even the smallest F is off.
                let f = min(timing.failure, ProbeDefaults.failureThreshold)
                let floor = timing.stretched
                    ? MessageText.string("W_max = P + F * T is at least 1 + \(f) * \(timing.timeout) = \(n(Double(1 + f * timing.timeout))) s at any period")
                    : MessageText.string("W_max = F * P + T is at least \(f) * \(max(1, timing.timeout)) + \(timing.timeout) = \(n(Double(f * max(1, timing.timeout) + timing.timeout))) s with a period no shorter than the timeout (a shorter one would make failing probes run back to back)")
                notes.append(.note, "no failureThreshold of at least \(f) or periodSeconds brings W_max within the budget: with timeoutSeconds \(timing.timeout), \(floor); lower timeoutSeconds (above L99load, PL101) or failureThreshold by hand, or raise detection-budget in \(ConfigFile.fileName)")
            }
            findings.append(object.finding(Self.info, message, at: fix?.anchor ?? probe.timeoutSeconds.anchor, object: subject.ref,
                                           notes: consume notes, suggestions: fix.map { [$0.suggestion] } ?? []))
        }
    }

    /// The note's origin when no `.probelint.yaml` sets the budget.
    static let defaultBudget = "default; detection-budget in \(ConfigFile.fileName) sets it"

    /// Why `fix` is no fix: it would draw `trade`'s finding, and `--fix` would refuse it. Where that
    /// is PL105 (the liveness probe, the container's first, would kill it before its startup
    /// time), the note gives the startupProbe to add first.
    static func tradeNote(_ fix: Suggestion, _ trade: FixTrades.Trade, _ subject: ProbeSubject, _ timing: ProbeTiming) -> String {
        let head = MessageText.string("no fix: \(fix.field.rawValue) \(fix.value) would \(trade.text), and --fix would refuse it")
        guard trade.rule == StartupBudgetBelowStartupTime.info.id, let start = subject.inputs.startupTime?.value.value else {
            return head + ": change the probe by hand, or raise detection-budget in \(ConfigFile.fileName)"
        }
        let failures = StartupBudgetBelowStartupTime.failuresCovering(start, timing)
        return head + MessageText.string(". Add a startupProbe with the same handler and timing and failureThreshold \(max(failures, 1)) to cover the start; the liveness probe starts once it succeeds, and then \(fix.field.rawValue) \(fix.value) is safe")
    }

    /// Lowers failureThreshold when that keeps at least min(F, 3) consecutive
    /// failures, else periodSeconds; the result has W_max within the budget.
    static func fix(_ probe: Probe, _ timing: ProbeTiming, _ options: ModelOptions) -> (suggestion: Suggestion, anchor: SourceRange)? {
        let budget = options.detectionBudget.value
        let n = ProbeArithmetic.n
        let failures = ProbeArithmetic.failureCap(timing, options)
        if failures >= min(timing.failure, ProbeDefaults.failureThreshold), failures < timing.failure {
            var lowered = timing
            lowered.failure = failures
            let reason = "largest F with W_max = \(ProbeArithmetic.killWindowMaxText(lowered)) within the \(n(budget)) s budget"
            return (Suggestion(field: .failureThreshold, owner: probe.location, current: probe.failureThreshold,
                               value: failures, reason: reason), probe.failureThreshold.anchor)
        }
        if timing.stretched {
            // Failing probes already start every T: W_max = P + (F - 1) * T + T, and only P's own term is left to lower.
            let period = ProbeArithmetic.int32(ProbeArithmetic.roundedDown(budget - Double(timing.failure * timing.timeout)))
            guard period >= 1, period < timing.period else { return nil }
            var lowered = timing
            lowered.period = period
            let reason = "largest P with W_max = \(ProbeArithmetic.killWindowMaxText(lowered)) within the \(n(budget)) s budget, keeping failureThreshold \(timing.failure) (timeoutSeconds \(timing.timeout) > periodSeconds: failing probes start every \(timing.timeout) s)"
            return (Suggestion(field: .periodSeconds, owner: probe.location, current: probe.periodSeconds,
                               value: period, reason: reason), probe.periodSeconds.anchor)
        }
        let period = ProbeArithmetic.int32(ProbeArithmetic.roundedDown((budget - Double(timing.timeout)) / Double(timing.failure)))
        // Not below the timeout: the kubelet does not overlap probes, so a shorter period would
        // make failing probes run back to back (`ProbeTiming.failingInterval`), which the
        // probe does not do now.
        guard period >= max(1, timing.timeout), period < timing.period else { return nil }
        let reason = "largest P with W_max = \(timing.failure) * P + \(timing.timeout) = \(n(Double(timing.failure * period + timing.timeout))) s within the \(n(budget)) s budget, keeping failureThreshold \(timing.failure)"
        return (Suggestion(field: .periodSeconds, owner: probe.location, current: probe.periodSeconds,
                           value: period, reason: reason), probe.periodSeconds.anchor)
    }
}
