/// Which patch of the kustomizations that transformed an object set one of its fields: a
/// strategic-merge patch (a file, `patches[].path` or `patchesStrategicMerge`, or inline), a
/// JSON 6902 operation (a file or inline, under `patches` or `patchesJson6902`), or a
/// replacement. Read from each kustomization's file, the last to run first.
extension KustomizeOrigins {
    /// A patch that sets a field.
    struct PatchHit {
        var file: String
        var range: SourceRange
        /// The field is written at `range` (a patch file's scalar or its key); else `range` is
        /// the patch's entry in its kustomization (or its operation), which shows no field.
        var atField: Bool
        /// The patch sets the whole node at the path (`$patch: replace`, a JSON 6902 operation
        /// on the node or above it), not only some of its fields.
        var whole: Bool
    }

    /// The object a patch is applied to, as its kustomization names it.
    struct Target {
        var kind: String?
        var name: String?

        init(_ document: Document, _ node: NodeID?) {
            guard let node else { return }
            kind = document.lookup("kind", in: node).map { document.string($0.value) }
            name = document.lookup("name", in: node).map { document.string($0.value) }
        }

        /// Whether it may select `object`: the same kind, and a name the rendered name holds
        /// (a prefix or suffix added later). A name pattern (`web-.*`) may match any name.
        func selects(kind objectKind: String, name renderedName: String) -> Bool {
            if let kind, kind != objectKind { return false }
            guard let name, !name.isEmpty else { return true }
            return name.contains(where: { ".*+?[](){}|^$\\".contains($0) }) || renderedName.contains(name)
        }
    }

    /// The first patch, of the kustomizations at `paths` (relative to `base`; the last to run
    /// first), that sets `fieldPath` of `object` to the value the rules judged.
    mutating func patchHit(_ fieldPath: String, object: Document, root: NodeID, originName: String?, at offset: Int,
                           in paths: [String]) -> PatchHit? {
        for path in paths.reversed() {
            if let hit = patchHit(fieldPath, object: object, root: root, originName: originName, at: offset, in: path) { return hit }
        }
        return nil
    }

    private mutating func patchHit(_ fieldPath: String, object: Document, root: NodeID, originName: String?, at offset: Int,
                                   in path: String) -> PatchHit? {
        let kustomization = PathBase.normalized(base + path)
        guard let document = documents(at: kustomization)?.first, let top = document.root else { return nil }
        let folder = kustomization.lastIndex(of: "/").map { String(kustomization[...$0]) } ?? ""
        let objectKind = object.lookup("kind", in: root).map { object.string($0.value) } ?? ""
        let renderedName = object.lookup("metadata", in: root).flatMap { object.lookup("name", in: $0.value) }
            .map { object.string($0.value) } ?? ""
        let pointer = Self.pointer(fieldPath)
        var entryHit: PatchHit?

        /// A strategic-merge patch's documents, or a JSON 6902 patch's operations, read from `text`.
        func patch(_ documents: [Document], target: Target?, file: String?, entry: SourceRange) -> PatchHit? {
            if let ops = documents.first, let list = ops.root, ops.kind(list) == .sequence {
                guard let target, target.selects(kind: objectKind, name: renderedName) else { return nil }
                return operation(in: ops, list, pointer: pointer, object: object, root: root, fieldPath: fieldPath,
                                 file: file ?? kustomization, entry: file == nil ? entry : nil)
            }
            // With a target, kustomize applies each document to what it selects, whatever the
            // document's own kind and name (often a placeholder); without, the document names it.
            let candidates = target.map { $0.selects(kind: objectKind, name: renderedName) ? documents : [] }
                ?? Self.original(of: object, root: root, in: documents, holding: originName).map { [$0] } ?? []
            for candidate in candidates {
                guard let patchRoot = candidate.root, candidate.kind(patchRoot) == .mapping else { continue }
                let walk = Walk(fieldPath, rendered: object, root: root, original: candidate, originalRoot: patchRoot, at: offset)
                guard walk.replaced || (walk.complete && walk.endsAtScalar) else { continue }
                return file.map { PatchHit(file: present($0), range: walk.originalRange, atField: true, whole: walk.replaced) }
                    ?? PatchHit(file: present(kustomization), range: entry, atField: false, whole: walk.replaced)
            }
            return nil
        }
        func read(_ name: String) -> (String, [Document])? {
            guard !name.hasPrefix("/") else { return nil }
            let absolute = PathBase.normalized(folder + name)
            return documents(at: absolute).map { (absolute, $0) }
        }
        func inline(_ text: String) -> [Document] { (try? Reader.readAll(Array(text.utf8), file: kustomization)) ?? [] }

        for key in ["patches", "patchesJson6902"] {
            guard let list = document.lookup(key, in: top) else { continue }
            for item in document.items(list.value) where document.kind(item) == .mapping {
                let target = document.lookup("target", in: item).map { Target(document, $0.value) }
                let entry = document.range(item)
                if let name = document.lookup("path", in: item).map({ document.string($0.value) }), let (file, patches) = read(name) {
                    if let hit = patch(patches, target: target, file: file, entry: entry) { return hit }
                } else if let text = document.lookup("patch", in: item).map({ document.string($0.value) }),
                          let hit = patch(inline(text), target: target, file: nil, entry: entry) {
                    entryHit = entryHit ?? hit
                }
            }
        }
        if let list = document.lookup("patchesStrategicMerge", in: top) {
            for item in document.items(list.value) where document.kind(item) == .scalar {
                let text = document.string(item)
                if !text.contains("\n"), let (file, patches) = read(text) {
                    if let hit = patch(patches, target: nil, file: file, entry: document.range(item)) { return hit }
                } else if let hit = patch(inline(text), target: nil, file: nil, entry: document.range(item)) {
                    entryHit = entryHit ?? hit
                }
            }
        }
        if entryHit == nil, let list = document.lookup("replacements", in: top),
           Self.replacementsMayWrite(fieldPath, kind: objectKind, in: document, list.value, read: read) {
            entryHit = PatchHit(file: present(kustomization), range: document.range(list.key), atField: false, whole: false)
        }
        return entryHit
    }

    /// The JSON 6902 operation of `list` that sets `fieldPath`'s node or one above it: at its
    /// `value` when a file's operation writes the field's own scalar with the value judged, else at
    /// the operation in a file (`entry` nil) or at the kustomization's entry for an inline patch.
    private func operation(in ops: Document, _ list: NodeID, pointer: [String], object: Document, root: NodeID,
                           fieldPath: String, file: String, entry: SourceRange?) -> PatchHit? {
        for op in ops.items(list).reversed() where ops.kind(op) == .mapping {
            guard let kind = ops.lookup("op", in: op).map({ ops.string($0.value) }), ["add", "replace", "copy", "move"].contains(kind),
                  let path = ops.lookup("path", in: op).map({ ops.string($0.value) }) else { continue }
            let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
                .map { String($0).replacing("~1", with: "/").replacing("~0", with: "~") }
            guard segments.count <= pointer.count, Array(pointer.prefix(segments.count)) == segments else { continue }
            if let entry { return PatchHit(file: present(file), range: entry, atField: false, whole: true) }
            if segments.count == pointer.count, let value = ops.lookup("value", in: op)?.value, ops.kind(value) == .scalar {
                return PatchHit(file: present(file), range: ops.range(value), atField: true, whole: true)
            }
            return PatchHit(file: present(file), range: ops.range(op), atField: false, whole: true)
        }
        return nil
    }

    /// Whether a replacement may write the field: one of its targets selects the kind (or any)
    /// and names a field path that ends in the field's key (`...livenessProbe.timeoutSeconds`).
    private static func replacementsMayWrite(_ fieldPath: String, kind: String, in document: Document, _ list: NodeID,
                                             read: (String) -> (String, [Document])?) -> Bool {
        guard let last = fieldPath.split(separator: ".").last.map({ Walk.indices(of: $0).0 }) else { return false }
        var sources: [(Document, NodeID)] = []
        for item in document.items(list) where document.kind(item) == .mapping {
            if let name = document.lookup("path", in: item).map({ document.string($0.value) }), let (_, files) = read(name) {
                sources += files.compactMap { file in file.root.map { (file, $0) } }
            } else {
                sources.append((document, item))
            }
        }
        for (doc, node) in sources {
            let replacements = doc.kind(node) == .sequence ? Array(doc.items(node)) : [node]
            for replacement in replacements {
                for target in doc.lookup("targets", in: replacement).map({ doc.items($0.value) }) ?? [] {
                    let select = doc.lookup("select", in: target).map { Target(doc, $0.value) }
                    if let selectKind = select?.kind, selectKind != kind { continue }
                    let paths = doc.lookup("fieldPaths", in: target).map { doc.items($0.value).map(doc.string) } ?? []
                    if paths.contains(where: { $0.split(separator: ".").last.map(String.init) == last }) { return true }
                }
            }
        }
        return false
    }

    /// `spec.template.spec.containers[0].livenessProbe` as JSON pointer segments
    /// (`spec`, `template`, `spec`, `containers`, `0`, `livenessProbe`).
    static func pointer(_ fieldPath: String) -> [String] {
        fieldPath.split(separator: ".").flatMap { part -> [String] in
            let (name, indices) = Walk.indices(of: part)
            return [name] + indices.map(String.init)
        }
    }
}
