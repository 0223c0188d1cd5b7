extension KustomizeOrigins {
    /// A finding's field path (`spec.template.spec.containers[0].livenessProbe.timeoutSeconds`)
    /// followed in the rendered object and in the document it came from, side by side.
    struct Walk {
        /// Whether the whole path is in the original, ending in the value the rules judged.
        private(set) var complete = false
        /// Whether that value is a scalar: a field written there, not a mapping (a probe) that
        /// the original may hold only part of.
        private(set) var endsAtScalar = false
        /// Whether a mapping on the path in the original replaces the one it patches whole
        /// (`$patch: replace`): what it holds, and what it leaves out, is what kustomize renders.
        private(set) var replaced = false
        /// In the original: the node the finding points at (its key or its value, as in the
        /// rendered object), or when the path stops short, the deepest key that is there.
        private(set) var originalRange: SourceRange

        /// `offset`: where the finding is in the rendered stream (on the path's last key or value).
        init(_ path: String, rendered: Document, root: NodeID, original: Document, originalRoot: NodeID, at offset: Int) {
            originalRange = original.range(originalRoot)
            let parts = path.split(separator: ".", omittingEmptySubsequences: false)
            var node = root
            var originalNode: NodeID? = originalRoot
            // The path's last entry, when it ends at a key's value: its key, and its original entry.
            var last: (key: NodeID, original: (key: NodeID, value: NodeID)?)?
            var j = 0
            while j < parts.count {
                // A key may hold dots (`probelint.io/ignore`): the shortest run of parts that
                // names an entry, its list indices (`containers[0]`) on the run's last part.
                var found: (entry: (key: NodeID, value: NodeID), name: String, indices: [Int], next: Int)?
                var name = ""
                for k in j..<parts.count {
                    let (text, indices) = Self.indices(of: parts[k])
                    name = k == j ? text : name + "." + text
                    if let entry = rendered.lookup(name, in: node) {
                        found = (entry, name, indices, k + 1)
                        break
                    }
                    if parts[k].contains("[") { break }  // a key with indices ends at them
                }
                guard let found else { return }
                if let originalNode, Self.replaces(originalNode, in: original) { replaced = true }
                let originalEntry = originalNode.flatMap { original.lookup(found.name, in: $0) }
                if let originalEntry { originalRange = original.range(originalEntry.key) }
                last = (found.entry.key, originalEntry)
                node = found.entry.value
                originalNode = originalEntry?.value
                for index in found.indices {
                    if let originalNode, Self.replaces(originalNode, in: original) { replaced = true }
                    let items = rendered.items(node)
                    guard index >= 0, index < items.count else { return }
                    let item = items[items.startIndex + index]
                    originalNode = originalNode.flatMap { Self.counterpart(of: item, at: index, in: rendered, among: $0, of: original) }
                    node = item
                    last = nil
                    if let originalNode { originalRange = original.range(originalNode) }
                }
                j = found.next
            }
            guard let originalNode else { return }
            if Self.replaces(originalNode, in: original) { replaced = true }
            let renderedIsScalar = rendered.kind(node) == .scalar, originalIsScalar = original.kind(originalNode) == .scalar
            guard renderedIsScalar == originalIsScalar, !renderedIsScalar || Self.same(node, in: rendered, as: originalNode, in: original)
            else { return }
            complete = true
            endsAtScalar = renderedIsScalar
            if let last, let pair = last.original, rendered.range(last.key).start.offset == offset {
                originalRange = original.range(pair.key)
            } else {
                originalRange = original.range(originalNode)
            }
        }

        /// Whether the scalars are the same value: the same text, or the same number however it
        /// is written (kustomize renders a patch's `2.0` as `2`).
        static func same(_ node: NodeID, in rendered: Document, as originalNode: NodeID, in original: Document) -> Bool {
            if rendered.string(node) == original.string(originalNode) { return true }
            switch (rendered.scalarValue(node), original.scalarValue(originalNode)) {
            case (.int(let a), .int(let b)): return a == b
            case (.int(let a), .float(let b)), (.float(let b), .int(let a)): return Double(a) == b
            case (.float(let a), .float(let b)): return a == b
            default: return false
            }
        }

        /// `$patch: replace` in a mapping of a strategic-merge patch, or as an item of a list.
        static func replaces(_ node: NodeID, in document: Document) -> Bool {
            switch document.kind(node) {
            case .mapping: return document.lookup("$patch", in: node).map { document.scalar($0.value, equals: "replace") } == true
            // A list that holds `- $patch: replace` replaces the list it patches whole.
            case .sequence: return document.items(node).contains { document.kind($0) == .mapping && replaces($0, in: document) }
            case .scalar: return false
            }
        }

        /// `containers[0]` as (`containers`, [0]); a part without brackets has no indices.
        static func indices(of part: Substring) -> (String, [Int]) {
            guard let open = part.firstIndex(of: "[") else { return (String(part), []) }
            var indices: [Int] = []
            var rest = part[open...]
            while rest.first == "[", let close = rest.firstIndex(of: "]"), let n = Int(rest[rest.index(after: rest.startIndex)..<close]) {
                indices.append(n)
                rest = rest[rest.index(after: close)...]
            }
            return rest.isEmpty ? (String(part[..<open]), indices) : (String(part), [])
        }

        /// The item of the original sequence `among` that rendered `item`: the one of the same
        /// `name` when the item is a mapping with one (kustomize merges containers, ports and
        /// the like by name, so a patch may insert before it), else the one at `index`.
        static func counterpart(of item: NodeID, at index: Int, in rendered: Document, among sequence: NodeID,
                                of original: Document) -> NodeID? {
            let items = original.items(sequence)
            if let name = rendered.lookup("name", in: item)?.value, rendered.kind(name) == .scalar {
                let text = rendered.string(name)
                return items.first { original.lookup("name", in: $0).map { original.string($0.value) == text } ?? false }
            }
            return index < items.count ? items[items.startIndex + index] : nil
        }
    }
}
