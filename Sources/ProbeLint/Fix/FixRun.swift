#if DEBUG && canImport(Glibc)
import Glibc
#elseif DEBUG && canImport(Darwin)
import Darwin
#endif

/// One `Fixer.fix`: the files' texts as the rounds edit them, their reports, and what each
/// file's fixing came to. A round plans the fixes of the current findings, splices them and
/// lints the edited files again; `conclude` verifies each changed file (`Fixer.verify`).
struct FixRun {
    private let inputs: [InputFile]
    private let options: LintOptions
    private let minimum: Applicability
    /// Each file's Rook settings as given (its `.probelint.yaml`'s, or the run's).
    private let given: [RookSettings]
    /// Each file's options, its Rook settings merged with the facts of the run's current texts.
    private var lintOptions: [LintOptions]
    /// The texts, as edited so far.
    private var current: [InputFile]
    /// The findings of the original texts, and of the current ones.
    private var before: [LintReport]
    private var reports: [LintReport]
    private var outcomes: [FixOutcome]
    private var displayOnly: [PlannedField] = []
    private var conflicts: [FixConflict] = []
    /// Each probe is checked against its own file's detection budget.
    private let modelOptions: [String: ModelOptions]
    private var appliedIndex: [[String: Int]]
    /// For each file, the other files whose edits its report was linted again for (a CR its
    /// suggestions point into): its report after the fix is that one when they were all written.
    private var editedFor: [Set<String>]

    init(_ inputs: [InputFile], options: LintOptions, fileOptions: [LintOptions]?, minimum: Applicability) {
        self.inputs = inputs
        self.options = options
        self.minimum = minimum
        let lintOptions = fileOptions ?? Array(repeating: options, count: inputs.count)
        self.lintOptions = lintOptions
        given = lintOptions.map(\.environment.rook)
        current = inputs
        modelOptions = Dictionary(inputs.indices.map { (inputs[$0].path, lintOptions[$0].environment.options) }) { first, _ in first }
        appliedIndex = Array(repeating: [:], count: inputs.count)
        editedFor = Array(repeating: [], count: inputs.count)
        outcomes = inputs.map { FixOutcome(file: $0.path, original: $0.bytes, fixed: $0.bytes) }
        before = []
        reports = []
        gatherRookFacts()
        for i in inputs.indices {
            before.append(Linter.lint(inputs[i], options: self.lintOptions[i]))
            if !before[i].errors.isEmpty { outcomes[i].error = .inputErrors(file: outcomes[i].file) }
        }
        reports = before
    }

    /// The Rook facts of every input, from its current text, before any rule runs (as
    /// Linter.lint of several files): PL301's edits point into a CR of another file, and after
    /// a round that edited the CR they must point into its new text.
    private mutating func gatherRookFacts() {
        let texts = Dictionary(current.map { ($0.path, $0.bytes) }) { first, _ in first }
        let paths = inputs.map(\.path)
        let fresh = RookFacts.gather(paths, limits: options.limits, rook: options.environment.rook) { texts[$0] }
        // Files share their Rook settings (one .probelint.yaml, or none): each distinct one is
        // merged once and shared, where every file's took the run's paths (10,000 files: 46 s).
        var merged: [(given: RookSettings, rook: RookSettings)] = []
        for i in lintOptions.indices {
            if let shared = merged.first(where: { $0.given == given[i] }) {
                lintOptions[i].environment.rook = shared.rook
                continue
            }
            var rook = given[i]
            rook.facts = fresh
            rook.facts.merge(given[i].facts)
            rook.scanned.formUnion(paths)
            merged.append((given[i], rook))
            lintOptions[i].environment.rook = rook
        }
    }

    /// Plans the current findings' fixes and applies them; false when none is left to apply.
    mutating func round(first: Bool) -> Bool {
        let findings = reports.indices.filter { outcomes[$0].error == nil }.flatMap { reports[$0].findings }
        let plan = FixPlanner(sources: sources(for: findings), options: options.environment.options, fileOptions: modelOptions).plan(findings)
        if first {
            displayOnly = plan.fields.filter { $0.applicability < minimum }
        }
        // A later round's conflict too: a threshold computed again for the values written before it.
        for conflict in plan.conflicts
        where !conflicts.contains(where: { $0.file == conflict.file && $0.path == conflict.path && $0.message == conflict.message }) {
            conflicts.append(conflict)
        }
        let edits = plan.edits(upTo: minimum)
        if edits.isEmpty { return false }
        let changed = apply(edits, of: plan)
        if changed.isEmpty { return true }
        gatherRookFacts()
        // The edited files, and the files whose suggestions edit them (a Rook-generated Deployment and its CR).
        for i in current.indices where outcomes[i].error == nil {
            var targets: Set<String> = []
            for finding in reports[i].findings {
                for suggestion in finding.suggestions {
                    if let file = suggestion.target?.file, file != current[i].path, changed.contains(file) { targets.insert(file) }
                }
            }
            editedFor[i].formUnion(targets)
            if changed.contains(current[i].path) || !targets.isEmpty { reports[i] = Linter.lint(current[i], options: lintOptions[i]) }
        }
        return true
    }

    /// Only files that a suggestion edits need their documents, and only the documents that
    /// hold a field a suggestion edits (where the planner looks: `FixPlanner.anchor`).
    private func sources(for findings: [Finding]) -> [FixSource] {
        var edited: [String: [Int]] = [:]
        for finding in findings {
            for suggestion in finding.suggestions {
                edited[suggestion.target?.file ?? finding.file, default: []].append(FixPlanner.anchor(suggestion.target?.field ?? suggestion.current))
            }
        }
        return current.indices.compactMap { i in
            outcomes[i].error == nil ? edited[current[i].path].flatMap { FixSource.read(current[i], limits: options.limits, keeping: $0) } : nil
        }
    }

    /// Splices each file's edits into its current text; the paths of the files changed.
    private mutating func apply(_ edits: [String: [Edit]], of plan: FixPlan) -> Set<String> {
        let fieldsByFile = Dictionary(grouping: plan.fields.indices.filter {
            plan.fields[$0].edit != nil && plan.fields[$0].applicability >= minimum
        }, by: { plan.fields[$0].file })
        var changed: Set<String> = []
        for i in current.indices {
            guard outcomes[i].error == nil, let fileEdits = edits[current[i].path] else { continue }
            do {
                current[i].bytes = try Splicer.apply(fileEdits, to: current[i].bytes, file: current[i].path)
                for f in fieldsByFile[current[i].path] ?? [] {
                    Fixer.merge(plan.fields[f], into: &outcomes[i].applied, index: &appliedIndex[i])
                }
                changed.insert(current[i].path)
            } catch {
                outcomes[i].error = error
            }
        }
        return changed
    }

    /// Each changed file's fixed text when the rounds settled and `Fixer.verify` accepts it, else
    /// the reason it is left as it was.
    mutating func conclude(settled: Bool) {
        #if DEBUG
        Self.corruptForTests(&current, changedFrom: outcomes.map(\.original))
        #endif
        for i in outcomes.indices where outcomes[i].error == nil && current[i].bytes != outcomes[i].original {
            var positions: [Int: [String: SourcePosition]] = [:]
            if !settled {
                outcomes[i].error = .notConverged(file: outcomes[i].file, rounds: Fixer.maxRounds)
            } else if let error = Fixer.verify(original: inputs[i], fixed: current[i], applied: outcomes[i].applied,
                                               before: before[i], after: reports[i], options: lintOptions[i], positions: &positions) {
                outcomes[i].error = error
            } else {
                outcomes[i].fixed = current[i].bytes
                // The `fixed:` lines name the fixed text's positions, as the report after them does:
                // a field the first round inserted moved every later one.
                for f in outcomes[i].applied.indices {
                    if let at = positions[outcomes[i].applied[f].document]?[outcomes[i].applied[f].path] { outcomes[i].applied[f].position = at }
                }
                markStillFiring(i)
            }
        }
        for i in outcomes.indices where outcomes[i].error != nil { outcomes[i].applied = [] }
    }

    #if DEBUG
    /// The tests' way to make a fixed text that `Fixer.verify` must refuse, and so to show that
    /// a refused fix writes nothing (debug builds only, as `PROBELINT_TEST_BEFORE_WRITE`):
    /// `PROBELINT_TEST_CORRUPT_FIX=tree` changes the first `image: ` value of each fixed text
    /// (one that differs from its `original`), `parse` appends an unclosed flow sequence.
    static func corruptForTests(_ texts: inout [InputFile], changedFrom originals: [[UInt8]]) {
        guard let mode = getenv("PROBELINT_TEST_CORRUPT_FIX").map({ String(cString: $0) }) else { return }
        for i in texts.indices where texts[i].bytes != originals[i] {
            switch mode {
            case "tree":
                let needle = Array("image: ".utf8)
                guard let at = texts[i].bytes.indices.first(where: { texts[i].bytes[$0...].starts(with: needle) }) else { continue }
                texts[i].bytes.insert(contentsOf: Array("corrupted-".utf8), at: at + needle.count)
            case "parse": texts[i].bytes += Array("\nbroken: [\n".utf8)
            default: return
            }
        }
    }
    #endif

    /// The rules each applied field was for that still fire on its object in the fixed text.
    private mutating func markStillFiring(_ i: Int) {
        // PL202 judges a field, the others a probe: a PL202 finding on another field of the
        // same probe (an unfixable one) is not this field's.
        let invalid = InvalidProbeField.info.id
        let firing = Set(reports[i].findings.map { "\($0.rule) \($0.object)" })
        let invalidPaths = reports[i].findings.filter { $0.rule == invalid }.map(\.path)
        for f in outcomes[i].applied.indices {
            let field = outcomes[i].applied[f]
            outcomes[i].applied[f].stillFiring = field.rules.filter { rule in
                guard firing.contains("\(rule) \(field.object)") else { return false }
                return rule != invalid || invalidPaths.contains { $0 == nil || $0 == field.path }
            }
        }
    }

    /// The run's result: the fixed texts' findings (the original's where a file was not fixed)
    /// and the original texts', each with the cross-object findings the run's Services confirm
    /// (PL205), as a run over files has them.
    func result() -> FixResult {
        var report = LintReport(), originalReport = LintReport()
        // A file fixed in another (an MDS's CephFilesystem in its CephCluster) reports what is left
        // once those edits are written; its findings had been the original's, fixed as they were.
        let written = Set(outcomes.filter(\.changed).map(\.file))
        for i in outcomes.indices {
            let fixedElsewhere = !editedFor[i].isEmpty && editedFor[i].isSubset(of: written)
            report.merge(outcomes[i].changed || fixedElsewhere ? reports[i] : before[i])
            originalReport.merge(before[i])
        }
        report = Linter.resolve(report)
        originalReport = Linter.resolve(originalReport)
        report.findings.sort(by: Finding.reportOrder)
        originalReport.findings.sort(by: Finding.reportOrder)
        return FixResult(outcomes: outcomes, displayOnly: displayOnly, conflicts: conflicts, report: report,
                         before: originalReport)
    }
}
