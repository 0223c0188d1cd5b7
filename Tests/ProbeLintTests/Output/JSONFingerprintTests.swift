import Foundation
import Testing

/// JSON's `fingerprint` is SARIF's `partialFingerprints["probelint/v2"]` (the schema says so):
/// where a file holds the same object twice, each repeat's is salted with its count in that file
/// in both, so it is unique in the report and a JSON finding matches its SARIF result.
@Suite struct JSONFingerprintTests {
    @Test func everyFindingHasItsSARIFResultsFingerprint() throws {
        let dir = try OutputSupport.temporaryDirectory("fingerprints")
        defer { try? FileManager.default.removeItem(at: dir) }
        // Each copy: PL202 in its document, PL205 among the cross-object findings.
        try (OutputSupport.servedPod + "---\n" + OutputSupport.servedPod).write(to: dir.appendingPathComponent("twice.yaml"), atomically: true, encoding: .utf8)
        let json = try TestSupport.run(["-o", "json", "twice.yaml"], directory: dir)
        let sarif = try TestSupport.run(["-o", "sarif", "twice.yaml"], directory: dir)
        let findings = try OutputSupport.parse(json.stdout).array("findings")
        let results = try #require(try OutputSupport.parse(sarif.stdout).array("runs").first).array("results")
        let fromJSON = findings.compactMap { $0.string("fingerprint") }
        let fromSARIF = results.compactMap { $0.object("partialFingerprints")?.string("probelint/v2") }
        #expect(findings.map { $0.string("rule") } == ["PL202", "PL202", "PL205", "PL205"])
        #expect(fromJSON.count == 4 && fromJSON == fromSARIF)
        #expect(Set(fromJSON).count == 4)
        #expect(try OutputSupport.schemaErrors(json.stdout, schema: OutputSupport.jsonSchema) == [])
    }
}
