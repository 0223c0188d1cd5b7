/// A document flattened to one line per node (path, kind, style, tag and
/// scalar text), to compare a fixed document with the original: every line
/// must be equal except the fixed fields'. An alias reached again is one line
/// naming the first path, so the digest stays as small as the arena.
struct TreeDigest: Equatable {
    var entries: [(path: String, node: String)]

    static func == (a: TreeDigest, b: TreeDigest) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { $0.path == $1.path && $0.node == $1.node }
    }

    init(_ document: Document) {
        entries = []
        var seen: [NodeID: String] = [:]
        if let root = document.root { walk(root, path: "", in: document, seen: &seen) }
    }

    private mutating func walk(_ id: NodeID, path: String, in doc: Document, seen: inout [NodeID: String]) {
        if let first = seen[id], doc.kind(id) != .scalar {
            entries.append((path, "alias of \(first)"))
            return
        }
        seen[id] = path
        let tag = doc.tag(id).map { " !\($0)" } ?? ""
        switch doc.kind(id) {
        case .scalar:
            entries.append((path, "scalar \(doc.style(id))\(tag) \(doc.string(id))"))
        case .sequence:
            entries.append((path, "sequence \(doc.style(id))\(tag)"))
            for (i, item) in doc.items(id).enumerated() { walk(item, path: "\(path)[\(i)]", in: doc, seen: &seen) }
        case .mapping:
            entries.append((path, "mapping \(doc.style(id))\(tag)"))
            for (key, value) in doc.rawEntries(id) {
                let name = doc.kind(key) == .scalar ? doc.string(key) : "?complex-key"
                walk(value, path: path.isEmpty ? name : "\(path).\(name)", in: doc, seen: &seen)
            }
        }
    }

    /// The first path where two digests differ outside `allowed`, or nil.
    /// `fixed` gives the value each allowed path must now hold. A fixed path inside a
    /// mapping or list that is reached again (an alias's, or its anchor's) is a difference
    /// too: the alias's line would not show that its content changed.
    static func firstDifference(old: TreeDigest, new: TreeDigest, fixed: [String: Int]) -> String? {
        if let path = old.sharedFixedPath(fixed) { return path }
        let keepOld = old.entries.filter { fixed[$0.path] == nil }
        let keepNew = new.entries.filter { fixed[$0.path] == nil }
        for (a, b) in zip(keepOld, keepNew) where a.path != b.path || a.node != b.node { return a.path }
        if keepOld.count != keepNew.count {
            return (keepOld.count > keepNew.count ? keepOld[keepNew.count] : keepNew[keepOld.count]).path
        }
        return new.missingValue(fixed)
    }

    /// A fixed path inside a mapping or list that an alias reaches again, or inside the alias, or nil.
    func sharedFixedPath(_ fixed: [String: Int]) -> String? {
        guard !fixed.isEmpty else { return nil }
        let fixedPaths = fixed.keys.sorted()
        for entry in entries where entry.node.hasPrefix("alias of ") {
            let anchor = String(entry.node.dropFirst("alias of ".count))
            if let path = fixedPaths.first(where: { Self.isInside($0, entry.path) || Self.isInside($0, anchor) }) { return path }
        }
        return nil
    }

    /// The first fixed path (in order) that does not hold its value as an integer, or nil: a plain
    /// scalar with the value, untagged or under a tag that keeps it a number (`!!int`, `!!float`);
    /// `!!str 1` is still a string to the API server.
    func missingValue(_ fixed: [String: Int]) -> String? {
        guard !fixed.isEmpty else { return nil }
        var written: [String: String] = [:]
        for entry in entries where fixed[entry.path] != nil { written[entry.path] = entry.node }
        for (path, value) in fixed.sorted(by: { $0.key < $1.key }) {
            guard let node = written[path],
                  ["scalar plain \(value)", "scalar plain !tag:yaml.org,2002:int \(value)", "scalar plain !tag:yaml.org,2002:float \(value)"].contains(node)
            else { return path }
        }
        return nil
    }

    /// A hash of every line outside `fixed`, in order: equal for two documents that
    /// `firstDifference` finds no difference in outside the fixed paths (but for a collision of
    /// 64-bit hashes). The fixer compares one document at a time with it, and keeps no tree.
    func fingerprint(skipping fixed: [String: Int]) -> Int {
        var hasher = Hasher()
        var count = 0
        for entry in entries where fixed[entry.path] == nil {
            hasher.combine(entry.path)
            hasher.combine(entry.node)
            count += 1
        }
        hasher.combine(count)
        return hasher.finalize()
    }

    /// Whether `path` is `block` or a path inside it (`a.b` and `a.b[0]` are inside `a`).
    static func isInside(_ path: String, _ block: String) -> Bool {
        path == block || path.hasPrefix(block + ".") || path.hasPrefix(block + "[")
    }
}
