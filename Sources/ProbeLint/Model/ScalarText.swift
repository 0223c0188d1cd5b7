/// A scalar of the manifest that few readers need, decoded into a String only when read.
///
/// An object's `apiVersion` and a container's `image` were decoded for every object and
/// container (an image is long enough to take a heap allocation), and mostly released
/// unread: daemon detection looks for a word in the image, which it does in place.
struct ScalarText: Sendable {
    private enum Source: Sendable {
        case text(String?)
        /// A node of the document (a scalar or not).
        case written(Document, NodeID)
    }

    private let source: Source

    init(_ text: String?) { source = .text(text) }

    /// The scalar at `node`; none for nil or a node that is not a scalar.
    init(_ document: Document, _ node: NodeID?) {
        source = node.map { .written(document, $0) } ?? .text(nil)
    }

    var string: String? {
        switch source {
        case .text(let text):
            return text
        case .written(let doc, let node):
            return doc.kind(node) == .scalar ? doc.string(node) : nil
        }
    }

    /// Whether the text holds `word`'s bytes, read in place.
    func contains(_ word: StaticString) -> Bool {
        switch source {
        case .text(let text):
            return text?.withContiguousUTF8 { ByteSearch.find($0, word, from: 0) != nil } ?? false
        case .written(let doc, let node):
            guard doc.kind(node) == .scalar else { return false }
            let scalar = doc.nodes[Int(node.index)]
            return doc.text.withUnsafeBufferPointer { text in
                let start = Int(scalar.payloadStart)
                let bytes = UnsafeBufferPointer(rebasing: text[start..<start + Int(scalar.payloadCount)])
                return ByteSearch.find(bytes, word, from: 0) != nil
            }
        }
    }
}
