/// One YAML document as a node arena with source positions for every node.
/// A class: the decoder, each object's context and the rules share one document
/// (a struct of four arrays and a string cost five retains per copy).
/// `@unchecked Sendable`: its nodes and scalar bytes are memory it owns (`ArenaBuffer`),
/// never written after the reader hands the document over, and `ownsArena` changes
/// only while the reader holds the only reference (`handBackArena`).
public final class Document: @unchecked Sendable {
    public let file: String
    /// 0-based index of the document in its stream.
    public let index: Int
    /// Range of the document from its first to its last event.
    public let range: SourceRange
    public let root: NodeID?
    /// True when the stream's first non-blank byte is `{` or `[`: JSON input.
    public let isFlowStream: Bool
    /// Whether the document has an alias (a merge key's too) or a merge key (`<<: {...}`): only
    /// then is a block reached from somewhere other than where it is written (`sharedNodes`).
    public let hasAliases: Bool

    let nodes: ArenaBuffer<NodeData>
    /// An array, unlike the nodes and the text: `items` hands out slices of it.
    let children: [NodeID]
    let text: ArenaBuffer<UInt8>
    /// The document's distinct tags; `NodeData.tag` is an index into it plus one.
    let tags: [String]
    /// Whether `deinit` frees `nodes` and `text`: false once the reader took them
    /// back to read the next document into (`handBackArena`).
    private var ownsArena = true

    init(file: String, index: Int, range: SourceRange, root: NodeID?, isFlowStream: Bool,
         nodes: ArenaBuffer<NodeData>, children: [NodeID], text: ArenaBuffer<UInt8>, tags: [String] = [], hasAliases: Bool = false) {
        self.hasAliases = hasAliases
        self.file = file
        self.index = index
        self.range = range
        self.root = root
        self.isFlowStream = isFlowStream
        self.nodes = nodes
        self.children = children
        self.text = text
        self.tags = tags
    }

    /// The document with its nodes and scalar bytes in memory of their own size. A document the
    /// reader hands over reads them in its arena's buffers, whose capacity (1,024 nodes at least,
    /// some 40 KB) a caller that keeps many documents (`FixSource`, `Reader.readAll`) paid for each.
    public func compacted() -> Document {
        Document(file: file, index: index, range: range, root: root, isFlowStream: isFlowStream,
                 nodes: ArenaBuffer(copying: nodes), children: children, text: ArenaBuffer(copying: text), tags: tags,
                 hasAliases: hasAliases)
    }

    deinit {
        if ownsArena {
            nodes.deallocate()
            text.deallocate()
        }
    }

    /// Gives the memory of `nodes` and `text` back to the reader, which writes the next
    /// document into it: called only by the reader, with the only reference, as this
    /// document is released unread by anyone else.
    func handBackArena() { ownsArena = false }

    public var nodeCount: Int { nodes.count }

    /// Whether two documents were read to the same arena: the same nodes (kind, style,
    /// range, payload, tag), children, scalar bytes and tags, from the same place of the
    /// same file. The reader's two ways of decoding must agree (`PrimedInput`).
    public func isSameArena(as other: Document) -> Bool {
        file == other.file && index == other.index && range == other.range && root == other.root
            && isFlowStream == other.isFlowStream && nodes == other.nodes && children == other.children
            && text == other.text && tags == other.tags
    }

    public func kind(_ id: NodeID) -> NodeKind { nodes[Int(id.index)].kind }
    public func style(_ id: NodeID) -> NodeStyle { nodes[Int(id.index)].style }
    public func range(_ id: NodeID) -> SourceRange { nodes[Int(id.index)].range }
    /// The node's tag as libyaml resolved it (`tag:yaml.org,2002:str` for `!!str`).
    public func tag(_ id: NodeID) -> String? {
        let tag = Int(nodes[Int(id.index)].tag)
        return tag == 0 ? nil : tags[tag - 1]
    }

    /// The scalar's text after YAML unescaping; "" for collections.
    public func string(_ id: NodeID) -> String {
        let node = nodes[Int(id.index)]
        guard node.kind == .scalar else { return "" }
        let start = Int(node.payloadStart)
        return String(decoding: text[start..<start + Int(node.payloadCount)], as: UTF8.self)
    }

    /// Compares a scalar's text with `s` without building a String.
    public func scalar(_ id: NodeID, equals s: String) -> Bool {
        let node = nodes[Int(id.index)]
        guard node.kind == .scalar && Int(node.payloadCount) == s.utf8.count else { return false }
        return bytes(node, equal: s)
    }

    /// Compares a scalar's text with ASCII `s`, ignoring ASCII case, without building a String.
    public func scalar(_ id: NodeID, caseInsensitivelyEquals s: String) -> Bool {
        let node = nodes[Int(id.index)]
        guard node.kind == .scalar && Int(node.payloadCount) == s.utf8.count else { return false }
        var i = Int(node.payloadStart)
        for byte in s.utf8 {
            if Self.asciiLower(text[i]) != Self.asciiLower(byte) { return false }
            i += 1
        }
        return true
    }

    static func asciiLower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// Whether a scalar's bytes equal `s`, whose UTF-8 length is the scalar's.
    private func bytes(_ node: NodeData, equal s: String) -> Bool {
        s.withContiguousUTF8 { key in text.withUnsafeBufferPointer { Self.equal($0, from: Int(node.payloadStart), key) } }
    }

    /// The items of a sequence (empty for other kinds).
    public func items(_ id: NodeID) -> ArraySlice<NodeID> {
        let node = nodes[Int(id.index)]
        guard node.kind == .sequence else { return [] }
        let start = Int(node.payloadStart)
        return children[start..<start + Int(node.payloadCount)]
    }

    /// The written entries of a mapping, in order, without merge keys resolved.
    public func rawEntries(_ id: NodeID) -> [(key: NodeID, value: NodeID)] {
        let node = nodes[Int(id.index)]
        guard node.kind == .mapping else { return [] }
        var out: [(key: NodeID, value: NodeID)] = []
        out.reserveCapacity(Int(node.payloadCount) / 2)
        var i = Int(node.payloadStart)
        let end = i + Int(node.payloadCount)
        while i + 1 < end {
            out.append((children[i], children[i + 1]))
            i += 2
        }
        return out
    }

    /// The last written entry of a mapping (nil when empty or not a mapping).
    public func lastEntry(_ id: NodeID) -> (key: NodeID, value: NodeID)? {
        let node = nodes[Int(id.index)]
        guard node.kind == .mapping, node.payloadCount >= 2 else { return nil }
        let last = Int(node.payloadStart) + Int(node.payloadCount) - 2
        return (children[last], children[last + 1])
    }

    /// The entries of a mapping with `<<` merge keys resolved as `lookup` resolves each key,
    /// in the order they are written (a merged mapping's where its `<<` is).
    public func entries(_ id: NodeID) -> [(key: NodeID, value: NodeID)] {
        // Nearly every mapping has no merge key: no visited set to allocate.
        let raw = rawEntries(id)
        guard raw.contains(where: { isMergeKey($0.key) }) else { return raw }
        var visited: Set<NodeID> = []
        return entries(id, visited: &visited)
    }

    /// The entries of a mapping as the YAML merge spec (and kustomize's yaml.v3) reads `<<`: a
    /// key written in the mapping wins over a merged one wherever the `<<` is, and of the merged
    /// mappings the first to hold a key. For `.probelint.yaml`, which no kubectl reads: a merge
    /// after a written key set it again without a word (`entries` keeps kubectl's order).
    public func entriesWrittenFirst(_ id: NodeID) -> [(key: NodeID, value: NodeID)] {
        var visited: Set<NodeID> = []
        return entriesWrittenFirst(id, visited: &visited)
    }

    private func entriesWrittenFirst(_ id: NodeID, visited: inout Set<NodeID>) -> [(key: NodeID, value: NodeID)] {
        visited.insert(id)
        let raw = rawEntries(id)
        guard raw.contains(where: { isMergeKey($0.key) }) else { return raw }
        var seen = Set(raw.filter { !isMergeKey($0.key) }.map { string($0.key) })
        var out: [(key: NodeID, value: NodeID)] = []
        for entry in raw {
            guard isMergeKey(entry.key) else { out.append(entry); continue }
            for source in mergeSources(entry.value) where !visited.contains(source) {
                for found in entriesWrittenFirst(source, visited: &visited) where seen.insert(string(found.key)).inserted {
                    out.append(found)
                }
            }
        }
        return out
    }

    /// Looks a key up in a mapping, following `<<` merge keys as kubectl does (go-yaml v2,
    /// behind sigs.k8s.io/yaml): the entries are applied in order, a merge setting every key of
    /// its mappings (the first mapping of a list winning), so the last entry to set the key
    /// wins, even over a key written before the `<<`. (kustomize's yaml.v3 and the YAML merge
    /// spec let a written key win wherever it is; docs/yaml.md.)
    public func lookup(_ key: String, in id: NodeID) -> (key: NodeID, value: NodeID)? {
        // Nearly every mapping has no merge key: look without allocating the visited set.
        let (found, hasMerge) = writtenEntry(key, in: id)
        guard hasMerge else { return found }
        var visited: Set<NodeID> = []
        return lookup(key, in: id, visited: &visited)
    }

    /// The entry written under `key` itself (merge keys aside), and whether a merge key comes
    /// after it (anywhere, when the key is not written): only then can a merge set it again.
    /// The entries are read from the last one back, so that the search still stops at the key.
    /// The key's bytes are taken once and each written key is ruled out by its length
    /// first: the decoder and the rules look keys up in every mapping they read.
    private func writtenEntry(_ key: String, in id: NodeID) -> (entry: (key: NodeID, value: NodeID)?, hasMerge: Bool) {
        let node = nodes[Int(id.index)]
        guard node.kind == .mapping else { return (nil, false) }
        return key.withContiguousUTF8 { key in
            withBuffers { nodes, children, text in
                let start = Int(node.payloadStart)
                var i = start + Int(node.payloadCount)
                var hasMerge = false
                while i - 1 > start {
                    i -= 2
                    let k = children[i]
                    let written = nodes[Int(k.index)]
                    guard written.kind == .scalar else { continue }
                    let count = Int(written.payloadCount)
                    if count == 2 && isMergeKey(k) { hasMerge = true; continue }
                    if count == key.count && Self.equal(text, from: Int(written.payloadStart), key) { return ((k, children[i + 1]), hasMerge) }
                }
                return (nil, hasMerge)
            }
        }
    }

    /// The arena's three arrays as buffers, for loops over many nodes: an array
    /// property of a class is loaded and bounds-checked again at every subscript.
    @inline(__always)
    func withBuffers<T>(_ body: (UnsafeBufferPointer<NodeData>, UnsafeBufferPointer<NodeID>, UnsafeBufferPointer<UInt8>) -> T) -> T {
        nodes.withUnsafeBufferPointer { nodes in
            children.withUnsafeBufferPointer { children in
                text.withUnsafeBufferPointer { text in body(nodes, children, text) }
            }
        }
    }

    /// Whether `text` holds `key`'s bytes at `start` (the caller checked that they fit).
    @inline(__always)
    static func equal(_ text: UnsafeBufferPointer<UInt8>, from start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < key.count {
            if text[start &+ i] != key[i] { return false }
            i &+= 1
        }
        return true
    }

    // Both walks go from the last entry back, so that the first setter they meet is the one
    // that wins. Merge sources form a DAG through aliases (`a2: {<<: [*a1, *a1]}`), which
    // walked as a tree costs 2^depth. A mapping already visited in this walk has nothing
    // new to give (every key it sets was met first elsewhere), so each is walked once.

    private func entries(_ id: NodeID, visited: inout Set<NodeID>) -> [(key: NodeID, value: NodeID)] {
        visited.insert(id)
        let raw = rawEntries(id)
        guard raw.contains(where: { isMergeKey($0.key) }) else { return raw }
        var out: [(key: NodeID, value: NodeID)] = []
        var seen: Set<String> = []
        for entry in raw.reversed() {
            guard isMergeKey(entry.key) else {
                if seen.insert(string(entry.key)).inserted { out.append(entry) }
                continue
            }
            var merged: [(key: NodeID, value: NodeID)] = []
            for source in mergeSources(entry.value) where !visited.contains(source) {
                for found in entries(source, visited: &visited) where seen.insert(string(found.key)).inserted {
                    merged.append(found)
                }
            }
            out += merged.reversed()
        }
        return out.reversed()
    }

    private func lookup(_ key: String, in id: NodeID, visited: inout Set<NodeID>) -> (key: NodeID, value: NodeID)? {
        visited.insert(id)
        let (found, hasMerge) = writtenEntry(key, in: id)
        guard hasMerge else { return found }
        for entry in rawEntries(id).reversed() {
            guard isMergeKey(entry.key) else {
                if let found, entry.key == found.key { return found }
                continue
            }
            for source in mergeSources(entry.value) where !visited.contains(source) {
                if let found = lookup(key, in: source, visited: &visited) { return found }
            }
        }
        return nil
    }

    /// A `<<` key that merges (`mergesAsKey`).
    func isMergeKey(_ id: NodeID) -> Bool {
        let node = nodes[Int(id.index)]
        return node.kind == .scalar && node.payloadCount == 2 && scalar(id, equals: "<<")
            && Self.mergesAsKey(style: node.style, tag: node.tag == 0 ? nil : tag(id))
    }

    /// Whether a `<<` key merges, as go-yaml (kubectl) decides: plain and untagged, or tagged
    /// `!!merge` or `!` (the non-specific tag) in any style. A quoted `"<<"` or a `!!str <<`
    /// is a key like any other.
    static func mergesAsKey(style: NodeStyle, tag: String?) -> Bool {
        switch tag {
        case nil: return style == .plain
        case "tag:yaml.org,2002:merge", "!": return true
        default: return false
        }
    }

    /// The mappings a merge value stands for: a mapping, or a sequence of mappings.
    /// Anything else (a scalar) merges nothing; the model reports it.
    private func mergeSources(_ id: NodeID) -> [NodeID] {
        switch kind(id) {
        case .mapping: return [id]
        case .sequence: return items(id).filter { kind($0) == .mapping }
        case .scalar: return []
        }
    }
}
