import Testing
@testable import ProbeLint

/// The fixes' ceilings and floors are of the decimal arithmetic the docs write, not of binary
/// floating point (1.1 * 50 is 55.000000000000007 there), and a fix the field's int32 range
/// cannot hold is not given (from an independent implementation of docs/model.md, which
/// disagreed with both).
@Suite struct DecimalArithmeticTests {
    @Test func wholeNumbersInBinaryStayWhole() {
        #expect(ProbeArithmetic.roundedUp(1.1 * 50) == 55)
        #expect(ProbeArithmetic.roundedUp(2.2 * 25) == 55)
        #expect(ProbeArithmetic.roundedUp(8.3 * 60) == 498)
        #expect(ProbeArithmetic.roundedUp(2 * 1.08) == 3)
        #expect(ProbeArithmetic.roundedUp(55.001) == 56)
        #expect(ProbeArithmetic.roundedDown(0.7 / 0.1) == 7)
        #expect(ProbeArithmetic.roundedDown(6.999) == 6)
    }

    static func lint(_ probe: String, kind: ProbeKind = .liveness, flags: [InputKey: String], margin: Double = 2) -> [Finding] {
        var options = LintOptions()
        options.environment.options.margin = margin
        return TestSupport.lint(TestSupport.deployment(probeKind: kind, probe: probe, ports: "\n          ports: [{containerPort: 8080}]"), flags: flags, options: options).findings
    }

    /// margin 1.1 and L99load 50 s: T' = ceil(55) = 55, as the reason says.
    @Test func aMarginTimesTheLatencyIsItsDecimalProduct() throws {
        let findings = Self.lint("httpGet: {path: /, port: 8080}", flags: [.loadedLatencyP99: "50s"], margin: 1.1)
        let fix = try #require(findings.first { $0.rule == "PL101" }?.suggestions.first)
        #expect(fix.value == 55)
        #expect(fix.reason.hasPrefix("ceil(1.1 * L99load 50 s) = 55"))
    }

    /// A drain of 8.3 min is 498 s: G' = 498 + 5.
    @Test func aDecimalDurationIsItsWholeSeconds() throws {
        let findings = Self.lint("httpGet: {path: /, port: 8080}\ntimeoutSeconds: 5", flags: [.drainTime: "8.3m"])
        #expect(findings.first { $0.rule == "PL106" }?.suggestions.first?.value == 503)
    }

    /// A drain time of decades asks for more than an int32 holds: no fix (the clamped
    /// 2147483647 would not clear it), and a note that says why. The longest drain an input
    /// takes, 2147483647 s, needs 5 s more. (A start-up time past int32 comes only from the MDS's
    /// replay: PL105Tests.aStartupTimeNoThresholdReachesHasNoFix.)
    @Test func aFixBeyondTheFieldsRangeIsNotGiven() throws {
        let findings = Self.lint("tcpSocket: {port: 8080}\nfailureThreshold: 1", kind: .startup, flags: [.drainTime: "2147483647s"])
        let finding = try #require(findings.first { $0.rule == "PL106" })
        #expect(finding.suggestions.isEmpty)
        #expect(finding.notes.contains { $0.name == "noFixInRange" && $0.text.contains("reaches 2147483647") })
    }
}
