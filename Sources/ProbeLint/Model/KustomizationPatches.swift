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

    /// The patch paths of a kustomization file; nil when it does not parse as a YAML mapping
    /// (kustomize reports that, and the folder's files are linted as they are).
    public static func paths(in bytes: [UInt8], file: String) -> [String]? {
        guard let documents = try? Reader.readAll(bytes, file: file), let doc = documents.first,
              let root = doc.root, doc.kind(root) == .mapping else { return nil }
        var paths: [String] = []
        // A path, or an inline patch: a string of YAML, which holds a line break.
        if let list = doc.lookup("patchesStrategicMerge", in: root)?.value, doc.kind(list) == .sequence {
            for item in doc.items(list) where doc.kind(item) == .scalar {
                let text = doc.string(item)
                if !text.contains("\n") { paths.append(text) }
            }
        }
        for key in ["patches", "patchesJson6902"] {
            guard let list = doc.lookup(key, in: root)?.value, doc.kind(list) == .sequence else { continue }
            for item in doc.items(list) where doc.kind(item) == .mapping {
                if let path = doc.lookup("path", in: item)?.value, doc.kind(path) == .scalar { paths.append(doc.string(path)) }
            }
        }
        return paths
    }
}
