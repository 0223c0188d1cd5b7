/// A finding's notes, every note's text in one buffer.
///
/// A finding has some three or four notes, tens of thousands on a large run, and a
/// `String` per note text cost an allocation, a UTF-8 check and a free each. Here the
/// rules write each text straight into the list's storage (`append(_:_:name:value:unit:origin:)`
/// copies a `NoteText`'s bytes), one allocation per finding for the entries and the texts
/// (`NoteStorage`), and a note keeps the range of its text. The reporters read the bytes
/// there (`withEntry(at:)`); `self[i]` is the note as a `Note`, its text a `String`, for
/// tests and other rare readers.
///
/// `@unchecked Sendable`: a list writes to its storage only while it holds the one
/// reference to it (and copies it otherwise), so a storage that another thread can
/// see is never written (`ManagedBuffer` cannot be `Sendable` itself).
public struct Notes: @unchecked Sendable, Equatable, RandomAccessCollection, ExpressibleByArrayLiteral {
    /// A note as it is kept: `Note`'s fields, its text a range of the storage's bytes.
    struct Entry {
        var kind: Note.Kind
        var text: Range<Int>
        var name: String?
        var value: Double?
        var unit: String?
        var origin: String?
    }

    /// Nil while the list is empty: an empty list allocates nothing.
    private var storage: NoteStorage?

    /// Room made at the first note, so that most lists are allocated once: as many
    /// notes as PL101, PL105 and PL106 write at most (seven) with the Rook note
    /// `ObjectContext.finding` adds, and bytes for as many of their usual texts. The Rook
    /// note alone is some 300 bytes: with 512, every PL101 and PL103 finding on a probe
    /// Rook generates grew its storage once (a second allocation and a copy of its notes).
    static let entriesCapacity = 8
    static let textsCapacity = 768

    public init() {}

    public init(_ notes: some Sequence<Note>) {
        for note in notes { append(note) }
    }

    public init(arrayLiteral notes: Note...) { self.init(notes) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage?.counts.count ?? 0 }

    public subscript(i: Int) -> Note {
        withEntry(at: i) { entry, text in
            Note(kind: entry.kind, text: String(decoding: text, as: UTF8.self), name: entry.name, value: entry.value,
                 unit: entry.unit, origin: entry.origin)
        }
    }

    /// Calls `body` with note `i`'s entry and the UTF-8 bytes of its text, in place.
    @inline(__always)
    func withEntry<R>(at i: Int, _ body: (borrowing Entry, UnsafeBufferPointer<UInt8>) -> R) -> R {
        precondition(i >= 0 && i < count, "note index out of range")
        return storage.unsafelyUnwrapped.withContents { entries, texts in
            body(entries[i], UnsafeBufferPointer(rebasing: texts[entries[i].text]))
        }
    }

    /// Calls `body` with the UTF-8 bytes of note `i`'s text, in place.
    @inline(__always)
    func withText<R>(at i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withEntry(at: i) { _, text in body(text) }
    }

    func kind(at i: Int) -> Note.Kind { withEntry(at: i) { entry, _ in entry.kind } }

    /// Whether a note is called `name` (read from the entries: `contains(where:)` makes each `Note`).
    func contains(name: String) -> Bool {
        storage?.withContents { entries, _ in entries.contains { $0.name == name } } ?? false
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
        other.storage?.withContents { entries, texts in
            for entry in entries {
                append(entry.kind, text: UnsafeBufferPointer(rebasing: texts[entry.text]), name: entry.name, value: entry.value,
                       unit: entry.unit, origin: entry.origin)
            }
        }
    }

    private mutating func append(_ kind: Note.Kind, text: UnsafeBufferPointer<UInt8>, name: String?, value: Double?,
                                 unit: String?, origin: String?) {
        if !(storage?.fits(textBytes: text.count) ?? false) || !isKnownUniquelyReferenced(&storage) {
            makeRoom(textBytes: text.count)
        }
        storage.unsafelyUnwrapped.append(kind, text: text, name: name, value: value, unit: unit, origin: origin)
    }

    /// A storage of the list's own with room for one more note and `textBytes` more bytes
    /// of text: the first of `entriesCapacity` and `textsCapacity`, then twice what is full.
    private mutating func makeRoom(textBytes: Int) {
        let old = storage?.counts
        let count = old?.count ?? 0, textCount = old?.textCount ?? 0
        let entries = Swift.max(Self.entriesCapacity, count < (old?.entryCapacity ?? 0) ? old?.entryCapacity ?? 0 : 2 * count)
        let needed = textCount + textBytes
        let bytes = Swift.max(Self.textsCapacity, needed <= (old?.textCapacity ?? 0) ? old?.textCapacity ?? 0 : 2 * needed)
        let copied = storage
        storage = NoteStorage.make(entries: entries, textBytes: bytes)
        if let copied { append(contentsOf: Notes(storage: copied)) }
    }

    private init(storage: NoteStorage) { self.storage = storage }

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
