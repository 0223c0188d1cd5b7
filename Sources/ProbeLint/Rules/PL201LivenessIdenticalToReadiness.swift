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
        summary: "Liveness runs the same check as readiness and gives up no later, so an overloaded container is restarted instead of being taken out of traffic.",
        defaultSeverity: .warning, fix: .sometimes, tags: ["reliability", "probes"])

    /// Liveness gives up no later than readiness on the same check (also asked of a fix's values,
    /// `FixTrades`).
    static func fires(live: ProbeTiming, ready: ProbeTiming) -> Bool { live.killWindowMin <= ready.killWindowMin }

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
            let message: MessageText = "livenessProbe runs the same \(handler.kind.rawValue) check as readinessProbe and restarts after \(n(live.killWindowMin)) s of failures, no later than readiness removes the pod after \(n(ready.killWindowMin)) s"
            var notes = Notes()
            notes.append(.input, "livenessProbe: \(Self.describe(live, liveness))", name: "liveness", origin: "manifest")
            notes.append(.input, "readinessProbe: \(Self.describe(ready, readiness))", name: "readiness", origin: "manifest")
            notes.append(.derived, "liveness W_min = \(ProbeArithmetic.killWindowMinText(live)) <= readiness W_min = \(ProbeArithmetic.killWindowMinText(ready))",
                         name: "W_min", value: live.killWindowMin, unit: "s")
            var suggestions: [Suggestion] = []
            if let fix = Self.suggestedFailureThreshold(live, ready, options) {
                suggestions.append(Suggestion(field: .failureThreshold, owner: liveness.location,
                                              current: liveness.failureThreshold, value: fix.value, reason: fix.reason))
            } else {
                // Said, not left out silently: no liveness failureThreshold outlasts readiness within the budget.
                notes.append(.note, "no liveness failureThreshold gives W_min > readiness W_max = \(n(ready.killWindowMax)) s while liveness W_max stays within the \(n(options.detectionBudget.value)) s detection budget: shorten readiness (periodSeconds, failureThreshold) or liveness periodSeconds, or give liveness a check of its own (a cheap local one)")
            }
            findings.append(object.finding(Self.info, message, at: liveness.failureThreshold.anchor, object: ref,
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

    /// The smallest liveness F whose W_min exceeds readiness's W_max (the pod is
    /// surely out of its Services before a restart), within the detection budget.
    static func suggestedFailureThreshold(_ live: ProbeTiming, _ ready: ProbeTiming,
                                          _ options: ModelOptions) -> (value: Int, reason: String)? {
        guard live.period > 0 else { return nil }
        let target = ready.killWindowMax
        let failures = ProbeArithmetic.int32(ProbeArithmetic.roundedDown((target - Double(live.timeout)) / Double(live.failingInterval)) + 2)
        guard failures > live.failure, failures <= ProbeArithmetic.failureCap(live, options) else { return nil }
        let n = ProbeArithmetic.n
        var raised = live
        raised.failure = failures
        return (failures, MessageText.string("smallest F with liveness W_min = \(ProbeArithmetic.killWindowMinText(raised)) > readiness W_max = \(n(target)) s; W_max \(n(raised.killWindowMax)) s stays within the \(n(options.detectionBudget.value)) s detection budget"))
    }
}
