/// A small JSON document model with ordered keys and a deterministic writer,
/// so reports need no Foundation on the hot path.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    public func serialized(pretty: Bool = true) -> String {
        var out = ByteText()
        write(into: &out, indent: pretty ? 0 : nil)
        return out.string
    }

    /// The end of a streamed array nested `level - 1` deep: `]`, on its own line after items.
    public static func arrayEnd(level: Int, afterItems: Bool) -> String {
        afterItems ? "\n" + String(repeating: "  ", count: level - 1) + "]" : "]"
    }

    /// Pretty-printed as a value nested `level` deep (its inner lines indented to match).
    public func serialized(level: Int) -> String {
        var out = ByteText()
        write(into: &out, indent: level)
        return out.string
    }

    /// Written as bytes: a report is megabytes of JSON, and `String` appends cost
    /// hundreds of instructions each (a character at a time, several per byte).
    private func write(into out: inout ByteText, indent: Int?) {
        switch self {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): out.append(i)
        case .double(let d): Self.number(d, into: &out)
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { return out.append("[]") }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent.map { $0 + 1 })
                item.write(into: &out, indent: indent.map { $0 + 1 })
            }
            Self.newline(&out, indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { return out.append("{}") }
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent.map { $0 + 1 })
                Self.quote(key, into: &out)
                out.append(indent == nil ? ":" : ": ")
                value.write(into: &out, indent: indent.map { $0 + 1 })
            }
            Self.newline(&out, indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A whole number without a fraction, another finite number as Swift prints it,
    /// and null for what JSON cannot hold (infinities, NaN).
    static func number(_ d: Double, into out: inout ByteText) {
        if d.isFinite {
            if d == d.rounded() && abs(d) < 1e15 { out.append(Int(d)) } else { out.append(String(d)) }
        } else {
            out.append("null")
        }
    }

    private static func newline(_ out: inout ByteText, _ indent: Int?) {
        guard let indent else { return }
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<indent { out.append("  ") }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\r`, `\t` or
    /// `\u00xx`; every other byte, UTF-8 included, as it is.
    static func quote(_ s: String, into out: inout ByteText) {
        out.append(UInt8(ascii: "\""))
        out.append(s) { byte in
            switch byte {
            case UInt8(ascii: "\""): return "\\\""
            case UInt8(ascii: "\\"): return "\\\\"
            case UInt8(ascii: "\n"): return "\\n"
            case UInt8(ascii: "\r"): return "\\r"
            case UInt8(ascii: "\t"): return "\\t"
            case ..<0x20: return controlEscapes[Int(byte)]
            default: return nil
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `\u0000` to `\u001f`.
    private static let controlEscapes: [StaticString] = [
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
        "\\u0008", "\\u0009", "\\u000a", "\\u000b", "\\u000c", "\\u000d", "\\u000e", "\\u000f",
        "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
        "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
    ]
}
