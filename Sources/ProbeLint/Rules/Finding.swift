/// One line of a finding's explanation: what `Notes` hands out for each of its notes, and
/// a fixed note that a rule appends (`Notes` keeps each text in the finding's buffer of them).
public struct Note: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case input, derived, note
    }

    public var kind: Kind
    public var text: String
    /// Machine-readable name and value for JSON (`E`, 70, `s`).
    public var name: String?
    public var value: Double?
    public var unit: String?
    public var origin: String?
}

// The initializers below are in extensions and call the memberwise ones the compiler
// makes: a function that returns a note or finding built by an initializer that assigns
// each field built it in a temporary and copied it out (a retain and a release per String,
// seen in the disassembly of `ObjectContext.finding` and of the note builders when they
// returned a `Note`); one built by the memberwise initializer is returned as it is.
extension Note {
    public init(_ kind: Kind, _ text: MessageText, name: String? = nil, value: Double? = nil, unit: String? = nil,
                origin: String? = nil) {
        self.init(kind: kind, text: text.string, name: name, value: value, unit: unit, origin: origin)
    }
}

/// A suggested value for one integer field of a probe or pod.
public struct Suggestion: Sendable, Equatable {
    /// Whether the field belongs to a probe or to the pod (`spec.terminationGracePeriodSeconds`).
    public enum Scope: String, Sendable {
        case probe, pod
    }

    public var field: ProbeField
    /// The probe or container whose field it is (`Probe.location`, or `.joined` with a pod
    /// spec's path), kept as the model holds it: the path is joined only when read, and a
    /// text report never reads it (joined for each fix, it cost two Strings).
    var owner: ModelPath
    /// Full dotted path of the field in its object: the owner's, then the field's name.
    public var path: String { owner.string(field: field.rawValue) }
    public var current: Field<Int>
    public var value: Int
    public var reason: String
    public var scope: Scope = .probe
    /// Shown, never applied: the field cannot be edited in place (a Rook CR key that
    /// does not exist yet, a Rook version that ignores it, a Rook-managed object).
    public var displayOnly: Bool = false
    /// Why the field, once set, would change nothing: what reads it ignores it (a Rook version
    /// that reads no probe timing from its CR). The fix is shown, and `-o patch` prints its
    /// command commented out with this reason. Nil when it takes effect.
    public var ignoredBecause: String? = nil
    /// On an object a Rook CR owns: what to do in the CR instead (`RookManagedObject.crChange`),
    /// which `--fix`'s "not fixed" line and `-o patch`'s comment say. Nil elsewhere.
    public var crChange: String? = nil
    /// What `--fix` writes to this field in its first round, planned with the fixes of the
    /// object's other findings (`CombinedFixes.annotate`: one value per field, the largest raise),
    /// where that is not this suggestion's own value: another's (`value`), or none (`withheld`: the
    /// fixes pull the field both ways, break the detection budget together, or a threshold is
    /// computed again after them). SARIF's fixes offer it, so that two results never put two
    /// values into one region (PL101's timeout 3, PL108's 25).
    public enum Planned: Sendable, Equatable { case own, value(Int), withheld }
    public var planned: Planned = .own
    /// Why `--fix` cannot write it where it is (`FixReach`), when the report made it display-only for that.
    public var unwritable: String? = nil
    /// YAML to paste when the fix cannot be applied in place (nested from the object's root).
    public var yaml: String? = nil
    /// The object `yaml` goes into when it is not the finding's (PL301: the owning Rook CR), as `Kind/namespace/name`.
    public var pasteInto: String? = nil
    /// Where the current value, which the object does not write, is set: an MDS before v1.9 takes
    /// its CephCluster's (`RookGeneration.valuesFrom`), and the fix's line says so, not "Rook default".
    public var setIn: String? = nil
    /// The current value of a probe Rook generates is Kubernetes' default: neither the CR nor
    /// Rook's probe writes the field (`RookGeneration.setsByDefault`; Rook v1.1's RGW probe
    /// writes only its initialDelaySeconds), and the fix's line says so, not "Rook default".
    public var kubernetesDefault = false
    /// The object that holds the field when it is not the finding's: the CR whose ProbeSpec Rook
    /// reads (an MDS before v1.9, rendered from its CephFilesystem: the namespace's CephCluster,
    /// with no name when the run does not hold exactly one). `-o patch` patches it.
    public var holder: ObjectRef? = nil
    /// The input file that holds `holder`, when the run holds it: `-o patch` joins the change to
    /// the holder's own changes there.
    public var holderFile: String? = nil

    /// `a.b.c` and 5 as nested block YAML: `a:\n  b:\n    c: 5\n`.
    public static func nestedYAML(path: String, value: String) -> String {
        let keys = path.split(separator: ".").map(String.init).filter { !$0.hasPrefix("items[") }
        var out = ""
        for (depth, key) in keys.enumerated() {
            out += String(repeating: "  ", count: depth) + key + ":" + (depth == keys.count - 1 ? " \(value)\n" : "\n")
        }
        return out
    }

    /// `nestedYAML` on one line, in flow style, for a message: `spec: {metadataServer: {livenessProbe:
    /// {probe: {failureThreshold: 6}}}}`.
    public static func flowYAML(path: String, value: String) -> String {
        let keys = path.split(separator: ".").map(String.init).filter { !$0.hasPrefix("items[") }
        guard let last = keys.last else { return value }
        return keys.dropLast().reversed().reduce("\(last): \(value)") { inner, key in "\(key): {\(inner)}" }
    }

    /// Where the edit goes when it is not `current` in the finding's own file
    /// and object: for a Rook-generated Deployment, the field of the CR that
    /// Rook generates it from. Nil: the finding's file, `path` and `current`.
    public var target: FixTarget? = nil
}

/// A field of any object in any input file that a suggestion edits.
public struct FixTarget: Sendable, Equatable {
    public var file: String
    /// Dotted path of the field in its document, as `Probe.path` writes it.
    public var path: String
    public var field: Field<Int>
    /// Rook reads 0 as "use the default": a value for a Rook CR must be explicit and above 0.
    public var requiresPositive: Bool

    public init(file: String, path: String, field: Field<Int>, requiresPositive: Bool = false) {
        self.file = file
        self.path = path
        self.field = field
        self.requiresPositive = requiresPositive
    }
}

public struct Finding: Sendable {
    /// Declared first so that the memberwise initializer, which `init(rule:…)` calls
    /// (see `Note`), has a signature of its own.
    public var notes: Notes
    public var rule: RuleID
    public var severity: Severity
    public var message: String
    public var file: String
    public var range: SourceRange
    public var object: ObjectRef
    public var suggestions: [Suggestion]
    /// Dotted path of the field the finding points at, relative to its object
    /// (`spec.template.spec.containers[0].livenessProbe.timeoutSeconds`); the
    /// Linter fills it in. Findings on live objects have no file to point into.
    public var path: String?
}

extension Finding {
    public init(rule: RuleID, severity: Severity, message: String, file: String, range: SourceRange,
                object: ObjectRef, notes: Notes = Notes(), suggestions: [Suggestion] = [], path: String? = nil) {
        self.init(notes: notes, rule: rule, severity: severity, message: message, file: file, range: range,
                  object: object, suggestions: suggestions, path: path)
    }

    /// Report order: file, position, rule.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.file != b.file { return a.file < b.file }
        return positionOrder(a, b)
    }

    /// The command line's order: the files as the run read them (`files`, a file's rank), then
    /// position and rule; the findings that depend on other files (PL205) after all of them,
    /// as the streamed report writes them once every file is read.
    public static func runOrder(files: [String: Int]) -> (Finding, Finding) -> Bool {
        { a, b in
            let crossA = a.rule == MissingReadinessProbe.info.id, crossB = b.rule == MissingReadinessProbe.info.id
            if crossA != crossB { return crossB }
            if a.file != b.file {
                let rankA = files[a.file] ?? Int.max, rankB = files[b.file] ?? Int.max
                return rankA != rankB ? rankA < rankB : a.file < b.file
            }
            return positionOrder(a, b)
        }
    }

    static func positionOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.range.start.offset != b.range.start.offset { return a.range.start.offset < b.range.start.offset }
        return a.rule < b.rule
    }
}

extension Array {
    /// Moves the elements of `other` to the end, in their order, and leaves `other` empty:
    /// `+=` copied each (for a finding, a retain of every String and array it holds) and
    /// then dropped `other`'s (a release of each). Reversed in place, then popped from the
    /// end: both move elements, never copy one (reversed through the buffer: the array's
    /// own `reverse()` copied the two elements of each swap).
    /// Popped here, not through `removeAll(inOrder:)`: specialized for an element type, its
    /// closure copied each element it appended.
    public mutating func append(moving other: inout [Element]) {
        other.reverseForPopping()
        while let element = other.popLast() { append(element) }
    }

    /// Reverses the elements in place, moving them, so that `popLast()` hands them out in
    /// their order (through the buffer: the array's own `reverse()` copied the two elements
    /// of each swap). An empty array is left alone: it shares one empty buffer, which
    /// reversing through it would have made unique first.
    mutating func reverseForPopping() {
        guard !isEmpty else { return }
        withUnsafeMutableBufferPointer { $0.reverse() }
    }

    /// Removes the elements from `start` on for which `shouldRemove` holds, keeping the
    /// order of the others (moved, not copied).
    mutating func removeAll(from start: Int, where shouldRemove: (Element) -> Bool) {
        var kept = start
        for i in start..<endIndex where !shouldRemove(self[i]) {
            if i != kept { swapAt(i, kept) }
            kept += 1
        }
        removeSubrange(kept...)
    }

    /// Hands each element to `body` in order, moved out, and leaves the array empty with
    /// its capacity. A reporter that read `findings[i]` copied each finding before using
    /// it (a retain and a release of every String and array it holds, some 500
    /// instructions): the calls between could, for all the compiler knows, write the
    /// array's buffer, so `borrowing`, buffer pointers and spans copied it as well. An
    /// element moved out is the caller's own and is used where it is.
    public mutating func removeAll(inOrder body: (Element) -> Void) {
        reverseForPopping()
        while let element = popLast() { body(element) }
    }
}

extension Array where Element == Finding {
    /// Sorts the findings in report order (`Finding.reportOrder`), keeping the order of
    /// equal ones as `sort(by:)` does, by moving them and never copying one.
    ///
    /// A finding holds some ten Strings and arrays: `sort(by:)`'s insertion sort copied
    /// one per element it placed (a retain of each and a release after, some 500
    /// instructions). Here the positions are sorted, then the findings are swapped into
    /// place along the permutation's cycles.
    public mutating func sortInReportOrder() {
        guard count > 1 else { return }
        withUnsafeMutableBufferPointer { findings in
            var sorted = true
            for i in 1..<findings.count where Finding.reportOrder(findings[i], findings[i - 1]) {
                sorted = false
                break
            }
            if sorted { return }
            // source[k]: the position of the finding that goes to position k. On the stack for a
            // document's few findings: an array of them was an allocation for every unsorted document.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: findings.count) { buffer in
                var source = buffer
                _ = source.initialize(fromContentsOf: findings.indices)
                source.sort { a, b in
                    if Finding.reportOrder(findings[a], findings[b]) { return true }
                    return !Finding.reportOrder(findings[b], findings[a]) && a < b
                }
                for start in source.indices where source[start] != start {
                    var k = start
                    while source[k] != start {
                        let next = source[k]
                        findings.swapAt(k, next)
                        source[k] = k
                        k = next
                    }
                    source[k] = k
                }
            }
        }
    }
}

/// What a rule writes for an object and the Linter settles (ignores, severity, path): a
/// finding, or a cross-object rule's candidate for one (`CrossObjectFacts.PendingFinding`).
protocol RuleOutput {
    var finding: Finding { get set }
}

extension Finding: RuleOutput {
    /// Itself, read and changed in place.
    var finding: Finding {
        get { self }
        _modify { yield &self }
    }
}

extension CrossObjectFacts.PendingFinding: RuleOutput {}
