/// The fixes that several findings suggest for one liveness probe, planned together as
/// `--fix` plans them (`FixPlanner.Choosing`: one value per field, the largest raise or the
/// smallest cut). Each fix keeps W_max = F * P + T within the detection budget on its own,
/// but two of them can break it together (PL101's longer timeout and PL105's higher
/// failureThreshold): then `--fix` applies none of them (`FixPlanner.checkDetectionBudget`),
/// and the report says so in a note on each finding whose fix it drops; or, when the values
/// other than a raised failureThreshold fit on their own, it writes those first and computes
/// the threshold again with them, and the note is on the threshold's finding alone.
enum CombinedFixes {
    static let timingFields: [ProbeField] = [.timeoutSeconds, .periodSeconds, .failureThreshold]

    /// Notes the findings of one object, `findings[first...]`, whose fixes of a liveness probe
    /// `--fix` would drop. Nearly every object has fewer than two findings with fixes: it returns
    /// at once, and a probe is planned (strings, arrays) only once two findings fix it.
    static func annotate(_ findings: inout [Finding], from first: Int, _ object: ObjectContext) {
        var withFixes = 0
        for i in first..<findings.endIndex where !findings[i].suggestions.isEmpty { withFixes += 1 }
        guard withFixes >= 2 else { return }
        probes: for index in object.probes.indices {
            let probe = object.probes[index].probe
            // The probe's own timing fields, as the planner edits them in place (not a Rook CR's, not
            // display-only): the field is the probe's when it is anchored where the probe's is (an
            // offset compared, where the paths' equality joined them). Read in place, not copied.
            func plans(_ i: Int, _ j: Int) -> Bool {
                let field = findings[i].suggestions[j].field
                return timingFields.contains(field) && findings[i].suggestions[j].target == nil
                    && !findings[i].suggestions[j].displayOnly && findings[i].suggestions[j].scope == .probe
                    && FixPlanner.anchor(findings[i].suggestions[j].current) == FixPlanner.anchor(probe.field(field))
            }
            var fixing = 0
            for i in first..<findings.endIndex where findings[i].suggestions.indices.contains(where: { plans(i, $0) }) { fixing += 1 }
            // One finding's fixes were chosen together, within the budget.
            guard fixing >= 2, let before = probe.timing else { continue }
            var after = before
            var planned = 0  // the fields planned, as bits by their place in `timingFields`
            for (bit, field) in timingFields.enumerated() {
                var choosing = FixPlanner.Choosing(current: probe.field(field).value)
                for i in first..<findings.endIndex {
                    for j in findings[i].suggestions.indices where findings[i].suggestions[j].field == field && plans(i, j) {
                        choosing.add(findings[i].suggestions[j].value)
                    }
                }
                switch choosing.choice {
                case .none: continue
                // A field the fixes pull both ways is the planner's conflict, and reported as one.
                case .conflict: continue probes
                case .some(let value):
                    planned |= 1 << bit
                    after[field: field] = value
                }
            }
            let thresholdBit = 1 << timingFields.firstIndex(of: .failureThreshold)!
            let raised = planned & thresholdBit != 0 && (after.failure > (probe.field(.failureThreshold).value ?? 0))
            var rest = after
            rest.failure = before.failure
            let liveness = probe.kind == .liveness
            let budget = object.environment.options.detectionBudget.value
            // A raised threshold was computed with the probe's present timeout and period: when they
            // change too (and fit the budget), `--fix` writes them first and computes it again.
            if raised, planned & ~thresholdBit != 0, !liveness || rest.killWindowMax <= budget || rest.killWindowMax <= before.killWindowMax {
                let over = liveness && after.killWindowMax > budget
                if !over {
                    for i in first..<findings.endIndex where findings[i].suggestions.indices.contains(where: {
                        plans(i, $0) && findings[i].suggestions[$0].field == .failureThreshold
                    }) {
                        findings[i].notes.append(.note, "--fix writes this probe's other fixes first and then computes failureThreshold again with them: this value was computed with its present timeoutSeconds and periodSeconds",
                                                 name: "fixesCombined")
                    }
                    continue
                }
            }
            // The texts only for a liveness probe whose fixes break the budget (`overBudget` asks the same).
            guard liveness, after.killWindowMax > budget else { continue }
            let changes = timingFields.enumerated().filter { planned & (1 << $0.offset) != 0 }.map { _, field in
                PlannedField.change(owner: probe.kind.fieldName, key: field.rawValue, current: probe.field(field), value: after[field: field] ?? 0)
            }
            guard let why = FixPlanner.overBudget(changes, before: before.killWindowMax, after: after, object.environment.options)
            else { continue }
            // A raised failureThreshold waits when the other values fit on their own: `--fix` writes
            // them, then computes the threshold again with them (`FixPlanner.checkDetectionBudget`).
            if raised, planned & ~thresholdBit != 0,
               FixPlanner.overBudget([], before: before.killWindowMax, after: rest, object.environment.options) == nil {
                for i in first..<findings.endIndex where findings[i].suggestions.indices.contains(where: {
                    plans(i, $0) && findings[i].suggestions[$0].field == .failureThreshold
                }) {
                    findings[i].notes.append(.note, "--fix writes this probe's other fixes first and then computes failureThreshold again with them: \(why)",
                                             name: "fixesCombined")
                }
                continue
            }
            for i in first..<findings.endIndex where findings[i].suggestions.indices.contains(where: { plans(i, $0) }) {
                findings[i].notes.append(.note, "--fix applies none of this probe's fixes: \(why)", name: "fixesCombined")
            }
        }
    }
}
