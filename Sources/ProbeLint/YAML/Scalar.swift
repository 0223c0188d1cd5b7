/// A scalar resolved the way Kubernetes' YAML decoder (YAML 1.1 style, then
/// JSON) reads it: quoted scalars and `!!str` are strings, plain ones may be
/// null, bool, int or float, and `!!int`, `!!float`, `!!bool` and `!!null` read
/// the text as that type in any style. A whole float is an integer, as it is in
/// the JSON the API server gets (`jsonNumber`).
public enum ScalarValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    /// An integer that does not fit in 64 bits.
    case bigInt(String)
    case float(Double)
    case string(String)

    /// An integer or a float.
    var isNumber: Bool {
        switch self {
        case .int, .bigInt, .float: return true
        case .null, .bool, .string: return false
        }
    }

    var isString: Bool {
        if case .string = self { return true }
        return false
    }

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
    /// A resolved tag as YAML writes it: `!!str` for `tag:yaml.org,2002:str`, any other as it is
    /// (`!`, a local `!x`), for messages.
    static func shorthand(tag: String) -> String {
        tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
    }

    public func scalarValue(_ id: NodeID) -> ScalarValue {
        let node = nodes[Int(id.index)]
        if node.tag == 0 && node.style == .plain && node.kind == .scalar {
            return Self.resolvePlain(scalarBytes(node))
        }
        let text = string(id)
        switch tag(id) {
        case "tag:yaml.org,2002:str": return .string(text)
        case "tag:yaml.org,2002:int": return Self.resolveInt(text) ?? .string(text)
        case "tag:yaml.org,2002:float":
            // go-yaml reads the text as untagged, then takes any number as a float.
            switch Self.resolvePlain(text) {
            case let number where number.isNumber: return number
            default: return .string(text)
            }
        // Explicit tags resolve the text whatever its style (`!!bool "false"` is false, as
        // canonical YAML writes it); text the tag cannot hold stays a string, as go-yaml
        // refuses it.
        case "tag:yaml.org,2002:bool":
            if case .bool = Self.resolvePlain(text) { return Self.resolvePlain(text) }
            return .string(text)
        case "tag:yaml.org,2002:null": return Self.resolvePlain(text) == .null ? .null : .string(text)
        // The non-specific tag (`! 5`, `!<!> 5`): go-yaml v2, kubectl's reader, resolves no
        // tag it does not know, so the text stays a string (the API server refuses "5").
        case "!": return .string(text)
        case nil: break
        default: if tag(id)?.hasPrefix("tag:yaml.org,2002:") == false { return .string(text) }
        }
        guard style(id) == .plain else { return .string(text) }
        return Self.resolvePlain(text)
    }

    /// The integer of a plain, untagged scalar of at most 18 decimal digits, signed or not
    /// (how nearly every number is written), read from its bytes; nil for any other node,
    /// which `scalarValue` resolves. `scalarValue` reads such a scalar the same way, first
    /// (`resolvePlain`).
    @inline(__always)
    func plainDecimal(_ id: NodeID) -> Int? {
        let node = nodes[Int(id.index)]
        guard node.kind == .scalar && node.style == .plain && node.tag == 0 else { return nil }
        return Self.decimal(scalarBytes(node))
    }

    /// True for a scalar that resolves to null (plain `~`, `null` or empty, or tagged
    /// `!!null`), without building a String in the common untagged case.
    public func isNull(_ id: NodeID) -> Bool {
        let node = nodes[Int(id.index)]
        guard Self.mayBeNull(node) else { return false }
        guard node.tag == 0 else { return scalarValue(id) == .null }
        // By length first: the decoder asks this of nearly every value it reads.
        switch node.payloadCount {
        case 0: return true
        case 1: return text[Int(node.payloadStart)] == UInt8(ascii: "~")
        case 4:
            guard text[Int(node.payloadStart)] | 0x20 == UInt8(ascii: "n") else { return false }
            let bytes = scalarBytes(node)
            return bytes.elementsEqual("null".utf8) || bytes.elementsEqual("Null".utf8) || bytes.elementsEqual("NULL".utf8)
        default: return false
        }
    }

    /// False for a node `isNull` rules out by its kind, tag, style and length alone (nearly
    /// every value): a caller with the node at hand calls `isNull` only when this is true.
    @inline(__always)
    static func mayBeNull(_ node: NodeData) -> Bool {
        node.kind == .scalar && (node.tag != 0 || (node.style == .plain && (node.payloadCount <= 1 || node.payloadCount == 4)))
    }

    /// The scalar's bytes, read while the document lives.
    func scalarBytes(_ node: NodeData) -> UnsafeBufferPointer<UInt8> {
        let start = Int(node.payloadStart)
        return text[start..<start + Int(node.payloadCount)]
    }

    /// Whether a scalar reads as a string (`scalarValue` is `.string`), decided without making
    /// the String in the common cases: an untagged quoted scalar, or a plain one whose first
    /// byte rules out null, bool and number (`mayBeSpecial`). The decoder asks it of every word
    /// of every container's command and args.
    func isStringScalar(_ id: NodeID) -> Bool {
        let node = nodes[Int(id.index)]
        guard node.kind == .scalar else { return false }
        if node.tag == 0 {
            if node.style != .plain { return true }
            let bytes = scalarBytes(node)
            guard let first = bytes.first else { return false }  // empty: null
            if first >= 0x80 || !Self.mayBeSpecial[Int(first)] { return true }
            // A first byte that may start something else, and what must follow it for that:
            // a number's sign or point a digit or a point (`-1`, `+.5`, `-.inf`, `.inf`), a null,
            // bool or `.nan` at most five letters. `-c`, `--admin-daemon`, `status` are text.
            let second = bytes.count > 1 ? bytes[1] : 0
            switch first {
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                if !((second >= UInt8(ascii: "0") && second <= UInt8(ascii: "9")) || second == UInt8(ascii: ".")) { return true }
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."):
                break
            default:
                if bytes.count > 5 { return true }
            }
        }
        return scalarValue(id).isString
    }

    /// `resolvePlain` on the scalar's bytes: decimal integers and text that
    /// cannot be null, bool, int or float are decided without the full parse.
    static func resolvePlain(_ bytes: UnsafeBufferPointer<UInt8>) -> ScalarValue {
        if let n = decimal(bytes) { return .int(n) }
        if let first = bytes.first, first < 0x80, !mayBeSpecial[Int(first)] {
            return .string(String(decoding: bytes, as: UTF8.self))
        }
        return resolvePlain(String(decoding: bytes, as: UTF8.self))
    }

    /// ASCII first bytes with which a plain scalar can be something other than
    /// a string: `~`, null, true/yes/on/y, false/no/off/n, numbers, `.inf`.
    private static let mayBeSpecial: [Bool] = (0..<128).map { c in
        "~nNtTfFyYoO.+-0123456789".utf8.contains(UInt8(c))
    }

    /// An optionally signed run of at most 18 ASCII digits, as `resolveInt` reads it.
    private static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = bytes.startIndex
        var negative = false
        if i < bytes.endIndex && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        let digits = bytes.endIndex - i
        // A leading 0 makes an octal number (`010` is 8): left to `resolveInt`.
        guard digits > 0 && digits <= 18 && (digits == 1 || bytes[i] != UInt8(ascii: "0")) else { return nil }
        var n = 0
        while i < bytes.endIndex {
            let d = bytes[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            n = n * 10 + Int(d)
            i += 1
        }
        return negative ? -n : n
    }

    static func resolvePlain(_ text: String) -> ScalarValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y": return .bool(true)
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N": return .bool(false)
        default: break
        }
        if let int = resolveInt(text) { return int }
        if let float = resolveFloat(text) { return jsonNumber(float, text) }
        return .string(text)
    }

    /// A float as the API server gets it: Kubernetes turns YAML into JSON (sigs.k8s.io/yaml),
    /// where a whole float is written without a fraction, so `timeoutSeconds: 1.0` and `1e3`
    /// reach it as the integers 1 and 1000, as `kubectl ... -o json` prints them. A whole
    /// float beyond 64 bits is a `bigInt`; a fraction, infinity or NaN stays a float.
    static func jsonNumber(_ x: Double, _ text: String) -> ScalarValue {
        guard x.isFinite && x.rounded(.towardZero) == x else { return .float(x) }
        return x >= -0x1p63 && x < 0x1p63 ? .int(Int(x)) : .bigInt(text)
    }

    /// The integer go-yaml v2 (Kubernetes' YAML reader) reads from a plain scalar that starts
    /// with a digit or a sign: its text with every `_` taken out (`0_x1` is `0x1`), read as
    /// Go's strconv.ParseInt with base 0 (a sign, then `0x`/`0X` hex, `0o`/`0O` or a leading 0
    /// octal, `0b`/`0B` binary, else decimal), else as ParseUint (no sign, up to 2^64 - 1).
    /// `defaultMode: 0644` is 420. A leading 0 with an 8 or 9 is no octal number: go-yaml reads
    /// `08` as the float 8, which reaches the API server as 8, so it stays decimal here.
    static func resolveInt(_ text: String) -> ScalarValue? {
        guard let first = text.utf8.first, isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") else { return nil }
        var body = Substring(text.filter { $0 != "_" })
        var negative = false, signed = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            signed = true
            body = body.dropFirst()
        }
        var radix = 10
        var prefixed = false
        if body.count > 1, body.first == "0" {
            switch body.dropFirst().first {
            case "x", "X": radix = 16
            case "o", "O": radix = 8
            case "b", "B": radix = 2
            default: break
            }
            prefixed = radix != 10
            if prefixed { body = body.dropFirst(2) }
        }
        if !prefixed && body.count > 1 && body.first == "0" && body.allSatisfy({ ("0"..."7").contains($0) }) { radix = 8 }
        guard !body.isEmpty, body.allSatisfy({ ($0.hexDigitValue ?? radix) < radix }) else { return nil }
        guard let magnitude = UInt64(body, radix: radix) else {
            // Past 64 bits go-yaml tries the text as a float, which only decimal digits can be
            // (`012…` too), and one beyond a Double is none: those, and `0x…`, `0o…`, `0b…`, stay strings.
            return !prefixed && (Double(String(body)).map(\.isFinite) ?? false) ? .bigInt(text) : nil
        }
        if magnitude <= UInt64(Int.max) { return .int(negative ? -Int(magnitude) : Int(magnitude)) }
        if negative && magnitude == UInt64(Int.max) + 1 { return .int(Int.min) }
        // Beyond Int64: ParseUint takes an unsigned one; a signed one is a float when it is decimal
        // (a whole number beyond 64 bits), and a string with a prefix (`-0x8000000000000001`).
        return signed && prefixed ? nil : .bigInt(text)
    }

    /// The float go-yaml v2 reads from a plain scalar: `.inf` and `.nan` in their spellings; a
    /// text that starts with `.` as Go's strconv.ParseFloat reads it (decimal, a `_` only between
    /// two digits: `.5_0`, not `._5`); one that starts with a digit or a sign, with every `_`
    /// taken out, when it is a decimal float (go-yaml's `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`).
    /// No hex float (`0x1.8p1`), and no `inf`: strings to go-yaml, which the API server refuses.
    static func resolveFloat(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        guard let first = text.utf8.first,
              first == UInt8(ascii: ".") || isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+"),
              // Without a point or an exponent it is an integer, which `resolveInt` reads (`700MB` is neither).
              text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }) else { return nil }
        if first == UInt8(ascii: "."), !underscoresBetweenDigits(text.utf8) { return nil }
        let plain = text.utf8.contains(UInt8(ascii: "_")) ? text.filter { $0 != "_" } : text
        // Beyond a Double (`1e400`) go-yaml's strconv.ParseFloat fails, and the text stays a string.
        guard isDecimalFloat(plain.utf8), let value = Double(plain), value.isFinite else { return nil }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// Go's rule for `_` in a number (strconv's underscoreOK, without a base prefix): each
    /// between two digits.
    private static func underscoresBetweenDigits(_ bytes: String.UTF8View) -> Bool {
        var previous: UInt8 = 0, afterUnderscore = false
        for byte in bytes {
            if byte == UInt8(ascii: "_") {
                guard isDigit(previous) else { return false }
                afterUnderscore = true
            } else {
                if afterUnderscore && !isDigit(byte) { return false }
                afterUnderscore = false
            }
            previous = byte
        }
        return !afterUnderscore
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, go-yaml v2's `yamlStyleFloat`.
    private static func isDecimalFloat(_ bytes: String.UTF8View) -> Bool {
        var i = bytes.startIndex
        func digits() -> Int {
            var count = 0
            while i != bytes.endIndex, isDigit(bytes[i]) { i = bytes.index(after: i); count += 1 }
            return count
        }
        func skip(_ a: UInt8, _ b: UInt8) -> Bool {
            guard i != bytes.endIndex, bytes[i] == a || bytes[i] == b else { return false }
            i = bytes.index(after: i)
            return true
        }
        _ = skip(UInt8(ascii: "-"), UInt8(ascii: "+"))
        if skip(UInt8(ascii: "."), UInt8(ascii: ".")) {
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if skip(UInt8(ascii: "."), UInt8(ascii: ".")) { _ = digits() }
        }
        if skip(UInt8(ascii: "e"), UInt8(ascii: "E")) {
            _ = skip(UInt8(ascii: "-"), UInt8(ascii: "+"))
            guard digits() > 0 else { return false }
        }
        return i == bytes.endIndex
    }
}
