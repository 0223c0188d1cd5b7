import Foundation
import Testing
@testable import ProbeLint

/// GitHub code scanning rejects a SARIF run of more than 25,000 results, and the whole file with
/// it: a run keeps its first 25,000 and says how many it left out (`ResultLimit`).
@Suite struct ResultLimitTests {
    @Test func admitsUpToTheLimitAndCountsTheRest() {
        var limit = ResultLimit(limit: 5)
        func marks(_ n: Int) -> [ResultLimit.Mark] { Array(repeating: ResultLimit.Mark(end: 0, severity: .warning), count: n) }
        #expect(limit.admit(marks(3)) == 3 && limit.admit(marks(4)) == 2 && limit.admit(marks(2)) == 0)
        #expect(limit.kept == 5 && limit.omitted == 4)
        #expect(limit.message?.hasPrefix("4 of 9 results are left out: GitHub code scanning rejects a run of more than 5 results. These are the first 5 in file order;") == true)
        #expect(ResultLimit().message == nil)
        #expect(ResultLimit.grouped(25_000) == "25,000" && ResultLimit.grouped(999) == "999" && ResultLimit.grouped(1_234_567) == "1,234,567")
    }

    /// Held to the end of the run, the most severe are kept: errors, then warnings, then notes.
    @Test func keepsTheMostSevere() {
        var limit = ResultLimit(limit: 10)
        for _ in 0..<20 { limit.count(.info) }
        for _ in 0..<3 { limit.count(.error) }
        for _ in 0..<4 { limit.count(.warning) }
        #expect([limit.quota(.error), limit.quota(.warning), limit.quota(.info)] == [Int]([3, 4, 3]))
        #expect(limit.kept == 10 && limit.omitted == 17)
        #expect(limit.message?.contains("Kept are the most severe, each in file order: all 3 errors, all 4 warnings, 3 of 20 notes;") == true)
        // One of a kind is "the one", not "all 1 errors".
        var one = ResultLimit(limit: 2)
        one.count(.error)
        for _ in 0..<3 { one.count(.info) }
        #expect(one.message?.contains("Kept are the most severe, each in file order: the one error, 1 of 3 notes;") == true, "\(one.message ?? "")")
        // None kept of a kind: "not the one warning", "none of the 2 notes" (it said "0 of 1 warnings").
        var none = ResultLimit(limit: 1)
        none.count(.error)
        none.count(.warning)
        for _ in 0..<2 { none.count(.info) }
        #expect(none.message?.contains("Kept are the most severe, each in file order: the one error, not the one warning, none of the 2 notes;") == true, "\(none.message ?? "")")
        var errors = ResultLimit(limit: 2)
        for _ in 0..<3 { errors.count(.error) }
        errors.count(.info)
        #expect([errors.quota(.error), errors.quota(.warning), errors.quota(.info)] == [Int]([2, 0, 0]))
        #expect(errors.message?.contains("2 of 3 errors, not the one note") == true)
    }

    /// Without a temporary file, a run cut after any number of its results in file order,
    /// between two files' runs, is still a SARIF document the schema accepts, with those results
    /// and their fingerprints, and the notification in the invocation.
    @Test func aCutRunIsValidSARIF() throws {
        let example = try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml"))
        let report = TestSupport.lint(String(decoding: example, as: UTF8.self), file: "examples/rgw-incident.yaml",
                                      flags: [.bandwidth: "10MB/s", .largestTransfer: "700MB"])
        let count = report.findings.count
        #expect(count >= 3)
        let reporter = SARIFReporter(toolVersion: "t", workingDirectory: "/work")
        for max in [1, count - 1] {
            var limit = ResultLimit(limit: max)
            var body: [UInt8] = []
            for _ in 0..<2 {
                var findings = report.findings, items: [UInt8] = [UInt8(ascii: ",")]
                var fingerprints: [RepeatedFingerprints.Mark] = [], results: [ResultLimit.Mark] = []
                reporter.items(moving: &findings, into: &items, fingerprints: &fingerprints, results: &results)
                #expect(results.count == count && fingerprints.count == count)
                #expect(results.map(\.severity) == report.findings.map(\.severity))
                let kept = limit.admit(results)
                ResultLimit.cut(&items, results: results, kept: kept, fingerprints: &fingerprints)
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

    /// The CLI on 12,501 Deployments with two notes each (PL204) and, last, one with three errors
    /// (PL202): the errors are kept and 24,997 of the 25,002 notes, in file order; the same for
    /// the file in pieces on two jobs and whole on one; a warning on stderr; the exit status
    /// counts every finding. Without a temporary file, the first 25,000.
    @Test func theCLIKeepsTheMostSevereAtGitHubsLimit() throws {
        let dir = try OutputSupport.temporaryDirectory("result-limit")
        defer { try? FileManager.default.removeItem(at: dir) }
        let quiet = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web-NUMBER}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - {name: web, image: nginx}
                    - {name: sidecar, image: envoy}

            """
        let broken = TestSupport.deployment(name: "broken", labels: ["app": "broken"], probe: """
            httpGet: {path: /, port: 80}
            timeoutSeconds: -1
            periodSeconds: -1
            failureThreshold: -1
            """)
        let text = (0..<12_501).map { quiet.replacingOccurrences(of: "NUMBER", with: String($0)) }.joined(separator: "---\n")
            + "---\n" + broken
        try text.write(to: dir.appendingPathComponent("many.yaml"), atomically: true, encoding: .utf8)
        var outputs: [String] = []
        for arguments in [["-j", "2"], ["-j", "1", "--piece-bytes", "0"]] {
            let run = try TestSupport.run(["-o", "sarif", "--fail-on", "error", "many.yaml"] + arguments, directory: dir)
            #expect(run.status == 1)
            #expect(run.stderr.contains("warning: 5 of 25,005 results are left out: GitHub code scanning rejects a run of more than 25,000 results. Kept are the most severe, each in file order: all 3 errors, 24,997 of 25,002 notes;"), "\(run.stderr)")
            outputs.append(run.stdout)
        }
        #expect(outputs[0] == outputs[1], "pieces on two jobs and the whole file on one")
        // Read back by Python's json (Foundation's takes some 15 s for these 40 MB).
        let summary = """
            import json, sys
            run = json.load(sys.stdin)["runs"][0]
            levels = [r["level"] for r in run["results"]]
            invocation = run["invocations"][0]
            print(len(levels), levels.count("error"), levels[-3:] == ["error"] * 3, levels.count("note"),
                  invocation["executionSuccessful"], len(invocation["toolExecutionNotifications"]))
            """
        let read = try TestSupport.run(["-c", summary], stdin: outputs[0], executable: URL(fileURLWithPath: OutputSupport.python))
        #expect(read.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "25000 3 True 24997 True 1", "\(read.stderr)")
        // No temporary file to hold them: the first 25,000 in file order, and the report says so.
        let unheld = try TestSupport.run(["-o", "sarif", "many.yaml"], environment: ["TMPDIR": dir.appendingPathComponent("missing").path],
                                         directory: dir)
        #expect(unheld.status == 1)
        #expect(unheld.stderr.contains("warning: 5 of 25,005 results are left out: GitHub code scanning rejects a run of more than 25,000 results. These are the first 25,000 in file order;"), "\(unheld.stderr)")
        // `--fix -`: the report goes to stderr, and is alone there: the run's notification says
        // what was left out, and no warning line follows the document (it did not parse).
        let fixed = try TestSupport.run(["-o", "sarif", "--fix", "-f", "-"], stdin: text, directory: dir)
        let alone = try TestSupport.run(["-c", "import json, sys; run = json.load(sys.stdin)['runs'][0]; print(len(run['results']))"],
                                        stdin: fixed.stderr, executable: URL(fileURLWithPath: OutputSupport.python))
        #expect(alone.stdout == "25000\n", "\(alone.stderr)\n\(fixed.stderr.suffix(300))")
    }
}
