/// Traces the findings on what `kubectl kustomize` renders back to the files it read them
/// from. Rendered with `buildMetadata: [originAnnotations, transformerAnnotations]`, each
/// object carries the file it came from (`config.kubernetes.io/origin`, a path relative to
/// the kustomization that asked for them) and the kustomizations that changed it
/// (`alpha.config.kubernetes.io/transformations`).
///
/// A finding goes to its field in a patch file of a kustomization that patched the object,
/// when the patch writes it with the value the rules judged (the last patch to write it sets
/// it, even where the base holds the same value; `KustomizePatchOrigins`); else to its field in the
/// object's file when it is written there with that value; else to the entry of the patch
/// that set it (inline, JSON 6902, a replacement) or the last patching kustomization's
/// `patches` key; and when nothing accounts for it (a generated object, a field of a remote
/// base that no local patch sets, a file that no longer parses), to DIR's kustomization file
/// at line 1. Those keep their object and
/// field path in the message, as `-k` findings located by object have them. The fixes' edits
/// are placed the same way (`placeEdits`), and the files' ignore comments read
/// (`KustomizeComments`).
public struct KustomizeOrigins {
    static let originKey = "config.kubernetes.io/origin"
    static let transformationsKey = "alpha.config.kubernetes.io/transformations"

    /// The rendered stream's documents, in order.
    let rendered: [Document]
    /// The rendered stream's name, as notes cite places in it (`kubectl kustomize DIR:12`).
    let renderedName: String
    /// The absolute folder the annotations' paths are relative to.
    let base: String
    /// DIR's kustomization file, as shown.
    private let anchor: String
    /// How a file is named in the report, from its absolute path.
    let present: (String) -> String
    /// A file's bytes by absolute path; nil when it cannot be read.
    let read: (String) -> [UInt8]?
    /// The documents of each origin file read so far (nil: unreadable or not YAML).
    var files: [String: [Document]?] = [:]
    /// The patch targets' compiled patterns and answers (`KustomizePatchOrigins`).
    var selections = SelectionCache()
    /// What each rendered document (by index) was traced to, once for all its findings.
    private var traces: [Int: Trace] = [:]

    /// A rendered object, its annotations, and the document of its file it came from (nil
    /// when it has no local file, or the file no longer holds it).
    struct Trace {
        var object: Document
        var root: NodeID
        var source: Source
        var origin: (file: String, document: Document, root: NodeID)?
    }

    public init(rendered: [Document], base: String, anchor: String, present: @escaping (String) -> String,
                read: @escaping (String) -> [UInt8]?) {
        self.rendered = rendered
        renderedName = rendered.first?.file ?? ""
        self.base = base.hasSuffix("/") ? base : base + "/"
        self.anchor = anchor
        self.present = present
        self.read = read
    }

    /// Gives each finding the file, line and column of its field (see the type), and drops
    /// those that a `# probelint ignore=` comment there silences (kustomize drops comments);
    /// those comments' problems are added to `errors`, or `warnings` (`InputProblem.warning`).
    public mutating func locate(_ findings: inout [Finding], errors: inout [LintError], warnings: inout [LintError]) {
        for i in findings.indices {
            locate(&findings[i])
            placeEdits(of: &findings[i])
            retargetNotes(of: &findings[i])
        }
        dropSilencedByComments(&findings, errors: &errors, warnings: &warnings)
    }

    /// Notes that cite another object by its place in the rendered stream (PL205's Service,
    /// PL302's ConfigMap: `kubectl kustomize DIR:12`) cite it in its own file instead.
    private mutating func retargetNotes(of f: inout Finding) {
        let cited = renderedName + ":"
        guard !renderedName.isEmpty, f.notes.contains(where: { $0.text.contains(cited) }) else { return }
        f.notes = Notes(f.notes.map { note in
            var note = note
            var text = Substring(note.text), out = ""
            while let hit = text.firstRange(of: cited) {
                let digits = text[hit.upperBound...].prefix { $0.isASCII && $0.isNumber }
                out += text[..<hit.lowerBound]
                if let line = Int(digits), let place = place(ofLine: line) {
                    out += place
                } else {
                    out += text[hit.lowerBound..<digits.endIndex]
                }
                text = text[digits.endIndex...]
            }
            note.text = out + text
            return note
        })
    }

    /// `file:line` of the object that starts at `line` of the rendered stream, in its own file.
    private mutating func place(ofLine line: Int) -> String? {
        guard let object = rendered.first(where: { doc in doc.root.map { doc.range($0).start.line == line } ?? false }),
              let root = object.root, let origin = trace(at: object.range(root).start.offset)?.origin
        else { return nil }
        return "\(origin.file):\(origin.document.range(origin.root).start.line)"
    }

    /// The rendered document that holds `offset` (the last that starts at or before it: one
    /// ends where the next starts), traced once.
    mutating func trace(at offset: Int) -> Trace? {
        var low = 0, high = rendered.count
        while low < high {
            let mid = (low + high) / 2
            if rendered[mid].range.start.offset <= offset { low = mid + 1 } else { high = mid }
        }
        let index = low - 1
        guard index >= 0, let root = rendered[index].root else { return nil }
        if let known = traces[index] { return known }
        let object = rendered[index]
        var trace = Trace(object: object, root: root, source: Self.source(of: object, root: root))
        if let path = trace.source.path, let documents = documents(at: base + path),
           let original = Self.original(of: object, root: root, in: documents), let originalRoot = original.root {
            trace.origin = (present(PathBase.normalized(base + path)), original, originalRoot)
        }
        traces[index] = trace
        return trace
    }

    private mutating func locate(_ f: inout Finding) {
        let offset = f.range.start.offset
        guard let trace = trace(at: offset) else { return unplaced(&f, at: anchor, SourceRange(point: .start)) }
        if let (file, original, originalRoot) = trace.origin, f.path == nil {
            f.file = file
            f.range = original.range(originalRoot)
            return
        }
        // With no local file that holds the object (a remote base), a local patch may still write the field.
        switch f.path.flatMap({ place($0, of: trace, at: offset) }) {
        case .field(let file, let range)?:
            f.file = file
            f.range = range
        case .unplaced(let file, let range)?:
            unplaced(&f, at: file, range)
        case nil:
            if trace.origin == nil { unplaced(&f, at: anchor, SourceRange(point: .start)) }
        }
    }

    /// Where the files set a field of a traced object, the rendered stream having it at `offset`.
    enum FieldPlace {
        /// The field itself, written with the value judged (its key or value, as at `offset`).
        case field(file: String, range: SourceRange)
        /// A place that shows no field (a patch's entry in its kustomization): the finding there
        /// names its object and field path.
        case unplaced(file: String, range: SourceRange)
    }

    /// A patch that writes the field with the value judged is what sets it, even where the base
    /// holds the same value (`timeoutSeconds: 1  # pinned for prod` in the overlay's patch):
    /// editing the base would change nothing. A mapping (a probe whose field is unset) stays in
    /// the file that defines it (the object's own), of which a patch may hold only part, unless
    /// a patch sets it whole (`$patch: replace`, a JSON 6902 operation on it). Findings and the
    /// edits of their fixes (`writtenPlace`) are placed by this one decision. A strategic-merge
    /// patch that holds a node only in part (`PatchHit.partial`: a mapping, or a list element's
    /// `name`, the merge key that picks the container PL204 and PL205 point at) places it only
    /// where the object's own file does not hold it. For an object whose own file is not known
    /// (a remote base), only a patch that sets the field places it; nil when none does.
    mutating func place(_ fieldPath: String, of trace: Trace, at offset: Int) -> FieldPlace? {
        let hit = patchHit(fieldPath, object: trace.object, root: trace.root, origin: trace.origin.map { ($0.document, $0.root) },
                           source: trace.source, at: offset)
        func placed(_ hit: PatchHit) -> FieldPlace {
            hit.atField ? .field(file: hit.file, range: hit.range) : .unplaced(file: hit.file, range: hit.range)
        }
        // With no file of its own, a patch that holds the node only in part may not be what set it.
        guard let (file, original, originalRoot) = trace.origin else { return hit.flatMap { $0.partial ? nil : placed($0) } }
        let walk = Walk(fieldPath, rendered: trace.object, root: trace.root, original: original, originalRoot: originalRoot, at: offset)
        if let hit, !hit.partial || !walk.complete { return placed(hit) }
        if walk.complete { return .field(file: file, range: walk.originalRange) }
        if let patch = trace.source.patchedIn.last, let place = patchPlace(patch) { return .unplaced(file: place.file, range: place.range) }
        return .unplaced(file: file, range: walk.originalRange)
    }

    /// A finding whose field no file shows as the rules saw it: at `file` and `range`, with
    /// the object and field path at the head of its message.
    private func unplaced(_ f: inout Finding, at file: String, _ range: SourceRange) {
        f.message = f.messageNamingItsField
        f.file = file
        f.range = range
    }

    /// The `patches` (or `patchesStrategicMerge`, `patchesJson6902`, `replacements`) key of the
    /// kustomization at `path` (relative to `base`), else its first line.
    private mutating func patchPlace(_ path: String) -> (file: String, range: SourceRange)? {
        let absolute = PathBase.normalized(base + path)
        guard let documents = documents(at: absolute), let document = documents.first else { return nil }
        var range = SourceRange(point: .start)
        if let root = document.root {
            for key in ["patches", "patchesStrategicMerge", "patchesJson6902", "replacements"] {
                if let entry = document.lookup(key, in: root) {
                    range = document.range(entry.key)
                    break
                }
            }
        }
        return (present(absolute), range)
    }

    /// The documents of a file kustomize read, as it read them where probelint can: a key written
    /// twice in a kustomization file is its last value. In a resource kustomize refuses one; in a
    /// patch it applies the first (kustomize v5.5), which no lookup here reads, so such a patch
    /// is not read and places nothing.
    mutating func documents(at path: String) -> [Document]? {
        let path = PathBase.normalized(path)
        if let known = files[path] { return known }
        let limits = KustomizationPatches.isKustomizationFile(path) ? KustomizationPatches.readerLimits() : .default
        let documents = read(path).flatMap { try? Reader.readAll($0, file: path, limits: limits) }
        files[path] = documents
        return documents
    }
}

extension KustomizeOrigins {

    /// What an object's annotations say of it: its file (nil for a generated object or one from
    /// a remote base) and the kustomizations whose transformations may have changed its fields
    /// (patches and replacements), in the order they ran.
    struct Source {
        var path: String?
        var patchedIn: [String] = []
        /// Every transformation the object's annotations list, in the order they ran: the
        /// transformer's kind and the kustomization that configured it.
        var transforms: [(kind: String, file: String)] = []

        static let metadataTransformers: Set = ["NamespaceTransformer", "LabelTransformer", "AnnotationsTransformer"]

        /// The kinds of the namespace, label and annotation transformers that ran in the
        /// kustomization at `path` or after it: a target of its patches saw what they changed
        /// otherwise than rendered (its own run after its patches, but for `patchesJson6902`).
        /// Every such kind when `path` is not listed.
        func metadataChanged(from path: String) -> Set<String> {
            let first = transforms.firstIndex { $0.file == path } ?? 0
            return Set(transforms[first...].map(\.kind).filter(Self.metadataTransformers.contains))
        }
    }

    static func source(of document: Document, root: NodeID) -> Source {
        guard let metadata = document.lookup("metadata", in: root)?.value,
              let annotations = document.lookup("annotations", in: metadata)?.value else { return Source() }
        var source = Source()
        if let origin = document.lookup(originKey, in: annotations)?.value,
           let parsed = try? Reader.readAll(document.string(origin)).first, let top = parsed.root,
           parsed.lookup("repo", in: top) == nil, let path = parsed.lookup("path", in: top)?.value {
            let text = parsed.string(path)
            if !text.isEmpty && !text.hasPrefix("/") { source.path = text }
        }
        if let list = document.lookup(transformationsKey, in: annotations)?.value,
           let parsed = try? Reader.readAll(document.string(list)).first, let top = parsed.root {
            for item in parsed.items(top) {
                guard let by = parsed.lookup("configuredBy", in: item)?.value,
                      let kind = parsed.lookup("kind", in: by)?.value,
                      let file = parsed.lookup("configuredIn", in: item)?.value else { continue }
                let name = parsed.string(kind)
                if name.contains("Patch") || name.contains("Replacement") { source.patchedIn.append(parsed.string(file)) }
                source.transforms.append((name, parsed.string(file)))
            }
        }
        return source
    }

    /// The document of `documents` that rendered `object`: the same kind, and the longest name
    /// that the rendered name holds (kustomize adds prefixes and suffixes) and that holds
    /// `originName`, the name in the object's own file, when a patch is looked for (a patch of
    /// `web` does not patch `web-worker`); of two such, the one in the rendered namespace.
    static func original(of object: Document, root: NodeID, in documents: [Document], holding originName: String? = nil) -> Document? {
        guard let kind = object.lookup("kind", in: root)?.value,
              let metadata = object.lookup("metadata", in: root)?.value,
              let name = object.lookup("name", in: metadata)?.value else { return nil }
        let renderedName = object.string(name)
        let namespace = object.lookup("namespace", in: metadata).map { object.string($0.value) }
        var best: (document: Document, length: Int, sameNamespace: Bool)?
        for document in documents {
            guard let top = document.root, let k = document.lookup("kind", in: top)?.value,
                  document.string(k) == object.string(kind),
                  let m = document.lookup("metadata", in: top)?.value,
                  let n = document.lookup("name", in: m)?.value else { continue }
            let candidate = document.string(n)
            guard !candidate.isEmpty, Self.mayBecome(candidate, renderedName, from: originName) else { continue }
            let sameNamespace = document.lookup("namespace", in: m).map { document.string($0.value) } == namespace
            if let best, best.length > candidate.utf8.count || (best.length == candidate.utf8.count && (best.sameNamespace || !sameNamespace)) {
                continue
            }
            best = (document, candidate.utf8.count, sameNamespace)
        }
        return best?.document
    }

    /// Whether kustomize may have rendered `name` (a patch's, a target's) as `renderedName`: it
    /// only adds prefixes and suffixes, so the rendered name holds it, and it holds the name in
    /// the object's own file, `originName` when known (a patch of `web` is not `web-worker`'s).
    static func mayBecome(_ name: String, _ renderedName: String, from originName: String?) -> Bool {
        renderedName.contains(name) && (originName.map(name.contains) ?? true)
    }

    /// `metadata.name` of a document's root mapping.
    static func name(of document: Document, _ root: NodeID) -> String? {
        document.lookup("metadata", in: root).flatMap { document.lookup("name", in: $0.value) }.map { document.string($0.value) }
    }
}
