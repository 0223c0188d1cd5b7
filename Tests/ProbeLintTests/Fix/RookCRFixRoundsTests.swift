import Foundation
import Testing
@testable import ProbeLint

/// `--fix` of a probe that Rook renders from its CR plans as it does for a pod's probe: a
/// failureThreshold computed with the old timeout and period waits for the next round, and
/// fixes that break the detection budget together are not written. The planner finds no pod
/// spec in a CR and had written every value at once.
@Suite struct RookCRFixRoundsTests {
    /// A CephCluster whose OSD liveness probe is `probe` (lines under `probe:`), at Rook v1.6.
    static func cluster(_ probe: String) -> String {
        """
        apiVersion: ceph.rook.io/v1
        kind: CephCluster
        metadata: {name: rook-ceph, namespace: rook-ceph}
        spec:
          cephVersion: {image: quay.io/ceph/ceph:v18.2.4}
          healthCheck:
            livenessProbe:
              osd:
                probe:
        \(probe.split(separator: "\n").map { "          " + $0 }.joined(separator: "\n"))

        """
    }

    /// The same probe on an OSD Deployment of one's own: Rook's admin-socket command.
    static func deployment(_ probe: String) -> String {
        TestSupport.deployment(name: "osd", container: "osd", command: "ceph-osd",
                               probe: "exec: {command: [ceph, --admin-daemon, /run/ceph/ceph-osd.0.asok, status]}\n" + probe)
    }

    static func options(_ flags: [InputKey: String], budget: Double? = nil) -> LintOptions {
        var options = FixSupport.options(flags)
        options.environment.rook.flag = RookVersion(1, 6)
        if let budget { options.environment.options.detectionBudget = Seconds(budget) }
        return options
    }

    static func fixed(_ text: String, _ options: LintOptions) -> (FixResult, String) {
        let result = Fixer.fix([InputFile(path: "a.yaml", bytes: Array(text.utf8))], options: options)
        return (result, String(decoding: result.outcomes[0].fixed, as: UTF8.self))
    }

    /// L99 6 s: PL101 wants T = 12 and P = 12, and PL105's threshold (12 with the old T = 1 and
    /// P = 10) is 10 with them: 10 + 9 * 12 + 12 = 130 s >= 120 s. The CR had got 12 beside
    /// T = P = 12 (W_max 156 s, not 132 s); it now gets what the Deployment gets.
    @Test func aThresholdIsComputedAgainWithTheNewTiming() throws {
        let options = Self.options([.latencyP99: "6s"])
        let (crResult, cr) = Self.fixed(Self.cluster("initialDelaySeconds: 10"), options)
        let (_, pod) = Self.fixed(Self.deployment("initialDelaySeconds: 10"), options)
        for line in ["timeoutSeconds: 12\n", "periodSeconds: 12\n", "failureThreshold: 10\n"] {
            #expect(cr.contains("  " + line), "\(cr)")
            #expect(pod.contains("  " + line), "\(pod)")
        }
        #expect(crResult.conflicts.isEmpty)
        #expect(!crResult.report.findings.contains { $0.range.start.line > 8 && ["PL101", "PL104", "PL105"].contains($0.rule) },
                "\(crResult.report.findings.map { "\($0.range.start.line) \($0.rule)" })")
    }

    /// With a 155 s budget, T 1 -> 10 (PL101) and F 3 -> 5 (PL105) make W_max = 5 * 30 + 10 =
    /// 160 s together: the timeout is written first, and the threshold is not (the CR got both,
    /// and then a PL104 the fix had caused).
    @Test func fixesThatBreakTheBudgetTogetherAreNotAllWritten() throws {
        let probe = "timeoutSeconds: 1\nperiodSeconds: 30\nfailureThreshold: 3"
        let (result, text) = Self.fixed(Self.cluster(probe), Self.options([.latencyP99: "5s"], budget: 155))
        #expect(text.contains("          timeoutSeconds: 10\n"), "\(text)")
        #expect(text.contains("          failureThreshold: 3\n"), "\(text)")
        #expect(!result.report.findings.contains { $0.rule == "PL104" })
        #expect(result.outcomes[0].error == nil && result.conflicts.isEmpty)
    }
}
