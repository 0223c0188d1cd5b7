/// A label selector as `kubectl -l` takes it (`app=rgw`, `tier in (web,api)`, `!canary`,
/// `rank>2`), parsed and matched as Kubernetes' `labels.Parse` does
/// (k8s.io/apimachinery/pkg/labels/selector.go): requirements joined by commas, all of
/// which must hold. `!=` and `notin` also hold for an object without the key; `>` and `<`
/// compare integers and hold for no value that is not one. An empty selector selects all.
///
/// Parse errors are kubectl's own words (`LabelSelectorParser`), so that `-l` says the same
/// of a selector for files as kubectl says of it for live objects.
public struct LabelSelector: Sendable, Equatable {
    public enum Operator: String, Sendable {
        case exists, doesNotExist, equals, notEquals, `in`, notIn, greaterThan, lessThan
    }

    public struct Requirement: Sendable, Equatable {
        public var key: String
        public var op: Operator
        /// Sorted by their bytes and without repeats, as Kubernetes keeps them.
        public var values: [String]
    }

    public var requirements: [Requirement]

    /// Parses `text`; throws `LabelSelector.ParseError` with kubectl's message.
    public init(parsing text: String) throws {
        do {
            var parser = LabelSelectorParser(text)
            requirements = try parser.parse()
        } catch var error as ParseError {
            error.selector = text
            throw error
        }
    }

    /// Whether an object with these labels is selected.
    public func matches(_ labels: Labels) -> Bool {
        requirements.allSatisfy { $0.matches(labels[$0.key]) }
    }

    /// A selector kubectl refuses, described in kubectl's words.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What kubectl prints after `the provided selector "…" is not valid: `.
        public var message: String
        public var selector = ""

        init(message: String) { self.message = message }

        public var description: String { "the provided selector \(LabelSyntax.quoted(selector)) is not valid: \(message)" }
    }
}

extension LabelSelector.Requirement {
    /// Whether the requirement holds for an object whose label `key` is `value` (nil: no such label).
    func matches(_ value: String?) -> Bool {
        switch op {
        case .exists: return value != nil
        case .doesNotExist: return value == nil
        case .equals, .in: return value.map(values.contains) ?? false
        case .notEquals, .notIn: return value.map { !values.contains($0) } ?? true
        case .greaterThan, .lessThan:
            // Go's strconv.ParseInt(s, 10, 64), which Int64(_:) follows (an optional sign, digits).
            guard let value, let have = Int64(value), values.count == 1, let bound = Int64(values[0]) else { return false }
            return op == .greaterThan ? have > bound : have < bound
        }
    }
}
