/// Fixes of a container's liveness and readiness probes that are each fine on their own but
/// together draw PL201 (liveness gives up no later than readiness on the same check): PL104
/// lowers liveness's threshold while PL101 raises readiness's timeout. `FixTrades` checks each
/// fix against the other probe's present values only, and `--fix` refused the whole file.
/// Planned as `--fix` plans them (`FixPlanner.Choosing`), such fixes become a note on each of
/// their findings (docs/model.md rule 4: a fix never trades one finding for another).
enum PairedFixes {
    static func annotate(_ findings: inout [Finding], from first: Int, _ object: ObjectContext) {
        var withFixes = 0
        for i in first..<findings.endIndex where !findings[i].suggestions.isEmpty { withFixes += 1 }
        guard withFixes >= 1 else { return }
        band(&findings, from: first, object)
        guard withFixes >= 2 else { return }
        // Made once, and again after a finding's fixes are dropped (their places move).
        var fixes: CombinedFixes.Fixes?
        for index in object.probes.indices where object.probes[index].probe.kind == .liveness {
            let live = object.probes[index]
            // The container's readiness probe is a subject of the object too (`FixTrades.pair`).
            guard let ready = live.container.probe(.readiness),
                  let liveBefore = live.probe.timing, let readyBefore = ready.timing,
                  FixTrades.pair(live, liveBefore) != nil else { continue }
            let planned = fixes ?? CombinedFixes.Fixes(findings, from: first)
            fixes = planned
            guard let livePlan = CombinedFixes.plan(live.probe, findings, planned),
                  let readyPlan = CombinedFixes.plan(ready, findings, planned),
                  livePlan.changedBits != 0, readyPlan.changedBits != 0,
                  case let (liveAfter, readyAfter) = (livePlan.timing, readyPlan.timing),
                  LivenessIdenticalToReadiness.fires(live: liveAfter, ready: readyAfter),
                  !LivenessIdenticalToReadiness.fires(live: liveBefore, ready: readyBefore) else { continue }
            let n = ProbeArithmetic.n
            let note = MessageText.string("no fix: the fixes of this container's livenessProbe and readinessProbe, each fine alone, together would let liveness restart after \(n(liveAfter.killWindowMin)) s of failures, no later than readiness removes the pod after \(n(readyAfter.killWindowMin)) s on the same check (\(LivenessIdenticalToReadiness.info.id)), and --fix would refuse it: change the two probes by hand")
            let dropped = livePlan.places + readyPlan.places
            fixes = nil
            for i in Set(dropped.map(\.finding)) {
                let gone = Set(dropped.filter { $0.finding == i }.map(\.suggestion))
                findings[i].suggestions = findings[i].suggestions.enumerated().filter { !gone.contains($0.offset) }.map(\.element)
                findings[i].notes.append(.note, "\(note)", name: "fixTrades")
            }
        }
    }

    /// Readiness fixes that would raise its timeout past liveness's planned one, or widen the gap
    /// where liveness already waits less, on the same check: an answer between the two fails
    /// liveness alone (PL201), and PL201's own fix, planned with the timeouts as written, no
    /// longer clears it (reviews: readiness T 1 -> 180 beside liveness's 3, and 2 -> 15 beside 1;
    /// `--fix` left PL201 firing). The readiness fixes become a note; liveness's stand. Judged
    /// with both probes' planned values: PL101 raises both timeouts alike, which opens no band.
    /// Also readiness fixes that leave PL201 firing with liveness's planned values where the
    /// readiness as written would not, when no liveness fix within the detection budget could
    /// clear it in a later round (a review: readiness T 2 -> 16 at period 1 gave up after 480 s,
    /// beside liveness's planned 80 s, and liveness's F could not reach it within 300 s).
    static func band(_ findings: inout [Finding], from first: Int, _ object: ObjectContext) {
        // Only a readiness timeout fix can open the band: most objects have none, and planning
        // every readiness probe's fixes for every object with a fix is work for nothing.
        guard findings[first...].contains(where: { $0.object.probe == .readiness && $0.suggestions.contains { $0.field == .timeoutSeconds } }) else { return }
        // Made once, and again after a finding's fixes are dropped (their places move).
        var fixes: CombinedFixes.Fixes?
        for index in object.probes.indices where object.probes[index].probe.kind == .readiness {
            let ready = object.probes[index]
            guard let live = ready.container.probe(.liveness),
                  let liveBefore = live.timing, let readyBefore = ready.probe.timing,
                  FixTrades.pair(ready, readyBefore) != nil else { continue }
            let planned = fixes ?? CombinedFixes.Fixes(findings, from: first)
            fixes = planned
            guard let readyPlan = CombinedFixes.plan(ready.probe, findings, planned), readyPlan.changedBits != 0 else { continue }
            let liveAfter = CombinedFixes.plan(live, findings, planned)?.timing ?? liveBefore
            let readyAfter = readyPlan.timing
            guard LivenessIdenticalToReadiness.fires(live: liveAfter, ready: readyAfter) else { continue }
            let widens = readyAfter.timeout - liveAfter.timeout > max(0, readyBefore.timeout - liveBefore.timeout)
            guard widens || Self.leftUnfixable(live: liveAfter, ready: readyAfter, readyBefore: readyBefore, object.environment.options) else { continue }
            let n = ProbeArithmetic.n
            let note = liveAfter.timeout < readyAfter.timeout
                ? MessageText.string("no fix: readiness timeoutSeconds \(readyAfter.timeout) would let liveness wait \(liveAfter.timeout) s for an answer where readiness waits \(readyAfter.timeout) s on the same check (\(LivenessIdenticalToReadiness.info.id)), and --fix would refuse it: raise both timeouts together by hand")
                : MessageText.string("no fix: readiness's fixes would let it remove the pod only after \(n(readyAfter.killWindowMin)) s of failures, no sooner than liveness restarts it after \(n(liveAfter.killWindowMin)) s on the same check (\(LivenessIdenticalToReadiness.info.id)), which no liveness failureThreshold within the detection budget restores: change the two probes by hand")
            fixes = nil
            for i in Set(readyPlan.places.map(\.finding)) {
                let gone = Set(readyPlan.places.filter { $0.finding == i }.map(\.suggestion))
                findings[i].suggestions = findings[i].suggestions.enumerated().filter { !gone.contains($0.offset) }.map(\.element)
                findings[i].notes.append(.note, "\(note)", name: "fixTrades")
            }
        }
    }

    /// Whether readiness's planned values draw PL201 that its written ones, beside liveness's
    /// planned values, do not, and PL201's own fix on the planned values is over the detection
    /// budget: no later round of `--fix` clears it.
    static func leftUnfixable(live: ProbeTiming, ready: ProbeTiming, readyBefore: ProbeTiming, _ options: ModelOptions) -> Bool {
        guard !LivenessIdenticalToReadiness.fires(live: live, ready: readyBefore) else { return false }
        if case .overBudget = LivenessIdenticalToReadiness.suggestedFix(live, ready, options) { return true }
        return false
    }
}
