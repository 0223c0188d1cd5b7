import Foundation
import Testing

/// docs/ holds byte-for-byte copies of the shared specification that rule pages and findings
/// cite (scripts/sync-shared-docs), so that a reader of the repository has them; and no page
/// cites a file the repository does not have.
@Suite struct SharedDocsTests {
    static let copies = [("MODEL.md", "docs/model.md"), ("REFERENCE.md", "docs/reference.md"),
                         ("incidents/rgw-liveness-restarts.md", "docs/incidents/rgw-liveness-restarts.md"),
                         ("incidents/mds-journal-outage.md", "docs/incidents/mds-journal-outage.md")]

    @Test(arguments: copies)
    func copyIsTheSharedFile(_ shared: String, _ copy: String) throws {
        let copied = try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent(copy))
        let original = TestSupport.shared.appendingPathComponent(shared)
        try #require(FileManager.default.fileExists(atPath: original.path), "no \(original.path) beside the repository")
        #expect(copied == (try Data(contentsOf: original)), "\(copy) differs from \(shared): run scripts/sync-shared-docs")
    }

    /// The rule pages, README and docs name the copies, not the shared files beside the repository
    /// (the copies themselves are verbatim, and keep the shared names they were written with).
    @Test func pagesCiteTheCopies() throws {
        let root = TestSupport.packageRoot
        var files = ["README.md", "docs/fixes.md", "docs/yaml.md", "docs/fuzzing.md", "examples/README.md", "bench/README.md"]
        files += try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("rules").path).map { "rules/" + $0 }
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for stale in ["MODEL.md", "REFERENCE.md", "DESIGN.md", "STYLE.md", "ECOSYSTEM.md", "shared/incidents"] {
                #expect(!text.contains(stale), "\(file) cites \(stale)")
            }
        }
    }
}
