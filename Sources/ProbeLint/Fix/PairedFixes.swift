/// Fixes of a container's liveness and readiness probes that are each fine on their own but
/// together draw PL201 (liveness gives up no later than readiness on the same check): PL104
/// lowers liveness's threshold while PL101 raises readiness's timeout. `FixTrades` checks each
/// fix against the other probe's present values only, and `--fix` refused the whole file.
/// Planned as `--fix` plans them (`FixPlanner.Choosing`), such fixes become a note on each of
/// their findings (MODEL rule 4: a fix never trades one finding for another).
enum PairedFixes {
    static func annotate(_ findings: inout [Finding], from first: Int, _ object: ObjectContext) {
        var withFixes = 0
        for i in first..<findings.endIndex where !findings[i].suggestions.isEmpty { withFixes += 1 }
        guard withFixes >= 2 else { return }
        for index in object.probes.indices where object.probes[index].probe.kind == .liveness {
            let live = object.probes[index]
            guard let readyIndex = object.probes.firstIndex(where: { $0.probe.kind == .readiness && $0.container === live.container }),
                  let liveBefore = live.probe.timing, let readyBefore = object.probes[readyIndex].probe.timing,
                  FixTrades.pair(live, object, liveBefore) != nil,
                  let (liveAfter, liveFixes) = planned(live.probe, findings, from: first),
                  let (readyAfter, readyFixes) = planned(object.probes[readyIndex].probe, findings, from: first),
                  !liveFixes.isEmpty, !readyFixes.isEmpty,
                  LivenessIdenticalToReadiness.fires(live: liveAfter, ready: readyAfter),
                  !LivenessIdenticalToReadiness.fires(live: liveBefore, ready: readyBefore) else { continue }
            let n = ProbeArithmetic.n
            let note = MessageText.string("no fix: the fixes of this container's livenessProbe and readinessProbe, each fine alone, together would let liveness restart after \(n(liveAfter.killWindowMin)) s of failures, no later than readiness removes the pod after \(n(readyAfter.killWindowMin)) s on the same check (\(LivenessIdenticalToReadiness.info.id)), and --fix would refuse it: change the two probes by hand")
            let dropped = liveFixes + readyFixes
            for i in Set(dropped.map(\.finding)) {
                let gone = Set(dropped.filter { $0.finding == i }.map(\.suggestion))
                findings[i].suggestions = findings[i].suggestions.enumerated().filter { !gone.contains($0.offset) }.map(\.element)
                findings[i].notes.append(.note, "\(note)", name: "fixTrades")
            }
        }
    }

    /// A suggestion, by its finding's and its own index.
    struct Place: Hashable {
        var finding: Int
        var suggestion: Int
    }

    /// `probe`'s timing with the values the findings' fixes plan for it, and those fixes; nil when
    /// they pull a field both ways (the planner's conflict, reported as one).
    static func planned(_ probe: Probe, _ findings: [Finding], from first: Int) -> (ProbeTiming, [Place])? {
        guard var timing = probe.timing else { return nil }
        var places: [Place] = []
        for field in CombinedFixes.timingFields {
            var choosing = FixPlanner.Choosing(current: probe.field(field).value)
            for i in first..<findings.endIndex {
                for (j, s) in findings[i].suggestions.enumerated()
                where s.field == field && s.target == nil && !s.displayOnly && s.scope == .probe
                    && FixPlanner.anchor(s.current) == FixPlanner.anchor(probe.field(field)) {
                    choosing.add(s.value)
                    places.append(Place(finding: i, suggestion: j))
                }
            }
            switch choosing.choice {
            case .none: continue
            case .conflict: return nil
            case .some(let value): timing[field: field] = value
            }
        }
        return (timing, places)
    }
}
