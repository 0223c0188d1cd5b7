/// Whether a kustomization's `replacements` may write a field of an object: a target whose
/// `select` may pick the object and whose `fieldPaths` name the field, or a node above it, by
/// kustomize's path syntax (`spec.template.spec.containers.[name=web].livenessProbe.timeoutSeconds`:
/// a list element picked by a field's value, `*` any, a bracketed key that holds dots).
extension KustomizeOrigins {
    /// `pointer`: the field as JSON pointer segments (`KustomizeOrigins.pointer`), in `object`
    /// as rendered. A replacement in a file (`path:`) is read from the kustomization's `folder`.
    mutating func replacementsMayWrite(_ pointer: [String], in document: Document, _ list: NodeID, folder: String,
                                       object: (Document, NodeID), kind: String, origin: (Document, NodeID)?, originName: String?,
                                       changed: Set<String>) -> Bool {
        var sources: [(Document, NodeID)] = []
        for item in document.items(list) where document.kind(item) == .mapping {
            if let name = document.lookup("path", in: item).map({ document.string($0.value) }), let (_, files) = read(name, in: folder) {
                sources += files.compactMap { file in file.root.map { (file, $0) } }
            } else {
                sources.append((document, item))
            }
        }
        let renderedName = Self.name(of: object.0, object.1) ?? ""
        for (doc, node) in sources {
            let replacements = doc.kind(node) == .sequence ? Array(doc.items(node)) : [node]
            for replacement in replacements {
                for target in doc.lookup("targets", in: replacement).map({ doc.items($0.value) }) ?? [] {
                    if let select = doc.lookup("select", in: target).map({ Target(doc, $0.value) }),
                       !select.selects(object, kind: kind, name: renderedName, originName: originName, origin: origin, changed: changed,
                                       cache: &selections) { continue }
                    let paths = doc.lookup("fieldPaths", in: target).map { doc.items($0.value).map(doc.string) } ?? []
                    if paths.contains(where: { Self.replacementPath($0, reaches: pointer, in: object) }) { return true }
                }
            }
        }
        return false
    }

    /// Whether a replacement's field path names the field at `pointer`, or a node above it.
    static func replacementPath(_ path: String, reaches pointer: [String], in object: (Document, NodeID)) -> Bool {
        let segments = replacementSegments(path)
        guard !segments.isEmpty, segments.count <= pointer.count else { return false }
        for (i, segment) in segments.enumerated() {
            if segment == "*" || segment == pointer[i] { continue }
            // `[name=web]`: the list element whose field has that value.
            guard segment.hasPrefix("["), segment.hasSuffix("]"), Int(pointer[i]) != nil,
                  let equals = segment.firstIndex(of: "=") else { return false }
            let key = String(segment[segment.index(after: segment.startIndex)..<equals])
            let value = String(segment[segment.index(after: equals)..<segment.index(before: segment.endIndex)])
            guard let element = object.0.node(at: Array(pointer[...i]), from: object.1), object.0.kind(element) == .mapping,
                  object.0.lookup(key, in: element).map({ object.0.string($0.value) }) == value else { return false }
        }
        return true
    }

    /// A replacement's field path in segments: split at dots outside brackets; a bracketed
    /// segment without `=` is a key that holds dots (`[app.kubernetes.io/name]`), kept bare.
    static func replacementSegments(_ path: String) -> [String] {
        var segments: [String] = [], current = "", depth = 0
        for character in path {
            switch character {
            case "[": depth += 1; current.append(character)
            case "]": depth = max(0, depth - 1); current.append(character)
            case "." where depth == 0: segments.append(current); current = ""
            default: current.append(character)
            }
        }
        segments.append(current)
        return segments.map { segment in
            segment.hasPrefix("[") && segment.hasSuffix("]") && !segment.contains("=") ? String(segment.dropFirst().dropLast()) : segment
        }
    }
}
