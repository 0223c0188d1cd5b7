/// docs/model.md rule 2: a restarting probe on the data path that fails while the link
/// is saturated, with a kill window shorter than one large transfer.
struct KillWindowShorterThanSaturation: Rule {
    static let info = RuleInfo(
        id: "PL102", name: "kill-window-shorter-than-saturation",
        summary: "One large transfer saturates the link for longer than the probe's kill window, so transfers restart the daemon and are killed by it.",
        defaultSeverity: .error, fix: .sometimes, tags: ["reliability", "probes", "timing", "bandwidth"])

    /// docs/model.md rule 2 on a probe that shares the data path: it fails while the link is saturated,
    /// and one transfer outlasts its kill window (also asked of a fix's values, `FixTrades`).
    static func fires(_ timing: ProbeTiming, loaded: Double, episode: Double) -> Bool {
        Double(timing.timeout) <= loaded && episode > timing.killWindowMin
    }

    /// Whether the rule judges a probe of `kind` with `inputs` (asked by `FixTrades` too): a
    /// liveness probe's, whose answers a saturated link slows. A startup probe runs only until the
    /// container has started, before it is Ready and carries a transfer that could restart it
    /// (PL101 holds it to L99load).
    static func judges(_ kind: ProbeKind, _ inputs: Inputs) -> Bool { kind == .liveness && inputs.saturationSlowsProbe }

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        for index in object.probes.indices {
            guard Self.judges(object.probes[index].probe.kind, object.probes[index].inputs),
                  let timing = object.probes[index].probe.timing else { continue }
            let subject = object.probes[index]
            let probe = subject.probe
            let inputs = subject.inputs
            let loaded = inputs.loadedP99.value
            let episode = inputs.saturation.value
            guard Self.fires(timing, loaded: loaded, episode: episode) else { continue }
            let n = ProbeArithmetic.n
            let size = inputs.largestTransfer.value
            let message: MessageText
            if episode > timing.killWindowMax {
                message = "every \(size) transfer restarts the container: it saturates the link for \(n(episode)) s, longer than the \(n(timing.killWindowMin))-\(n(timing.killWindowMax)) s kill window of \(probe.kind.fieldName), and the restart kills the transfer"
            } else {
                message = "a \(size) transfer can restart the container: it saturates the link for \(n(episode)) s, inside the \(n(timing.killWindowMin))-\(n(timing.killWindowMax)) s kill window of \(probe.kind.fieldName)"
            }
            var notes = ProbeArithmetic.probeNotes(subject, timing)
            ProbeArithmetic.inputNote(.largestTransfer, inputs.largestTransfer, unit: "B", into: &notes)
            ProbeArithmetic.latencyNotes(inputs, into: &notes)
            if !notes.contains(name: InputKey.bandwidth.rawValue) {
                ProbeArithmetic.inputNote(.bandwidth, inputs.bandwidth, unit: "B/s", into: &notes)
            }
            ProbeArithmetic.saturationNote(inputs, into: &notes)
            ProbeArithmetic.windowNotes(timing, into: &notes)
            let options = object.environment.options
            var (timeoutFixes, trade) = ProbeArithmetic.checkedTimeoutFixes(subject, timing, object)
            ProbeArithmetic.tradeNote(trade, into: &notes)
            var suggestions: [Suggestion] = []
            // PL101's fix, when it has one, takes the timeout above L99load: probes then pass.
            if !timeoutFixes.isEmpty {
                timeoutFixes[0].reason += "; probes then pass while the link is saturated"
                suggestions = timeoutFixes
            } else if let failures = ProbeArithmetic.suggestedFailureThreshold(episode: episode, subject, timing, options) {
                suggestions.append(Suggestion(field: .failureThreshold, owner: probe.location, current: probe.failureThreshold,
                                              value: failures.value, reason: failures.reason))
            } else {
                notes.append(.note, "no timeout or failureThreshold clears E = \(n(episode)) s within the \(n(options.detectionBudget.value)) s detection budget: probe off the data path (PL107) or drop the liveness probe")
            }
            findings.append(object.finding(Self.info, message, at: probe.timeoutSeconds.anchor, object: subject.ref,
                                           notes: consume notes, suggestions: consume suggestions))
        }
    }
}
