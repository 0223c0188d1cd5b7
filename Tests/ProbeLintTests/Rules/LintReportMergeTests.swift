import Testing
@testable import ProbeLint

@Suite struct LintReportMergeTests {
    /// A merged report keeps the other's warnings (it dropped them: the command line set them
    /// only after merging), each once: every file of a run may carry the same config warning.
    @Test func warningsAreMergedOnce() {
        let shared = LintError(file: ".probelint.yaml", position: nil, message: "rules: PL999 is no rule")
        let other = LintError(file: "b/.probelint.yaml", position: nil, message: "rules: PL998 is no rule")
        var first = LintReport()
        first.warnings = [shared]
        var second = LintReport()
        second.warnings = [shared, other]
        first.merge(second)
        #expect(first.warnings == [shared, other])
    }
}
