/// docs/model.md section 1: the kubelet counts a probe as failed when no answer came within T.
/// An exec probe whose command has a longer limit of its own (`grpc_health_probe
/// -rpc-timeout=5s` under the default timeoutSeconds 1) is stopped at T: answers the command
/// would accept, between T and its limit, fail the probe, and the limit written for it never applies.
struct CommandTimeoutAboveProbeTimeout: Rule {
    static let info = RuleInfo(
        id: "PL108", name: "command-timeout-above-probe-timeout",
        summary: "An exec probe's command waits longer for an answer than timeoutSeconds, so the kubelet stops it first and fails answers the command would accept.",
        defaultSeverity: .warning, fix: .sometimes, tags: ["reliability", "probes", "timing"])

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        for index in object.probes.indices {
            // Rook's generated probes run no such tool. Only a command that runs one is split into
            // words (`ProbeHandler.runsTimedTool`, read when the handler was made): splitting every
            // exec probe's script (Rook's `ceph --admin-daemon` ones) cost 30 M instructions on the
            // benchmark's 5 MB, and a search of the words here 11 M.
            guard let handler = object.probes[index].probe.handler, handler.runsTimedTool,
                  object.probes[index].probe.generatedBy == nil,
                  let timing = object.probes[index].probe.timing, timing.timeout >= 1,
                  let own = CommandTimeout.find(in: handler.command), own.seconds > Double(timing.timeout) else { continue }
            let subject = object.probes[index]
            let probe = subject.probe
            let n = ProbeArithmetic.n
            let message: MessageText = "\(probe.kind.fieldName) runs \(own.written), which can wait \(n(own.seconds)) s for an answer, longer than timeoutSeconds \(timing.timeout): the kubelet stops it after \(timing.timeout) s, so an answer it would accept in \(timing.timeout) to \(n(own.seconds)) s fails the probe"
            var notes = ProbeArithmetic.probeNotes(subject, timing)
            notes.append(.input, "X = \(n(own.seconds)) s the longest the command waits, by the limits written in it (\(own.written))",
                         name: "X", value: own.seconds, unit: "s", origin: "manifest")
            notes.append(.derived, "X = \(n(own.seconds)) s > T = \(timing.timeout) s: the kubelet counts the probe as failed at T (docs/model.md section 1)", name: "cutShort")
            let wanted = ProbeArithmetic.int32(ProbeArithmetic.roundedUp(own.seconds))
            let budget = object.environment.options.detectionBudget.value
            var suggestions = [Suggestion(field: .timeoutSeconds, owner: probe.location, current: probe.timeoutSeconds, value: wanted,
                                          reason: MessageText.string("ceil(X \(n(own.seconds)) s): the command's own limits decide, as written"))]
            if probe.kind == .liveness && wanted > timing.period {
                // A liveness probe whose T passes its period stretches every failing interval to T
                // (README: no fix makes T longer than a liveness period).
                suggestions = []
                notes.append(.note, "no fix: timeoutSeconds \(wanted) is longer than the liveness periodSeconds \(timing.period): lower the command's limits to \(timing.timeout) s or less, or raise periodSeconds first",
                             name: "fixTrades")
            } else if Double(wanted) > budget {
                // No probe should wait that long for one answer; readiness has no other bound (PL104 is liveness's).
                suggestions = []
                notes.append(.note, "no fix: timeoutSeconds \(wanted) is above the \(n(budget)) s detection budget: lower the command's limits to \(timing.timeout) s or less instead",
                             name: "fixTrades")
            } else if let trade = FixTrades.trade(subject, from: timing, to: FixTrades.applying(suggestions, to: timing), object) {
                suggestions = []
                notes.append(.note, "no fix: timeoutSeconds \(wanted) would \(trade.text), and --fix would refuse it: lower the command's limits to \(timing.timeout) s or less instead",
                             name: "fixTrades")
            } else {
                notes.append(.note, "or lower the command's limits to \(timing.timeout) s or less, if answers slower than that mean the daemon is unwell",
                             name: "alternative")
            }
            findings.append(object.finding(Self.info, message, at: probe.timeoutSeconds.anchor, object: subject.ref,
                                           notes: consume notes, suggestions: consume suggestions))
        }
    }
}
