extension Document {
    /// The dotted path (`spec.template.spec.containers[0].livenessProbe.timeoutSeconds`)
    /// of the deepest key or value under `root` whose range holds `range`, relative
    /// to `root`; nil when `range` is not inside `root`.
    public func path(to range: SourceRange, from root: NodeID) -> String? {
        // Half-open: a block collection ends where the next key starts, and that key is not inside it.
        func holds(_ id: NodeID) -> Bool {
            let r = self.range(id), p = range.start.offset
            return r.start.offset <= p && (p < r.end.offset || (r.start.offset >= r.end.offset && p == r.start.offset))
        }
        guard holds(root) else { return nil }
        var path = ""
        var node = root
        var depth = 0
        // Aliases can make cycles through the arena; a depth bound keeps the walk finite.
        descend: while depth < 256 {
            depth += 1
            switch kind(node) {
            case .scalar:
                break descend
            case .sequence:
                guard let (i, item) = items(node).enumerated().first(where: { holds($0.element) }) else { break descend }
                path += "[\(i)]"
                node = item
            case .mapping:
                guard let entry = rawEntries(node).first(where: { holds($0.key) || holds($0.value) }) else { break descend }
                if !path.isEmpty { path += "." }
                path += string(entry.key)
                if holds(entry.key) && !holds(entry.value) { break descend }
                node = entry.value
            }
        }
        return path
    }
}
