import ProbeLint

/// Finds the input files that a kustomization in their folder or above names as patches
/// (`KustomizationPatches`), so that they are not linted as whole objects.
///
/// Each folder is looked at once: its kustomization file, if any, read, and its patches
/// resolved from the folder, `.` and `..` taken lexically as `ConfigDiscovery` takes them.
struct PatchFinder {
    /// A kustomization file: how it is named (as reached from the first file's folder that
    /// found it) and the absolute paths of its patches.
    struct Kustomization {
        var file: String
        var directory: String
        var patches: Set<String>
        /// A kustomize Component, which renders nothing alone.
        var isComponent = false
    }

    /// By a folder's absolute path: the kustomizations in it and above it, nearest first.
    private var chains: [String: [Kustomization]] = [:]
    /// The same by the folder as written: most files of a run share a few folders, and working
    /// out a folder's absolute path for each of them was 24,000 instructions a file.
    private var written: [String: [Kustomization]] = [:]

    /// The kustomization that names `path` as a patch, the nearest first; nil for stdin and
    /// for a file that no kustomization names.
    mutating func kustomization(patching path: String) -> Kustomization? {
        guard path != "-" else { return nil }
        let dir = PathBase.directory(of: path)
        let chain: [Kustomization]
        if let known = written[dir] {
            chain = known
        } else {
            chain = kustomizations(from: dir)
            written[dir] = chain
        }
        guard !chain.isEmpty else { return nil }
        let target = ConfigDiscovery.absolute(path)
        return chain.first { $0.patches.contains(target) }
    }

    /// The kustomizations in `dir` and its ancestors, nearest first (cached for each folder).
    private mutating func kustomizations(from dir: String) -> [Kustomization] {
        let key = ConfigDiscovery.absolute(dir)
        if let chain = chains[key] { return chain }
        var chain: [Kustomization] = []
        if let own = Self.read(in: dir) { chain.append(own) }
        if let parent = ConfigDiscovery.parent(of: dir) { chain += kustomizations(from: parent) }
        chains[key] = chain
        return chain
    }

    /// The kustomization file kustomize reads in `dir` (the first of `KustomizationPatches.fileNames`
    /// there), named as reached from `dir`: `kustomization.yaml` for `.`, `base/kustomization.yaml`
    /// for `base` or `base/`; nil when there is none.
    static func kustomizationFile(in dir: String) -> String? {
        let prefix = dir == "." ? "" : dir.hasSuffix("/") ? dir : dir + "/"
        return KustomizationPatches.fileNames.lazy.map { prefix + $0 }.first(where: FileDiscovery.isRegularFile)
    }

    /// The kustomization file in `dir`, if it has one that parses.
    private static func read(in dir: String) -> Kustomization? {
        guard let file = kustomizationFile(in: dir), case .success(let bytes) = FileDiscovery.read(file, limit: 1 << 20),
              let (paths, isComponent) = KustomizationPatches.patches(in: bytes, file: file) else { return nil }
        let base = ConfigDiscovery.absolute(dir)
        let patches = Set(paths.map { $0.hasPrefix("/") ? ConfigDiscovery.absolute($0) : ConfigDiscovery.absolute(base + "/" + $0) })
        return Kustomization(file: file, directory: dir, patches: patches, isComponent: isComponent)
    }

    /// `files` without the patches, each left out with a note on stderr that says which
    /// kustomization names it and how to lint what that renders.
    static func dropPatches(_ files: [String]) -> [String] {
        var finder = PatchFinder()
        return files.filter { path in
            guard let kustomization = finder.kustomization(patching: path) else { return true }
            // A Component renders nothing alone (`-k` of it fails): an overlay that lists it does.
            let how = kustomization.isComponent
                ? "it is a kustomize Component, which renders nothing alone: lint an overlay that lists it under components with -k DIR"
                : "lint what the kustomization renders with -k \(PatchReporter.shellWord(kustomization.directory))"
            let message = "\(path): note: not linted: \(kustomization.file) names it as a patch, which holds only the fields it changes; " + how
            writeStderr(TerminalText.escape(message) + "\n")
            return false
        }
    }
}
