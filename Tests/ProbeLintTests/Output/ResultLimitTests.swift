import Foundation
import Testing
@testable import ProbeLint

/// GitHub code scanning rejects a SARIF run of more than 25,000 results, and the whole file with
/// it: a run keeps its first 25,000 and says how many it left out (`ResultLimit`).
@Suite struct ResultLimitTests {
    @Test func admitsUpToTheLimitAndCountsTheRest() {
        var limit = ResultLimit(limit: 5)
        #expect(limit.admit(3) == 3 && limit.admit(4) == 2 && limit.admit(2) == 0)
        #expect(limit.written == 5 && limit.omitted == 4)
        #expect(limit.message?.hasPrefix("4 of 9 results are left out: GitHub code scanning rejects a run of more than 5 results.") == true)
        #expect(ResultLimit().message == nil)
        #expect(ResultLimit.grouped(25_000) == "25,000" && ResultLimit.grouped(999) == "999" && ResultLimit.grouped(1_234_567) == "1,234,567")
    }

    /// A run cut after any number of its results, between two files' runs, is still a SARIF
    /// document the schema accepts, with those results and their fingerprints, and the
    /// notification in the invocation.
    @Test func aCutRunIsValidSARIF() throws {
        let example = try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml"))
        let report = Linter.lint([InputFile(path: "examples/rgw-incident.yaml", bytes: Array(example))])
        let count = report.findings.count
        #expect(count >= 3)
        let reporter = SARIFReporter(toolVersion: "t", workingDirectory: "/work")
        for max in [1, count - 1] {
            var limit = ResultLimit(limit: max)
            var body: [UInt8] = []
            for _ in 0..<2 {
                var findings = report.findings, items: [UInt8] = [UInt8(ascii: ",")]
                var fingerprints: [RepeatedFingerprints.Mark] = [], ends: [Int] = []
                reporter.items(moving: &findings, into: &items, fingerprints: &fingerprints, ends: &ends)
                #expect(ends.count == count && fingerprints.count == count)
                let kept = limit.admit(count)
                ResultLimit.cut(&items, ends: ends, kept: kept, fingerprints: &fingerprints)
                #expect(fingerprints.count == kept && fingerprints.allSatisfy { $0.offset < items.count })
                if kept > 0 { body += body.isEmpty ? items.dropFirst() : items[...] }
            }
            let document = reporter.header() + String(decoding: body, as: UTF8.self)
                + reporter.footer(report, anyResult: true, omitted: limit)
            #expect(try OutputSupport.schemaErrors(document, schema: OutputSupport.sarifSchema).isEmpty)
            let run = try #require(try OutputSupport.parse(document).array("runs").first)
            #expect(run.array("results").count == max)
            let note = run.array("invocations").first?.array("toolExecutionNotifications").first
            #expect(note?.string("level") == "warning")
            #expect(note?.object("message")?.string("text")?.hasPrefix("\(2 * count - max) of \(2 * count) results are left out") == true)
        }
    }

    /// The CLI on 9,000 Deployments with three findings each: 25,000 results, the same for the
    /// file in pieces on two jobs and whole on one; a warning on stderr; the exit status still
    /// counts every finding.
    @Test func theCLIStopsAtGitHubsLimit() throws {
        let dir = try OutputSupport.temporaryDirectory("result-limit")
        defer { try? FileManager.default.removeItem(at: dir) }
        let deployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web-NUMBER}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: nginx
                      livenessProbe:
                        httpGet: {path: /, port: 80}
                        timeoutSeconds: -1
                        periodSeconds: -1
                        failureThreshold: -1

            """
        let text = (0..<9_000).map { deployment.replacingOccurrences(of: "NUMBER", with: String($0)) }.joined(separator: "---\n")
        try text.write(to: dir.appendingPathComponent("many.yaml"), atomically: true, encoding: .utf8)
        var outputs: [String] = []
        for arguments in [["-j", "2"], ["-j", "1", "--piece-bytes", "0"]] {
            let run = try TestSupport.run(["-o", "sarif", "many.yaml"] + arguments, directory: dir)
            #expect(run.status == 1)
            #expect(run.stderr.contains("warning: 2,000 of 27,000 results are left out: GitHub code scanning rejects a run of more than 25,000 results"))
            outputs.append(run.stdout)
        }
        #expect(outputs[0] == outputs[1], "pieces on two jobs and the whole file on one")
        // Read back by Python's json (Foundation's takes some 15 s for these 60 MB).
        let summary = """
            import json, sys
            run = json.load(sys.stdin)["runs"][0]
            invocation = run["invocations"][0]
            print(len(run["results"]), run["results"][-1]["locations"][0]["physicalLocation"]["region"]["startLine"],
                  invocation["executionSuccessful"], len(invocation["toolExecutionNotifications"]))
            """
        let read = try TestSupport.run(["-c", summary], stdin: outputs[0], executable: URL(fileURLWithPath: OutputSupport.python))
        let fields = read.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(fields.count == 4, "\(read.stderr)")
        #expect(fields.first == "25000")
        // The first 25,000 in file order: the last is the first finding of Deployment 8,333 (of 17 lines each).
        #expect((17 * 8_333 + 1...17 * 8_334).contains(Int(fields.dropFirst().first ?? "") ?? 0))
        #expect(fields.dropFirst(2) == ["True", "1"])
    }
}
