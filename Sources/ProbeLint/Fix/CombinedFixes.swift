/// The fixes that several findings suggest for one probe, planned together as
/// `--fix` plans them (`FixPlanner.Choosing`: one value per field, the largest raise or the
/// smallest cut). Each fix keeps W_max = F * P + T within the detection budget on its own,
/// but two of them can break it together (PL101's longer timeout and PL105's higher
/// failureThreshold): then `--fix` applies none of them (`FixPlanner.checkDetectionBudget`),
/// and the report says so in a note on each finding whose fix it drops; or, when the values
/// other than a changed failureThreshold fit on their own, it writes those first and computes
/// the threshold again with them, and the note is on the threshold's finding alone.
enum CombinedFixes {
    static let timingFields: [ProbeField] = [.timeoutSeconds, .periodSeconds, .failureThreshold]
    /// The name of the note on a finding whose fixes `--fix` drops or delays.
    static let noteName = "fixesCombined"
    /// How that note starts when `--fix` drops every fix of the probe; the reason follows.
    static let appliesNone = "--fix applies none of this probe's fixes: "

    /// A suggestion, by its finding's and its own index.
    struct Place: Hashable {
        var finding: Int
        var suggestion: Int
    }

    /// A probe's timing with the values that the findings' fixes plan for it, as `--fix` plans
    /// them: the fields that change, and every fix of the probe's own timing fields (`Fixes`;
    /// the field is the probe's when it is anchored where the probe's is).
    struct Plan {
        var timing: ProbeTiming
        /// The fields that change, as bits by their place in `timingFields` (a Set allocated, per probe).
        var changedBits: UInt8 = 0
        var places: [Place] = []

        func changed(_ field: ProbeField) -> Bool {
            guard let bit = CombinedFixes.timingFields.firstIndex(of: field) else { return false }
            return changedBits & (1 << bit) != 0
        }

        /// Whether the fixes of two findings or more are planned together.
        var joinsFindings: Bool { places.contains { $0.finding != places[0].finding } }
    }

    /// The probe-timing fixes of one object's findings (`findings[first...]`) that `--fix` plans
    /// (not display-only, the probe's own scope, its own field or the one of the CR that holds
    /// the probe's values: an MDS's CephCluster before Rook v1.9, not PL301's edit of the
    /// CR that owns a Deployment), by the field they set and
    /// where it is anchored, each run in the findings' order: a probe's plan reads its own.
    /// Scanning every finding for every probe was quadratic in a pod of thousands of containers
    /// (8,000: 27 s). A sorted array, searched by halves: a dictionary's hashing and lists cost
    /// 4 M instructions on 5 MB, where an object has a few fixes. Made again once a finding's
    /// fixes change.
    struct Fixes {
        private struct Entry {
            var field: Int
            var anchor: Int
            var place: Place
            /// A fix of a field another CR holds (`Suggestion.holder`): `choice` checks its probe.
            var held: Bool

            static func before(_ a: Entry, _ b: Entry) -> Bool {
                (a.field, a.anchor, a.place.finding, a.place.suggestion) < (b.field, b.anchor, b.place.finding, b.place.suggestion)
            }
        }
        private var entries: [Entry] = []

        /// The suggestions are read in place: copied out, each one's strings were retained and released.
        init(_ findings: [Finding], from first: Int) {
            for i in first..<findings.endIndex {
                for j in findings[i].suggestions.indices {
                    // A fix sent into another CR is held (its holder read only then: a read copied the ObjectRef).
                    let held = findings[i].suggestions[j].target != nil
                    guard let field = CombinedFixes.timingFields.firstIndex(of: findings[i].suggestions[j].field),
                          !held || findings[i].suggestions[j].holder != nil,
                          !findings[i].suggestions[j].displayOnly,
                          findings[i].suggestions[j].scope == .probe else { continue }
                    entries.append(Entry(field: field, anchor: FixPlanner.anchor(findings[i].suggestions[j].current),
                                         place: Place(finding: i, suggestion: j), held: held))
                }
            }
            entries.sort(by: Entry.before)
        }

        /// The places of the fixes of `timingFields[field]` anchored at `anchor`, in the findings'
        /// order, and whether each is a held field's.
        func places(field: Int, anchor: Int) -> some Sequence<(place: Place, held: Bool)> {
            // The first entry not before (field, anchor).
            var low = 0, high = entries.count
            while low < high {
                let middle = (low + high) / 2
                if (entries[middle].field, entries[middle].anchor) < (field, anchor) { low = middle + 1 } else { high = middle }
            }
            return entries[low...].prefix { $0.field == field && $0.anchor == anchor }.lazy.map { ($0.place, $0.held) }
        }
    }

    /// `probe`'s plan from `fixes` (of `findings`); nil when its fixes pull a field both ways (the
    /// planner's conflict, reported as one) or it has no valid timing.
    static func plan(_ probe: Probe, _ findings: [Finding], _ fixes: Fixes) -> Plan? {
        guard let timing = probe.timing else { return nil }
        var plan = Plan(timing: timing)
        for (bit, field) in timingFields.enumerated() {
            switch choice(bit, probe, findings, fixes, each: { plan.places.append($0) }) {
            case .none: continue
            case .conflict: return nil
            case .some(let value):
                plan.timing[field: field] = value
                plan.changedBits |= 1 << bit
            }
        }
        return plan
    }

    /// The value `--fix` chooses for `probe`'s field `timingFields[bit]` among its fixes in
    /// `fixes`, each of whose places `each` is given.
    static func choice(_ bit: Int, _ probe: Probe, _ findings: [Finding], _ fixes: Fixes, each: (Place) -> Void) -> FixPlanner.Choice {
        let present = probe.field(timingFields[bit])
        var choosing = FixPlanner.Choosing(current: present.value)
        for (place, held) in fixes.places(field: bit, anchor: FixPlanner.anchor(present)) {
            // The MDS's probes before Rook v1.9, held by the CephCluster, all anchor at the
            // CephFilesystem's `metadataServer:`: a held fix is its own probe's only (the
            // startup probe's threshold had been planned into the liveness probe's budget).
            if held, findings[place.finding].suggestions[place.suggestion].owner != probe.location { continue }
            choosing.add(findings[place.finding].suggestions[place.suggestion].value)
            each(place)
        }
        return choosing.choice
    }

    /// Notes the findings of one object, `findings[first...]`, whose fixes of a probe `--fix`
    /// drops or delays, and sets each such suggestion's `planned` value. Nearly every object has
    /// fewer than two findings with fixes: it returns at once, and a probe is planned (arrays)
    /// only once two findings fix it.
    static func annotate(_ findings: inout [Finding], from first: Int, _ object: ObjectContext) {
        var withFixes = 0
        for i in first..<findings.endIndex where !findings[i].suggestions.isEmpty { withFixes += 1 }
        guard withFixes >= 2 else { return }
        let options = object.environment.options
        // Only notes and `planned` are written below: the suggestions' values, and so `fixes`, stay as they are.
        let fixes = Fixes(findings, from: first)
        func withhold(_ places: [Place]) {
            for place in places { findings[place.finding].suggestions[place.suggestion].planned = .withheld }
        }
        for index in object.probes.indices {
            let probe = object.probes[index].probe
            guard let before = probe.timing else { continue }
            guard let plan = plan(probe, findings, fixes) else {
                // A field pulled both ways: `--fix` reports its conflict and writes neither value;
                // the probe's other fields it plans one by one, as ever.
                for bit in timingFields.indices {
                    var fieldPlaces: [Place] = []
                    switch choice(bit, probe, findings, fixes, each: { fieldPlaces.append($0) }) {
                    case .conflict: withhold(fieldPlaces)
                    case .some(let value):
                        for place in fieldPlaces where findings[place.finding].suggestions[place.suggestion].value != value {
                            findings[place.finding].suggestions[place.suggestion].planned = .value(value)
                        }
                    case .none: break
                    }
                }
                continue
            }
            // One finding's fixes were chosen together, within the budget.
            guard plan.joinsFindings else { continue }
            let after = plan.timing
            let liveness = probe.kind == .liveness
            // The texts only for a liveness probe whose planned values break the budget.
            var why: String?
            if liveness && FixPlanner.breaksBudget(before: before.killWindowMax, after: after, options) {
                let changes = timingFields.filter { plan.changed($0) }.map { field in
                    PlannedField.change(owner: probe.kind.fieldName, key: field.rawValue, current: probe.field(field), value: after[field: field] ?? 0)
                }
                why = FixPlanner.overBudget(changes, before: before.killWindowMax, after: after, options)
            }
            // A raised or cut threshold was computed with the probe's present timeout and period:
            // when they change too, and fit the budget without it, `--fix` writes them first and
            // computes it again (`FixPlanner.checkDetectionBudget`).
            var rest = after
            rest.failure = before.failure
            let retimed = plan.changed(.timeoutSeconds) || plan.changed(.periodSeconds)
            for place in plan.places {
                let suggestion = findings[place.finding].suggestions[place.suggestion]
                if let value = after[field: suggestion.field], value != suggestion.value {
                    findings[place.finding].suggestions[place.suggestion].planned = .value(value)
                }
            }
            if plan.changed(.failureThreshold), retimed, !liveness || !FixPlanner.breaksBudget(before: before.killWindowMax, after: rest, options) {
                let thresholds = plan.places.filter { findings[$0.finding].suggestions[$0.suggestion].field == .failureThreshold }
                withhold(thresholds)
                for i in Set(thresholds.map(\.finding)).sorted() {
                    // A finding that fixes the timeout with the threshold (PL103's pair) computed it with that timeout.
                    let ownTimeout = findings[i].suggestions.contains { $0.field == .timeoutSeconds }
                    let text = why ?? (ownTimeout ? nil : "this value was computed with its present timeoutSeconds and periodSeconds")
                    findings[i].notes.append(.note, "--fix writes this probe's other fixes first and then computes failureThreshold again with them\(text.map { ": " + $0 } ?? "")",
                                             name: noteName)
                }
                continue
            }
            guard let why else { continue }
            withhold(plan.places)
            for i in Set(plan.places.map(\.finding)).sorted() {
                findings[i].notes.append(.note, "\(appliesNone)\(why)", name: noteName)
            }
        }
    }
}
