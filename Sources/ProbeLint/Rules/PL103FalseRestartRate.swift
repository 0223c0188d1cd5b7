/// docs/model.md rule 3: even an idle daemon has a latency tail; a restarting probe
/// whose timeout sits inside it restarts the container now and then for nothing.
struct FalseRestartRate: Rule {
    static let info = RuleInfo(
        id: "PL103", name: "false-restart-rate",
        summary: "The idle latency tail alone makes F consecutive probes time out often enough to restart the container more than the budget allows.",
        defaultSeverity: .warning, fix: .sometimes, tags: ["reliability", "probes", "timing"])

    /// docs/model.md rule 3: more false restarts than the budget (also asked of a fix's values, `FixTrades`).
    static func fires(_ restarts: Double, _ options: ModelOptions) -> Bool { restarts > options.restartBudget }

    /// Rule 3's figure is a rate over 30 days of probing: a liveness probe's. A startup probe
    /// stops at its first success, so it has no such rate (a slow first answer once the daemon
    /// is up is one chance per start, q^F); its kills during a start are PL105's. A readiness
    /// probe restarts nothing.
    static func judges(_ kind: ProbeKind) -> Bool { kind == .liveness }

    /// The finding for a probe whose inputs put the median above the 99th percentile.
    @inline(never)
    static func medianAboveTail(_ subject: ProbeSubject, _ object: ObjectContext) -> Finding {
        let inputs = subject.inputs
        var notes = Notes()
        ProbeArithmetic.inputNote(.latencyP50, inputs.latencyP50, unit: "s", into: &notes)
        ProbeArithmetic.inputNote(.latencyP99, inputs.latencyP99, unit: "s", into: &notes)
        let message: MessageText = "\(subject.probe.kind.fieldName): the idle latency's median L50 = \(inputs.latencyP50.value) is above its 99th percentile L99 = \(inputs.latencyP99.value), so the false-restart rate cannot be modelled: give latency-p50 and latency-p99 together"
        return object.finding(info, message, at: subject.probe.timeoutSeconds.anchor, object: subject.ref, notes: consume notes)
    }

    static func bothAnnotated(_ inputs: Inputs) -> Bool {
        if case .annotation = inputs.latencyP50.origin, case .annotation = inputs.latencyP99.origin { return true }
        return false
    }

    static func model(_ inputs: Inputs) -> IdleTailModel {
        IdleTailModel(p50: inputs.latencyP50.value.value, p99: inputs.latencyP99.value.value)
    }

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        let options = object.environment.options
        for index in object.probes.indices {
            guard Self.judges(object.probes[index].probe.kind), object.probes[index].probe.hasHandler,
                  let timing = object.probes[index].probe.timing,
                  timing.timeout >= 1, timing.period >= 1, timing.failure >= 1 else { continue }
            let model = Self.model(object.probes[index].inputs)
            // A median above the 99th percentile (a value given for one, the other the probe's
            // built-in): no tail to model. Said on the probe, with where each came from; it was silent.
            // Both from annotations is the annotation's input error (`Environment`), said once.
            if model.p50 > model.p99 {
                if !Self.bothAnnotated(object.probes[index].inputs) { findings.append(Self.medianAboveTail(object.probes[index], object)) }
                continue
            }
            let restarts = model.falseRestartsPer30Days(timing)
            guard Self.fires(restarts, options) else { continue }
            let subject = object.probes[index]
            let probe = subject.probe
            let q = model.timeoutChance(Double(timing.timeout))
            let f = { IdleTailModel.Figure($0) }
            // Shown with the digits that set it above the budget: 0.101 against 0.1, not 0.1.
            let figure = IdleTailModel.Figure(restarts, above: options.restartBudget)
            var notes = ProbeArithmetic.probeNotes(subject, timing)
            ProbeArithmetic.inputNote(.latencyP50, subject.inputs.latencyP50, unit: "s", into: &notes)
            ProbeArithmetic.inputNote(.latencyP99, subject.inputs.latencyP99, unit: "s", into: &notes)
            notes.append(.derived, "sigma = ln(L99 / L50) / \(IdleTailModel.z99) = \(f(model.sigma))", name: "sigma", value: model.sigma)
            notes.append(.derived, "q = 1 - Phi((ln T - ln L50) / sigma) = \(f(q)) (one probe slower than T = \(timing.timeout) s)",
                         name: "q", value: q)
            notes.append(.derived, "restarts per 30 days = (30 * 86400 / \(timing.period)) * (1 - q) * q^\(timing.failure) = \(figure), budget \(ProbeArithmetic.setting(options.restartBudget))",
                         name: "falseRestartsPer30Days", value: restarts)
            let message: MessageText = "\(probe.kind.fieldName) expects \(figure) false restarts per 30 days from the idle latency tail alone (budget \(ProbeArithmetic.setting(options.restartBudget))): \(Self.share(q)) timeoutSeconds \(timing.timeout), and \(timing.failure == 1 ? "a single one restarts" : "\(timing.failure) in a row restart") the container"
            var suggestions: [Suggestion] = []
            if let fix = Self.suggestedFailureThreshold(model, timing, options) {
                suggestions.append(Suggestion(field: .failureThreshold, owner: probe.location,
                                              current: probe.failureThreshold, value: fix.value, reason: fix.reason))
            } else if let fix = Self.suggestedTimeout(model, timing, options) {
                suggestions.append(Suggestion(field: .timeoutSeconds, owner: probe.location,
                                              current: probe.timeoutSeconds, value: fix.value, reason: fix.reason))
            } else if let (failure, timeout) = Self.suggestedPair(model, timing, options) {
                suggestions.append(Suggestion(field: .failureThreshold, owner: probe.location,
                                              current: probe.failureThreshold, value: failure.value, reason: failure.reason))
                suggestions.append(Suggestion(field: .timeoutSeconds, owner: probe.location,
                                              current: probe.timeoutSeconds, value: timeout.value, reason: timeout.reason))
            }
            if suggestions.isEmpty {
                let cap = ProbeArithmetic.timeoutCap(timing, options)
                if cap < 1 {
                    // The period leaves no timeout room in the detection budget: its fix comes first (PL104's).
                    notes.append(.note, "no fix of failureThreshold or timeoutSeconds alone: F * P = \(timing.failure) * \(timing.period) = \(timing.failure * timing.period) s already fills the \(ProbeArithmetic.budgetSeconds(options)) s detection budget; lower periodSeconds first (PL104), then the figure can be judged again",
                                 name: "noFix")
                } else {
                    let failures = min(ProbeDefaults.failureThreshold, ProbeArithmetic.failureCap(timing, options))
                    let tried = timing.failure < failures ? "neither a failureThreshold up to \(failures) nor a timeoutSeconds" : "no timeoutSeconds"
                    let together = timing.failure < failures ? ", alone or together," : ""
                    notes.append(.note, "no fix: \(tried) up to the \(cap) s that the detection budget and the period allow\(together) brings the figure within the budget; the latency inputs (L50, L99) deserve a second look",
                                 name: "noFix")
                }
            }
            findings.append(object.finding(Self.info, message, at: probe.timeoutSeconds.anchor, object: subject.ref,
                                           notes: consume notes, suggestions: consume suggestions))
        }
    }

    /// How many probes the tail sends past the timeout, as the message says it: "one probe in 12
    /// exceeds", or, above 0.4, where one in 2 or one in 1 would be 10 points off or more (0.59
    /// read as one in 2), "59 % of probes exceed" (whole per cent, rounded down: 99.99 % is not
    /// every probe).
    static func share(_ q: Double) -> String {
        if q <= 0.4 { return MessageText.string("one probe in \(IdleTailModel.Figure((1 / q).rounded())) exceeds") }
        return MessageText.string("\(Int((q * 100).rounded(.down))) % of probes exceed")
    }

    /// A failureThreshold below Kubernetes' default of 3 is the usual cause: the smallest F
    /// up to 3 (and within the detection budget, rule 4) that brings the figure within budget, if one does.
    static func suggestedFailureThreshold(_ model: IdleTailModel, _ timing: ProbeTiming,
                                          _ options: ModelOptions) -> (value: Int, reason: String)? {
        let limit = min(ProbeDefaults.failureThreshold, ProbeArithmetic.failureCap(timing, options))
        return smallest(\.failure, upTo: limit, "failureThreshold", "F", model, timing, options)
    }

    /// The smallest timeout that brings the figure within budget, no larger than the
    /// detection budget allows (rule 4).
    static func suggestedTimeout(_ model: IdleTailModel, _ timing: ProbeTiming,
                                 _ options: ModelOptions) -> (value: Int, reason: String)? {
        smallest(\.timeout, upTo: ProbeArithmetic.timeoutCap(timing, options), "timeout", "T", model, timing, options)
    }

    /// Where neither field alone does (a failureThreshold of 1 against a wide tail): the smallest
    /// timeout that brings the figure within budget with the threshold at Kubernetes' 3 (or what
    /// the detection budget allows), and with that timeout the smallest threshold that does, W_max
    /// within the budget too. `--fix` writes the timeout first and then computes the threshold
    /// again with it (`FixPlanner.checkDetectionBudget`): the smallest one, this one.
    static func suggestedPair(_ model: IdleTailModel, _ timing: ProbeTiming,
                              _ options: ModelOptions) -> (failure: (value: Int, reason: String), timeout: (value: Int, reason: String))? {
        let failures = min(ProbeDefaults.failureThreshold, ProbeArithmetic.failureCap(timing, options))
        guard timing.failure < failures else { return nil }
        var raised = timing
        raised.failure = failures
        guard let longest = smallest(\.timeout, upTo: ProbeArithmetic.timeoutCap(raised, options), "timeout", "T", model, raised, options) else { return nil }
        var retimed = timing
        retimed.timeout = longest.value
        guard let failure = smallest(\.failure, upTo: failures, "failureThreshold", "F", model, retimed, options) else { return nil }
        // The timeout is the smallest for that threshold too: a shorter one failed with a higher.
        var both = timing
        both.failure = failure.value
        guard let timeout = smallest(\.timeout, upTo: ProbeArithmetic.timeoutCap(both, options), "timeout", "T", model, both, options) else { return nil }
        let reason = MessageText.string("no threshold up to \(failures) does it alone: with timeoutSeconds \(timeout.value), F = \(failure.value) keeps the false restarts within budget")
        return ((failure.value, reason), (timeout.value, MessageText.string("with failureThreshold \(failure.value), \(timeout.reason)")))
    }

    /// The smallest value of one field, above its current value and up to
    /// `limit`, that brings the expected false restarts within budget. Inlined: with
    /// `field` a constant where it is called, the key path is a field access (left a
    /// call, each step read and wrote through the key path at run time, some 0.6 M
    /// instructions on 5 MB).
    @inline(__always)
    static func smallest(_ field: WritableKeyPath<ProbeTiming, Int>, upTo limit: Int, _ name: String, _ symbol: String,
                         _ model: IdleTailModel, _ timing: ProbeTiming, _ options: ModelOptions) -> (value: Int, reason: String)? {
        guard timing[keyPath: field] < limit else { return nil }
        for value in (timing[keyPath: field] + 1)...limit {
            var candidate = timing
            candidate[keyPath: field] = value
            let restarts = model.falseRestartsPer30Days(candidate)
            if restarts <= options.restartBudget {
                return (value, MessageText.string("smallest \(name) with at most \(ProbeArithmetic.setting(options.restartBudget)) false restarts per 30 days: \(IdleTailModel.Figure(restarts)) at \(symbol) = \(value); W_max becomes \(ProbeArithmetic.n(candidate.killWindowMax)) s"))
            }
        }
        return nil
    }
}
