/// A document's nodes in the order they are written (each once: an alias's node is where its
/// anchor is), with the role each plays, for what an ignore comment covers (`IgnoreComments`).
struct NodeWalk {
    enum Role { case root, key(value: NodeID), value, item }

    let document: Document
    private var visits: [(node: NodeID, role: Role)] = []
    /// Each visit's start offset: nondecreasing, so searched by halves.
    private var starts: [Int] = []
    /// Where scalars are: a `#` inside one is text, not a comment. A block scalar's starts on the
    /// line after its header (`|  # comment`), when the file's bytes are given.
    private var scalarRanges: [Range<Int>] = []

    init(_ document: Document, bytes: [UInt8]? = nil) {
        self.document = document
        guard let root = document.root else { return }
        var lastStart = -1
        // Pre-order, children in order; a node that starts before the last one visited is an
        // alias of an earlier anchor, visited there.
        var stack: [(NodeID, Role)] = [(root, .root)]
        while let (node, role) = stack.popLast() {
            let range = document.range(node)
            guard range.start.offset >= lastStart else { continue }
            lastStart = range.start.offset
            visits.append((node, role))
            starts.append(lastStart)
            switch document.kind(node) {
            case .scalar:
                var start = range.start.offset
                // The header of `|` or `>` ends its line: a `#` after it there is a comment.
                if let bytes, document.style(node) == .literal || document.style(node) == .folded {
                    while start < range.end.offset, start < bytes.count, bytes[start] != 0x0A, bytes[start] != 0x0D { start += 1 }
                }
                scalarRanges.append(start..<max(range.end.offset, start + 1))
            case .sequence:
                for item in document.items(node).reversed() { stack.append((item, .item)) }
            case .mapping:
                for entry in document.rawEntries(node).reversed() {
                    stack.append((entry.value, .value))
                    stack.append((entry.key, .key(value: entry.value)))
                }
            }
        }
    }

    /// The offsets a comment covers: the outermost node that starts on its line (a trailing
    /// comment) or after it (a comment on a line of its own), a key with its value, a block
    /// collection by its first entry unless it is a sequence item. Nil when no node follows.
    func covered(by comment: IgnoreComment) -> Range<Int>? {
        var index = Self.firstIndex(in: starts) { $0 >= (comment.trailing ? comment.lineStart : comment.hash) }
        guard index < visits.count, !comment.trailing || starts[index] < comment.hash else { return nil }
        while true {
            let (node, role) = visits[index]
            let range = document.range(node)
            if case .key(let value) = role {
                return range.start.offset..<max(range.end.offset, document.range(value).end.offset)
            }
            if case .item = role, document.kind(node) == .mapping { return range.start.offset..<range.end.offset }
            // A block collection by its first entry or item, the next node visited.
            let first: NodeID? = switch document.kind(node) {
            case .scalar: nil
            case .sequence: document.items(node).first
            case .mapping: document.rawEntries(node).first?.key
            }
            guard document.style(node) == .block, let first, index + 1 < visits.count, visits[index + 1].node == first else {
                return range.start.offset..<max(range.end.offset, range.start.offset + 1)
            }
            index += 1
        }
    }

    /// Whether the comment is at the start of its line after the document's last node (and in
    /// no scalar: a root block scalar's lines may start at column 1).
    func isAfterLastNode(_ comment: IgnoreComment) -> Bool {
        !comment.trailing && comment.hash == comment.lineStart && (starts.last ?? -1) < comment.hash && !isInScalar(comment.hash)
    }

    /// Whether `offset` lies inside a scalar (their ranges are in order and do not overlap).
    func isInScalar(_ offset: Int) -> Bool {
        let index = Self.firstIndex(in: scalarRanges) { $0.lowerBound > offset }
        return index > 0 && scalarRanges[index - 1].contains(offset)
    }

    /// The first index whose element satisfies `isAtOrPast` (false, then true, along the array).
    static func firstIndex<T>(in array: [T], where isAtOrPast: (T) -> Bool) -> Int {
        var low = 0, high = array.count
        while low < high {
            let mid = (low + high) / 2
            if isAtOrPast(array[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
