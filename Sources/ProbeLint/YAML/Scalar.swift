/// A scalar resolved the way Kubernetes' YAML decoder (YAML 1.1 style, then
/// JSON) reads it: quoted scalars and `!!str` are strings, plain ones may be
/// null, bool, int or float.
public enum ScalarValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    /// An integer that does not fit in 64 bits.
    case bigInt(String)
    case float(Double)
    case string(String)

    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .bigInt: return "integer"
        case .float: return "float"
        case .string: return "string"
        }
    }
}

extension Document {
    public func scalarValue(_ id: NodeID) -> ScalarValue {
        let text = string(id)
        switch tag(id) {
        case "tag:yaml.org,2002:str": return .string(text)
        case "tag:yaml.org,2002:int": return Self.resolveInt(text) ?? .string(text)
        case "tag:yaml.org,2002:float": return Double(text).map(ScalarValue.float) ?? .string(text)
        case nil, "!": break
        default: if tag(id)?.hasPrefix("tag:yaml.org,2002:") == false { return .string(text) }
        }
        guard style(id) == .plain else { return .string(text) }
        return Self.resolvePlain(text)
    }

    static func resolvePlain(_ text: String) -> ScalarValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y": return .bool(true)
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N": return .bool(false)
        default: break
        }
        if let int = resolveInt(text) { return int }
        if let float = resolveFloat(text) { return .float(float) }
        return .string(text)
    }

    static func resolveInt(_ text: String) -> ScalarValue? {
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        }
        var radix = 10
        if body.hasPrefix("0x") { radix = 16; body = body.dropFirst(2) }
        else if body.hasPrefix("0o") { radix = 8; body = body.dropFirst(2) }
        body = Substring(body.filter { $0 != "_" })
        guard !body.isEmpty, body.allSatisfy({ $0.isHexDigit }), radix == 16 || body.allSatisfy({ $0.isNumber }) else { return nil }
        guard let magnitude = UInt64(body, radix: radix) else { return .bigInt(text) }
        if negative {
            return magnitude <= UInt64(Int.max) + 1 ? .int(magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)) : .bigInt(text)
        }
        return magnitude <= UInt64(Int.max) ? .int(Int(magnitude)) : .bigInt(text)
    }

    static func resolveFloat(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        guard let first = text.first, first.isNumber || first == "-" || first == "+" || first == "." else { return nil }
        guard text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) else { return nil }
        return Double(text.filter { $0 != "_" })
    }
}
