/// An object's `metadata.annotations`, looked up in the manifest when read.
///
/// Readers look up a key or two of every object (`probelint.io/ignore`, the
/// input annotations, PL107's data ports): a Dictionary of every object's
/// annotations cost the map and a String per value, built and released mostly unread.
/// Only scalar values under scalar keys are annotations, as a map of them would hold.
public struct Annotations: Sendable, ExpressibleByDictionaryLiteral {
    private enum Source: Sendable {
        case map([String: Located<String>])
        /// The `annotations` mapping in its document.
        case written(Document, NodeID)
    }

    private let source: Source

    public init(_ map: [String: Located<String>] = [:]) { source = .map(map) }

    public init(dictionaryLiteral elements: (String, Located<String>)...) {
        self.init(Dictionary(elements) { _, last in last })
    }

    init(_ document: Document, _ mapping: NodeID) { source = .written(document, mapping) }

    /// The annotation under `key` and where its value is written. None for a value that is no
    /// string (`3`, `true`): kubectl refuses the object (`nonStringValues`, an input error), so
    /// no value of it is ever applied, and the findings used it as if it were.
    public subscript(_ key: String) -> Located<String>? {
        switch source {
        case .map(let map):
            return map[key]
        case .written(let doc, let mapping):
            guard let entry = doc.lookup(key, in: mapping), doc.kind(entry.key) == .scalar, doc.kind(entry.value) == .scalar
            else { return nil }
            switch doc.scalarValue(entry.value) {
            // A null value (`~`, `null`, nothing) is the empty string, as Kubernetes stores it.
            case .null: return Located("", doc.range(entry.value))
            case .string: return Located(doc.string(entry.value), doc.range(entry.value))
            default: return nil
            }
        }
    }

    /// The values of the keys that start with `prefix` that resolve to no string (a bool, a
    /// number, a list or a mapping; null is the empty string), with their type
    /// (`ScalarValue.typeName`, `list`, `mapping`).
    func nonStringValues(withPrefix prefix: String) -> [(key: String, value: Located<String>, type: String)] {
        guard case .written(let doc, let mapping) = source else { return [] }
        return doc.entries(mapping).compactMap { entry in
            guard doc.kind(entry.key) == .scalar else { return nil }
            let key = doc.string(entry.key)
            guard key.hasPrefix(prefix) else { return nil }
            // `probelint.io/ignore: [PL204]`: a list, which kubectl refuses as it refuses a number.
            switch doc.kind(entry.value) {
            case .sequence: return (key, Located("a list", doc.range(entry.value)), "list")
            case .mapping: return (key, Located("a mapping", doc.range(entry.value)), "mapping")
            case .scalar: break
            }
            switch doc.scalarValue(entry.value) {
            case .string, .null: return nil
            case let value: return (key, Located(doc.string(entry.value), doc.range(entry.value)), value.typeName)
            }
        }
    }

    /// The keys that start with `prefix`, each where it is written (for a map, where its value is).
    func keys(withPrefix prefix: String) -> [Located<String>] {
        switch source {
        case .map(let map):
            return map.filter { $0.key.hasPrefix(prefix) }.map { Located($0.key, $0.value.range) }.sorted { $0.value < $1.value }
        case .written(let doc, let mapping):
            return doc.entries(mapping).filter { doc.kind($0.key) == .scalar && doc.kind($0.value) == .scalar }
                .map { Located(doc.string($0.key), doc.range($0.key)) }.filter { $0.value.hasPrefix(prefix) }
        }
    }

    /// Whether an annotation's key starts with `prefix`.
    func hasKey(withPrefix prefix: String) -> Bool {
        switch source {
        case .map(let map):
            return map.keys.contains { $0.hasPrefix(prefix) }
        case .written(let doc, let mapping):
            return prefix.withContiguousUTF8 { prefix in
                doc.containsEntry(mapping) { key, _ in
                    guard doc.kind(key) == .scalar else { return false }
                    let node = doc.nodes[Int(key.index)]
                    guard Int(node.payloadCount) >= prefix.count else { return false }
                    return doc.text.withUnsafeBufferPointer { Document.equal($0, from: Int(node.payloadStart), prefix) }
                }
            }
        }
    }
}
