/// docs/model.md rule 1: a probe whose timeout is at or below the endpoint's loaded p99
/// latency fails whenever the daemon is under load.
struct ProbeTimeoutBelowTailLatency: Rule {
    static let info = RuleInfo(
        id: "PL101", name: "probe-timeout-below-tail-latency",
        summary: "A probe times out at or below the daemon's p99 latency under load, so it fails exactly when the daemon is busy.",
        defaultSeverity: .error, fix: .sometimes, tags: ["reliability", "probes", "timing"])

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        for index in object.probes.indices {
            guard object.probes[index].probe.hasHandler, let timing = object.probes[index].probe.timing,
                  Double(timing.timeout) <= object.probes[index].inputs.loadedP99.value else { continue }
            let subject = object.probes[index]
            let loaded = subject.inputs.loadedP99.value
            let options = object.environment.options
            let (fixes, trade) = ProbeArithmetic.checkedTimeoutFixes(subject, timing, object)
            let probe = subject.probe
            var notes = ProbeArithmetic.probeNotes(subject, timing)
            ProbeArithmetic.latencyNotes(subject.inputs, into: &notes)
            ProbeArithmetic.tradeNote(trade, into: &notes)
            if fixes.isEmpty && trade == nil {
                // Not clamped to a field's int32: the figure the note quotes.
                let wanted = ProbeArithmetic.roundedUp(options.margin * loaded)
                // A lower failureThreshold helps only when the timeout fits the budget at all (F = 1, P = T).
                let lowerF = 2 * wanted <= ProbeArithmetic.roundedDown(options.detectionBudget.value) ? " lower failureThreshold," : ""
                let budget = ProbeArithmetic.budgetSeconds(options)
                // Where L99load is the probe's idle tail (off the data path, or Q = 0), no load
                // raises it: no data path to move it off, and no loaded latency to measure.
                let remedies = !subject.inputs.loadedIsIdleTail
                    ? "move the probe off the data path (PL107),\(lowerF) or measure the loaded latency (probelint.io/loaded-latency-p99)"
                    : "make the probe's check cheaper,\(lowerF) or measure its latency (probelint.io/latency-p99)"
                notes.append(.note, "no timeout above L99load fits: ceil(\(ProbeArithmetic.setting(options.margin)) * L99load) = \(ProbeArithmetic.n(wanted)) s does not keep W_max = F * P + T within the \(ProbeArithmetic.n(options.detectionBudget.value)) s detection budget with F = \(timing.failure), even at the shortest periodSeconds it allows (the timeout: the kubelet does not overlap probes), and the largest timeout that does, floor(\(budget) / (F + 1)) = \(budget / (timing.failure + 1)) s, is not above L99load: \(remedies)")
            }
            let severity: Severity = probe.kind == .readiness ? .warning : Self.info.defaultSeverity
            // Off the data path L99load is L99: the daemon's own tail, which no link's load raises.
            let message: MessageText = !subject.inputs.loadedIsIdleTail
                ? "\(probe.kind.fieldName) timeoutSeconds \(timing.timeout) is not above the \(subject.detection.component.before)endpoint's loaded p99 latency of \(ProbeArithmetic.n(loaded)) s: probes fail whenever it is under load"
                : "\(probe.kind.fieldName) timeoutSeconds \(timing.timeout) is not above the \(subject.detection.component.before)\(subject.inputs.onDataPath ? "endpoint" : "probe")'s p99 latency of \(ProbeArithmetic.n(loaded)) s (\(subject.inputs.idleTailReason)): probes fail whenever it is that slow"
            findings.append(object.finding(Self.info, severity: severity, message, at: probe.timeoutSeconds.anchor, object: subject.ref,
                                           notes: consume notes, suggestions: fixes))
        }
    }
}
