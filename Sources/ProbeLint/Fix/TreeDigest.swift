/// A document flattened to one line per node (path, kind, style, tag and
/// scalar text), to compare a fixed document with the original: every line
/// must be equal except the fixed fields'. An alias reached again is one line
/// naming the first path, so the digest stays as small as the arena.
///
/// Walked with a stack of its own, not by recursion: a document nested as deep as
/// `--max-depth` allows (100,000 levels) overflowed the thread's stack at some 6,000
/// (`--fix`, `--diff` and `-o patch` verify with it). A line keeps its parent's line and its
/// own step, and its whole path only up to `pathLimit` bytes: each line's whole path made the
/// digest of a deep document quadratic in its depth. The paths a fix sets (a probe's field,
/// `spec.template.spec.containers[0].livenessProbe.timeoutSeconds`) are far shorter.
struct TreeDigest: Equatable {
    struct Line: Equatable {
        /// The parent's line, -1 for the root.
        var parent: Int
        /// `.key` or `[index]` from the parent (the root's is empty).
        var step: String
        var node: String
        /// A hash of the whole path, made from the parent's and the step.
        var pathHash: Int
        /// The whole path, nil when it is longer than `pathLimit` (no fixed field's is).
        var path: String?
        /// The line an alias reaches again (its anchor's), else nil.
        var aliasOf: Int?
    }

    static let pathLimit = 4096

    private(set) var lines: [Line] = []
    /// Each line's node: where it is written, not what it is (not compared).
    private(set) var nodes: [NodeID] = []

    static func == (a: TreeDigest, b: TreeDigest) -> Bool { a.lines == b.lines }

    init(_ document: Document) {
        guard let root = document.root else { return }
        var seen: [NodeID: Int] = [:]
        // Nodes still to visit, the last first: a node's children are pushed in reverse so that
        // the lines come in the document's order, as a recursive walk gave them.
        var stack: [(id: NodeID, parent: Int, step: String)] = [(root, -1, "")]
        while let (id, parent, step) = stack.popLast() {
            let index = lines.count
            var hasher = Hasher()
            hasher.combine(parent >= 0 ? lines[parent].pathHash : 0)
            hasher.combine(step)
            var path: String?
            if parent < 0 {
                path = ""
            } else if let above = lines[parent].path, above.utf8.count + step.utf8.count <= Self.pathLimit {
                var joined = above
                Self.append(step, to: &joined)
                path = joined
            }
            var line = Line(parent: parent, step: step, node: "", pathHash: hasher.finalize(), path: path, aliasOf: nil)
            if let first = seen[id], document.kind(id) != .scalar {
                line.node = "alias"
                line.aliasOf = first
                lines.append(line)
                nodes.append(id)
                continue
            }
            seen[id] = index
            let tag = document.tag(id).map { " !\($0)" } ?? ""
            switch document.kind(id) {
            case .scalar:
                line.node = "scalar \(document.style(id))\(tag) \(document.string(id))"
            case .sequence:
                line.node = "sequence \(document.style(id))\(tag)"
                for (i, item) in document.items(id).enumerated().reversed() { stack.append((item, index, "[\(i)]")) }
            case .mapping:
                line.node = "mapping \(document.style(id))\(tag)"
                for (key, value) in document.rawEntries(id).reversed() {
                    stack.append((value, index, "." + (document.kind(key) == .scalar ? document.string(key) : "?complex-key")))
                }
            }
            lines.append(line)
            nodes.append(id)
        }
    }

    /// Where each of the `fixed` paths is written in `document` (the one digested): its value's
    /// start, which the `fixed:` lines name, in the fixed text and not the original.
    func positions(_ fixed: [String: Int], in document: Document) -> [String: SourcePosition] {
        var found: [String: SourcePosition] = [:]
        guard !fixed.isEmpty else { return found }
        for i in lines.indices {
            if let path = lines[i].path, fixed[path] != nil, found[path] == nil { found[path] = document.range(nodes[i]).start }
        }
        return found
    }

    /// A step below `path`: `a.b`, `a[0]`, and under the root `b`, not `.b`.
    static func append(_ step: String, to path: inout String) {
        if path.isEmpty && step.hasPrefix(".") { path += step.dropFirst() } else { path += step }
    }

    /// Line `i`'s whole path, made again from its steps when it was too long to keep.
    func path(_ i: Int) -> String {
        if let path = lines[i].path { return path }
        var steps: [String] = []
        var at = i
        while at > 0 {
            steps.append(lines[at].step)
            at = lines[at].parent
        }
        // Appended in place: a new String for each step was quadratic in the depth.
        return steps.reversed().reduce(into: "") { Self.append($1, to: &$0) }
    }

    /// Whether line `i` is a fixed field's.
    private func isFixed(_ i: Int, _ fixed: [String: Int]) -> Bool {
        lines[i].path.map { fixed[$0] != nil } ?? false
    }

    /// What a line says beyond its path: its node, or for an alias the path it reaches again.
    private func content(_ i: Int) -> (node: String, alias: Int?) {
        (lines[i].node, lines[i].aliasOf.map { lines[$0].pathHash })
    }

    /// The first path where two digests differ outside `allowed`, or nil.
    /// `fixed` gives the value each allowed path must now hold. A fixed path inside a
    /// mapping or list that is reached again (an alias's, or its anchor's) is a difference
    /// too: the alias's line would not show that its content changed.
    static func firstDifference(old: TreeDigest, new: TreeDigest, fixed: [String: Int]) -> String? {
        if let path = old.sharedFixedPath(fixed) { return path }
        let keepOld = old.lines.indices.filter { !old.isFixed($0, fixed) }
        let keepNew = new.lines.indices.filter { !new.isFixed($0, fixed) }
        for (a, b) in zip(keepOld, keepNew)
        where old.lines[a].pathHash != new.lines[b].pathHash || old.content(a) != new.content(b) {
            return old.path(a)
        }
        if keepOld.count != keepNew.count {
            return keepOld.count > keepNew.count ? old.path(keepOld[keepNew.count]) : new.path(keepNew[keepOld.count])
        }
        return new.missingValue(fixed)
    }

    /// A fixed path inside a mapping or list that an alias reaches again, or inside the alias, or nil.
    func sharedFixedPath(_ fixed: [String: Int]) -> String? {
        guard !fixed.isEmpty else { return nil }
        let fixedPaths = fixed.keys.sorted()
        for line in lines {
            guard let anchor = line.aliasOf else { continue }
            // A path too long to keep is longer than every fixed path: none is inside it.
            let blocks = [line.path, lines[anchor].path].compactMap { $0 }
            if let path = fixedPaths.first(where: { fixed in blocks.contains { Self.isInside(fixed, $0) } }) { return path }
        }
        return nil
    }

    /// The first fixed path (in order) that does not hold its value as an integer, or nil: a plain
    /// scalar with the value, untagged or under a tag that keeps it a number (`!!int`, `!!float`);
    /// `!!str 1` is still a string to the API server.
    func missingValue(_ fixed: [String: Int]) -> String? {
        guard !fixed.isEmpty else { return nil }
        var written: [String: String] = [:]
        for line in lines { if let path = line.path, fixed[path] != nil { written[path] = line.node } }
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
        for i in lines.indices where !isFixed(i, fixed) {
            hasher.combine(lines[i].pathHash)
            hasher.combine(lines[i].node)
            hasher.combine(lines[i].aliasOf.map { lines[$0].pathHash })
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
