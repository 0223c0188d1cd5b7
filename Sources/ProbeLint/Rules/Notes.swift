/// A finding's notes, every note's text in one buffer.
///
/// A finding has some three or four notes, tens of thousands on a large run, and a
/// `String` per note text cost an allocation, a UTF-8 check and a free each. Here the
/// rules write each text straight into `texts` (`append(_:_:name:value:unit:origin:)`
/// copies a `NoteText`'s bytes), one buffer per finding, and a note keeps the range of
/// its text. The reporters copy the bytes from there (`withText(at:)`); `self[i]` is the
/// note as a `Note`, its text a `String`, for tests and other rare readers.
public struct Notes: Sendable, Equatable, RandomAccessCollection, ExpressibleByArrayLiteral {
    /// A note as it is kept: `Note`'s fields, its text a range of `texts`.
    struct Entry: Sendable {
        var kind: Note.Kind
        var text: Range<Int>
        var name: String?
        var value: Double?
        var unit: String?
        var origin: String?
    }

    private(set) var entries: [Entry] = []
    /// The notes' texts, one after another, as UTF-8.
    private(set) var texts: [UInt8] = []

    /// Room reserved at the first note, so that most lists are allocated once: as many
    /// notes as PL101, PL105 and PL106 write at most (seven) with the Rook note
    /// `ObjectContext.finding` adds, and bytes for as many of their usual texts.
    static let entriesCapacity = 8
    static let textsCapacity = 512

    public init() {}

    public init(_ notes: some Sequence<Note>) {
        for note in notes { append(note) }
    }

    public init(arrayLiteral notes: Note...) { self.init(notes) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }

    public subscript(i: Int) -> Note {
        let entry = entries[i]
        return Note(kind: entry.kind, text: withText(at: i) { String(decoding: $0, as: UTF8.self) }, name: entry.name,
                    value: entry.value, unit: entry.unit, origin: entry.origin)
    }

    /// Calls `body` with the UTF-8 bytes of note `i`'s text, in place.
    func withText<R>(at i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let range = entries[i].text
        return texts.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Whether a note is called `name` (read from the entries: `contains(where:)` makes each `Note`).
    func contains(name: String) -> Bool {
        entries.contains { $0.name == name }
    }

    /// A note whose text the rule writes here: `notes.append(.input, "T = \(t) s", name: "T")`.
    public mutating func append(_ kind: Note.Kind, _ text: NoteText, name: String? = nil, value: Double? = nil,
                                unit: String? = nil, origin: String? = nil) {
        text.bytes.withBytes { append(kind, text: $0, name: name, value: value, unit: unit, origin: origin) }
    }

    public mutating func append(_ note: Note) {
        note.text.withContiguousUTF8 { append(note.kind, text: $0, name: note.name, value: note.value, unit: note.unit, origin: note.origin) }
    }

    public mutating func append(contentsOf other: Notes) {
        for i in other.indices {
            let entry = other.entries[i]
            other.withText(at: i) { append(entry.kind, text: $0, name: entry.name, value: entry.value, unit: entry.unit, origin: entry.origin) }
        }
    }

    private mutating func append(_ kind: Note.Kind, text: UnsafeBufferPointer<UInt8>, name: String?, value: Double?,
                                 unit: String?, origin: String?) {
        if entries.isEmpty {
            entries.reserveCapacity(Self.entriesCapacity)
            texts.reserveCapacity(Self.textsCapacity)
        }
        let start = texts.count
        texts.append(contentsOf: text)
        entries.append(Entry(kind: kind, text: start..<texts.count, name: name, value: value, unit: unit, origin: origin))
    }

    public static func == (a: Notes, b: Notes) -> Bool {
        a.elementsEqual(b)
    }
}

/// A note's text as a rule writes it, a string literal with interpolations: its bytes
/// are kept in place until `Notes.append` copies them into the finding's buffer (a
/// `MessageText` makes a `String` of them).
public struct NoteText: ExpressibleByStringInterpolation {
    let bytes: MessageText.Interpolation

    public init(stringLiteral value: StaticString) {
        var bytes = MessageText.Interpolation(literalCapacity: 0, interpolationCount: 0)
        bytes.appendLiteral(value)
        self.bytes = bytes
    }

    public init(stringInterpolation: MessageText.Interpolation) {
        bytes = stringInterpolation
    }
}
