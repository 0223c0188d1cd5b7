/// Where `--fix` cannot write a suggested value in place, told from the document alone: a
/// value from a merge key or an alias, a JSON or flow mapping to insert into, a block that an
/// alias uses again. `FixPlanner.edit` asks this first; the lint report asks it too
/// (`annotate`), so that a fix `--fix` will not write is shown display-only there as well. The
/// checks that need the file's bytes (an anchored scalar, the indentation) are the planner's.
enum FixReach {
    /// Why `field` cannot be written in place, or nil. `shared`: the text of each mapping or
    /// list that an alias or merge key uses again. `key` is made only for a reason (most fields
    /// are writable, and a field's name of 16 bytes or more is a heap string).
    static func unwritable(_ field: Field<Int>, key: @autoclosure () -> String, value: Int, document: Document, object: Manifest?,
                           shared: [SourceRange]) -> String? {
        func sharedBlock(_ keyRange: SourceRange) -> String? {
            let offset = keyRange.start.offset
            guard let block = shared.first(where: { $0.start.offset <= offset && offset < $0.end.offset }) else { return nil }
            let key = key()
            return "\(key) is inside the block at line \(block.start.line) that an alias or a merge key (<<) brings in: editing it there changes every use of it, not this object's own field; give this use its own copy and set \(key): \(value) there"
        }
        switch field {
        case .written(_, let keyRange, let valueRange), .invalid(_, let keyRange, let valueRange):
            if let object, keyRange.start.offset < object.range.start.offset || keyRange.start.offset > object.range.end.offset {
                return "\(key()) comes from a merge key outside the object (line \(keyRange.start.line)): editing it would change every object that merges it"
            }
            if valueRange.start.offset < keyRange.end.offset {
                return "\(key()) is an alias (line \(keyRange.start.line)): editing its anchor would change every use of it"
            }
            // The anchored value itself, which an alias uses again (`&t 1` and `*t`).
            if shared.contains(valueRange) {
                return "\(key()) is anchored (line \(keyRange.start.line)): its aliases share the value; set \(key()): \(value) by hand"
            }
            return sharedBlock(keyRange)
        case .defaulted(_, let at):
            func here() -> String { "set \(key()): \(value) by hand" }
            if at.isFlow {
                // A key written with a value Kubernetes reads as the default is written over in
                // place, in a flow mapping or JSON too (`"timeoutSeconds": null`): nothing is inserted.
                if let lastKey = at.lastKey, let lastValue = at.lastValue, lastValue.start.offset >= lastKey.end.offset,
                   document.defaultingEntry(key(), besideLastKey: lastKey) != nil {
                    return sharedBlock(lastKey)
                }
                return document.isFlowStream
                    ? "JSON input: probelint does not insert into JSON; \(here()), or use -o patch"
                    : "the mapping at line \(at.parentKey.start.line) is a flow mapping ({...}): \(here())"
            }
            // A block mapping: written over in place or inserted into, both at its last key.
            guard let lastKey = at.lastKey, let lastValue = at.lastValue else {
                return "the mapping at line \(at.parentKey.start.line) is empty: \(here())"
            }
            if lastValue.start.offset < lastKey.end.offset {
                return "the last entry before the insertion point is an alias (line \(lastKey.start.line)): \(here())"
            }
            return sharedBlock(lastKey)
        }
    }

    /// Marks display-only the fixes of one object's findings, `findings[first...]`, that `--fix`
    /// would not write where they are (`Suggestion.unwritable` says why). `shared`: the blocks
    /// that aliases share in the object's document, found when first needed (nil) and kept by
    /// the caller for the document's other objects; a document without an alias has none ([]).
    static func annotate(_ findings: inout [Finding], from first: Int, _ object: ObjectContext, shared: inout [SourceRange]?) {
        let document = object.document
        for i in first..<findings.endIndex {
            for j in findings[i].suggestions.indices where !findings[i].suggestions[j].displayOnly && findings[i].suggestions[j].target == nil {
                if shared == nil { shared = document.sharedNodes().map(document.range) }
                guard let why = unwritable(findings[i].suggestions[j].current, key: findings[i].suggestions[j].field.rawValue,
                                           value: findings[i].suggestions[j].value, document: document, object: object.manifest,
                                           shared: shared ?? []) else { continue }
                findings[i].suggestions[j].displayOnly = true
                findings[i].suggestions[j].unwritable = why
            }
            holdTogether(&findings[i])
        }
    }

    /// A finding's fixes go together (PL101's timeout and the period that makes room for it):
    /// one that cannot be written holds the others back, or the timeout alone would be longer
    /// than the period, or over the budget.
    static func holdTogether(_ finding: inout Finding) {
        guard finding.suggestions.count > 1, let held = finding.suggestions.first(where: { $0.unwritable != nil }) else { return }
        for j in finding.suggestions.indices where !finding.suggestions[j].displayOnly {
            finding.suggestions[j].displayOnly = true
            finding.suggestions[j].reason += "; with \(held.field.rawValue) \(held.value), which --fix cannot write here"
        }
    }
}
