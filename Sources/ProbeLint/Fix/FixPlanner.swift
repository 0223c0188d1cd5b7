/// Collects every finding's suggestions per field and plans one value per
/// field (DESIGN.md section 6.2): the largest raise, or the smallest cut;
/// opposite directions are a conflict; a liveness probe's combined values must
/// keep W_max within the detection budget (docs/model.md rule 4).
public struct FixPlanner {
    public var sources: [String: FixSource]
    public var options: ModelOptions
    /// Each file's own model options where they differ from `options` (a `.probelint.yaml`
    /// beside it): its probes' detection budget is the one its findings were computed with.
    public var fileOptions: [String: ModelOptions]

    public init(sources: [FixSource], options: ModelOptions = ModelOptions(), fileOptions: [String: ModelOptions] = [:]) {
        var byFile: [String: FixSource] = [:]
        for source in sources { byFile[source.file] = source }
        self.sources = byFile
        self.options = options
        self.fileOptions = fileOptions
    }

    struct Wanted {
        var rule: RuleID
        var suggestion: Suggestion
        var file: String
        var path: String
        var field: Field<Int>
        var requiresPositive: Bool
        var managedBy: OwnerReference?
        /// The finding's object when the field is the finding's own.
        var object: ObjectRef?
        /// What the lint report planned for the fix (`CombinedFixes.annotate`), and the finding's
        /// note on it: the planner reads it for a probe it finds in no pod spec (a Rook CR's).
        var withheld: String?
    }

    public func plan(_ findings: [Finding]) -> FixPlan {
        var order: [String] = []
        var groups: [String: [Wanted]] = [:]
        for finding in findings {
            for suggestion in finding.suggestions {
                let target = suggestion.target
                // A fix in another object (a Rook CR) changes only timing fields.
                if let target, ProbeField(rawValue: target.path.split(separator: ".").last.map(String.init) ?? "") == nil { continue }
                let file = target?.file ?? finding.file
                let field = target?.field ?? suggestion.current
                var wanted = Wanted(rule: finding.rule, suggestion: suggestion, file: file, path: target?.path ?? suggestion.path,
                                    field: field, requiresPositive: target?.requiresPositive ?? false)
                if suggestion.planned == .withheld {
                    wanted.withheld = finding.notes.first { $0.name == CombinedFixes.noteName }?.text ?? ""
                }
                if target == nil {
                    wanted.managedBy = sources[file]?.locate(Self.anchor(field))?.manifest?.rookOwner
                    wanted.object = suggestion.holder ?? finding.object
                }
                let id = "\(file)\u{0}\(Self.identity(field, path: wanted.path))"
                if groups[id] == nil { order.append(id) }
                groups[id, default: []].append(wanted)
            }
        }
        var plan = FixPlan()
        for id in order {
            guard let group = groups[id], let first = group.first else { continue }
            switch value(for: group) {
            case .none: continue
            case .conflict(let message):
                plan.conflicts.append(FixConflict(file: first.file, position: first.field.anchor.start, path: first.path,
                                                  message: message))
            case .some(let value):
                plan.fields.append(planned(group, value: value))
            }
        }
        checkDetectionBudget(&plan)
        return plan
    }

    enum Choice { case none, conflict(String), some(Int) }

    /// The value that satisfies every suggestion for one field.
    func value(for group: [Wanted]) -> Choice {
        let current = group[0].field.value
        var values = group.map(\.suggestion.value)
        if group.contains(where: \.requiresPositive) { values = values.map { max($0, 1) } }
        switch Self.choose(current: current, values) {
        case .conflict:
            let who = group.map { "\($0.rule) wants \($0.suggestion.value)" }.joined(separator: ", ")
            return .conflict("the suggestions conflict (\(who), now \(current.map(String.init) ?? "invalid"))")
        case .none:
            // Already at the suggested value; make a default explicit only where a 0 or absent value means "default".
            guard let current, !group[0].field.isWritten, group.contains(where: \.requiresPositive) else { return .none }
            return .some(current)
        case let choice: return choice
        }
    }

    /// One field's planned value from every value suggested for it: the largest raise, or
    /// the smallest cut; both at once are a conflict (its message is the caller's). Also
    /// what the lint report plans with (`CombinedFixes`), so that it says what `--fix` does.
    static func choose(current: Int?, _ values: [Int]) -> Choice {
        var choosing = Choosing(current: current)
        for value in values { choosing.add(value) }
        return choosing.choice
    }

    /// `choose`, fed one value at a time (no array: the lint report asks this for every probe
    /// that two findings fix).
    struct Choosing {
        let current: Int?
        private var largest: Int?, raise: Int?, cut: Int?

        init(current: Int?) { self.current = current }

        mutating func add(_ value: Int) {
            largest = max(largest ?? value, value)
            guard let current else { return }
            if value > current { raise = max(raise ?? value, value) }
            if value < current { cut = min(cut ?? value, value) }
        }

        var choice: Choice {
            guard current != nil else { return largest.map { .some($0) } ?? .none }
            if raise != nil && cut != nil { return .conflict("") }
            if let raise { return .some(raise) }
            if let cut { return .some(cut) }
            return .none  // already at the suggested value
        }
    }

    /// Why a change of `manifest`'s pod template does not reach its running pods, or nil: a
    /// ReplicationController and a bare ReplicaSet roll nothing; a StatefulSet or DaemonSet with
    /// `spec.updateStrategy.type: OnDelete` replaces a pod only when it is deleted. Read here, for
    /// the fixes of such an object only, not by the decoder for every object.
    static func keepsRunningPods(_ manifest: Manifest, in document: Document) -> String? {
        switch manifest.kind {
        case "ReplicationController", "ReplicaSet": return "no rollout replaces them"
        case "StatefulSet", "DaemonSet":
            guard let spec = document.lookup("spec", in: manifest.node)?.value, document.kind(spec) == .mapping,
                  let strategy = document.lookup("updateStrategy", in: spec)?.value, document.kind(strategy) == .mapping,
                  let type = document.lookup("type", in: strategy)?.value, document.kind(type) == .scalar,
                  document.string(type) == "OnDelete" else { return nil }
            return "updateStrategy OnDelete"
        default: return nil
        }
    }

    func planned(_ group: [Wanted], value: Int) -> PlannedField {
        let first = group[0]
        var rules: [RuleID] = []
        for w in group where !rules.contains(w.rule) { rules.append(w.rule) }
        var field = PlannedField(file: first.file, document: 0, path: first.path,
                                 object: first.object ?? ObjectRef(kind: "", name: ""),
                                 current: first.field, value: value, rules: rules, reasons: group.map(\.suggestion.reason),
                                 applicability: .displayOnly, why: nil, edit: nil, position: first.field.anchor.start,
                                 managedBy: nil)
        field.heldIn = first.suggestion.holderFile
        if group.allSatisfy({ $0.withheld != nil }) { field.withheld = first.withheld }
        field.setIn = first.suggestion.setIn
        for w in group.dropFirst() where w.path != first.path || w.object != first.object {
            guard let object = w.object, !field.otherUses.contains(where: { $0.path == w.path && $0.object == object }) else { continue }
            field.otherUses.append((w.path, object))
        }
        guard let source = sources[first.file], let located = source.locate(Self.anchor(first.field)) else {
            field.why = "\(first.file) is not among the inputs that read cleanly: set \(field.key): \(value) there"
            return field
        }
        field.document = located.document.document.index
        if first.object == nil, let ref = located.manifest?.ref { field.object = ref }
        if let manifest = located.manifest { field.runningPodsKept = Self.keepsRunningPods(manifest, in: located.document.document) }
        field.applicability = .safe
        let (edit, why) = Self.edit(first.field, key: field.key, value: value, in: source, document: located.document.document,
                                    object: located.manifest)
        field.edit = edit
        field.why = why
        if edit == nil { field.applicability = .displayOnly }
        // A display-only suggestion is shown, never applied (a Rook version that
        // ignores the field, a key Rook does not let us insert).
        // One the report marked for a place `--fix` cannot write (`FixReach`) has its reason in `why` already.
        if let shown = group.first(where: { $0.suggestion.displayOnly && $0.suggestion.unwritable == nil }) {
            field.edit = nil
            field.applicability = .displayOnly
            field.why = "to set by hand (\(shown.rule)): \(shown.suggestion.reason)"
            // A key that does not exist yet in a CR (no `probe:` mapping): what to paste, and where.
            if shown.suggestion.yaml != nil {
                field.why! += "; paste into \(field.object.objectNameOrRole): \(Suggestion.flowYAML(path: field.path, value: String(value)))"
            }
        }
        field.ignoredBecause = group.lazy.compactMap(\.suggestion.ignoredBecause).first
        if let owner = group.compactMap(\.managedBy).first {
            field.managedBy = owner
            // The largest value's: the one planned, unless a budget capped it.
            field.crChange = group.filter { $0.suggestion.crChange != nil }.max { $0.suggestion.value < $1.suggestion.value }?.suggestion.crChange
            field.applicability = .displayOnly
            field.why = "generated by Rook from \(owner.kind) \(owner.name), whose operator rewrites it: " + (field.ownerChange ?? "")
        }
        return field
    }

    /// The edit that writes `value` into `field`, or nil and the reason it cannot be done in place.
    static func edit(_ field: Field<Int>, key: String, value: Int, in source: FixSource, document: Document,
                     object: Manifest?) -> (Edit?, String?) {
        if let why = FixReach.unwritable(field, key: key, value: value, document: document, object: object,
                                         shared: source.shared[document.index] ?? []) {
            return (nil, why)
        }
        switch field {
        case .written(_, _, let valueRange), .invalid(_, _, let valueRange):
            // A tag (`!!int 1`) and an anchor no alias uses (`&t 1`) are kept; an anchor that an
            // alias uses shares the value, and `FixReach` has refused it above. So is a comment
            // between them and the scalar (`!!int  # why` with the value on the next line).
            // The non-specific tag (`! "5"`) goes with the value: kubectl reads any value under it
            // as a string, the new one too.
            var start = min(valueRange.start.offset, source.bytes.count)
            let end = min(valueRange.end.offset, source.bytes.count)
            var nonSpecific: Int?, tagName = "!"
            while start < end && (source.bytes[start] == UInt8(ascii: "&") || source.bytes[start] == UInt8(ascii: "!")) {
                let token = start
                while start < end && !Self.isBlank(source.bytes[start]) { start += 1 }
                if source.bytes[token] == UInt8(ascii: "!") {
                    switch NumberTag(source.bytes[token..<start]) {
                    case .number: break
                    case .string:
                        nonSpecific = token
                        tagName = String(decoding: source.bytes[token..<start], as: UTF8.self)
                    case .other:
                        let name = String(decoding: source.bytes[token..<start], as: UTF8.self)
                        return (nil, "\(key) is written with the tag \(name) (line \(valueRange.start.line)), which does not read as an integer: set \(key): \(value) by hand")
                    }
                }
                start = Self.pastBlanksAndComments(from: start, to: end, in: source.bytes)
            }
            if let tag = nonSpecific {
                // One edit from the tag to the value's end, unless an anchor or a comment is in it.
                let properties = source.bytes[valueRange.start.offset..<start]
                guard !properties.contains(UInt8(ascii: "#")) && !properties.contains(UInt8(ascii: "&")) else {
                    return (nil, "\(key) is written with the tag \(tagName) (line \(valueRange.start.line)), which keeps any value a string: remove the tag and set \(key): \(value) by hand")
                }
                return (Edit(bytes: tag..<max(start, end), replacement: String(value)), nil)
            }
            return (Edit(bytes: start..<max(start, end), replacement: String(value)), nil)
        case .defaulted(_, let at):
            // `FixReach` has refused a flow mapping, an empty one and an alias before the place.
            guard let lastKey = at.lastKey, let lastValue = at.lastValue else { return (nil, "set \(key): \(value) by hand") }
            if let written = document.defaultingEntry(key, besideLastKey: lastKey) {
                return inPlace(written, key: key, value: value, bytes: source.bytes)
            }
            guard let indent = indentation(of: lastKey, in: source.bytes), let node = document.node(at: lastValue) else {
                return (nil, "cannot tell the indentation at line \(lastKey.start.line): set \(key): \(value) by hand")
            }
            if let line = Splicer.openBlockScalar(endingAt: node, in: document, bytes: source.bytes) {
                return (nil, "the mapping ends in a block scalar (line \(line)) that ends the file with no line break: a line after it would add one to its text; end the file with a line break, or set \(key): \(value) by hand")
            }
            return (Splicer.insertion(key: key, value: value, indent: indent, after: node, in: document, bytes: source.bytes), nil)
        }
    }

    /// A tag written before a number, by what it makes of it: `!!int` and `!!float` (a whole float is
    /// that integer to the API server) keep a number; `!`, `!<!>` and `!!str` make any value a
    /// string, the new one too, so they go with the old value; any other (`!!bool`, `!!null`, a
    /// local `!x`) may not fit a number at all.
    enum NumberTag {
        case number, string, other

        init(_ token: ArraySlice<UInt8>) {
            func equals(_ text: String) -> Bool { token.elementsEqual(text.utf8) }
            if equals("!!int") || equals("!!float") || equals("!<tag:yaml.org,2002:int>") || equals("!<tag:yaml.org,2002:float>") {
                self = .number
            } else if equals("!") || equals("!<!>") || equals("!!str") || equals("!<tag:yaml.org,2002:str>") {
                self = .string
            } else {
                self = .other
            }
        }
    }

    /// The edit for a key written with a value Kubernetes reads as the default (`timeoutSeconds:`,
    /// `~`, `null`, or a 0 that `ProbeDefaults.zeroMeansDefault`, `Document.defaultingEntry`):
    /// the value is written in its place, not inserted as a second key.
    static func inPlace(_ entry: (key: SourceRange, value: SourceRange), key: String, value: Int,
                        bytes: [UInt8]) -> (Edit?, String?) {
        let start = min(entry.value.start.offset, bytes.count), end = min(entry.value.end.offset, bytes.count)
        if start < end {
            // `null`, `~` or `0`: replaced, unless a tag or an anchor comes with it.
            guard bytes[start] != UInt8(ascii: "!") && bytes[start] != UInt8(ascii: "&") else {
                return (nil, "\(key) is written with a tag or an anchor (line \(entry.key.start.line)): set \(key): \(value) by hand")
            }
            return (Edit(bytes: start..<end, replacement: String(value)), nil)
        }
        // Nothing written after the colon: the value goes right after it (libyaml places an
        // empty value where the next token starts, which may be lines further on).
        var colon = min(entry.key.end.offset, bytes.count)
        while colon < bytes.count && (bytes[colon] == 0x20 || bytes[colon] == 0x09) { colon += 1 }
        guard colon < bytes.count, bytes[colon] == UInt8(ascii: ":") else {
            return (nil, "cannot find the colon after \(key) (line \(entry.key.start.line)): set \(key): \(value) by hand")
        }
        return (Edit(bytes: colon + 1..<colon + 1, replacement: " \(value)"), nil)
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// The offset of the first byte from `start` that is neither blank nor in a comment: after a
    /// node's tag or anchor, a `#` (blank before it) starts a comment that runs to the line's end.
    static func pastBlanksAndComments(from start: Int, to end: Int, in bytes: [UInt8]) -> Int {
        var at = start
        while at < end {
            if isBlank(bytes[at]) {
                at += 1
            } else if bytes[at] == UInt8(ascii: "#") {
                while at < end && bytes[at] != 0x0A && bytes[at] != 0x0D { at += 1 }
            } else {
                break
            }
        }
        return at
    }

    /// The key's column in bytes when only spaces and a sequence dash precede it on its line.
    static func indentation(of key: SourceRange, in bytes: [UInt8]) -> Int? {
        var start = min(key.start.offset, bytes.count)
        while start > 0 && bytes[start - 1] != 0x0A && bytes[start - 1] != 0x0D { start -= 1 }
        guard bytes[start..<min(key.start.offset, bytes.count)].allSatisfy({ $0 == 0x20 || $0 == 0x2D }) else { return nil }
        return key.start.offset - start
    }

    /// W_max = F * P + T of a liveness probe with its planned values must stay within the budget,
    /// and a changed failureThreshold (raised or cut) of any probe whose timeout or period changes waits for them.
    func checkDetectionBudget(_ plan: inout FixPlan) {
        // A probe is its file, document and path: two objects of a file share their paths.
        struct ProbeKey: Hashable { var file: String, document: Int, path: String }
        var order: [ProbeKey] = []
        var probes: [ProbeKey: [Int]] = [:]
        for (i, field) in plan.fields.enumerated() where field.applicability == .safe {
            let key = ProbeKey(file: field.file, document: field.document, path: String(field.path.dropLast(field.key.count + 1)))
            if probes[key] == nil { order.append(key) }
            probes[key, default: []].append(i)
        }
        var dropped: Set<Int> = []
        for key in order {
            guard let indices = probes[key] else { continue }
            let field = plan.fields[indices[0]]
            guard let source = sources[field.file], let object = source.locate(Self.anchor(field.current))?.manifest else { continue }
            guard let probe = object.probe(at: key.path) else {
                // A probe Rook renders from its CR is in no pod spec: the lint report planned its
                // fixes as below (`CombinedFixes.annotate`), and what it withheld is not written
                // now: a threshold waits for the next round, and fixes that break the budget
                // together are a conflict. They had all been written at once, the threshold
                // computed with the old timeout and period.
                let withheld = indices.filter { plan.fields[$0].withheld != nil }
                if withheld.count == indices.count, let note = plan.fields[indices[0]].withheld, note.hasPrefix(CombinedFixes.appliesNone) {
                    plan.conflicts.append(FixConflict(file: field.file, position: field.position, path: key.path,
                                                      message: String(note.dropFirst(CombinedFixes.appliesNone.count))))
                }
                dropped.formUnion(withheld)
                continue
            }
            guard let timing = probe.timing else { continue }
            let before = timing.killWindowMax
            let budget = fileOptions[field.file] ?? options
            func planned(_ subset: [Int]) -> ProbeTiming {
                var planned = timing
                for i in subset {
                    if let field = ProbeField(rawValue: plan.fields[i].key) { planned[field: field] = plan.fields[i].value }
                }
                return planned
            }
            func over(_ subset: [Int]) -> String? {
                guard probe.kind == .liveness else { return nil }
                return Self.overBudget(subset.map { plan.fields[$0].change }, before: before, after: planned(subset), budget)
            }
            // A changed failureThreshold was computed with the probe's old timing (PL105's raise,
            // PL104's cut: with the old timeout and period). When the probe's timeout or period
            // changes too, and the other values fit on their own, they are written this round and
            // the threshold is computed again with them in the next (`Fixer`'s rounds): PL104's
            // cut with PL101's longer period had put the earliest kill below the startup time.
            let thresholds = indices.filter { plan.fields[$0].key == ProbeField.failureThreshold.rawValue }
            let retimed = indices.contains { Self.retimes(plan.fields[$0].key) }
            if !thresholds.isEmpty, retimed, over(indices.filter { !thresholds.contains($0) }) == nil {
                dropped.formUnion(thresholds)
                continue
            }
            let raises = Self.thresholdRaises(indices, plan.fields)
            let rest = indices.filter { !raises.contains($0) }
            guard let overBudget = over(indices) else { continue }
            if !raises.isEmpty, !rest.isEmpty, over(rest) == nil {
                dropped.formUnion(raises)
                continue
            }
            plan.conflicts.append(FixConflict(file: field.file, position: field.position, path: key.path,
                                              message: overBudget))
            dropped.formUnion(indices)
        }
        plan.fields = plan.fields.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
    }

    /// Whether a field of that key changes when a probe's failures start: its timeout or period.
    static func retimes(_ key: String) -> Bool {
        key == ProbeField.timeoutSeconds.rawValue || key == ProbeField.periodSeconds.rawValue
    }

    /// The fields among `indices` that raise failureThreshold.
    static func thresholdRaises(_ indices: [Int], _ fields: [PlannedField]) -> [Int] {
        indices.filter { fields[$0].key == ProbeField.failureThreshold.rawValue && fields[$0].value > (fields[$0].current.value ?? 0) }
    }

    /// Why a liveness probe's planned values are not applied, when together they put W_max above
    /// the detection budget (and above what it was): `together the suggested values (...) make
    /// W_max = 303 s, above the 300 s detection budget`. Nil when they keep within it.
    static func overBudget(_ changes: [String], before: Double, after timing: ProbeTiming, _ options: ModelOptions) -> String? {
        guard breaksBudget(before: before, after: timing, options) else { return nil }
        let budget = options.detectionBudget.value
        return "together the suggested values (\(changes.joined(separator: ", "))) make W_max = \(Format.number(timing.killWindowMax)) s, above the \(Format.number(budget)) s detection budget"
    }

    /// Whether `timing`'s W_max is above the detection budget and above `before`, the present one:
    /// `overBudget`'s test, without its text.
    static func breaksBudget(before: Double, after timing: ProbeTiming, _ options: ModelOptions) -> Bool {
        timing.killWindowMax > options.detectionBudget.value && timing.killWindowMax > before
    }

    /// One field's edits: a written value by its place; an unwritten one by the mapping it goes
    /// into and its key, so that a probe two containers share through an alias is one edit.
    /// A field whose mapping is not written (a Rook CR without its `healthCheck`: every probe's
    /// fields are placed at `spec:`) goes by its whole path: by its key alone, the mon's, mgr's and
    /// osd's timeoutSeconds were one, and only the first was shown.
    static func identity(_ field: Field<Int>, path: String) -> String {
        switch field {
        case .written(_, _, let value), .invalid(_, _, let value): return "v\(value.start.offset)"
        case .defaulted(_, let at) where at.lastKey == nil: return "i\(at.parentKey.start.offset).\(path)"
        case .defaulted(_, let at): return "i\(at.parentKey.start.offset).\(path.split(separator: ".").last ?? "")"
        }
    }

    static func anchor(_ field: Field<Int>) -> Int { anchorPosition(field).offset }

    static func anchorPosition(_ field: Field<Int>) -> SourcePosition {
        switch field {
        case .written(_, let key, _), .invalid(_, let key, _): return key.start
        case .defaulted(_, let at): return at.parentKey.start
        }
    }
}
