/// Where a report writes JSON: one call per key, value and bracket, in document
/// order. `JSONWriter` writes the bytes directly; a tree of `JSONValue` built from
/// the same calls writes the same bytes (the tests hold the two together).
public protocol JSONSink: ~Copyable {
    /// The key of the next member of the open object.
    mutating func key(_ key: StaticString)
    mutating func key(_ key: String)
    mutating func string(_ value: String)
    /// A string as its UTF-8 bytes (a note's text, in its finding's buffer of them).
    mutating func string(utf8 value: UnsafeBufferPointer<UInt8>)
    mutating func int(_ value: Int)
    mutating func bool(_ value: Bool)
    mutating func null()
    mutating func double(_ value: Double)
    mutating func beginObject()
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
}

extension JSONSink where Self: ~Copyable {
    mutating func string(utf8 value: UnsafeBufferPointer<UInt8>) {
        string(String(decoding: value, as: UTF8.self))
    }

    mutating func member(_ key: StaticString, _ value: String) {
        self.key(key)
        string(value)
    }

    mutating func member(_ key: StaticString, _ value: Int) {
        self.key(key)
        int(value)
    }

    mutating func member(_ key: StaticString, _ value: Bool) {
        self.key(key)
        bool(value)
    }

    mutating func member(_ key: StaticString, _ value: Int?) {
        self.key(key)
        if let value { int(value) } else { null() }
    }
}

/// The layout of every JSON probelint writes: pretty-printed with two-space indents,
/// `{}` and `[]` when empty, or compact. Reports call it as they walk their findings,
/// so no tree of values is built and freed per finding (that was 12 to 17 % of the
/// instructions of `-o json` and `-o sarif`); a `JSONValue` writes itself through it.
///
/// `init(level:)` writes the items of a streamed array: each top-level value starts
/// on its own line, indented `level` deep, after a comma from the second on.
public struct JSONWriter: JSONSink, ~Copyable {
    var out = ByteText()
    /// The indentation of the open container's members.
    private var depth: Int
    /// The members written so far in the open container (at first, the streamed array).
    /// A scalar, not the top of `outer`: every value reads and bumps it, and an array
    /// element access cost a uniqueness and a bounds check each time (about 10 M in `-o json`).
    private var members = 0
    /// The `members` of each container outside the open one, innermost last.
    private var outer: [Int] = []
    private var afterKey = false
    private let pretty: Bool

    public init(level: Int) {
        depth = level
        pretty = true
    }

    /// For one value that goes on after a key already written (`"key": ` then the
    /// value), nested `level` deep; `pretty: false` writes it on one line, unspaced.
    public init(valueAt level: Int, pretty: Bool = true) {
        depth = level
        afterKey = true
        self.pretty = pretty
    }

    public var text: String { out.string }

    /// Appends what was written to `bytes`.
    public func copy(into bytes: inout [UInt8]) { out.copy(into: &bytes) }
    /// The bytes written so far.
    var count: Int { out.count }

    /// A literal key is written as it is: the reports' keys need no escaping.
    public mutating func key(_ key: StaticString) {
        separate()
        out.append(UInt8(ascii: "\""))
        out.append(key)
        out.append(UInt8(ascii: "\""))
        colon()
    }

    public mutating func key(_ key: String) {
        separate()
        JSONValue.quote(key, into: &out)
        colon()
    }

    private mutating func colon() {
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    public mutating func string(_ value: String) {
        separate()
        JSONValue.quote(value, into: &out)
    }

    public mutating func string(utf8 value: UnsafeBufferPointer<UInt8>) {
        separate()
        JSONValue.quote(utf8: value, into: &out)
    }

    public mutating func int(_ value: Int) {
        separate()
        out.append(value)
    }

    public mutating func bool(_ value: Bool) {
        separate()
        if value { out.append("true" as StaticString) } else { out.append("false" as StaticString) }
    }

    public mutating func null() {
        separate()
        out.append("null" as StaticString)
    }

    public mutating func double(_ value: Double) {
        separate()
        JSONValue.number(value, into: &out)
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        separate()
        out.append(bracket)
        outer.append(members)
        members = 0
        depth += 1
    }

    /// An empty container closes on its own line's bracket: `{}`, `[]`.
    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        let closed = members
        members = outer.removeLast()
        if closed > 0 { newline() }
        out.append(bracket)
    }

    /// Before a value: nothing after its key; else the comma and line of a new member.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        if members > 0 { out.append(UInt8(ascii: ",")) }
        members += 1
        newline()
    }

    /// A line break and the indentation: one append up to 31 levels deep, then more spaces.
    private mutating func newline() {
        guard pretty else { return }
        let spaces = Self.lineStart.utf8CodeUnitCount - 1
        var left = 2 * depth
        let first = min(left, spaces)
        Self.lineStart.withUTF8Buffer { out.append(UnsafeBufferPointer(rebasing: $0[0..<1 + first])) }
        left -= first
        while left > 0 {
            let n = min(left, spaces)
            Self.lineStart.withUTF8Buffer { out.append(UnsafeBufferPointer(rebasing: $0[1..<1 + n])) }
            left -= n
        }
    }

    /// A line break, then spaces.
    private static let lineStart: StaticString = "\n                                                              "
}
