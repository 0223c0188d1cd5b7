@testable import ProbeLint

/// A `JSONSink` that builds the `JSONValue` tree of what a report writes, so that
/// tests can hold `JSONWriter`'s bytes against `JSONValue`'s writer.
struct JSONTree: JSONSink {
    /// Open containers, innermost last; the first holds the values written at the top.
    /// Each with the key it goes under in its parent object.
    private var open: [(isObject: Bool, key: String?, items: [JSONValue], members: [(String, JSONValue)])] = [(false, nil, [], [])]
    private var pendingKey: String?

    /// The values written at the top level.
    var values: [JSONValue] { open[0].items }

    mutating func key(_ key: StaticString) { pendingKey = key.description }
    mutating func key(_ key: String) { pendingKey = key }
    mutating func string(_ value: String) { add(.string(value)) }
    mutating func int(_ value: Int) { add(.int(value)) }
    mutating func bool(_ value: Bool) { add(.bool(value)) }
    mutating func null() { add(.null) }
    mutating func double(_ value: Double) { add(.double(value)) }
    mutating func beginObject() { begin(isObject: true) }
    mutating func beginArray() { begin(isObject: false) }

    mutating func endObject() {
        let closed = open.removeLast()
        pendingKey = closed.key
        add(.object(closed.members))
    }

    mutating func endArray() {
        let closed = open.removeLast()
        pendingKey = closed.key
        add(.array(closed.items))
    }

    private mutating func begin(isObject: Bool) {
        open.append((isObject, pendingKey, [], []))
        pendingKey = nil
    }

    private mutating func add(_ value: JSONValue) {
        if open[open.count - 1].isObject {
            open[open.count - 1].members.append((pendingKey!, value))
            pendingKey = nil
        } else {
            open[open.count - 1].items.append(value)
        }
    }

    /// `values` as the items of a streamed array whose items are indented `level` deep:
    /// what `JSONValue` writes between the brackets of the array.
    static func items(_ values: [JSONValue], level: Int) -> String {
        guard !values.isEmpty else { return "" }
        let array = JSONValue.array(values).serialized(level: level - 1)
        return String(array.dropFirst().dropLast(2 * (level - 1) + 2))
    }

    /// What `write` writes, as one value.
    static func value(_ write: (inout JSONTree) -> Void) -> JSONValue {
        var tree = JSONTree()
        write(&tree)
        return tree.values[0]
    }
}
