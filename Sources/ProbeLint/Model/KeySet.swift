#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The keys a decoder reads from one kind of mapping, matched in one pass over
/// the mapping's entries: a key's length rules out nearly every other key before
/// any byte is compared. Looking each key up on its own walked the mapping once
/// per key.
struct KeySet: Sendable {
    let keys: [String]
    private let utf8: [[UInt8]]

    init(_ keys: [String]) {
        self.keys = keys
        utf8 = keys.map { Array($0.utf8) }
    }

    /// The keys named by an enum's cases, in order (`KeyedEntries` is then indexed by the enum).
    init<Name: CaseIterable & RawRepresentable>(_ names: Name.Type) where Name.RawValue == Int {
        self.init(names.allCases.map { String(describing: $0) })
    }

    var count: Int { keys.count }

    /// The index of the key whose bytes equal `bytes`.
    func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for (i, key) in utf8.enumerated() where key.count == bytes.count {
            let same = key.withUnsafeBufferPointer { key in
                guard let a = key.baseAddress, let b = bytes.baseAddress else { return key.isEmpty }
                return memcmp(a, b, key.count) == 0
            }
            if same { return i }
        }
        return nil
    }
}

/// The entries of one mapping found for a `KeySet`, by the key's index.
struct KeyedEntries {
    private var found: [(key: NodeID, value: NodeID)?]

    init(count: Int) { found = Array(repeating: nil, count: count) }

    subscript(_ index: Int) -> (key: NodeID, value: NodeID)? {
        get { found[index] }
        set { found[index] = newValue }
    }

    /// The entry of a key named by an enum whose cases are the KeySet's keys, in order.
    subscript<Name: RawRepresentable>(_ name: Name) -> (key: NodeID, value: NodeID)? where Name.RawValue == Int {
        found[name.rawValue]
    }
}

extension Document {
    /// The entries of `mapping` under each key of `keys`, as `lookup` finds them
    /// (merge keys followed), with a null value counted as absent. `other` sees
    /// each written scalar key that is not in `keys` (merge keys aside).
    func entries(_ mapping: NodeID, _ keys: KeySet,
                 other: (NodeID) -> Void = { _ in }) -> KeyedEntries {
        var out = KeyedEntries(count: keys.count)
        let node = nodes[Int(mapping.index)]
        guard node.kind == .mapping else { return out }
        var hasMerge = false
        text.withUnsafeBufferPointer { text in
            var i = Int(node.payloadStart)
            let end = i + Int(node.payloadCount)
            while i + 1 < end {
                let key = children[i], value = children[i + 1]
                i += 2
                let k = nodes[Int(key.index)]
                guard k.kind == .scalar else { continue }
                if isMergeKey(key) { hasMerge = true; continue }
                let bytes = UnsafeBufferPointer(rebasing: text[Int(k.payloadStart)..<Int(k.payloadStart) + Int(k.payloadCount)])
                if let index = keys.index(of: bytes) {
                    if !isNull(value) { out[index] = (key, value) }
                } else {
                    other(key)
                }
            }
        }
        guard hasMerge else { return out }
        // Rare: merged keys fill what is not written, exactly as lookup() resolves them.
        for (index, name) in keys.keys.enumerated() where out[index] == nil {
            if let found = lookup(name, in: mapping), !isNull(found.value) { out[index] = found }
        }
        return out
    }
}
