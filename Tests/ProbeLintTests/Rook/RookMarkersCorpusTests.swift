import Foundation
import Testing
@testable import ProbeLint

/// The pre-pass shortcuts (marker search, CRs only when an object is owned by
/// one, documents of other kinds skipped) give the facts of the full path, which
/// parses and decodes every document of every file: on the shared corpus
/// (per project, as a run sees it), the examples and a bench corpus.
@Suite struct RookMarkersCorpusTests {
    static func yamlFiles(under root: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var out: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") || relative.hasSuffix(".json") {
                out.append(root.path + "/" + relative)
            }
        }
        return out.sorted()
    }

    /// Facts by the full path: every document decoded, CR locations kept when an object of the
    /// run is owned by a Rook CR, only the CephClusters' when none is but a CephFilesystem is
    /// and the Rook version modelled reads its MDS probes from the CephCluster (before v1.9),
    /// none otherwise (nothing reads them then).
    static func fullPath(_ paths: [String]) -> RookFacts {
        var facts = RookFacts()
        var owned = false, filesystem = false
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let file = InputFile(path: path, bytes: Array(data))
            facts.merge(RookFacts.scan(file, shortcuts: false))
            try? Reader.read(file.bytes, file: path) { document in
                for manifest in ManifestDecoder.decode(document).manifests {
                    if manifest.metadata.ownerReferences.contains(where: { $0.apiVersion.hasPrefix("ceph.rook.io/") }) { owned = true }
                    if manifest.kind == "CephFilesystem" && manifest.apiVersion.hasPrefix("ceph.rook.io/") { filesystem = true }
                }
            }
        }
        // Each namespace's CephCluster image is kept only where the run's images disagree, as the linter settles them.
        facts.settleClusterImages()
        var rook = RookSettings()
        rook.facts = facts
        if !owned {
            let needed = filesystem && RookProbeTable.mdsSpecsInCluster(at: rook.version.version)
            let clusters = needed ? facts.resources.keys.filter { $0.hasPrefix("CephCluster/") } : []
            facts.resources = facts.resources.filter { clusters.contains($0.key) }
            facts.crConflicts = facts.crConflicts.filter { needed && $0.message.hasPrefix("CephCluster ") }
            facts.probeSources = facts.probeSources.filter { key, _ in clusters.contains { key.hasPrefix($0 + " ") } }
        }
        return facts
    }

    static func gathered(_ paths: [String]) -> RookFacts {
        RookFacts.gather(paths) { path in FileManager.default.contents(atPath: path).map { Array($0) } }
    }

    static var runs: [(name: String, paths: [String])] {
        var out: [(String, [String])] = []
        let corpus = yamlFiles(under: TestSupport.corpus)
        let projects = Dictionary(grouping: corpus) { path in
            String(path.dropFirst(TestSupport.corpus.path.count + 1).split(separator: "/").first ?? "")
        }
        for (name, paths) in projects.sorted(by: { $0.key < $1.key }) { out.append((name, paths)) }
        out.append(("examples", yamlFiles(under: TestSupport.packageRoot.appendingPathComponent("examples"))))
        out.append(("bench corpus", yamlFiles(under: JobsTests.benchCorpus)))
        return out
    }

    @Test func shortcutsGiveTheFactsOfTheFullPath() {
        let runs = Self.runs
        #expect(runs.count > 5)
        var owned = 0
        for run in runs {
            let full = Self.fullPath(run.paths)
            #expect(Self.gathered(run.paths) == full, "\(run.name)")
            if !full.resources.isEmpty { owned += 1 }
        }
        // The examples hold a Rook-owned Deployment and its CephObjectStore: the CR path is exercised.
        #expect(owned >= 1)
    }

    /// A mapping that runs the work last file first, as parallel workers may finish it.
    struct ReversedMapping: OrderedMapping {
        func map<T: Sendable>(_ count: Int, _ work: @escaping @Sendable (Int) -> T) -> [T] {
            Array((0..<count).reversed().map(work).reversed())
        }
    }

    /// The command line spreads the pre-pass over its workers: the facts do not depend
    /// on the order the files' work is done in, only on the file order of the results.
    @Test func factsDoNotDependOnTheOrderOfTheWork() {
        for run in Self.runs {
            let reversed = RookFacts.gather(run.paths, mapping: ReversedMapping()) { path in
                FileManager.default.contents(atPath: path).map { Array($0) }
            }
            #expect(reversed == Self.gathered(run.paths), "\(run.name)")
        }
    }
}
