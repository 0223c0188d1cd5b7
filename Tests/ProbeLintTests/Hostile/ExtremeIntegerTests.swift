import Foundation
import Testing
@testable import ProbeLint

/// The int64 fields a pod holds (terminationGracePeriodSeconds, a preStop `sleep` action's
/// seconds, an exec hook's `sleep N`) and the probes' int32 ones, at the ends of their ranges
/// and together: the arithmetic on them must not overflow. A sleep and a grace period of
/// Int64.max - 4 or more added the 5 s exit allowance in Int, and the run ended in a trap (a
/// review found it; `Fixtures/fuzz-regressions/pl106-prestop-sleep-of-int64-max.yaml`).
@Suite struct ExtremeIntegerTests {
    static let int64s = ["9223372036854775807", "-9223372036854775808", "9223372036854775803", "2147483648", "0", "-1"]
    static let int32s = ["2147483647", "-2147483648", "0", "1"]

    static func pod(grace: String, hook: String, probe: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          terminationGracePeriodSeconds: \(grace)
          containers:
          - name: c
            image: nginx
            lifecycle: {preStop: \(hook)}
            livenessProbe: {exec: {command: [x]}, \(probe)}
            startupProbe: {httpGet: {port: 80}, \(probe)}
            readinessProbe: {tcpSocket: {port: 80}, \(probe)}
        """
    }

    /// Every grace period with every sleep, as an action and as an exec hook's command, and the
    /// probes' fields at int32's ends: every document is judged, and none crashes the run.
    @Test(arguments: [[InputKey: String](), [.drainTime: "2147483647s", .startupTime: "2147483647s"]])
    func extremeValuesAreJudgedWithoutOverflow(flags: [InputKey: String]) {
        var documents: [String] = []
        for grace in Self.int64s {
            for seconds in Self.int64s {
                for hook in ["{sleep: {seconds: \(seconds)}}", "{exec: {command: [sh, -c, \"sleep \(seconds)\"]}}"] {
                    for value in Self.int32s {
                        let probe = "timeoutSeconds: \(value), periodSeconds: \(value), failureThreshold: \(value), initialDelaySeconds: \(value), terminationGracePeriodSeconds: \(grace)"
                        documents.append(Self.pod(grace: grace, hook: hook, probe: probe))
                    }
                }
            }
        }
        let report = TestSupport.lint(documents.joined(separator: "\n---\n"), flags: flags)
        #expect(report.errors.isEmpty, "\(report.errors.prefix(3))")
        // The grace period and sleep of the review's crash drew its PL106 (with no drain time given).
        #expect(!flags.isEmpty || report.findings.contains { $0.rule == "PL106" && $0.message.hasPrefix("terminationGracePeriodSeconds 9223372036854775807 does not outlast container c's endless preStop sleep") })
    }

    /// An exec hook's sleep of int32's end or more, or coreutils' `infinity`, outlasts any grace
    /// period: PL106 had passed over them (a sleep of 2147483646 s it judged).
    @Test(arguments: ["sleep infinity", "sleep 2147483647", "sleep 99999999999", "sleep 99999999999999999999999", "sleep INF; nginx -s quit"])
    func anEndlessSleepOutlastsTheGracePeriod(_ script: String) throws {
        let pod = Self.pod(grace: "30", hook: "{exec: {command: [sh, -c, \"\(script)\"]}}", probe: "timeoutSeconds: 5")
        let finding = try #require(TestSupport.lint(pod).findings.first { $0.rule == "PL106" }, "\(script)")
        #expect(finding.message.hasPrefix("terminationGracePeriodSeconds 30 does not outlast container c's "), "\(finding.message)")
        #expect(finding.suggestions.isEmpty)
        // One past Int's range, or `infinity`: no number (it was 9223372036854775807 s, and
        // 9.223372036854776e+18 in JSON), and no fix a grace period could give.
        let endless = ["sleep infinity", "sleep 99999999999999999999999", "sleep INF; nginx -s quit"].contains(script)
        #expect(finding.message.hasSuffix(endless ? "endless preStop sleep: the kubelet cuts the hook at 30 s, and the container then has 2 s after SIGTERM to stop"
                                                  : " s: the kubelet cuts the hook at 30 s, and the container then has 2 s after SIGTERM to stop"), "\(finding.message)")
        let tpre = try #require(finding.notes.first { $0.name == "Tpre" })
        #expect(endless ? tpre.value == nil && tpre.text.hasPrefix("Tpre = endless from") : tpre.value != nil)
        #expect(finding.notes.contains { $0.name == (endless ? "endless" : "noFixInRange") }, "\(finding.notes.map(\.text))")
    }

    /// A native sidecar (an init container that restarts) beside a main container, both at the
    /// ends of int64, with a drain time: the sidecar's arithmetic (its turn after the main ones) holds too.
    @Test func aSidecarsArithmeticHoldsAtTheEnds() {
        #expect(PreStopSleep.seconds(["sleep", "infinity"]) == Int.max && PreStopSleep.seconds(["sleep", "2147483647"]) == 2147483647)
        var documents: [String] = []
        for grace in Self.int64s {
            for seconds in Self.int64s {
                documents.append("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: p}
                    spec:
                      terminationGracePeriodSeconds: \(grace)
                      initContainers:
                      - {name: proxy, image: envoy, restartPolicy: Always, lifecycle: {preStop: {sleep: {seconds: \(seconds)}}}}
                      containers:
                      - {name: c, image: nginx, lifecycle: {preStop: {exec: {command: [sleep, "\(seconds)"]}}}}
                    """)
            }
        }
        let report = TestSupport.lint(documents.joined(separator: "\n---\n"), flags: [.drainTime: "2147483647s"])
        #expect(report.errors.isEmpty && report.findings.contains { $0.rule == "PL106" })
        // A sidecar's endless sleep: its need after its turn is its drain and exit, 15 s (it was
        // wanted - Tpre, with wanted held to int32: -9223372034707292160 s).
        let endless = TestSupport.lint("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              terminationGracePeriodSeconds: 5
              initContainers:
              - {name: proxy, image: envoy, restartPolicy: Always, lifecycle: {preStop: {exec: {command: [sleep, infinity]}}}}
              containers:
              - {name: c, image: nginx}
            """, flags: [.drainTime: "10s"])
        let texts = endless.findings.filter { $0.rule == "PL106" }.flatMap { [$0.message] + $0.notes.map(\.text) }
        #expect(texts.contains { $0.contains("needs 15 s after them") }, "\(texts)")
        #expect(!texts.contains { $0.contains(" -9") || $0.contains("+ -") }, "\(texts)")
    }
}
