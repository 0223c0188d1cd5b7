/// The keys a decoder reads from one kind of mapping, matched in one pass over
/// the mapping's entries: a key's length rules out nearly every other key before
/// any byte is compared. Looking each key up on its own walked the mapping once
/// per key.
struct KeySet: Sendable {
    let keys: [String]
    /// Each key's bytes at `stride * i`, padded with zeros to `stride` (a multiple of 8):
    /// a written key is compared with one eight bytes at a time, in line, where a call of
    /// `memcmp` per candidate cost more than the compare.
    private let padded: [UInt8]
    private let stride: Int
    /// For each byte length up to the longest key's, the keys of that length as bits
    /// (bit `i` for `keys[i]`). Nearly every written key has a length no key of the set
    /// has, and is ruled out by one load instead of a look at each key's length.
    private let keysByLength: [UInt16]

    init(_ keys: [String]) {
        precondition(keys.count <= KeyedEntries.capacity, "a KeySet has at most \(KeyedEntries.capacity) keys")
        self.keys = keys
        let utf8 = keys.map { Array($0.utf8) }
        let longest = utf8.map(\.count).max() ?? 0
        stride = max(8, (longest + 7) & ~7)
        var padded = [UInt8](repeating: 0, count: stride * keys.count)
        var byLength = [UInt16](repeating: 0, count: longest + 1)
        for (i, key) in utf8.enumerated() {
            padded.replaceSubrange(stride * i..<stride * i + key.count, with: key)
            byLength[key.count] |= 1 << i
        }
        self.padded = padded
        keysByLength = byLength
    }

    /// The keys named by an enum's cases, in order (`KeyedEntries` is then indexed by the enum).
    ///
    /// The names are `CodingKey`'s `stringValue`, which the compiler writes for an enum with
    /// Int raw values as a switch returning each case's name: `String(describing:)` found the
    /// name by reflection, after looking up the enum's conformances to the printing protocols
    /// (some 670,000 instructions for each enum, at every start).
    init<Name: CaseIterable & CodingKey & RawRepresentable>(_ names: Name.Type) where Name.RawValue == Int {
        self.init(names.allCases.map(\.stringValue))
    }

    var count: Int { keys.count }

    /// The index of the key whose bytes equal `bytes`. In line: it runs for every key of
    /// every mapping decoded, and a call cost more than the look-up.
    @inline(__always)
    func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count < keysByLength.count else { return nil }
        var candidates = keysByLength[bytes.count]
        guard candidates != 0, let text = bytes.baseAddress else { return nil }
        let count = bytes.count
        return padded.withUnsafeBytes { keyBytes -> Int? in
            while candidates != 0 {
                let i = candidates.trailingZeroBitCount
                candidates &= candidates &- 1
                if Self.equal(text, count, keyBytes.baseAddress! + stride &* i) { return i }
            }
            return nil
        }
    }

    /// Whether `count` bytes at `text` equal those at `key` (a padded key of that length),
    /// eight at a time, the last eight overlapping the word before when `count` is not a
    /// multiple of eight; from four to seven bytes, two overlapping four-byte words; fewer,
    /// byte by byte. Nothing is read past `text`'s `count` bytes, which may end there.
    @inline(__always)
    private static func equal(_ text: UnsafePointer<UInt8>, _ count: Int, _ key: UnsafeRawPointer) -> Bool {
        let raw = UnsafeRawPointer(text)
        func same<Word: FixedWidthInteger>(_: Word.Type, at offset: Int) -> Bool {
            raw.loadUnaligned(fromByteOffset: offset, as: Word.self) == key.loadUnaligned(fromByteOffset: offset, as: Word.self)
        }
        guard count >= 8 else {
            if count >= 4 { return same(UInt32.self, at: 0) && same(UInt32.self, at: count &- 4) }
            for j in 0..<count where text[j] != key.load(fromByteOffset: j, as: UInt8.self) { return false }
            return true
        }
        var offset = 0
        while offset &+ 8 < count {
            guard same(UInt64.self, at: offset) else { return false }
            offset &+= 8
        }
        return same(UInt64.self, at: count &- 8)
    }
}

/// The entries of one mapping found for a `KeySet`, by the key's index.
///
/// Kept inline, each entry's two node indices in one word and a bit saying which
/// are found: an array here was a heap allocation (and its release) for every
/// container, port, resources mapping, probe and handler decoded.
struct KeyedEntries {
    /// The most keys a KeySet may have.
    static let capacity = 12
    private var slots: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    /// Bit `i` set when the key of index `i` is found.
    private(set) var found: UInt16 = 0

    subscript(_ index: Int) -> (key: NodeID, value: NodeID)? {
        get {
            guard found & (1 << index) != 0 else { return nil }
            let word = withUnsafeBytes(of: slots) { $0.load(fromByteOffset: index * 8, as: UInt64.self) }
            return (NodeID(Int(Int32(truncatingIfNeeded: word >> 32))), NodeID(Int(Int32(truncatingIfNeeded: word))))
        }
        set {
            guard let entry = newValue else { found &= ~(1 << index); return }
            let word = UInt64(UInt32(bitPattern: entry.key.index)) << 32 | UInt64(UInt32(bitPattern: entry.value.index))
            withUnsafeMutableBytes(of: &slots) { $0.storeBytes(of: word, toByteOffset: index * 8, as: UInt64.self) }
            found |= 1 << index
        }
    }

    /// The entry of a key named by an enum whose cases are the KeySet's keys, in order.
    subscript<Name: RawRepresentable>(_ name: Name) -> (key: NodeID, value: NodeID)? where Name.RawValue == Int {
        self[name.rawValue]
    }
}

extension Document {
    /// The entries of `mapping` under each key of `keys`, as `lookup` finds them
    /// (merge keys followed), with a null value counted as absent. `other` sees
    /// each written scalar key that is not in `keys` (merge keys aside).
    func entries(_ mapping: NodeID, _ keys: KeySet,
                 other: (NodeID) -> Void = { _ in }) -> KeyedEntries {
        var out = KeyedEntries()
        let node = nodes[Int(mapping.index)]
        guard node.kind == .mapping else { return out }
        var hasMerge = false
        withBuffers { nodes, children, text in
            var i = Int(node.payloadStart)
            let end = i + Int(node.payloadCount)
            while i + 1 < end {
                let key = children[i], value = children[i + 1]
                i += 2
                let k = nodes[Int(key.index)]
                guard k.kind == .scalar else { continue }
                if k.payloadCount == 2 && isMergeKey(key) { hasMerge = true; continue }
                let bytes = UnsafeBufferPointer(rebasing: text[Int(k.payloadStart)..<Int(k.payloadStart) + Int(k.payloadCount)])
                if let index = keys.index(of: bytes) {
                    if !(Self.mayBeNull(nodes[Int(value.index)]) && isNull(value)) { out[index] = (key, value) }
                } else {
                    other(key)
                }
            }
        }
        guard hasMerge else { return out }
        // Rare: with a merge key, each key is what lookup() resolves (a merge after a written
        // key sets it again, as in kubectl).
        for (index, name) in keys.keys.enumerated() {
            out[index] = lookup(name, in: mapping).flatMap { isNull($0.value) ? nil : $0 }
        }
        return out
    }
}
