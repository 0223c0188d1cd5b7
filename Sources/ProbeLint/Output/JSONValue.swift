/// A small JSON document model with ordered keys, laid out by `JSONWriter`,
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
        var writer = JSONWriter(valueAt: 0, pretty: pretty)
        write(to: &writer)
        return writer.text
    }

    /// The end of a streamed array nested `level - 1` deep: `]`, on its own line after items.
    public static func arrayEnd(level: Int, afterItems: Bool) -> String {
        afterItems ? "\n" + String(repeating: "  ", count: level - 1) + "]" : "]"
    }

    /// Pretty-printed as a value nested `level` deep (its inner lines indented to match).
    public func serialized(level: Int) -> String {
        var writer = JSONWriter(valueAt: level)
        write(to: &writer)
        return writer.text
    }

    /// The value as calls to a sink: `JSONWriter` lays out every JSON probelint writes.
    public func write<Sink: JSONSink & ~Copyable>(to sink: inout Sink) {
        switch self {
        case .null: sink.null()
        case .bool(let b): sink.bool(b)
        case .int(let i): sink.int(i)
        case .double(let d): sink.double(d)
        case .string(let s): sink.string(s)
        case .array(let items):
            sink.beginArray()
            for item in items { item.write(to: &sink) }
            sink.endArray()
        case .object(let members):
            sink.beginObject()
            for (key, value) in members {
                sink.key(key)
                value.write(to: &sink)
            }
            sink.endObject()
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

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\r`, `\t` or
    /// `\u00xx`; every other byte, UTF-8 included, as it is.
    static func quote(_ s: String, into out: inout ByteText) {
        out.append(UInt8(ascii: "\""))
        out.append(s, replacing: escape, wordMayNeedReplacing: mayNeedEscape)
        out.append(UInt8(ascii: "\""))
    }

    /// A JSON string of UTF-8 bytes, as `quote(_:into:)`.
    static func quote(utf8 s: UnsafeBufferPointer<UInt8>, into out: inout ByteText) {
        out.append(UInt8(ascii: "\""))
        out.append(utf8: s, replacing: escape, wordMayNeedReplacing: mayNeedEscape)
        out.append(UInt8(ascii: "\""))
    }

    /// Whether a word of eight bytes may hold a byte to escape: `"`, `\` or one below 0x20.
    @inline(__always)
    private static func mayNeedEscape(_ w: UInt64) -> Bool {
        WordBytes.hasByte(w, below: 0x20) || WordBytes.hasByte(w, equalTo: UInt8(ascii: "\"")) || WordBytes.hasByte(w, equalTo: UInt8(ascii: "\\"))
    }

    /// The escape of one byte, or nil to write it as it is.
    @inline(__always)
    private static func escape(_ byte: UInt8) -> StaticString? {
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

    /// `\u0000` to `\u001f`.
    private static let controlEscapes: [StaticString] = [
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
        "\\u0008", "\\u0009", "\\u000a", "\\u000b", "\\u000c", "\\u000d", "\\u000e", "\\u000f",
        "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
        "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
    ]
}
