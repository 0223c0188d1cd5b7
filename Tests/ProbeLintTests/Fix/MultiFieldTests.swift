import Testing
@testable import ProbeLint

/// Several fields, rules and documents in one file: BOM, `---` streams,
/// `kind: List`, PL202's corrections alongside PL101's raise.
@Suite struct MultiFieldTests {
    static let probe = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
          - name: web
            image: nginx
            livenessProbe:
              httpGet:
                port: 80

        """

    @Test func bomIsKeptAndOffsetsAccountForIt() {
        let bom = "\u{FEFF}"
        let (result, text) = FixSupport.fix(bom + Self.probe)
        #expect(result.outcomes[0].error == nil)
        #expect(text == bom + Self.probe + "      timeoutSeconds: 3\n")
    }

    @Test func everyDocumentOfAStreamIsFixedAtItsOwnPlace() {
        let second = Self.probe.replacingOccurrences(of: "name: web\n  ", with: "name: api\n  ")
            .replacingOccurrences(of: "        port: 80\n", with: "        port: 80\n      timeoutSeconds: 1 # old\n      periodSeconds: 10\n")
        let stream = "# first\n" + Self.probe + "---\n" + second + "...\n"
        let (result, text) = FixSupport.fix(stream)
        #expect(result.outcomes[0].error == nil)
        #expect(text == "# first\n" + Self.probe + "      timeoutSeconds: 3\n---\n"
            + second.replacingOccurrences(of: "timeoutSeconds: 1 #", with: "timeoutSeconds: 3 #") + "...\n")
        #expect(result.outcomes[0].applied.map(\.document) == [0, 1])
    }

    @Test func listItemsAreFixedWithTheirPathPrefix() {
        let list = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata: {name: a}
              spec:
                containers:
                - name: a
                  image: nginx
                  readinessProbe:
                    tcpSocket: {port: 80}
                    timeoutSeconds: 1

            """
        let (result, text) = FixSupport.fix(list)
        #expect(result.outcomes[0].error == nil)
        #expect(text == list.replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 3"))
        #expect(result.outcomes[0].applied.map(\.path) == ["items[0].spec.containers[0].readinessProbe.timeoutSeconds"])
    }

    /// A 0 written in any spelling the API server reads as 0 (`00`, `0x0`, `0o0`, `0_0`), and
    /// a null in JSON or a flow mapping, is written over in place: a second key was inserted
    /// beside it (the fixed text then had a duplicate key and was refused), or JSON was refused.
    @Test(arguments: ["00", "0x0", "0o0", "0_0", "0", "~"])
    func aZeroInAnySpellingIsReplacedInPlace(_ zero: String) {
        let before = Self.probe.replacingOccurrences(of: "        port: 80\n", with: "        port: 80\n      timeoutSeconds: \(zero)\n")
        let (result, text) = FixSupport.fix(before)
        #expect(result.outcomes[0].error == nil)
        #expect(text == before.replacingOccurrences(of: "timeoutSeconds: \(zero)", with: "timeoutSeconds: 3"))
    }

    @Test func aNullInJSONOrAFlowMappingIsReplacedInPlace() {
        let json = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"web","image":"nginx","livenessProbe":{"httpGet":{"port":80},"timeoutSeconds":null}}]}}"# + "\n"
        let (result, text) = FixSupport.fix(json, file: "p.json")
        #expect(result.outcomes[0].error == nil)
        #expect(text == json.replacingOccurrences(of: #""timeoutSeconds":null"#, with: #""timeoutSeconds":3"#))
        let flow = Self.probe.replacingOccurrences(of: "      httpGet:\n        port: 80\n", with: "      {httpGet: {port: 80}, timeoutSeconds: }\n")
        let (flowResult, flowText) = FixSupport.fix(flow)
        #expect(flowResult.outcomes[0].error == nil)
        #expect(flowText == flow.replacingOccurrences(of: "timeoutSeconds: }", with: "timeoutSeconds: 3 }"))
    }

    @Test func invalidValuesAndTheTimeoutAreFixedTogether() {
        // PL202: successThreshold must be 1 on liveness; timeoutSeconds 0 is the default 1 (the
        // API server replaces a 0), which PL101 wants raised to 3: the 0 is replaced in place.
        let before = Self.probe.replacingOccurrences(of: "        port: 80\n",
                                                     with: "        port: 80\n      timeoutSeconds: 0\n      successThreshold: 2  # wrong\n")
        let (result, text) = FixSupport.fix(before)
        #expect(result.outcomes[0].error == nil)
        #expect(text == before.replacingOccurrences(of: "timeoutSeconds: 0", with: "timeoutSeconds: 3")
            .replacingOccurrences(of: "successThreshold: 2 ", with: "successThreshold: 1 "))
        let applied = result.outcomes[0].applied
        #expect(applied.map(\.change) == ["livenessProbe timeoutSeconds 0 (default 1) -> 3", "livenessProbe successThreshold 2 -> 1"])
        #expect(applied.first?.rules == ["PL101"])
        #expect(result.report.findings.isEmpty)
    }

    @Test func aCleanFileIsUntouchedAndReportsNothingToFix() {
        let clean = Self.probe.replacingOccurrences(of: "        port: 80\n", with: "        port: 80\n      timeoutSeconds: 4\n")
        let (result, text) = FixSupport.fix(clean)
        #expect(text == clean)
        #expect(!result.outcomes[0].changed)
        #expect(result.displayOnly.isEmpty && result.conflicts.isEmpty)
    }

    /// The detection budget is checked per probe: two objects of one file have the same paths,
    /// and one's period cut and the other's threshold raise together were over the budget.
    @Test func eachObjectsProbeIsCheckedAgainstTheBudgetOnItsOwn() {
        let slow = Self.probe.replacingOccurrences(of: "        port: 80\n", with: "        port: 80\n      periodSeconds: 200\n")
        let fast = Self.probe.replacingOccurrences(of: "name: web\n", with: "name: fast\n")
            .replacingOccurrences(of: "        port: 80\n", with: "        port: 80\n      periodSeconds: 5\n")
        let (result, text) = FixSupport.fix(slow + "---\n" + fast, flags: [.startupTime: "60s"], only: ["PL104", "PL105"])
        #expect(result.outcomes[0].error == nil && result.conflicts.isEmpty, "\(result.conflicts)")
        #expect(result.outcomes[0].applied.map(\.change) == ["livenessProbe periodSeconds 200 -> 99", "livenessProbe failureThreshold 3 (default) -> 13"])
        #expect(text == slow.replacingOccurrences(of: "200", with: "99") + "---\n" + fast + "      failureThreshold: 13\n")
    }

    @Test func aTimeoutThatCannotClearTheLatencyIsNotWritten() {
        // L99load 280 s: PL101 wants ceil(2 * 280) = 560 s; the detection budget would cap it at
        // 300 - 3 * 10 = 270 s, still not above 280 s, and no period makes room for 560 s. Such
        // a timeout fixes nothing and slows detection to the budget: the file stays as it is.
        let (result, text) = FixSupport.fix(Self.probe, flags: [.loadedLatencyP99: "280s"])
        #expect(result.outcomes[0].error == nil)
        #expect(text == Self.probe)
        #expect(result.outcomes[0].applied.isEmpty)
        #expect(result.report.findings.map(\.rule).contains("PL101"))
    }
}
