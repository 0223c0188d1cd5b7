import Foundation
import Testing
@testable import ProbeLint

/// `--fix` and `--diff` report and judge the findings that look across objects (PL205: a Service
/// selects a pod without a readiness probe) as a run without them does: no fix removes them,
/// so they are in the report after `--fix`, and they count for `--fail-on`.
@Suite(.serialized) struct FixCrossObjectTests {
    /// An RGW Deployment with two fixable findings (PL105, and PL106 with a drain time given), one
    /// without a fix (PL107), and the Service that selects it (PL205).
    static let servedRGW = KustomizeTests.rgw + """
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: rgw}
        spec: {selector: {app: rgw}, ports: [{port: 8080}]}

        """

    /// `servedRGW` in a temporary folder as `web.yaml`.
    static func setUp() throws -> URL {
        let dir = try FixSupport.temporaryDirectory()
        try Data(servedRGW.utf8).write(to: dir.appendingPathComponent("web.yaml"))
        return dir
    }

    static let pl205 = "web.yaml:13:17: info: container rgw has no readinessProbe, but a Service selects the pod"

    @Test func theFixerResolvesThemBeforeAndAfter() throws {
        let result = Fixer.fix([InputFile(path: "web.yaml", bytes: Array(Self.servedRGW.utf8))], options: FixSupport.options([.drainTime: "120s"]))
        #expect(result.before.findings.map(\.rule.rawValue) == ["PL106", "PL205", "PL105", "PL107"])
        #expect(result.report.findings.map(\.rule.rawValue) == ["PL205", "PL107"])
        #expect(result.outcomes.first?.changed == true)
    }

    @Test func fixReportsWhatIsLeftWithThem() throws {
        let dir = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = try TestSupport.run(["--fail-on", "info", "web.yaml"], directory: dir)
        #expect(plain.stdout.contains(Self.pl205), "\(plain.stdout)")
        let fixed = try TestSupport.run(["--fix", "--fail-on", "info", "web.yaml"], directory: dir)
        #expect(fixed.status == 1, "\(fixed.stderr)")
        #expect(fixed.stdout.contains(Self.pl205), "\(fixed.stdout)")
        #expect(!fixed.stdout.contains("[PL105]") && !fixed.stdout.contains("[PL106]"))
        let again = try TestSupport.run(["--fail-on", "info", "web.yaml"], directory: dir)
        // The same findings, in the same order, as a run over the fixed file (PL205 after the
        // file's others: `Finding.runOrder`).
        func heads(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.hasPrefix(" ") } }
        #expect(heads(again.stdout) == heads(fixed.stdout))
        #expect(heads(fixed.stdout).last?.hasPrefix(Self.pl205) == true)
        #expect(heads(again.stdout).count == 2)
    }

    @Test func diffCountsThemForFailOn() throws {
        let dir = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let diff = try TestSupport.run(["--diff", "--fail-on", "info", "web.yaml"], directory: dir)
        #expect(diff.status == 1, "\(diff.stderr)")
        #expect(diff.stdout.hasPrefix("--- web.yaml"), "\(diff.stdout)")
        // PL205 alone: nothing to fix, and the finding still fails the run.
        let alone = try TestSupport.run(["--diff", "--fail-on", "info", "--select", "PL205", "web.yaml"], directory: dir)
        #expect(alone.status == 1, "\(alone.stderr)")
        #expect(alone.stdout.isEmpty)
    }

    /// A file that cannot be written keeps the original's findings in the report, PL205 with them.
    @Test func anUnwrittenFileKeepsThem() throws {
        let dir = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: dir.appendingPathComponent("web.yaml").path)
        let run = try TestSupport.run(["--fix", "web.yaml"], directory: dir)
        #expect(run.status == 2)
        #expect(run.stdout.contains("[PL105]"), "\(run.stdout)")
        #expect(run.stdout.contains(Self.pl205), "\(run.stdout)")
    }
}
