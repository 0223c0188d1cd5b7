/// The files a kustomization file names as patches (`patches[].path`,
/// `patchesStrategicMerge`, `patchesJson6902[].path`), as written: relative to the
/// kustomization's folder.
///
/// A strategic-merge patch is written as an object, but it holds only the fields it changes
/// and leaves the rest to its base: linted as a whole object, its probe without a handler
/// was PL202 and its container without probes PL204. The command line does not lint such a
/// file (what the kustomization renders is linted with `-k`).
public enum KustomizationPatches {
    /// The names kustomize looks for in a folder, in its order.
    public static let fileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    /// `base` as a kustomization file is read: a key written twice is taken, the last value
    /// winning, as kustomize takes one there (a manifest's is an input error).
    public static func readerLimits(_ base: ReaderLimits = .default) -> ReaderLimits {
        var limits = base
        limits.refusesDuplicateKeys = false
        return limits
    }

    /// Whether `path` names a kustomization file (by its last component). Asked of every input
    /// file: no array of its components is made.
    public static func isKustomizationFile(_ path: String) -> Bool {
        fileNames.contains { name in path == name || path.hasSuffix("/" + name) }
    }

    /// The patch paths of a kustomization file; nil when it does not parse as a YAML mapping
    /// (kustomize reports that, and the folder's files are linted as they are).
    public static func paths(in bytes: [UInt8], file: String) -> [String]? {
        patches(in: bytes, file: file)?.paths
    }

    /// `paths(in:file:)`, and whether the file is a kustomize Component (`kind: Component`),
    /// which renders nothing alone: an overlay lists it under `components`.
    public static func patches(in bytes: [UInt8], file: String) -> (paths: [String], isComponent: Bool)? {
        // A key written twice, which kustomize takes (the last value), is no YAML error here; and
        // a file under either `patches:` holds only the fields it changes, applied or not.
        guard let documents = try? Reader.readAll(bytes, file: file, limits: KustomizationPatches.readerLimits()), let doc = documents.first,
              let root = doc.root, doc.kind(root) == .mapping else { return nil }
        let isComponent = doc.lookup("kind", in: root).map { doc.string($0.value) == "Component" } ?? false
        return (entries(of: doc, root, everyList: true).compactMap(\.path), isComponent)
    }

    /// One patch a kustomization file names: a file, or inline text, and its `target:`.
    public struct Entry {
        /// Its node in the kustomization: a `patches` or `patchesJson6902` item, or a
        /// `patchesStrategicMerge` string.
        public var node: NodeID
        public var path: String?
        public var inline: String?
        public var target: NodeID?
    }

    /// The patches in the order kustomize applies them (its builtin transformers run
    /// `patchesStrategicMerge`, then `patches`, then, after the name and label transformers,
    /// `patchesJson6902`), each list in its own order: of a key written twice, the last list, as
    /// kustomize takes it, or with `everyList` each (the files either names).
    public static func entries(of doc: Document, _ root: NodeID, everyList: Bool = false) -> [Entry] {
        func lists(_ key: String) -> [NodeID] {
            let written = everyList ? doc.entries(root).filter { doc.string($0.key) == key }.map(\.value) : doc.lookup(key, in: root).map { [$0.value] } ?? []
            return written.filter { doc.kind($0) == .sequence }
        }
        var entries: [Entry] = []
        for list in lists("patchesStrategicMerge") {
            for item in doc.items(list) where doc.kind(item) == .scalar {
                // A path, or an inline patch: a string of YAML, which holds a line break.
                let text = doc.string(item)
                entries.append(text.contains("\n") ? Entry(node: item, inline: text) : Entry(node: item, path: text))
            }
        }
        for key in ["patches", "patchesJson6902"] {
            for list in lists(key) {
                for item in doc.items(list) where doc.kind(item) == .mapping {
                    var entry = Entry(node: item, target: doc.lookup("target", in: item)?.value)
                    if let path = doc.lookup("path", in: item)?.value, doc.kind(path) == .scalar {
                        entry.path = doc.string(path)
                    } else if let patch = doc.lookup("patch", in: item)?.value, doc.kind(patch) == .scalar {
                        entry.inline = doc.string(patch)
                    }
                    entries.append(entry)
                }
            }
        }
        return entries
    }
}
