import Testing
@testable import ProbeLint

/// `Notes` keeps every note's text in one buffer: each note must come back whole, with
/// its own text and fields, however it was appended.
@Suite struct NotesTests {
    @Test func notesComeBackAsAppended() {
        let seconds = 2.5, name = "w\u{e9}b"
        var notes = Notes()
        notes.append(.input, "T = \(seconds) s for \(name)", name: "T", value: seconds, unit: "s", origin: "manifest")
        notes.append(.note, "")
        notes.append(.derived, "literal only")
        #expect(Array(notes) == [Note(kind: .input, text: "T = 2.5 s for w\u{e9}b", name: "T", value: 2.5, unit: "s", origin: "manifest"),
                                 Note(kind: .note, text: ""),
                                 Note(kind: .derived, text: "literal only")])
        #expect(notes.withText(at: 2) { Array($0) } == Array("literal only".utf8))
    }

    /// A text longer than a `NoteText` holds in place is kept whole.
    @Test func longTextsStayWhole() {
        let piece = String(repeating: "abcdefgh", count: MessageText.Interpolation.headCapacity / 8 + 3)
        var notes = Notes()
        notes.append(.note, "<\(piece)>")
        notes.append(.note, "after")
        #expect(notes.map(\.text) == ["<\(piece)>", "after"])
    }

    /// Past the room made at the first note, in notes and in bytes of text, the list grows.
    @Test func manyNotesStayWhole() {
        var notes = Notes()
        var expected: [String] = []
        for i in 0..<3 * Notes.entriesCapacity {
            let text = String(repeating: "n\(i) ", count: i * 9)
            notes.append(.derived, "\(text)|", name: "n\(i)", value: Double(i))
            expected.append(text + "|")
        }
        #expect(notes.map(\.text) == expected)
        #expect(notes.map(\.value) == (0..<3 * Notes.entriesCapacity).map { Double($0) })
        #expect(notes.withText(at: 5) { Array($0) } == Array(expected[5].utf8))
        #expect(Notes().isEmpty && !Notes().contains(name: "n0") && notes.contains(name: "n23"))
    }

    @Test func appendingNotesAndListsKeepsTheirOrder() {
        var first = Notes()
        first.append(.input, "one", name: "a")
        let second: Notes = [Note(kind: .derived, text: "two", value: 2), Note(kind: .note, text: "three")]
        var joined = first
        joined.append(contentsOf: second)
        #expect(joined.map(\.text) == ["one", "two", "three"])
        #expect(joined[1].value == 2 && joined[1].kind == .derived)
        #expect(first.map(\.text) == ["one"], "the list appended to was copied, not shared")
        #expect(joined.contains(name: "a") && !joined.contains(name: "b"))
        #expect(joined == Notes(Array(joined)))
        #expect(joined != Notes(Array(joined.prefix(2))))
        #expect(first != [Note(kind: .input, text: "One", name: "a")])
    }
}
