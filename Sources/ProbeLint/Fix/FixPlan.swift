/// One field's planned value: the value that clears every finding that
/// suggested a change to it, and the edit that writes it.
public struct PlannedField: Sendable {
    public var file: String
    /// Index of the field's document in its file.
    public var document: Int
    /// Dotted path of the field in its document.
    public var path: String
    public var object: ObjectRef
    public var current: Field<Int>
    public var value: Int
    public var rules: [RuleID]
    public var reasons: [String]
    public var applicability: Applicability
    /// Why the fix is not safe, for the message.
    public var why: String?
    /// Nil when the text cannot be edited (display only).
    public var edit: Edit?
    /// Where messages about the field point: its value, or its parent key when absent.
    public var position: SourcePosition
    /// The Rook custom resource that generates the field's object.
    public var managedBy: OwnerReference?
    /// Why setting the field would change nothing (`Suggestion.ignoredBecause`).
    public var ignoredBecause: String? = nil
    /// What to do in the owning Rook CR instead (`Suggestion.crChange`).
    public var crChange: String? = nil
    /// Rules that wanted this change and still fire on the object after it
    /// (a value capped by the detection budget improves but does not clear).
    public var stillFiring: [RuleID] = []
    /// Every suggestion of the field was withheld by the lint report's plan (`Suggestion.planned`),
    /// and the note of the first one's finding ("" for none): `FixPlanner.checkDetectionBudget`.
    var withheld: String? = nil
    /// The field's other uses: one value node that an alias or a merge key reaches from other
    /// paths (`livenessProbe: &p` and `readinessProbe: *p`, two containers' `*p`). `--fix` writes
    /// none of them (the text is every use's); `-o patch` sets the field at each path.
    public var otherUses: [(path: String, object: ObjectRef)] = []
    /// The input file of `object` when it is not `file`'s: the object that holds the field for
    /// the finding's (`Suggestion.holderFile`: an MDS's liveness probe before Rook v1.9 is its
    /// namespace's CephCluster's). `-o patch` patches it with that object's own changes.
    public var heldIn: String? = nil
    /// Where the current value, which the object does not write, is set (`Suggestion.setIn`: an
    /// MDS's before Rook v1.9, its CephCluster's), for `change` to name instead of "(default)".
    public var setIn: String? = nil
    /// Why the object's running pods keep their probes when its template changes (a patch reaches
    /// the pods it makes next), or nil: `FixPlanner.keepsRunningPods`.
    public var runningPodsKept: String? = nil

    /// What to do instead of changing an object a Rook CR owns (`managedBy`), as `--fix`'s line
    /// and `-o patch`'s comment say it; nil for an object no Rook CR owns.
    public var ownerChange: String? {
        guard let owner = managedBy else { return nil }
        return ignoredBecause.map { "\($0): nothing to change" } ?? crChange ?? "change the \(owner.kind)"
    }

    /// The field's key (`timeoutSeconds`).
    public var key: String { path.split(separator: ".").last.map(String.init) ?? path }

    /// `livenessProbe timeoutSeconds 1 -> 3`, `... 1 (default) -> 3`, `... invalid -> 3`; in a Rook
    /// CR the probe the field belongs to (`readinessProbe`, `livenessProbe.mon`), not `probe`.
    /// `change` and the rules that asked for it: `livenessProbe timeoutSeconds 1 -> 3 [PL101, PL103]`.
    public var changeWithRules: String { "\(change) [\(rules.map(\.rawValue).joined(separator: ", "))]" }

    public var change: String {
        var parents = path.split(separator: ".").dropLast()
        if parents.last == "probe" { parents = parents.dropLast() }
        var owner = parents.last.map(String.init) ?? ""
        if !owner.isEmpty, !owner.hasSuffix("Probe"), parents.count >= 2, parents[parents.index(before: parents.endIndex) - 1].hasSuffix("Probe") {
            owner = "\(parents[parents.index(before: parents.endIndex) - 1]).\(owner)"
        }
        return Self.change(owner: owner, key: key, current: current, value: value, setIn: setIn)
    }

    /// `owner key before -> value`, as `change` writes it (also the lint report's, `CombinedFixes`):
    /// a value set in another object says so (`2 (from CephCluster rook-ceph (cluster.yaml))`).
    static func change(owner: String, key: String, current: Field<Int>, value: Int, setIn: String? = nil) -> String {
        let unwritten = setIn.map { "from \($0)" } ?? "default"
        let before = current.value.map { current.isWritten ? String($0) : current.isWrittenZero ? "0 (default \($0))" : "\($0) (\(unwritten))" } ?? "invalid"
        return "\(owner.isEmpty ? "" : owner + " ")\(key) \(before) -> \(value)"
    }
}

/// Two findings that want to move one field in opposite directions, or a
/// combination that would break the detection budget: reported, not fixed
/// (`file:line:col: not fixed: path: message`).
public struct FixConflict: Sendable {
    public var file: String
    public var position: SourcePosition
    /// The field's path, or the probe's for a budget the fields break together.
    public var path: String
    /// Why, without the path: `the suggestions conflict (PL101 wants 3, ...)`.
    public var message: String
}

public struct FixPlan: Sendable {
    public var fields: [PlannedField] = []
    public var conflicts: [FixConflict] = []

    /// The edits `--fix` writes, per file.
    public func edits(upTo minimum: Applicability = .safe) -> [String: [Edit]] {
        var out: [String: [Edit]] = [:]
        for field in fields where field.applicability >= minimum {
            if let edit = field.edit { out[field.file, default: []].append(edit) }
        }
        return out
    }
}
