import Testing
@testable import ProbeLint

@Suite struct NoteKindTests {
    @Test(arguments: Note.Kind.allCases)
    func labelIsTheRawValue(kind: Note.Kind) {
        #expect(kind.label.description == kind.rawValue)
    }

    @Test(arguments: Severity.allCases)
    func severityLabelIsTheRawValue(severity: Severity) {
        #expect(severity.label.description == severity.rawValue)
    }
}
