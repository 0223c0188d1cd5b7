/// The documents of a file read but not yet linted. `Linter` lints them a batch at a time
/// rather than each as soon as libyaml completes it: the reader's code (libyaml, the arena
/// builder) and the lint step's (decoder, rules, findings) then each run over several
/// documents in turn, instead of pushing each other out of the instruction cache at every
/// document: 2 to 3 % of the wall time with one job at 50 MB on a Zen 1 machine, for 1 %
/// more instructions (each held document's arena is its own allocation; bench/CHANGES.md,
/// forty-first session). Bounded by count and by source bytes, so memory stays bounded by
/// the largest document plus `maxBytes`.
struct DocumentBatch {
    static let maxDocuments = 32
    static let maxBytes = 256 << 10
    private(set) var documents: [Document] = []
    private var bytes = 0

    init() { documents.reserveCapacity(Self.maxDocuments) }

    /// Adds `document`; true when the batch is full and is to be linted now.
    mutating func add(_ document: Document) -> Bool {
        documents.append(document)
        bytes += document.range.end.offset - document.range.start.offset
        return documents.count >= Self.maxDocuments || bytes >= Self.maxBytes
    }

    /// Drops the documents (their arenas are freed), keeping the array for the next batch.
    mutating func removeAll() {
        documents.removeAll(keepingCapacity: true)
        bytes = 0
    }
}
