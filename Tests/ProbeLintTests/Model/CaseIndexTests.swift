import Testing
@testable import ProbeLint

/// Invariants the fast paths rely on, which nothing else would catch until a finding went wrong.
@Suite struct CaseIndexTests {
    /// `caseIndex` is written out by hand for speed, and `ManifestDecoder.probeKeyIndex` takes it
    /// as the case's position in `allCases` (the order `probeKeys` is built in): a case added or
    /// moved with a stale index would decode one field from another's key.
    @Test func caseIndexIsThePositionInAllCases() {
        #expect(ProbeField.allCases.map(\.caseIndex) == Array(ProbeField.allCases.indices))
        #expect(ProbeKind.allCases.map(\.caseIndex) == Array(ProbeKind.allCases.indices))
        #expect(RookDaemon.allCases.map(\.caseIndex) == Array(RookDaemon.allCases.indices))
        for field in ProbeField.allCases {
            #expect(ManifestDecoder.probeKeys.keys[ManifestDecoder.probeKeyIndex(field)] == field.rawValue)
        }
    }

    /// `Linter.resolveCrossObject` confirms every pending finding with PL205's test (a Service
    /// selects the pod) and notes: a second cross-object rule needs its own before it is added.
    @Test func onlyPL205IsCrossObject() {
        let crossObject = allRules.map { $0.init() }.filter { $0.crossObject != nil }.map { type(of: $0).info.id }
        #expect(crossObject == [MissingReadinessProbe.info.id])
    }
}
