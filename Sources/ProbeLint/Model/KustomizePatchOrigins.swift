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
        /// A strategic-merge patch holds the node without setting it for sure: a mapping (a probe
        /// whose field is unset), of which it may change a part or add the whole, or a list
        /// element's `name`, the merge key that picks the element it patches. It places the
        /// finding only where the object's own file does not hold the node (the patch added
        /// it), and an earlier patch that sets the node whole comes first.
        var partial = false
    }

    /// The object a patch is applied to, as its kustomization names it.
    struct Target {
        var kind: String?
        var name: String?
        var namespace: String?
        var labelSelector: String?
        var annotationSelector: String?

        init(_ document: Document, _ node: NodeID?) {
            guard let node else { return }
            func text(_ key: String) -> String? { document.lookup(key, in: node).map { document.string($0.value) } }
            kind = text("kind")
            name = text("name")
            namespace = text("namespace")
            labelSelector = text("labelSelector")
            annotationSelector = text("annotationSelector")
        }

        /// Whether it may select the object: its kind and name (`selects(kind:name:originName:cache:)`),
        /// its namespace and its selectors (`selectsMetadata`). The one question the patches and
        /// the replacements ask of a target.
        func selects(_ object: (Document, NodeID), kind: String, name renderedName: String, originName: String?,
                     origin: (Document, NodeID)?, changed: Set<String>, cache: inout SelectionCache) -> Bool {
            selects(kind: kind, name: renderedName, originName: originName, cache: &cache)
                && selectsMetadata(of: object, origin: origin, changed: changed, cache: &cache)
        }

        /// Whether its namespace (a regular expression matched whole, as the name) and its label
        /// and annotation selectors may select the object: as rendered, or as its own file
        /// (`origin`) writes it. A kustomization's namespace, label and annotation transformers
        /// run after its patches, and a base's before them: where the object's annotations say
        /// such a transformer changed it (`changed`, their kinds), what the patch saw is not
        /// known, and it may select it. So may a selector that does not parse. kustomize reads
        /// an unset namespace as `default` (resid's `IsNsEquals`).
        func selectsMetadata(of object: (Document, NodeID), origin: (Document, NodeID)?, changed: Set<String>,
                             cache: inout SelectionCache) -> Bool {
            let places = [object] + (origin.map { [$0] } ?? [])
            func metadata(_ place: (Document, NodeID), _ key: String) -> (Document, NodeID)? {
                place.0.lookup("metadata", in: place.1).flatMap { place.0.lookup(key, in: $0.value) }.map { (place.0, $0.value) }
            }
            if let namespace, !namespace.isEmpty, !changed.contains("NamespaceTransformer") {
                let held = places.map { place in metadata(place, "namespace").map { $0.0.string($0.1) } ?? "" }
                let selected = held.contains { value in
                    let shown = value.isEmpty ? "default" : value
                    return cache.wholeMatch(namespace, shown) ?? true
                }
                if !selected { return false }
            }
            for (selector, key, transformer) in [(labelSelector, "labels", "LabelTransformer"), (annotationSelector, "annotations", "AnnotationsTransformer")] {
                guard let selector, !selector.isEmpty, !changed.contains(transformer), let parsed = try? LabelSelector(parsing: selector) else { continue }
                let matched = places.contains { place in
                    let map = metadata(place, key).flatMap { $0.0.kind($0.1) == .mapping ? Labels($0.0, $0.1) : nil } ?? Labels()
                    return parsed.matches(map)
                }
                if !matched { return false }
            }
            return true
        }

        /// Whether it may select the object. kustomize reads a target's kind and name as
        /// regular expressions matched whole (`^(?:name)$`), the name against the object's name
        /// at that kustomization: its name in its own file, `originName`, with the prefixes and
        /// suffixes the kustomizations below added (a name between it and `renderedName`). A
        /// pattern Swift's Regex cannot read may select anything.
        func selects(kind objectKind: String, name renderedName: String, originName: String?, cache: inout SelectionCache) -> Bool {
            if let kind, !kind.isEmpty, !(cache.wholeMatch(kind, objectKind) ?? true) { return false }
            guard let name, !name.isEmpty else { return true }
            guard Self.isPattern(name) else { return KustomizeOrigins.mayBecome(name, renderedName, from: originName) }
            return cache.selects(name, renderedName, originName)
        }

        /// Whether `text` holds a character that makes it a pattern, not a name to match as it is.
        static func isPattern(_ text: String) -> Bool {
            text.contains(where: { ".*+?[](){}|^$\\".contains($0) })
        }

    }

    /// The targets' patterns, compiled once each, and each answer for an object's names: a
    /// finding asks for every patch of every kustomization, and an object's findings ask the
    /// same (compiled per call, a run of 300 objects and five pattern targets took 70 s).
    struct SelectionCache {
        private var regexes: [String: Regex<AnyRegexOutput>?] = [:]
        private var answers: [String: Bool] = [:]

        mutating func regex(_ pattern: String) -> Regex<AnyRegexOutput>? {
            if let known = regexes[pattern] { return known }
            let regex = try? Regex("(?:" + pattern + ")")
            regexes[pattern] = regex
            return regex
        }

        /// Whether the regular expression `pattern` matches all of `text`; nil when Swift's Regex
        /// cannot read it.
        mutating func wholeMatch(_ pattern: String, _ text: String) -> Bool? {
            guard Target.isPattern(pattern) else { return pattern == text }
            return regex(pattern).map { text.wholeMatch(of: $0) != nil }
        }

        /// Whether the name pattern matches the object's name at some kustomization: its name in its
        /// own file, `originName`, with prefixes and suffixes added (a part of `renderedName` that
        /// holds it); unknown, any part of the rendered name up to 64 characters. A pattern Swift's
        /// Regex cannot read may select anything.
        mutating func selects(_ pattern: String, _ renderedName: String, _ originName: String?) -> Bool {
            let key = pattern + "\u{0}" + renderedName + "\u{0}" + (originName ?? "\u{1}")
            if let known = answers[key] { return known }
            let answer: Bool
            if let regex = regex(pattern) {
                answer = Self.matchesAName(regex, renderedName, originName)
            } else {
                answer = true
            }
            answers[key] = answer
            return answer
        }

        private static func matchesAName(_ regex: Regex<AnyRegexOutput>, _ renderedName: String, _ originName: String?) -> Bool {
            let rendered = Array(renderedName)
            /// Whether a part that starts in `starts` and ends in `ends` matches.
            func anyPart(starts: ClosedRange<Int>, ends: (Int) -> ClosedRange<Int>) -> Bool {
                starts.contains { start in ends(start).contains { end in String(rendered[start..<end]).wholeMatch(of: regex) != nil } }
            }
            guard let originName, !originName.isEmpty else {
                return rendered.count > 64 || !rendered.isEmpty && anyPart(starts: 0...(rendered.count - 1), ends: { $0...rendered.count })
            }
            let origin = Array(originName)
            guard origin.count <= rendered.count else { return false }
            // Each place the origin's name stands in the rendered one, with what was added around it.
            return (0...(rendered.count - origin.count)).contains { at in
                rendered[at..<(at + origin.count)].elementsEqual(origin)
                    && anyPart(starts: 0...at, ends: { _ in (at + origin.count)...rendered.count })
            }
        }
    }

    /// The first patch, of the kustomizations that patched the object (`source.patchedIn`,
    /// relative to `base`; the last to run first), that sets `fieldPath` of `object` to the
    /// value the rules judged. `origin`: the object in its own file, nil when no local file
    /// holds it (a remote base).
    mutating func patchHit(_ fieldPath: String, object: Document, root: NodeID, origin: (Document, NodeID)?, source: Source,
                           at offset: Int) -> PatchHit? {
        let originName = origin.flatMap { Self.name(of: $0.0, $0.1) }
        var partial: PatchHit?
        for path in source.patchedIn.reversed() {
            guard let hit = patchHit(fieldPath, object: object, root: root, origin: origin, originName: originName,
                                     changed: source.metadataChanged(from: path), at: offset, in: path) else { continue }
            if !hit.partial { return hit }
            if partial == nil { partial = hit }
        }
        return partial
    }

    /// The patch of one kustomization that sets the field last: its replacements, which run
    /// after every patch, then its patches from the last that kustomize applies.
    private mutating func patchHit(_ fieldPath: String, object: Document, root: NodeID, origin: (Document, NodeID)?, originName: String?,
                                   changed: Set<String>, at offset: Int, in path: String) -> PatchHit? {
        let kustomization = PathBase.normalized(base + path)
        guard let document = documents(at: kustomization)?.first, let top = document.root else { return nil }
        let folder = kustomization.lastIndex(of: "/").map { String(kustomization[...$0]) } ?? ""
        let objectKind = object.lookup("kind", in: root).map { object.string($0.value) } ?? ""
        let renderedName = Self.name(of: object, root) ?? ""
        let pointer = Self.pointer(fieldPath)
        let rendered = object.node(at: pointer, from: root)

        func selected(by target: Target) -> Bool {
            target.selects((object, root), kind: objectKind, name: renderedName, originName: originName, origin: origin, changed: changed,
                           cache: &selections)
        }
        /// A strategic-merge patch's documents, or a JSON 6902 patch's operations.
        func patch(_ documents: [Document], target: Target?, file: String?, entry: SourceRange) -> PatchHit? {
            if let ops = documents.first, let list = ops.root, ops.kind(list) == .sequence {
                guard let target, selected(by: target) else { return nil }
                return operation(in: ops, list, pointer: pointer, rendered: rendered.map { (object, $0) }, object: (object, root),
                                 file: file ?? kustomization, entry: file == nil ? entry : nil)
            }
            // With a target, kustomize applies each document to what it selects, whatever the
            // document's own kind and name (often a placeholder); without, the document names it.
            let candidates = target.map { selected(by: $0) ? documents : [] }
                ?? Self.original(of: object, root: root, in: documents, holding: originName).map { [$0] } ?? []
            for candidate in candidates {
                guard let patchRoot = candidate.root, candidate.kind(patchRoot) == .mapping else { continue }
                // A mapping too (a probe whose field is unset): `place` takes it where the object's
                // own file does not hold it, and the patch defines it (a probe or container added).
                let walk = Walk(fieldPath, rendered: object, root: root, original: candidate, originalRoot: patchRoot, at: offset)
                guard walk.replaced || walk.complete else { continue }
                let partial = !walk.replaced && (!walk.endsAtScalar || fieldPath.hasSuffix("].name"))
                return file.map { PatchHit(file: present($0), range: walk.originalRange, atField: true, whole: walk.replaced, partial: partial) }
                    ?? PatchHit(file: present(kustomization), range: entry, atField: false, whole: walk.replaced, partial: partial)
            }
            return nil
        }

        if let list = document.lookup("replacements", in: top),
           replacementsMayWrite(pointer, in: document, list.value, folder: folder,
                                object: (object, root), kind: objectKind, origin: origin, originName: originName, changed: changed) {
            return PatchHit(file: present(kustomization), range: document.range(list.key), atField: false, whole: false)
        }
        var partial: PatchHit?
        for entry in KustomizationPatches.entries(of: document, top).reversed() {
            let target = entry.target.map { Target(document, $0) }
            let range = document.range(entry.node)
            var hit: PatchHit?
            if let name = entry.path {
                if let (file, patches) = read(name, in: folder) { hit = patch(patches, target: target, file: file, entry: range) }
            } else if let text = entry.inline {
                hit = patch((try? Reader.readAll(Array(text.utf8), file: kustomization)) ?? [], target: target, file: nil, entry: range)
            }
            guard let hit else { continue }
            if !hit.partial { return hit }
            if partial == nil { partial = hit }
        }
        return partial
    }

    /// A file a kustomization in `folder` names (not an absolute path: a remote or generated one), with its documents.
    mutating func read(_ name: String, in folder: String) -> (String, [Document])? {
        guard !name.hasPrefix("/") else { return nil }
        let absolute = PathBase.normalized(folder + name)
        return documents(at: absolute).map { (absolute, $0) }
    }

    /// The JSON 6902 operation of `list`, the last first, that sets `pointer`'s node or one above
    /// it to what was rendered (`rendered`: the field's node, nil when the field is unset): at the
    /// field's scalar in its `value` when a file's operation writes it (a whole probe or container
    /// as the value too), else at the operation in a file (`entry` nil) or at the kustomization's
    /// entry for an inline patch.
    private func operation(in ops: Document, _ list: NodeID, pointer: [String], rendered: (Document, NodeID)?,
                           object: (Document, NodeID), file: String, entry: SourceRange?) -> PatchHit? {
        for op in ops.items(list).reversed() where ops.kind(op) == .mapping {
            guard let kind = ops.lookup("op", in: op).map({ ops.string($0.value) }), ["add", "replace", "copy", "move"].contains(kind),
                  let path = ops.lookup("path", in: op).map({ ops.string($0.value) }) else { continue }
            let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
                .map { String($0).replacing("~1", with: "/").replacing("~0", with: "~") }
            let value = ops.lookup("value", in: op)?.value
            guard Self.reaches(segments, pointer, value: value, in: ops, object: object) else { continue }
            // The field in the operation's value: it must be what was rendered (a later operation,
            // or a later kustomization, may have set it again); one the value leaves out is unset.
            let written = value.flatMap { ops.node(at: Array(pointer.dropFirst(segments.count)), from: $0) }
            if let written, ops.kind(written) == .scalar {
                guard let (object, node) = rendered, object.kind(node) == .scalar, Walk.same(node, in: object, as: written, in: ops) else { continue }
            }
            if let entry { return PatchHit(file: present(file), range: entry, atField: false, whole: true) }
            if let written, ops.kind(written) == .scalar {
                return PatchHit(file: present(file), range: ops.range(written), atField: true, whole: true)
            }
            return PatchHit(file: present(file), range: ops.range(op), atField: false, whole: true)
        }
        return nil
    }

    /// Whether an operation's path (`segments`) is `pointer`'s or one above it. Its last segment
    /// may name a list's element otherwise than the rendered pointer does: `-` (appended: a
    /// sidecar added as `containers/-`), or an index that a later patch moved (a container put
    /// before it). The element is the one it wrote when `value`, the whole element, has the
    /// rendered element's `name`.
    private static func reaches(_ segments: [String], _ pointer: [String], value: NodeID?, in ops: Document,
                                object: (Document, NodeID)) -> Bool {
        guard segments.count <= pointer.count else { return false }
        for i in segments.indices where segments[i] != pointer[i] {
            guard i == segments.count - 1, Int(pointer[i]) != nil, segments[i] == "-" || Int(segments[i]) != nil,
                  let value, ops.kind(value) == .mapping, let name = ops.lookup("name", in: value).map({ ops.string($0.value) }),
                  let element = object.0.node(at: Array(pointer[...i]), from: object.1), object.0.kind(element) == .mapping,
                  object.0.lookup("name", in: element).map({ object.0.string($0.value) }) == name else { return false }
        }
        return true
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
