import Testing
@testable import ProbeLint

/// `sortInReportOrder` puts findings where `sort(by: Finding.reportOrder)` does,
/// equal ones in the order they came.
@Suite struct FindingOrderTests {
    static func finding(_ file: String, _ offset: Int, _ rule: RuleID, _ message: String) -> Finding {
        Finding(rule: rule, severity: .warning, message: message, file: file,
                range: SourceRange(point: SourcePosition(offset: offset, line: 1, column: offset + 1)),
                object: ObjectRef(kind: "Pod", name: message))
    }

    /// Deterministic pseudo-random findings with many equal keys (few files, offsets and rules).
    static func findings(_ count: Int, seed: UInt64) -> [Finding] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let rules: [RuleID] = ["PL101", "PL103", "PL205"]
        return (0..<count).map { i in finding(["a.yaml", "b.yaml"][next(2)], next(4), rules[next(3)], "#\(i)") }
    }

    @Test(arguments: [0, 1, 2, 3, 7, 19, 20, 21, 64, 300])
    func sortsAsSortByReportOrderDoes(count: Int) {
        for seed in 1...5 as ClosedRange<UInt64> {
            let given = Self.findings(count, seed: seed)
            // Stable by construction: equal keys keep the order of their numbers.
            let expected = given.enumerated().sorted { a, b in
                Finding.reportOrder(a.element, b.element)
                    || (!Finding.reportOrder(b.element, a.element) && a.offset < b.offset)
            }.map(\.element.message)
            var sorted = given
            sorted.sortInReportOrder()
            #expect(sorted.map(\.message) == expected, "count \(count), seed \(seed)")
        }
    }

    @Test(arguments: [(0, 0), (0, 3), (2, 0), (3, 4)])
    func appendMovingKeepsBothOrdersAndEmptiesTheSource(kept: Int, moved: Int) {
        var findings = Self.findings(kept, seed: 1)
        var other = Self.findings(moved, seed: 2)
        let expected = findings.map(\.message) + other.map(\.message)
        findings.append(moving: &other)
        #expect(findings.map(\.message) == expected)
        #expect(other.isEmpty)
    }

    /// Any element type; a source that another array shares is copied first, that array kept as it was.
    @Test func appendMovingLeavesASharingArrayAsItWas() {
        var kept = ["a"]
        var other = ["b", "c"]
        let sharing = other
        kept.append(moving: &other)
        #expect(kept == ["a", "b", "c"] && other.isEmpty && sharing == ["b", "c"])
    }

    @Test(arguments: [0, 1, 2, 5])
    func removeAllInOrderHandsEachOverInOrderAndKeepsTheCapacity(count: Int) {
        var findings = Self.findings(count, seed: 3)
        let expected = findings.map(\.message)
        let capacity = findings.capacity
        var handed: [String] = []
        findings.removeAll(inOrder: { handed.append($0.message) })
        #expect(handed == expected)
        #expect(findings.isEmpty && findings.capacity == capacity)
    }

    /// A reporter given the list moves the findings out; one given a copy leaves the original.
    @Test func reportersEmptyTheListTheyMoveFrom() {
        let given = Self.findings(4, seed: 4)
        var moved = given
        var bytes: [UInt8] = []
        TextReporter(color: false).report(moving: &moved, into: &bytes)
        #expect(moved.isEmpty)
        #expect(String(decoding: bytes, as: UTF8.self) == TextReporter(color: false).report(given))
        #expect(given.count == 4)
        #expect(given.map { TextReporter(color: false).render($0) }.joined() == TextReporter(color: false).report(given))
    }

    @Test func leavesSortedFindingsAsTheyAre() {
        var findings = [Self.finding("a.yaml", 1, "PL101", "x"), Self.finding("a.yaml", 1, "PL101", "y"),
                        Self.finding("a.yaml", 2, "PL101", "z")]
        findings.sortInReportOrder()
        #expect(findings.map(\.message) == ["x", "y", "z"])
    }
}
