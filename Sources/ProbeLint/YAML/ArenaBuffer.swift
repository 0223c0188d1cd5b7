/// A Document's nodes or scalar bytes, read in the memory the reader wrote them to
/// (a `RawBuffer`'s): handed over with the document instead of copied into an array,
/// a copy of every node and byte per document. Read-only, with an Array's bounds
/// checks; the Document that holds it frees the memory (`Document.deinit`).
struct ArenaBuffer<Element: BitwiseCopyable> {
    private let buffer: UnsafeBufferPointer<Element>

    /// The elements `raw` holds now; `raw` must not be written to or freed while this is read.
    init(_ raw: RawBuffer<Element>) {
        buffer = UnsafeBufferPointer(start: raw.base, count: raw.count)
    }

    /// A copy of `other`'s elements in memory of their own size (freed by its owner as well).
    init(copying other: ArenaBuffer<Element>) {
        let copy = UnsafeMutablePointer<Element>.allocate(capacity: max(1, other.count))
        if let start = other.buffer.baseAddress { copy.initialize(from: start, count: other.count) }
        buffer = UnsafeBufferPointer(start: copy, count: other.count)
    }

    var count: Int { buffer.count }
    var indices: Range<Int> { 0..<buffer.count }

    subscript(_ index: Int) -> Element {
        precondition(UInt(bitPattern: index) < UInt(bitPattern: buffer.count), "Index out of range")
        return buffer[index]
    }

    /// The elements of `bounds`, indexed from 0.
    subscript(_ bounds: Range<Int>) -> UnsafeBufferPointer<Element> {
        precondition(bounds.lowerBound >= 0 && bounds.upperBound <= buffer.count, "Range out of bounds")
        return UnsafeBufferPointer(rebasing: buffer[bounds])
    }

    func withUnsafeBufferPointer<T>(_ body: (UnsafeBufferPointer<Element>) throws -> T) rethrows -> T {
        try body(buffer)
    }

    /// Frees the memory (the RawBuffer's allocation); called once, by its owner.
    func deallocate() {
        buffer.baseAddress.map { UnsafeMutablePointer(mutating: $0).deallocate() }
    }
}

extension ArenaBuffer: Equatable where Element: Equatable {
    static func == (a: Self, b: Self) -> Bool { a.buffer.elementsEqual(b.buffer) }
}
