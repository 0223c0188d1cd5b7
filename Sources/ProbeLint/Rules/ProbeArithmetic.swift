/// docs/model.md's arithmetic shared by the PL1xx rules, with the notes that show it.
enum ProbeArithmetic {
    /// A probe finding's first notes, the component and the probe's timing.
    static func probeNotes(_ subject: ProbeSubject, _ timing: ProbeTiming) -> Notes {
        var notes = Notes()
        componentNote(subject, into: &notes)
        probeNote(timing, subject.probe, into: &notes)
        return notes
    }

    /// `x` as `Format.number` writes it, for an interpolation.
    static func n(_ x: Double) -> Format.Number { Format.Number(value: x) }
    /// A model option as the config wrote it (`Format.Setting`).
    static func setting(_ x: Double) -> Format.Setting { Format.Setting(value: x) }

    static func inputNote(_ key: InputKey, _ input: Input<some Quantity>, unit: String, into notes: inout Notes) {
        notes.append(.input, "\(key.symbol) = \(input.value) \(key.meaning) (\(input.origin))",
                     name: key.rawValue, value: input.value.value, unit: unit, origin: input.origin.kind)
    }

    static func componentNote(_ subject: ProbeSubject, into notes: inout Notes) {
        notes.append(.input, "component = \(subject.detection.component.rawValue) (\(subject.detection.evidence))",
                     name: "component", origin: "manifest")
    }

    /// " (default)", or " (Rook default)" for a probe Rook generates, after a timing field the
    /// probe does not write (" (written 0: default)" where a 0 stands for it); "" after one it
    /// writes; " (from CephCluster rook-ceph (cluster.yaml))" after one whose value an MDS before
    /// v1.9 takes from its CephCluster.
    /// Literals, not interpolated: each probe's note asks for four.
    static func unwrittenMark(_ field: ProbeField, of probe: Probe) -> String {
        let written = probe.field(field)
        // A Rook CR's 0 is written (a fix replaces it there), and its value is Rook's default.
        // Only the bits are read: a call on `generatedBy` copied the whole RookGeneration.
        if written.isWritten { return (probe.generatedBy?.zeroWritten ?? 0) & 1 << field.caseIndex != 0 ? " (written 0: Rook default)" : "" }
        let zero = written.isWrittenZero
        if let generation = probe.generatedBy {
            if generation.isFromCluster(field), let cluster = generation.valuesFrom { return " (from \(cluster))" }
            if generation.setsByDefault(field) { return zero ? " (written 0: Rook default)" : " (Rook default)" }
        }
        return zero ? " (written 0: default)" : " (default)"
    }

    static func probeNote(_ timing: ProbeTiming, _ probe: Probe, into notes: inout Notes) {
        func origin(_ f: ProbeField) -> String { unwrittenMark(f, of: probe) }
        notes.append(.input, "probe: timeoutSeconds \(timing.timeout)\(origin(.timeoutSeconds)), periodSeconds \(timing.period)\(origin(.periodSeconds)), failureThreshold \(timing.failure)\(origin(.failureThreshold)), initialDelaySeconds \(timing.initialDelay)\(origin(.initialDelaySeconds))",
                     name: "probe", origin: "manifest")
    }

    static func latencyNotes(_ inputs: Inputs, into notes: inout Notes) {
        inputNote(.latencyP99, inputs.latencyP99, unit: "s", into: &notes)
        if inputs.dataPortAssumed && (inputs.loadedLatencyP99 != nil || inputs.queue.value.value > 0) {
            notes.append(.note, "the probe's port is taken to carry the workload's client data, as no \(LivenessProbeOnDataPort.dataPortsAnnotation) annotation names the ports that do: if it serves health checks or metrics only, name the data ports there",
                         name: "dataPort", origin: "default")
        }
        if inputs.offDataPath == nil, let given = inputs.loadedLatencyP99 {
            inputNote(.loadedLatencyP99, given, unit: "s", into: &notes)
            if inputs.loadedBelowIdle {
                notes.append(.derived, "L99load = L99 = \(n(inputs.loadedP99.value)) s: the L99load given (\(given.value)) is below the idle L99, and load makes no probe faster; measure the two the same way",
                             name: "L99load", value: inputs.loadedP99.value, unit: "s")
            }
        } else if inputs.sharesDataPath {
            inputNote(.queue, inputs.queue, unit: "B", into: &notes)
            inputNote(.bandwidth, inputs.bandwidth, unit: "B/s", into: &notes)
            let q = inputs.queue.value / inputs.bandwidth.value
            notes.append(.derived, "L99load = L99 + Q / B = \(inputs.latencyP99.value) + \(inputs.queue.value) / \(inputs.bandwidth.value) = \(n(inputs.latencyP99.value.value)) s + \(n(q.value)) s = \(n(inputs.loadedP99.value)) s",
                         name: "L99load", value: inputs.loadedP99.value, unit: "s")
        } else {
            // Said, so that a measured latency the run gives is not silently left out.
            let unused = inputs.loadedLatencyP99.map { "; \($0.value) \($0.origin) is for probes on the data path" } ?? ""
            notes.append(.derived, "L99load = L99 = \(n(inputs.loadedP99.value)) s (\(inputs.offDataPathReason)\(unused))",
                         name: "L99load", value: inputs.loadedP99.value, unit: "s")
        }
    }

    static func saturationNote(_ inputs: Inputs, into notes: inout Notes) {
        notes.append(.derived, "E = X / B = \(inputs.largestTransfer.value) / \(inputs.bandwidth.value) = \(n(inputs.saturation.value)) s",
                     name: "E", value: inputs.saturation.value, unit: "s")
    }

    static func windowNotes(_ t: ProbeTiming, into notes: inout Notes) {
        notes.append(.derived, "W_min = \(killWindowMinText(t))", name: "W_min", value: t.killWindowMin, unit: "s")
        notes.append(.derived, "W_max = \(killWindowMaxText(t))\(t.stretched ? " (\(stretchText(t)))" : "")",
                     name: "W_max", value: t.killWindowMax, unit: "s")
    }

    /// W_min's formula with the probe's numbers: `(F - 1) * P + T = (3 - 1) * 10 + 1 = 21 s`,
    /// with T for P when the timeout is longer than the period (`ProbeTiming.failingInterval`).
    static func killWindowMinText(_ t: ProbeTiming) -> String {
        let i = t.stretched ? "T" : "P"
        return MessageText.string("(F - 1) * \(i) + T = (\(t.failure) - 1) * \(t.failingInterval) + \(t.timeout) = \(n(t.killWindowMin)) s")
    }

    /// W_max's formula with the probe's numbers: `F * P + T = 3 * 10 + 1 = 31 s`, or
    /// `P + (F - 1) * T + T = 10 + (3 - 1) * 30 + 30 = 100 s` when the timeout is longer.
    static func killWindowMaxText(_ t: ProbeTiming) -> String {
        guard t.stretched else {
            return MessageText.string("F * P + T = \(t.failure) * \(t.period) + \(t.timeout) = \(n(t.killWindowMax)) s")
        }
        return MessageText.string("P + (F - 1) * T + T = \(t.period) + (\(t.failure) - 1) * \(t.timeout) + \(t.timeout) = \(n(t.killWindowMax)) s")
    }

    /// Why a timeout longer than the period counts in place of it.
    static func stretchText(_ t: ProbeTiming) -> String {
        MessageText.string("timeoutSeconds \(t.timeout) > periodSeconds \(t.period): the kubelet starts a probe only when the last one has ended, so failing probes start every \(t.timeout) s")
    }

    /// docs/model.md rule 1's fix: T' = ceil(m * L99load), at least 1. For liveness, W_max must stay
    /// within the detection budget (rule 4), and T' no longer than the period (else failing
    /// probes start every T', `ProbeTiming.failingInterval`), in this order of preference: T'
    /// itself when it fits; T' with the period raised to it when it is longer than the period;
    /// T' capped at the budget or the period when the cap is still above L99load (one field);
    /// T' with the period lowered to make room for it (`periodForTimeout`, the finding's second fix);
    /// T' capped at the largest timeout that any period no shorter than it fits in the budget,
    /// with that period, when that is still above L99load.
    /// nil when none of those clears the finding: a timeout capped at or below L99load does
    /// not, slows detection to the budget, and undid PL102's failureThreshold fix (together
    /// over the budget), so it is not suggested (the rule's note says what is left).
    static func suggestedTimeout(_ subject: ProbeSubject, _ timing: ProbeTiming, _ options: ModelOptions) -> (value: Int, reason: String)? {
        let loaded = subject.inputs.loadedP99.value
        let unclamped = roundedUp(options.margin * loaded)
        let wanted = max(1, int32(unclamped))
        // The ceiling as computed: a value past int32 is said as it is, not as the field's clamp.
        let ceiling = MessageText.string("ceil(\(setting(options.margin)) * L99load \(n(loaded)) s) = \(n(max(1, unclamped)))")
        guard subject.probe.kind == .liveness else {
            // Its period is kept (`periodForTimeout`); a timeout past it stretches the windows, said.
            guard wanted > timing.period else { return (wanted, ceiling) }
            return (wanted, MessageText.string("\(ceiling); longer than periodSeconds \(timing.period), so failing probes start every \(wanted) s: W_min becomes F * T = \(timing.failure * wanted) s"))
        }
        let cap = timeoutCap(timing, options)
        if wanted <= cap {
            return (wanted, MessageText.string("\(ceiling); W_max becomes \(n(Double(timing.failure * timing.period + wanted))) s"))
        }
        // Longer than the period: the period goes up to it (the finding's second fix) when the budget allows.
        if wanted > timing.period, let period = periodForTimeout(wanted, subject, timing, options) {
            return (wanted, MessageText.string("\(ceiling), with periodSeconds \(period.value): W_max becomes \(n(Double(timing.failure * period.value + wanted))) s"))
        }
        if cap > timing.timeout && Double(cap) > loaded {
            let why = timing.period < budgetSeconds(options) - timing.failure * timing.period
                ? "the periodSeconds, since a longer timeout would delay each failing probe past the period and W_max to P + (F - 1) * T + T"
                : MessageText.string("\(cap) so that W_max = \(timing.failure) * \(timing.period) + \(cap) stays within the \(n(options.detectionBudget.value)) s detection budget")
            return (cap, MessageText.string("\(ceiling), capped at \(why)"))
        }
        if let period = periodForTimeout(wanted, subject, timing, options) {
            return (wanted, MessageText.string("\(ceiling), with periodSeconds \(period.value): W_max becomes \(n(Double(timing.failure * period.value + wanted))) s"))
        }
        // The largest timeout that a period no shorter than it keeps within the budget
        // (F * T + T <= budget), when it is still above L99load, with that period.
        let fit = min(wanted, budgetSeconds(options) / (timing.failure + 1))
        guard fit > timing.timeout, Double(fit) > loaded, let period = periodForTimeout(fit, subject, timing, options) else { return nil }
        return (fit, MessageText.string("\(ceiling), capped at \(fit), the largest timeout that a period no shorter than it keeps within the \(n(options.detectionBudget.value)) s detection budget (F * T + T), with periodSeconds \(period.value): W_max becomes \(n(Double(timing.failure * period.value + fit))) s"))
    }

    /// The detection budget in whole seconds, as fields hold them.
    static func budgetSeconds(_ options: ModelOptions) -> Int { int32(roundedDown(options.detectionBudget.value)) }

    /// docs/model.md rules 1 and 4: the period a liveness probe needs so that W_max = F * P + `timeout`
    /// stays within the detection budget, when its own period leaves no room for that timeout,
    /// or is shorter than it (nil when neither, or when no period of at least the timeout fits).
    /// The period is never below the timeout: the kubelet starts a probe only when the last one
    /// has ended, so a shorter period would stretch to the timeout and W_max = F * P + T would no
    /// longer hold. A period raised to the timeout is the shortest that does not stretch.
    static func periodForTimeout(_ timeout: Int, _ subject: ProbeSubject, _ timing: ProbeTiming,
                                 _ options: ModelOptions) -> (value: Int, reason: String)? {
        let budget = budgetSeconds(options)
        // A readiness or startup probe has no detection budget, and keeps its period: a longer
        // timeout only makes its failing probes start every T, which PL201 and PL105 count
        // (`ProbeTiming.failingInterval`), while a longer period would slow a healthy one.
        guard subject.probe.kind == .liveness, timing.failure > 0 else { return nil }
        let within = "within the \(n(options.detectionBudget.value)) s detection budget"
        if timeout > timing.period {
            guard timing.failure * timeout + timeout <= budget else { return nil }
            return (timeout, MessageText.string("the timeout, so that failing probes start every P: a shorter period would stretch to it; W_max = \(timing.failure) * \(timeout) + \(timeout) = \(timing.failure * timeout + timeout) s \(within)"))
        }
        guard timing.failure * timing.period + timeout > budget else { return nil }
        let period = (budget - timeout) / timing.failure
        guard period >= max(1, timeout) else { return nil }
        return (period, MessageText.string("largest P with W_max = \(timing.failure) * P + \(timeout) \(within), so that the timeout fits"))
    }

    /// `timeoutFixes`, without those that would draw a finding the probe does not have
    /// (`FixTrades`): then none, and `trade` says which.
    static func checkedTimeoutFixes(_ subject: ProbeSubject, _ timing: ProbeTiming,
                                    _ object: ObjectContext) -> (fixes: [Suggestion], trade: String?) {
        let fixes = timeoutFixes(subject, timing, object.environment.options)
        guard !fixes.isEmpty, let trade = FixTrades.trade(subject, from: timing, to: FixTrades.applying(fixes, to: timing), object)
        else { return (fixes, nil) }
        let values = fixes.map { MessageText.string("\($0.field.rawValue) \($0.value)") }.joined(separator: " with ")
        return ([], MessageText.string("no fix: \(values) (PL101's arithmetic) would \(trade.text), and --fix would refuse it: change the probe by hand"))
    }

    /// Appends `trade`'s note (`checkedTimeoutFixes`), named so that a rule can tell it from its own.
    static func tradeNote(_ trade: String?, into notes: inout Notes) {
        if let trade { notes.append(.note, "\(trade)", name: "fixTrades") }
    }

    /// The fixes for a timeout below L99load (docs/model.md rule 1): the timeout, and the period when
    /// a liveness probe's own leaves no room for it within the detection budget, or is shorter
    /// than it; none when no period does (the caller says so).
    static func timeoutFixes(_ subject: ProbeSubject, _ timing: ProbeTiming, _ options: ModelOptions) -> [Suggestion] {
        let probe = subject.probe
        guard let fix = suggestedTimeout(subject, timing, options) else { return [] }
        var fixes = [Suggestion(field: .timeoutSeconds, owner: probe.location, current: probe.timeoutSeconds,
                                value: fix.value, reason: fix.reason)]
        if let period = periodForTimeout(fix.value, subject, timing, options) {
            fixes.append(Suggestion(field: .periodSeconds, owner: probe.location, current: probe.periodSeconds,
                                    value: period.value, reason: period.reason))
        }
        return fixes
    }

    /// ceil and floor of a product or quotient of the inputs, read as the decimal arithmetic
    /// the docs write: binary floating point makes 1.1 * 50 into 55.000000000000007, whose
    /// ceiling is 56, and 8.3 min into 498.00000000000006 s. A value within 1e-12 (relative)
    /// of a whole number, some thousand times binary's rounding error, is that number; a
    /// decimal input's own fraction is far above it (2000000.001 s is 5e-10 above 2000000).
    static func roundedUp(_ x: Double) -> Double { whole(x) ?? x.rounded(.up) }
    static func roundedDown(_ x: Double) -> Double { whole(x) ?? x.rounded(.down) }

    private static func whole(_ x: Double) -> Double? {
        let nearest = x.rounded()
        return x.isFinite && abs(x - nearest) <= 1e-12 * max(1, abs(x)) ? nearest : nil
    }

    /// The largest value of a probe's or pod's timing field (int32): a fix that reaches it was
    /// clamped there (`int32`), so it is dropped (`ObjectContext.finding`).
    static let int32Max = Int(Int32.max)

    /// A whole number of seconds or a count as an int32 field holds it: clamped
    /// to Int32's range, so that huge or infinite inputs never trap.
    static func int32(_ x: Double) -> Int {
        guard x.isFinite else { return x < 0 ? Int(Int32.min) : Int(Int32.max) }
        return Int(min(max(x, Double(Int32.min)), Double(Int32.max)))
    }

    /// The largest timeout that keeps a liveness probe's W_max = F * P + T within
    /// the detection budget (rule 4), and no longer than the period: a longer one would
    /// delay each failing probe past it (`ProbeTiming.failingInterval`).
    static func timeoutCap(_ timing: ProbeTiming, _ options: ModelOptions) -> Int {
        min(budgetSeconds(options) - timing.failure * timing.period, timing.period)
    }

    /// The largest failureThreshold that keeps a liveness probe's W_max = P + (F - 1) * I + T
    /// within the detection budget (F * P + T when T <= P); 0 when even F = 1 exceeds it.
    static func failureCap(_ timing: ProbeTiming, _ options: ModelOptions) -> Int {
        guard timing.period > 0 else { return 0 }
        let room = options.detectionBudget.value - Double(timing.timeout) - Double(timing.period)
        guard room >= 0 else { return 0 }
        return int32(roundedDown(room / Double(timing.failingInterval))) + 1
    }

    /// docs/model.md rule 2's other fix: the smallest F with W_min = (F - 1) * I + T > E (I = P when T <= P).
    /// For liveness it must also keep W_max within the detection budget (rule 4);
    /// nil when no F does both.
    static func suggestedFailureThreshold(episode: Double, _ subject: ProbeSubject, _ timing: ProbeTiming,
                                          _ options: ModelOptions) -> (value: Int, reason: String)? {
        guard timing.period > 0 else { return nil }
        let interval = timing.failingInterval
        let failures = max(1, int32(roundedDown((episode - Double(timing.timeout)) / Double(interval)) + 2))
        let rule: MessageText = "smallest F with W_min = (F - 1) * \(interval) + \(timing.timeout) > E = \(n(episode)) s"
        guard subject.probe.kind == .liveness else { return (failures, rule.string) }
        guard failures <= failureCap(timing, options) else { return nil }
        var raised = timing
        raised.failure = failures
        return (failures, MessageText.string("\(rule.string); W_max = \(n(raised.killWindowMax)) s stays within the \(n(options.detectionBudget.value)) s detection budget"))
    }
}

extension ProbeArithmetic {
    /// Tstart or Tdrain, and for the MDS the journal arithmetic it derives from (J / Bj).
    static func startupNotes(_ inputs: Inputs, key: InputKey, into notes: inout Notes) {
        guard let time = key == .startupTime ? inputs.startupTime : inputs.drainTime else { return }
        guard time.origin == .derived, let size = inputs.journalSize, let rate = inputs.journalBandwidth else {
            return inputNote(key, time, unit: "s", into: &notes)
        }
        let what = key == .startupTime ? "journal replay" : "journal flush"
        inputNote(.journalSize, size, unit: "B", into: &notes)
        inputNote(.journalBandwidth, rate, unit: "B/s", into: &notes)
        notes.append(.derived, "\(key.symbol) = \(what) = J / Bj = \(size.value) / \(rate.value) = \(n(time.value.value)) s",
                     name: key.symbol, value: time.value.value, unit: "s")
    }
}
