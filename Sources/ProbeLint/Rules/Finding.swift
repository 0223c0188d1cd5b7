/// One line of a finding's explanation.
public struct Note: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case input, derived, note
    }

    public var kind: Kind
    public var text: String
    /// Machine-readable name and value for JSON (`E`, 70, `s`).
    public var name: String?
    public var value: Double?
    public var unit: String?
    public var origin: String?

    public init(_ kind: Kind, _ text: String, name: String? = nil, value: Double? = nil, unit: String? = nil,
                origin: String? = nil) {
        self.kind = kind
        self.text = text
        self.name = name
        self.value = value
        self.unit = unit
        self.origin = origin
    }
}

/// A suggested value for one integer field of a probe or pod.
public struct Suggestion: Sendable, Equatable {
    public var field: ProbeField
    /// Full dotted path of the field in its object.
    public var path: String
    public var current: Field<Int>
    public var value: Int
    public var reason: String
}

public struct Finding: Sendable {
    public var rule: RuleID
    public var severity: Severity
    public var message: String
    public var file: String
    public var range: SourceRange
    public var object: ObjectRef
    public var notes: [Note]
    public var suggestions: [Suggestion]
    /// Dotted path of the field the finding points at, relative to its object
    /// (`spec.template.spec.containers[0].livenessProbe.timeoutSeconds`); the
    /// Linter fills it in. Findings on live objects have no file to point into.
    public var path: String?

    public init(rule: RuleID, severity: Severity, message: String, file: String, range: SourceRange,
                object: ObjectRef, notes: [Note] = [], suggestions: [Suggestion] = [], path: String? = nil) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.file = file
        self.range = range
        self.object = object
        self.notes = notes
        self.suggestions = suggestions
        self.path = path
    }

    /// Report order: file, position, rule.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.range.start.offset != b.range.start.offset { return a.range.start.offset < b.range.start.offset }
        return a.rule < b.rule
    }
}
