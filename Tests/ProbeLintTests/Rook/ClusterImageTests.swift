import Foundation
import Testing
@testable import ProbeLint

/// A run of two Rook clusters of different Ceph releases, one namespace each: a CR that names no
/// image (a CephFilesystem, a CephObjectStore) is modelled by its namespace's CephCluster's image,
/// not by the run's oldest (a Reef cluster's object store was judged as Rook v1.2's RGW, with an
/// RGW liveness probe v1.18 does not generate: PL101, PL102 and PL107 errors).
@Suite struct ClusterImageTests {
    static func cluster(_ name: String, image: String, namespace: String? = nil) -> String {
        let namespace = namespace ?? "ns-\(name)"
        return """
        apiVersion: ceph.rook.io/v1
        kind: CephCluster
        metadata: {name: \(name), namespace: \(namespace)}
        spec:
          cephVersion: {image: '\(image)'}
          mon: {count: 3}
        ---
        apiVersion: ceph.rook.io/v1
        kind: CephFilesystem
        metadata: {name: fs-\(name), namespace: \(namespace)}
        spec:
          metadataServer: {activeCount: 1, activeStandby: true}
        ---
        apiVersion: ceph.rook.io/v1
        kind: CephObjectStore
        metadata: {name: os-\(name), namespace: \(namespace)}
        spec:
          gateway: {port: 80, instances: 1}

        """
    }

    static let nautilus = cluster("old", image: "ceph/ceph:v14.2.2-20190826")

    /// The Rook release each object is modelled as, by `kind/name`, from PL106's component line.
    static func versions(_ files: [InputFile]) -> [String: String] {
        var options = LintOptions()
        options.environment.flags = .flags([.drainTime: .seconds(Seconds(100))])
        options.environment.rook.facts = RookFacts.gather(files.map(\.path)) { path in files.first { $0.path == path }?.bytes }
        var out: [String: String] = [:]
        for finding in Linter.lint(files, options: options).findings where finding.rule == "PL106" {
            guard let line = finding.notes.first(where: { $0.name == "component" })?.text,
                  let range = line.range(of: "as Rook ") else { continue }
            out["\(finding.object.kind)/\(finding.object.name)"] = String(line[range.upperBound...].prefix { $0 != " " })
        }
        return out
    }

    @Test(arguments: [("quay.io/ceph/ceph:v18.2.4", "v1.18.x"), ("quay.io/ceph/ceph:v19.2.0", "v1.20")])
    func eachNamespaceIsModelledByItsCluster(image: String, rook: String) throws {
        let other = Self.cluster("new", image: image)
        let apart = [InputFile(path: "a.yaml", bytes: Array(Self.nautilus.utf8)), InputFile(path: "b.yaml", bytes: Array(other.utf8))]
        let together = [InputFile(path: "both.yaml", bytes: Array((Self.nautilus + "---\n" + other).utf8))]
        for files in [apart, together] {
            let versions = Self.versions(files)
            #expect(versions["CephCluster/old"] == "v1.2.x" && versions["CephFilesystem/fs-old"] == "v1.2.x", "\(versions)")
            #expect(versions["CephCluster/new"] == rook && versions["CephFilesystem/fs-new"] == rook && versions["CephObjectStore/os-new"] == rook,
                    "\(versions)")
        }
        // The facts the shortcuts gather are the full path's, settled alike.
        var full = RookFacts()
        for file in apart { full.merge(RookFacts.scan(file, shortcuts: false)) }
        full.settleClusterImages()
        let gathered = RookFacts.gather(apart.map(\.path)) { path in apart.first { $0.path == path }?.bytes }
        #expect(gathered.clusterImages == full.clusterImages && gathered.clusterImages.count == 2)
    }

    /// One namespace (`rook-ceph`) for two environments' clusters of two releases, in two folders:
    /// the namespace says nothing of which cluster a CR belongs to, so both are modelled by the
    /// run's oldest, as before (the first folder's cluster had been taken for both).
    @Test func aNamespaceOfTwoReleasesIsNoGuide() {
        let files = [InputFile(path: "prod/c.yaml", bytes: Array(Self.cluster("prod", image: "quay.io/ceph/ceph:v18.2.4", namespace: "rook-ceph").utf8)),
                     InputFile(path: "staging/c.yaml", bytes: Array(Self.cluster("staging", image: "ceph/ceph:v14.2.2-20190826", namespace: "rook-ceph").utf8))]
        let versions = Self.versions(files)
        #expect(versions["CephFilesystem/fs-prod"] == "v1.2.x" && versions["CephObjectStore/os-prod"] == "v1.2.x" && versions["CephFilesystem/fs-staging"] == "v1.2.x",
                "\(versions)")
        // Each CephCluster still by its own image.
        #expect(versions["CephCluster/prod"] == "v1.18.x" && versions["CephCluster/staging"] == "v1.2.x")
        let gathered = RookFacts.gather(files.map(\.path)) { path in files.first { $0.path == path }?.bytes }
        #expect(gathered.clusterImages.isEmpty && gathered.ambiguousNamespaces.isEmpty)
    }

    /// Clusters of one release keep no image per namespace, and their files are read no more
    /// for it: the benchmark corpus names Ceph v18 in every file.
    @Test func clustersOfOneReleaseKeepNone() {
        let files = ["a.yaml": Self.cluster("a", image: "quay.io/ceph/ceph:v18.2.4"), "b.yaml": Self.cluster("b", image: "quay.io/ceph/ceph:v18.2.1")]
        let run = RookMarkersTests().gather(files)
        #expect(run.facts.clusterImages.isEmpty)
        #expect(run.parsed == ["a.yaml"])
    }
}
