import Testing
@testable import ProbeLint

@Suite struct NoteKindTests {
    @Test(arguments: Note.Kind.allCases)
    func labelIsTheRawValue(kind: Note.Kind) {
        #expect(kind.label.description == kind.rawValue)
    }
}
