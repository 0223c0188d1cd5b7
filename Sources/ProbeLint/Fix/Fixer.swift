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
        var run = FixRun(inputs, options: options, fileOptions: fileOptions, minimum: minimum)
        var settled = false
        for round in 0..<maxRounds {
            if !run.round(first: round == 0) { settled = true; break }
        }
        run.conclude(settled: settled)
        return run.result()
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
    /// `positions` gets where each fixed field is written in the fixed text, by document and path.
    static func verify(original: InputFile, fixed: InputFile, applied: [PlannedField], before: LintReport,
                       after: LintReport, options: LintOptions,
                       positions: inout [Int: [String: SourcePosition]]) -> FixError? {
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
                } else if !fixedHere.isEmpty {
                    positions[document.index] = digest.positions(fixedHere, in: document)
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
