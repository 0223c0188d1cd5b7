/// Liveness and readiness that run the same check with a liveness budget no
/// more lenient than readiness's: the container is restarted no later than it
/// is taken out of its Services, so readiness never gets to shed the load.
///
/// The same cheap endpoint with a higher failureThreshold for liveness is what
/// Kubernetes' docs recommend, and does not fire (unlike kube-score's
/// pod-probes-identical: kube-score #41, #339).
struct LivenessIdenticalToReadiness: Rule {
    static let info = RuleInfo(
        id: "PL201", name: "liveness-identical-to-readiness",
        summary: "Liveness runs the same check as readiness and gives up no later or waits less for an answer, so an overloaded container is restarted instead of being taken out of traffic.",
        defaultSeverity: .warning, fix: .sometimes, tags: ["reliability", "probes"])

    /// Liveness gives up no later than readiness on the same check, or waits less for an answer:
    /// an answer slower than liveness's T and within readiness's fails liveness alone, so the
    /// pod is restarted while readiness keeps it in its Services (also asked of a fix's values,
    /// `FixTrades`).
    static func fires(live: ProbeTiming, ready: ProbeTiming) -> Bool { givesUpFirst(live, ready) || live.timeout < ready.timeout }

    static func givesUpFirst(_ live: ProbeTiming, _ ready: ProbeTiming) -> Bool { live.killWindowMin <= ready.killWindowMin }

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        guard let pod = object.manifest.podSpec else { return }
        let options = object.environment.options
        let n = ProbeArithmetic.n
        for container in pod.probedContainers {
            guard let liveness = container.probe(.liveness), let readiness = container.probe(.readiness),
                  let handler = liveness.handler, let other = readiness.handler,
                  handler.sameCheck(as: other, port: Self.resolvedPort(handler, container), otherPort: Self.resolvedPort(other, container)),
                  let live = liveness.timing, let ready = readiness.timing,
                  Self.fires(live: live, ready: ready) else { continue }
            var ref = object.manifest.ref
            ref.container = container.name
            ref.probe = .liveness
            let first = Self.givesUpFirst(live, ready), shorter = live.timeout < ready.timeout
            // How much sooner, not "no later than" (which read as later for 25 s against 55 s).
            let lead = ready.killWindowMin - live.killWindowMin
            let order = lead > 0
                ? MessageText.string("restarts after \(n(live.killWindowMin)) s of failures, \(n(lead)) s before readiness would remove the pod (after \(n(ready.killWindowMin)) s)")
                : MessageText.string("restarts after \(n(live.killWindowMin)) s of failures, as soon as readiness removes the pod")
            let band = MessageText.string("waits \(live.timeout) s for an answer where readiness waits \(ready.timeout) s: an answer in \(live.timeout) to \(ready.timeout) s fails liveness alone, which restarts after \(n(live.killWindowMin)) s a pod that readiness keeps in its Services")
            let message: MessageText = "livenessProbe runs the same \(handler.kind.rawValue) check as readinessProbe and \(first ? order : band)\(first && shorter ? MessageText.string("; and it waits \(live.timeout) s for an answer where readiness waits \(ready.timeout) s") : "")"
            var notes = Notes()
            notes.append(.input, "livenessProbe: \(Self.describe(live, liveness))", name: "liveness", origin: "manifest")
            notes.append(.input, "readinessProbe: \(Self.describe(ready, readiness))", name: "readiness", origin: "manifest")
            if first {
                notes.append(.derived, "liveness W_min = \(ProbeArithmetic.killWindowMinText(live)) <= readiness W_min = \(ProbeArithmetic.killWindowMinText(ready))",
                             name: "W_min", value: live.killWindowMin, unit: "s")
            }
            if shorter {
                notes.append(.derived, "liveness T = \(live.timeout) s < readiness T = \(ready.timeout) s", name: "T", value: Double(live.timeout), unit: "s")
            }
            var suggestions: [Suggestion] = []
            switch Self.suggestedFix(live, ready, options) {
            case .fields(let timeout, let period, let failure):
                for case let (field, fix?) in [(ProbeField.periodSeconds, period), (.timeoutSeconds, timeout), (.failureThreshold, failure)] {
                    suggestions.append(Suggestion(field: field, owner: liveness.location, current: liveness.field(field),
                                                  value: fix.value, reason: fix.reason))
                }
            case .overBudget(let why):
                // Said, not left out silently: no liveness timing outlasts readiness within the budget.
                notes.append(.note, "\(why)")
            }
            findings.append(object.finding(Self.info, message, at: (shorter && !first ? liveness.timeoutSeconds : liveness.failureThreshold).anchor, object: ref,
                                           notes: consume notes, suggestions: consume suggestions))
        }
    }

    /// The handler's port with a named port replaced by its declared number, so that
    /// `port: http` and `port: 8080` are the same check when http is 8080. The port alone:
    /// a handler made with it was an allocation per probe compared.
    static func resolvedPort(_ handler: ProbeHandler, _ container: Container) -> PortRef? {
        guard let port = handler.port, let number = container.declaredPort(port)?.containerPort else { return handler.port }
        return .number(number)
    }

    /// `timeoutSeconds 1 (default), periodSeconds 5, failureThreshold 3 (default)`: the values
    /// `probe` runs with, and which of them it does not write.
    static func describe(_ t: ProbeTiming, _ probe: Probe) -> String {
        func mark(_ field: ProbeField) -> String { ProbeArithmetic.unwrittenMark(field, of: probe) }
        return MessageText.string("timeoutSeconds \(t.timeout)\(mark(.timeoutSeconds)), periodSeconds \(t.period)\(mark(.periodSeconds)), failureThreshold \(t.failure)\(mark(.failureThreshold))")
    }

    enum Fix {
        /// The liveness fields to write: T (readiness's, when liveness's is shorter), P (raised to
        /// that T when it is shorter) and F.
        case fields(timeout: (value: Int, reason: String)?, period: (value: Int, reason: String)? = nil, failure: (value: Int, reason: String)?)
        /// No liveness timing outlasts readiness within the detection budget: why, for a note.
        case overBudget(String)
    }

    /// Liveness's T raised to readiness's when shorter (an answer readiness accepts no longer
    /// fails liveness), then the smallest liveness F whose W_min exceeds readiness's W_max (the
    /// pod is surely out of its Services before a restart) when liveness still gives up first;
    /// all within the detection budget.
    static func suggestedFix(_ live: ProbeTiming, _ ready: ProbeTiming, _ options: ModelOptions) -> Fix {
        let n = ProbeArithmetic.n, budget = n(options.detectionBudget.value)
        var raised = live
        var timeout: (value: Int, reason: String)?, period: (value: Int, reason: String)?
        if live.timeout < ready.timeout {
            raised.timeout = ready.timeout
            // No fix makes T longer than a liveness period (README; PL101 raises both).
            if raised.timeout > raised.period {
                raised.period = raised.timeout
                period = (raised.period, MessageText.string("the liveness period goes up with T \(raised.timeout): no fix makes a liveness timeout longer than its period"))
            }
            guard raised.killWindowMax <= options.detectionBudget.value else {
                return .overBudget("liveness timeoutSeconds \(ready.timeout), readiness's\(period.map { " (and periodSeconds \($0.value) with it)" } ?? ""), would make liveness W_max = \(ProbeArithmetic.killWindowMaxText(raised)) above the \(budget) s detection budget: shorten readiness timeoutSeconds, or give liveness a check of its own (a cheap local one)")
            }
            timeout = (ready.timeout, MessageText.string("readiness's T: an answer readiness accepts no longer fails liveness"))
        }
        guard givesUpFirst(raised, ready) else { return .fields(timeout: timeout, period: period, failure: nil) }
        let target = ready.killWindowMax
        guard raised.period > 0 else { return .overBudget("liveness periodSeconds is not above 0") }
        let failures = ProbeArithmetic.int32(ProbeArithmetic.roundedDown((target - Double(raised.timeout)) / Double(raised.failingInterval)) + 2)
        guard failures > raised.failure, failures <= ProbeArithmetic.failureCap(raised, options) else {
            return .overBudget("no liveness failureThreshold gives W_min > readiness W_max = \(n(target)) s while liveness W_max stays within the \(budget) s detection budget: shorten readiness (periodSeconds, failureThreshold) or liveness periodSeconds, or give liveness a check of its own (a cheap local one)")
        }
        raised.failure = failures
        return .fields(timeout: timeout, period: period, failure: (failures, MessageText.string("smallest F with liveness W_min = \(ProbeArithmetic.killWindowMinText(raised)) > readiness W_max = \(n(target)) s; W_max \(n(raised.killWindowMax)) s stays within the \(budget) s detection budget")))
    }
}
