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
    ///
    /// Eight bytes at a time: a word with no byte to escape is skipped whole, so nearly
    /// every string is one copy (the byte-by-byte test was about 6 instructions a byte,
    /// some 30 M in `-o json`).
    static func quote(_ s: String, into out: inout ByteText) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            var run = 0, i = 0
            func escapeBytes(upTo end: Int) {
                while i < end {
                    if let escape = escape(bytes[i]) {
                        out.append(UnsafeBufferPointer(rebasing: bytes[run..<i]))
                        out.append(escape)
                        run = i + 1
                    }
                    i += 1
                }
            }
            while i + 8 <= bytes.count {
                if mayNeedEscape(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    escapeBytes(upTo: i + 8)
                } else {
                    i += 8
                }
            }
            escapeBytes(upTo: bytes.count)
            out.append(UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether a word of eight bytes may hold a byte to escape: `"`, `\` or one below
    /// 0x20 (the usual "has zero byte" bit tricks, which never miss one; a byte of
    /// UTF-8 above 0x7F never counts).
    @inline(__always)
    private static func mayNeedEscape(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (UInt64(UInt8(ascii: "\"")) &* ones), backslash = w ^ (UInt64(UInt8(ascii: "\\")) &* ones)
        let flagged = ((w &- 0x20 &* ones) | (quote &- ones) | (backslash &- ones)) & ~w & highs
        return flagged != 0
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
