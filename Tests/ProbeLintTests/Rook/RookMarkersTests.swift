import Foundation
import Testing
@testable import ProbeLint

/// The pre-pass parses only files whose bytes may hold Rook facts, and Rook
/// CRs only when an object of the run is owned by one.
@Suite struct RookMarkersTests {
    @Test(arguments: [
        ("name: rook-config-override\n", true),
        ("name: \"rook-config-override\"", true),
        ("{\"name\":\"rook-config-override\"}", true),
        ("name: rook-config-override", true),           // at the end of the input
        ("name: rook-config-override-000123\n", false),
        ("name: rook-config-override.v2\n", false),
        ("name: rook-config-overrides\n", false),
        ("name: rook-config-override-1\nname: rook-config-override # the real one\n", true),
    ])
    func configMapNameIsMatchedWhole(_ text: String, _ expected: Bool) {
        #expect(RookMarkers(Array(text.utf8)).cephConfig == expected)
    }

    static let store = """
        apiVersion: ceph.rook.io/v1
        kind: CephObjectStore
        metadata: {name: my-store, namespace: rook-ceph}
        """
    static let owned = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: rook-ceph-rgw-my-store-a
          namespace: rook-ceph
          ownerReferences:
          - {apiVersion: ceph.rook.io/v1, kind: CephObjectStore, name: my-store}
        """
    static let plain = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"

    /// Reads per path; `gather` may read from several threads.
    final class ReadCounts: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func add(_ path: String) { lock.withLock { counts[path, default: 0] += 1 } }
        var readTwice: [String] { lock.withLock { counts.filter { $0.value > 1 }.keys.sorted() } }
    }

    func gather(_ files: [String: String]) -> (facts: RookFacts, parsed: [String]) {
        let reads = ReadCounts()
        let facts = RookFacts.gather(files.keys.sorted()) { path in
            reads.add(path)
            return files[path].map { Array($0.utf8) }
        }
        // A file read twice was parsed: the first read is the marker search.
        return (facts, reads.readTwice)
    }

    @Test func crsAreLocatedOnlyWhenAnObjectIsOwnedByOne() {
        let alone = gather(["store.yaml": Self.store, "web.yaml": Self.plain])
        #expect(alone.parsed.isEmpty)
        #expect(alone.facts.resources.isEmpty)

        let withOwned = gather(["store.yaml": Self.store, "web.yaml": Self.plain, "rgw.yaml": Self.owned])
        #expect(withOwned.parsed == ["rgw.yaml", "store.yaml"])
        #expect(withOwned.facts.resources["CephObjectStore/rook-ceph/my-store"]?.description == "store.yaml:1:1")
    }

    @Test func unreadableFilesAreSkipped() {
        #expect(RookFacts.gather(["gone.yaml"]) { _ in nil } == RookFacts())
    }
}
