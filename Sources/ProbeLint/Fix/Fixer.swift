/// What fixing did to one file.
public struct FixOutcome: Sendable {
    public var file: String
    public var original: [UInt8]
    /// Equal to `original` when nothing was fixed or the fix was abandoned.
    public var fixed: [UInt8]
    /// Fields written, with their final values.
    public var applied: [PlannedField] = []
    public var error: FixError?

    public var changed: Bool { fixed != original }
}

public struct FixResult: Sendable {
    public var outcomes: [FixOutcome]
    /// Fields that need a human: display-only fixes.
    public var displayOnly: [PlannedField]
    public var conflicts: [FixConflict]
    /// The findings of the fixed text (the original's where a fix was abandoned).
    public var report: LintReport
    /// The findings of the original text.
    public var before: LintReport
}

/// Plans, splices and verifies fixes in memory; writing is the caller's
/// (`AtomicWriter`). Planning repeats on the fixed text until no fix is left,
/// as ruff does, so that a second `--fix` changes nothing.
public enum Fixer {
    public static let maxRounds = 10

    /// `fileOptions[i]`, when given, lints `inputs[i]` (each file's own `.probelint.yaml`);
    /// `options` gives the limits and the model options of the plan.
    public static func fix(_ inputs: [InputFile], options: LintOptions = LintOptions(), fileOptions: [LintOptions]? = nil,
                           minimum: Applicability = .safe) -> FixResult {
        var current = inputs
        var lintOptions = fileOptions ?? Array(repeating: options, count: inputs.count)
        let given = lintOptions.map(\.environment.rook)
        let paths = current.map(\.path)
        // The Rook facts of every input, from its current text, before any rule runs (as
        // Linter.lint of several files): PL301's edits point into a CR of another file,
        // and after a round that edited the CR they must point into its new text.
        func gatherRookFacts() {
            let texts = Dictionary(current.map { ($0.path, $0.bytes) }) { first, _ in first }
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
        gatherRookFacts()
        let before = inputs.indices.map { Linter.lint(inputs[$0], options: lintOptions[$0]) }
        // The planner checks each probe against its own file's detection budget.
        let modelOptions = Dictionary(inputs.indices.map { (inputs[$0].path, lintOptions[$0].environment.options) }) { first, _ in first }
        var reports = before
        var outcomes = inputs.map { FixOutcome(file: $0.path, original: $0.bytes, fixed: $0.bytes) }
        for i in outcomes.indices where !before[i].errors.isEmpty { outcomes[i].error = .inputErrors(file: outcomes[i].file) }
        var displayOnly: [PlannedField] = []
        var conflicts: [FixConflict] = []
        var settled = false
        var appliedIndex = [[String: Int]](repeating: [:], count: inputs.count)
        for round in 0..<maxRounds {
            let findings = reports.indices.filter { outcomes[$0].error == nil }.flatMap { reports[$0].findings }
            // Only files that a suggestion edits need their documents, and only the documents
            // that hold a field a suggestion edits (where the planner looks: `FixPlanner.anchor`).
            var edited: [String: [Int]] = [:]
            for finding in findings {
                for suggestion in finding.suggestions {
                    edited[suggestion.target?.file ?? finding.file, default: []].append(FixPlanner.anchor(suggestion.target?.field ?? suggestion.current))
                }
            }
            let sources = current.indices.compactMap { i in
                outcomes[i].error == nil ? edited[current[i].path].flatMap { FixSource.read(current[i], limits: options.limits, keeping: $0) } : nil
            }
            let plan = FixPlanner(sources: sources, options: options.environment.options, fileOptions: modelOptions).plan(findings)
            if round == 0 {
                displayOnly = plan.fields.filter { $0.applicability < minimum }
            }
            // A later round's conflict too: a threshold computed again for the values written before it.
            for conflict in plan.conflicts
            where !conflicts.contains(where: { $0.file == conflict.file && $0.path == conflict.path && $0.message == conflict.message }) {
                conflicts.append(conflict)
            }
            let edits = plan.edits(upTo: minimum)
            if edits.isEmpty { settled = true; break }
            let fieldsByFile = Dictionary(grouping: plan.fields.indices.filter {
                plan.fields[$0].edit != nil && plan.fields[$0].applicability >= minimum
            }, by: { plan.fields[$0].file })
            var changed: Set<String> = []
            for i in current.indices {
                guard outcomes[i].error == nil, let fileEdits = edits[current[i].path] else { continue }
                do {
                    current[i].bytes = try Splicer.apply(fileEdits, to: current[i].bytes, file: current[i].path)
                    for f in fieldsByFile[current[i].path] ?? [] {
                        merge(plan.fields[f], into: &outcomes[i].applied, index: &appliedIndex[i])
                    }
                    changed.insert(current[i].path)
                } catch {
                    outcomes[i].error = error
                }
            }
            if changed.isEmpty { continue }
            gatherRookFacts()
            // The edited files, and the files whose suggestions edit them (a Rook-generated Deployment and its CR).
            for i in current.indices where outcomes[i].error == nil {
                let targetsChanged = reports[i].findings.contains { f in f.suggestions.contains { $0.target.map { changed.contains($0.file) } ?? false } }
                if changed.contains(current[i].path) || targetsChanged { reports[i] = Linter.lint(current[i], options: lintOptions[i]) }
            }
        }
        for i in outcomes.indices where outcomes[i].error == nil && current[i].bytes != outcomes[i].original {
            if !settled {
                outcomes[i].error = .notConverged(file: outcomes[i].file, rounds: maxRounds)
            } else if let error = verify(original: inputs[i], fixed: current[i], applied: outcomes[i].applied,
                                         before: before[i], after: reports[i], options: lintOptions[i]) {
                outcomes[i].error = error
            } else {
                outcomes[i].fixed = current[i].bytes
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
        }
        var report = LintReport(), originalReport = LintReport()
        for i in outcomes.indices {
            if outcomes[i].error != nil { outcomes[i].applied = [] }
            report.merge(outcomes[i].changed ? reports[i] : before[i])
            originalReport.merge(before[i])
        }
        // The cross-object findings (PL205) that the run's Services confirm, as a run over files has them.
        report = Linter.resolve(report)
        originalReport = Linter.resolve(originalReport)
        report.findings.sort(by: Finding.reportOrder)
        originalReport.findings.sort(by: Finding.reportOrder)
        return FixResult(outcomes: outcomes, displayOnly: displayOnly, conflicts: conflicts, report: report,
                         before: originalReport)
    }

    /// Keeps one entry per field: the first round's current value, the last round's new value.
    static func merge(_ field: PlannedField, into applied: inout [PlannedField], index: inout [String: Int]) {
        let key = "\(field.document)\u{0}\(field.path)"
        if let i = index[key] {
            applied[i].value = field.value
            applied[i].rules += field.rules.filter { !applied[i].rules.contains($0) }
            applied[i].reasons = field.reasons
        } else {
            index[key] = applied.count
            applied.append(field)
        }
    }

    /// DESIGN.md section 6.6: the fixed text parses, its tree differs from the
    /// original only at the fixed fields, and no rule fires that did not before.
    ///
    /// The two texts are read one document at a time, each kept only as a fingerprint
    /// (`TreeDigest.fingerprint`), so that memory stays bounded by the largest document: two
    /// whole files of trees and their digests took some 34 KB a document (6.6 GB for a 93 MB
    /// file). A document found different is read again from the original for the path to name.
    static func verify(original: InputFile, fixed: InputFile, applied: [PlannedField], before: LintReport,
                       after: LintReport, options: LintOptions) -> FixError? {
        var values: [Int: [String: Int]] = [:]
        for field in applied { values[field.document, default: [:]][field.path] = field.value }
        // The original's documents in the order read: index and fingerprint.
        var prints: [(index: Int, print: Int)] = []
        var shared: (document: Int, path: String)?
        do {
            try Reader.read(original.bytes, file: original.path, limits: options.limits) { document in
                let digest = TreeDigest(document)
                let fixedHere = values[document.index] ?? [:]
                if shared == nil, let path = digest.sharedFixedPath(fixedHere) { shared = (document.index, path) }
                prints.append((document.index, digest.fingerprint(skipping: fixedHere)))
            }
        } catch {
            return .reparseFailed(file: fixed.path, message: error.description)
        }
        var count = 0
        var different: (document: Int, digest: TreeDigest)?
        var missing: (document: Int, path: String)?
        do {
            try Reader.read(fixed.bytes, file: fixed.path, limits: options.limits) { document in
                defer { count += 1 }
                guard different == nil, missing == nil, count < prints.count else { return }
                let digest = TreeDigest(document)
                let fixedHere = values[document.index] ?? [:]
                if document.index != prints[count].index || digest.fingerprint(skipping: fixedHere) != prints[count].print {
                    different = (document.index, digest)
                } else if let path = digest.missingValue(fixedHere) {
                    missing = (document.index, path)
                }
            }
        } catch {
            return .reparseFailed(file: fixed.path, message: error.description)
        }
        func mismatch(_ document: Int, _ path: String) -> FixError {
            .treeMismatch(file: fixed.path, path: prints.count > 1 ? "\(path) (document \(document + 1))" : path)
        }
        guard count == prints.count else { return .treeMismatch(file: fixed.path, path: "the number of documents") }
        // The first of the three in document order, as a comparison of the whole trees found it.
        var first: (document: Int, path: String)? = shared
        if let (index, digest) = different, first.map({ index < $0.document }) ?? true {
            var old: TreeDigest?
            try? Reader.read(original.bytes, file: original.path, limits: options.limits) { document in
                if document.index == index { old = TreeDigest(document) }
            }
            let path = old.flatMap { TreeDigest.firstDifference(old: $0, new: digest, fixed: values[index] ?? [:]) } ?? "the document"
            first = (index, path)
        }
        if let missing, first.map({ missing.document < $0.document }) ?? true { first = missing }
        if let first { return mismatch(first.document, first.path) }
        let had = Set(before.findings.filter { $0.file == original.path }.map { "\($0.rule) \($0.object)" })
        // A probe with an invalid field (PL202) had no timing to judge: what its fixed values
        // show was there all along, revealed, not caused (a negative period hid a timeout that
        // alone breaks the detection budget).
        let invalid = Set(before.findings.filter { $0.file == original.path && $0.rule == InvalidProbeField.info.id }.map { "\($0.object)" })
        // A fix that clears a silenced finding leaves its ignore unused (PL401): that is the fix
        // working, not a finding traded for another; the report after the fix names the ignore.
        let introduced = after.findings.filter {
            $0.file == fixed.path && $0.rule != UnusedIgnore.info.id && !had.contains("\($0.rule) \($0.object)") && !invalid.contains("\($0.object)")
        }.map(\.rule)
        if !introduced.isEmpty { return .introducedFindings(file: fixed.path, rules: Array(Set(introduced)).sorted()) }
        return nil
    }
}
