/// The index of a node in its `Document`'s arena.
public struct NodeID: Hashable, Sendable, BitwiseCopyable {
    public let index: Int32
    init(_ index: Int) { self.index = Int32(truncatingIfNeeded: index) }
}

public enum NodeKind: UInt8, Sendable, BitwiseCopyable {
    case scalar, sequence, mapping
}

/// How a node was written: the style of its START or SCALAR event.
public enum NodeStyle: UInt8, Sendable, BitwiseCopyable {
    case plain, singleQuoted, doubleQuoted, literal, folded  // scalars
    case block, flow                                          // collections
}

/// One node of the arena. Scalars point into the document's text storage,
/// collections into its children list (mappings as key, value, key, value ...).
/// Aliases are not nodes: an alias puts its anchor's node id into the list again.
struct NodeData: Sendable, BitwiseCopyable, Equatable {
    var kind: NodeKind
    var style: NodeStyle
    var range: SourceRange
    var payloadStart: Int32
    var payloadCount: Int32
    /// 0 for no tag, else the index of the tag in `Document.tags` plus one
    /// (an integer, so that nodes are plain values that copy without retains).
    var tag: Int32
}
