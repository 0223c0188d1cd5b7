/// Kubernetes' label selector lexer and parser (k8s.io/apimachinery/pkg/labels/selector.go,
/// `Lexer` and `Parser`), step for step, with its error messages word for word: kubectl prints
/// them for `-l`, and the tests compare ours with the real kubectl's.
struct LabelSelectorParser {
    enum Token: Equatable {
        case end, identifier, closePar, comma, bang, doubleEquals, equals, greaterThan, `in`, lessThan, notEquals, notIn, openPar
    }

    /// Whether `in` and `notin` are keywords (after a key) or plain identifiers (everywhere else).
    enum Context { case keyAndOperator, values }

    private var items: [(token: Token, literal: String)] = []
    private var position = 0

    init(_ text: String) {
        var lexer = Lexer(bytes: Array(text.utf8))
        while true {
            let item = lexer.next()
            items.append(item)
            if item.token == .end { break }
        }
    }

    typealias Requirement = LabelSelector.Requirement
    typealias ParseError = LabelSelector.ParseError

    mutating func parse() throws -> [Requirement] {
        var requirements: [Requirement] = []
        while true {
            let (token, literal) = lookahead(.values)
            switch token {
            case .identifier, .bang:
                do {
                    requirements.append(try parseRequirement())
                } catch let error as ParseError {
                    throw ParseError(message: "unable to parse requirement: " + error.message)
                }
                let (next, nextLiteral) = consume(.values)
                switch next {
                case .end: return requirements
                case .comma:
                    let (after, afterLiteral) = lookahead(.values)
                    if after != .identifier && after != .bang {
                        throw ParseError(message: "found '\(afterLiteral)', expected: identifier after ','")
                    }
                default:
                    throw ParseError(message: "found '\(nextLiteral)', expected: ',' or 'end of string'")
                }
            case .end:
                return requirements
            default:
                throw ParseError(message: "found '\(literal)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    private func lookahead(_ context: Context) -> (Token, String) {
        let item = items[position]
        if context == .values, item.token == .in || item.token == .notIn { return (.identifier, item.literal) }
        return item
    }

    private mutating func consume(_ context: Context) -> (Token, String) {
        let item = lookahead(context)
        if position < items.count - 1 { position += 1 }
        return item
    }

    private mutating func parseRequirement() throws -> Requirement {
        var (token, key) = consume(.values)
        var op: LabelSelector.Operator?
        if token == .bang {
            op = .doesNotExist
            (token, key) = consume(.values)
        }
        guard token == .identifier else { throw ParseError(message: "found '\(key)', expected: identifier") }
        if let error = LabelSyntax.keyError(key) { throw ParseError(message: "<nil>: " + error) }
        let (next, _) = lookahead(.values)
        if op == nil, next == .end || next == .comma { op = .exists }
        if let op { return Requirement(key: key, op: op, values: []) }

        let (opToken, opLiteral) = consume(.keyAndOperator)
        let values: [String]
        switch opToken {
        case .in: op = .in; values = try parseValues()
        case .notIn: op = .notIn; values = try parseValues()
        case .equals, .doubleEquals: op = .equals; values = try parseExactValue()
        case .notEquals: op = .notEquals; values = try parseExactValue()
        case .greaterThan: op = .greaterThan; values = try parseExactValue()
        case .lessThan: op = .lessThan; values = try parseExactValue()
        default: throw ParseError(message: "found '\(opLiteral)', expected: in, notin, =, ==, !=, gt, lt")
        }
        let sorted = Array(Set(values)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let requirement = Requirement(key: key, op: op!, values: sorted)
        if let error = Self.validate(requirement) { throw ParseError(message: error) }
        return requirement
    }

    /// `NewRequirement`'s checks of the values, as its aggregated error reads.
    private static func validate(_ requirement: Requirement) -> String? {
        var errors: [String] = []
        if requirement.op == .greaterThan || requirement.op == .lessThan {
            for (i, value) in requirement.values.enumerated() where Int64(value) == nil {
                errors.append("values[\(i)]: Invalid value: \(LabelSyntax.quoted(value)): for 'Gt', 'Lt' operators, the value must be an integer")
            }
        }
        for (i, value) in requirement.values.enumerated() {
            if let error = LabelSyntax.valueError(value) {
                errors.append("values[\(i)][\(requirement.key)]: " + error)
            }
        }
        var seen: Set<String> = []
        errors = errors.filter { seen.insert($0).inserted }
        if errors.isEmpty { return nil }
        return errors.count == 1 ? errors[0] : "[" + errors.joined(separator: ", ") + "]"
    }

    private mutating func parseValues() throws -> [String] {
        let (token, literal) = consume(.values)
        guard token == .openPar else { throw ParseError(message: "found '\(literal)' expected: '('") }
        let (next, nextLiteral) = lookahead(.values)
        switch next {
        case .identifier, .comma:
            let values = try parseIdentifiersList()
            if consume(.values).0 != .closePar { throw ParseError(message: "found '\(nextLiteral)', expected: ')'") }
            return values
        case .closePar:
            _ = consume(.values)
            return [""]
        default:
            throw ParseError(message: "found '\(nextLiteral)', expected: ',', ')' or identifier")
        }
    }

    private mutating func parseIdentifiersList() throws -> [String] {
        var values: [String] = []
        while true {
            let (token, literal) = consume(.values)
            switch token {
            case .identifier:
                values.append(literal)
                let (next, nextLiteral) = lookahead(.values)
                switch next {
                case .comma: continue
                case .closePar: return values
                default: throw ParseError(message: "found '\(nextLiteral)', expected: ',' or ')'")
                }
            case .comma:
                // "(," and ",)" and ",," stand for an empty value.
                if values.isEmpty { values.append("") }
                let (next, _) = lookahead(.values)
                if next == .closePar { values.append(""); return values }
                if next == .comma { _ = consume(.values); values.append("") }
            default:
                throw ParseError(message: "found '\(literal)', expected: ',', or identifier")
            }
        }
    }

    private mutating func parseExactValue() throws -> [String] {
        let (next, _) = lookahead(.values)
        if next == .end || next == .comma { return [""] }
        let (token, literal) = consume(.values)
        guard token == .identifier else { throw ParseError(message: "found '\(literal)', expected: identifier") }
        return [literal]
    }

    /// Go's `Lexer`: bytes, whitespace between tokens, the longest special symbol that is a token.
    struct Lexer {
        let bytes: [UInt8]
        var index = 0

        static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        static func isSpecial(_ byte: UInt8) -> Bool { "=!(),><".utf8.contains(byte) }

        static func symbol(_ text: [UInt8]) -> Token? {
            switch String(decoding: text, as: UTF8.self) {
            case ")": return .closePar
            case ",": return .comma
            case "!": return .bang
            case "==": return .doubleEquals
            case "=": return .equals
            case ">": return .greaterThan
            case "<": return .lessThan
            case "!=": return .notEquals
            case "(": return .openPar
            default: return nil
            }
        }

        mutating func next() -> (token: Token, literal: String) {
            while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
            guard index < bytes.count else { return (.end, "") }
            if Self.isSpecial(bytes[index]) {
                // Every special byte alone is a token, so the first always matches.
                var buffer: [UInt8] = []
                var last: (token: Token, literal: String)?
                while index < bytes.count, Self.isSpecial(bytes[index]) {
                    buffer.append(bytes[index])
                    if let token = Self.symbol(buffer) {
                        last = (token, String(decoding: buffer, as: UTF8.self))
                        index += 1
                    } else {
                        break
                    }
                }
                return last!
            }
            let start = index
            while index < bytes.count, !Self.isWhitespace(bytes[index]), !Self.isSpecial(bytes[index]) { index += 1 }
            let literal = String(decoding: bytes[start..<index], as: UTF8.self)
            switch literal {
            case "in": return (.in, literal)
            case "notin": return (.notIn, literal)
            default: return (.identifier, literal)
            }
        }
    }
}
