import Foundation
import Testing
@testable import ProbeLint

/// Two results' fixes of one field: each SARIF fix is what `--fix` writes there, so that a
/// consumer that applies one (VS Code's SARIF viewer) writes the value `--fix` would. PL101's
/// fix put 3 into the MDS's timeout where PL108's put 25 (`--fix` writes 25, the largest raise),
/// on over 300 fields of a generated corpus.
@Suite struct SARIFPlannedFixTests {
    static let filesystem = """
        apiVersion: ceph.rook.io/v1
        kind: CephFilesystem
        metadata: {name: myfs, namespace: rook-ceph}
        spec:
          metadataPool: {replicated: {size: 3}}
          dataPools: [{name: replicated, replicated: {size: 3}}]
          metadataServer:
            activeCount: 1
            activeStandby: true
            resources: {limits: {memory: 4Gi}}
            livenessProbe:
              probe:
                timeoutSeconds: 1

        """

    /// Each replacement of `sarif`: the rule, the line and column, the text put in, the description.
    static func replacements(_ sarif: String) throws -> [(rule: String, line: Int, column: Int, text: String, description: String)] {
        let run = try #require(try OutputSupport.parse(sarif).array("runs").first)
        return run.array("results").flatMap { result in
            result.array("fixes").flatMap { fix in
                fix.array("artifactChanges").flatMap { $0.array("replacements") }.compactMap { replacement in
                    guard let region = replacement.object("deletedRegion"), let text = replacement.object("insertedContent")?.string("text")
                    else { return nil }
                    return (result.string("ruleId") ?? "", region["startLine"] as? Int ?? 0, region["startColumn"] as? Int ?? 0, text,
                            fix.object("description")?.string("text") ?? "")
                }
            }
        }
    }

    @Test func theResultsOfOneFieldPutInWhatFixWrites() throws {
        let dir = try OutputSupport.temporaryDirectory("sarif-planned")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("fs.yaml")
        try Self.filesystem.write(to: file, atomically: true, encoding: .utf8)
        let flags = ["--rook-version", "v1.18.0", "--select", "PL101,PL108"]
        let sarif = try TestSupport.run(flags + ["-o", "sarif", "fs.yaml"], directory: dir)
        #expect(sarif.status == 1)
        #expect(try OutputSupport.schemaErrors(sarif.stdout, schema: OutputSupport.sarifSchema).isEmpty)
        let all = try Self.replacements(sarif.stdout)
        #expect(all.map(\.rule).sorted() == ["PL101", "PL108"], "\(all)")
        #expect(all.allSatisfy { $0.line == 13 && $0.column == 25 && $0.text == "25" }, "\(all)")
        let pl101 = try #require(all.first { $0.rule == "PL101" })
        #expect(pl101.description.hasPrefix("timeoutSeconds -> 25 (the value --fix writes, planned with the probe's other findings' fixes; this rule's own is 3): "), "\(pl101.description)")
        // --fix writes that value.
        let fixed = try TestSupport.run(flags + ["--fix", "fs.yaml"], directory: dir)
        #expect(fixed.stderr.contains("fs.yaml:13:25: fixed: livenessProbe timeoutSeconds 1 -> 25 [PL101, PL108]"), "\(fixed.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8).contains("        timeoutSeconds: 25\n"))
    }

    /// A threshold `--fix` computes again after the probe's other fixes is not offered (its value
    /// is not the one written), and the other fixes of the field carry the planned timeout.
    @Test func aThresholdComputedAgainIsNotOffered() throws {
        let dir = try OutputSupport.temporaryDirectory("sarif-planned-threshold")
        defer { try? FileManager.default.removeItem(at: dir) }
        try CombinedFixesTests.yaml.write(to: dir.appendingPathComponent("osd.yaml"), atomically: true, encoding: .utf8)
        try "detection-budget: 155s\n".write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        let sarif = try TestSupport.run(["--latency-p99", "5s", "-o", "sarif", "osd.yaml"], directory: dir)
        let all = try Self.replacements(sarif.stdout)
        // PL105's failureThreshold 3 -> 5 (line 14) is left out; PL101's and PL103's timeouts agree on 10.
        #expect(!all.contains { $0.rule == "PL105" || $0.line == 14 }, "\(all)")
        #expect(Set(all.map(\.rule)) == ["PL101", "PL103"] && all.allSatisfy { $0.line == 12 && $0.text == "10" }, "\(all)")
    }
}
