/// A `labels` mapping, looked up in the manifest when read.
///
/// Rules read one label of a pod (`app`, for daemon detection) and whether it has
/// any (PL205); only PL205's pending findings need the whole map. Decoding every
/// pod's labels into a Dictionary up front cost the map and a String per key and
/// value, built and released mostly unread. Only scalar values under scalar keys
/// are labels, as in the map (`Document.labels`).
public struct Labels: Sendable, ExpressibleByDictionaryLiteral {
    private enum Source: Sendable {
        case map([String: String])
        /// The `labels` mapping in its document.
        case written(Document, NodeID)
    }

    private let source: Source

    public init(_ map: [String: String] = [:]) { source = .map(map) }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(Dictionary(elements) { _, last in last })
    }

    init(_ document: Document, _ mapping: NodeID) { source = .written(document, mapping) }

    /// Every label, as a map.
    public var map: [String: String] {
        switch source {
        case .map(let map): return map
        case .written(let doc, let mapping): return doc.labels(mapping)
        }
    }

    /// The label under `key` (merge keys followed, the written key first, as in the map).
    public subscript(_ key: String) -> String? {
        switch source {
        case .map(let map):
            return map[key]
        case .written(let doc, let mapping):
            guard let entry = doc.lookup(key, in: mapping), doc.kind(entry.value) == .scalar else { return nil }
            return doc.string(entry.value)
        }
    }

    /// Whether there is no label.
    public var isEmpty: Bool {
        switch source {
        case .map(let map):
            return map.isEmpty
        case .written(let doc, let mapping):
            return !doc.containsEntry(mapping) { doc.kind($0) == .scalar && doc.kind($1) == .scalar }
        }
    }
}
