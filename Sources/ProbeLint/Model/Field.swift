/// Where a field that a manifest does not write would be inserted: after the
/// last entry of its parent mapping, at that entry's key column.
public struct Insertion: Sendable, Equatable {
    /// The key of the parent (for example `livenessProbe:`), where findings about
    /// an absent field point.
    public var parentKey: SourceRange
    /// The last entry of the parent mapping, if it has one: its key's column is
    /// the indentation, its value's end the insertion point.
    public var lastKey: SourceRange?
    public var lastValue: SourceRange?
    /// True when the parent is a flow mapping (`{...}`) or JSON.
    public var isFlow: Bool
    /// The written `0` of a field the API server gives its default for 0
    /// (`timeoutSeconds: 0`, `ProbeDefaults.zeroMeansDefault`): the field is the default, and
    /// findings about it point at that 0, where an ignore comment on its line reaches them.
    public var writtenZero: SourceRange?

    public init(parentKey: SourceRange, lastKey: SourceRange?, lastValue: SourceRange?, isFlow: Bool,
                writtenZero: SourceRange? = nil) {
        self.parentKey = parentKey
        self.lastKey = lastKey
        self.lastValue = lastValue
        self.isFlow = isFlow
        self.writtenZero = writtenZero
    }
}

/// A field of the typed model with its provenance: written in the manifest
/// (and where), defaulted by Kubernetes (and where it would go), or written
/// with a value the API server would reject.
///
/// An invalid value keeps its node, not its text: the text is made from the
/// document when a message or a fix needs it (`Document.asWritten`). With a String
/// in a case, every copy of a field retained it and every probe's six fields were
/// destroyed through the enum's value witnesses; without one, a field of a trivial
/// `Value` is plain bytes.
public enum Field<Value: Sendable & Equatable>: Sendable, Equatable {
    case written(Value, key: SourceRange, value: SourceRange)
    case defaulted(Value, at: Insertion)
    /// `written` is the value's node in the field's document.
    case invalid(written: NodeID, key: SourceRange, value: SourceRange)

    /// The value Kubernetes would use; nil when the written value is invalid.
    public var value: Value? {
        switch self {
        case .written(let v, _, _), .defaulted(let v, _): return v
        case .invalid: return nil
        }
    }

    public var isWritten: Bool {
        if case .defaulted = self { return false }
        return true
    }

    /// The value as the manifest writes it, valid or not; nil when the field is not written.
    public var writtenValue: SourceRange? {
        switch self {
        case .written(_, _, let value), .invalid(_, _, let value): return value
        case .defaulted: return nil
        }
    }

    /// The key of a written field, valid or not; nil when the field is not written.
    public var writtenKey: SourceRange? {
        switch self {
        case .written(_, let key, _), .invalid(_, let key, _): return key
        case .defaulted: return nil
        }
    }

    /// Where a finding about this field points: the value if written (a 0 read as the
    /// default too), else the parent key.
    public var anchor: SourceRange {
        switch self {
        case .written(_, _, let value), .invalid(_, _, let value): return value
        case .defaulted(_, let at): return at.writtenZero ?? at.parentKey
        }
    }

    /// Written as a 0 that the API server replaces with the default (`Insertion.writtenZero`).
    public var isWrittenZero: Bool {
        if case .defaulted(_, let at) = self { return at.writtenZero != nil }
        return false
    }
}
