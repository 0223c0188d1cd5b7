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
            guard let handler = object.probes[index].probe.handler, let timing = object.probes[index].probe.timing,
                  timing.timeout >= 1 else { continue }
            // A probe Rook generates has the limit of its fixed command from the table (the MDS's
            // fsmap script); any other runs no such tool. Only a written command that runs one is
            // split into words (`ProbeHandler.runsTimedTool`, read when the handler was made):
            // splitting every exec probe's script (Rook's `ceph --admin-daemon` ones) cost 30 M
            // instructions on the benchmark's 5 MB, and a search of the words here 11 M.
            // The generation is compared and its limit read in place: a copy of it (the CR's names,
            // the row's source) was retains and releases for every probe of a Rook CR.
            let rook: (limit: RookCommandLimit, rookTimeout: Int)?
            let own: CommandTimeout
            if object.probes[index].probe.generatedBy != nil {
                guard let limit = object.probes[index].probe.generatedBy?.commandLimit else { continue }
                rook = limit
                own = limit.limit.bound
            } else {
                rook = nil
                guard handler.runsTimedTool, let found = CommandTimeout.find(in: handler.command) else { continue }
                own = found
            }
            // Rook's script acts when its limit is reached (from rook#14798 it passes the probe), so
            // its timeout must be above the limit, as Rook keeps it; any other command's, at least it.
            let limit = rook?.limit
            guard limit == nil ? own.seconds > Double(timing.timeout) : own.seconds >= Double(timing.timeout) else { continue }
            let subject = object.probes[index]
            let probe = subject.probe
            let n = ProbeArithmetic.n
            let (x, t) = (n(own.seconds), timing.timeout)
            let message: MessageText = limit == nil
                ? "\(probe.kind.fieldName) runs \(own.written), which can wait \(x) s for an answer, longer than timeoutSeconds \(t): the kubelet stops it after \(t) s, so an answer it would accept in \(t) to \(x) s fails the probe"
                : "\(probe.kind.fieldName) runs \(own.written), and timeoutSeconds \(t) is not above that limit: the kubelet stops the script at \(t) s, so a ceph answer slower than that, or ceph giving up, fails the probe"
            var notes = ProbeArithmetic.probeNotes(subject, timing)
            notes.append(.input, limit == nil ? "X = \(x) s the longest the command waits, by the limits written in it (\(own.written))"
                                              : "X = \(x) s the longest Rook's command waits, by the limit in Rook's source",
                         name: "X", value: own.seconds, unit: "s", origin: rook == nil ? "manifest" : "rook")
            notes.append(.derived, limit == nil ? "X = \(x) s > T = \(t) s: the kubelet counts the probe as failed at T (docs/model.md section 1)"
                                                : "X = \(x) s >= T = \(t) s: the kubelet counts the probe as failed at T (docs/model.md section 1), before the script acts on its limit",
                         name: "cutShort")
            if let limit { notes.append(.note, "\(limit.onLimit)", name: "onLimit") }
            // Rook keeps its command (`GetProbeWithDefaults`): the timeout goes back to Rook's own,
            // which it sets above the limit; a written command's limits decide as written.
            let wanted: Int, reason: String, lower: String
            if let rookLimit = rook {
                wanted = ProbeArithmetic.int32(Double(max(rookLimit.rookTimeout, Int(ProbeArithmetic.roundedUp(own.seconds)) + 1)))
                reason = "Rook's default timeoutSeconds, which it keeps above its script's \(x) s limit"
                lower = "remove timeoutSeconds from the CR's probe, and Rook's \(rookLimit.rookTimeout) s applies (Rook keeps its own command)"
            } else {
                wanted = ProbeArithmetic.int32(ProbeArithmetic.roundedUp(own.seconds))
                reason = "ceil(X \(x) s): the command's own limits decide, as written"
                lower = "lower the command's limits to \(t) s or less"
            }
            let budget = object.environment.options.detectionBudget.value
            var suggestions = [Suggestion(field: .timeoutSeconds, owner: probe.location, current: probe.timeoutSeconds, value: wanted,
                                          reason: reason)]
            if probe.kind == .liveness && wanted > timing.period {
                // A liveness probe whose T passes its period stretches every failing interval to T
                // (README: no fix makes T longer than a liveness period).
                suggestions = []
                let first = rook == nil ? "\(lower), or raise periodSeconds first" : "raise periodSeconds to \(wanted) or more first, or remove both from the CR's probe so that Rook's defaults apply"
                notes.append(.note, "no fix: timeoutSeconds \(wanted) is longer than the liveness periodSeconds \(timing.period): \(first)",
                             name: "fixTrades")
            } else if Double(wanted) > budget {
                // No probe should wait that long for one answer; readiness has no other bound (PL104 is liveness's).
                // Rook's command cannot be changed: only the budget can.
                suggestions = []
                let instead = rook == nil ? "\(lower) instead" : "raise detection-budget in \(ConfigFile.fileName), since Rook's script needs it"
                notes.append(.note, "no fix: timeoutSeconds \(wanted) is above the \(n(budget)) s detection budget: \(instead)",
                             name: "fixTrades")
            } else if let trade = FixTrades.trade(subject, from: timing, to: FixTrades.applying(suggestions, to: timing), object) {
                suggestions = []
                let instead = rook == nil ? "\(lower) instead" : "lower periodSeconds or failureThreshold in the CR's probe first, so that timeoutSeconds \(wanted) fits"
                notes.append(.note, "no fix: timeoutSeconds \(wanted) would \(trade.text), and --fix would refuse it: \(instead)",
                             name: "fixTrades")
            } else {
                notes.append(.note, rook == nil ? "or \(lower), if answers slower than that mean the daemon is unwell" : "or \(lower)" as NoteText,
                             name: "alternative")
            }
            findings.append(object.finding(Self.info, message, at: probe.timeoutSeconds.anchor, object: subject.ref,
                                           notes: consume notes, suggestions: consume suggestions))
        }
    }
}
