/// A growing array as a raw buffer: an append is a capacity check and a store,
/// where an Array append also checks uniqueness and goes through its generic path.
/// The reader keeps a document's nodes, children, scalar bytes and its stack of
/// open collections in these (the Document reads the nodes and bytes in place,
/// `ArenaBuffer`, and gets a copy of the children); ByteText keeps rendered output
/// in one. Indexes come from the owner's own counts, and the owner frees the buffer
/// (`deallocate`).
struct RawBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    private mutating func reserve(_ needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<Element>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    // Counts add without an overflow check: they count elements in memory.

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { reserve(count + 1) }
        (base + count).initialize(to: element)
        count &+= 1
    }

    /// Appends `n` elements from memory outside this buffer (`initialize`, one memcpy:
    /// `update` tests first whether the two overlap).
    @inline(__always)
    mutating func append(_ elements: UnsafePointer<Element>, count n: Int) {
        if count &+ n > capacity { reserve(count + n) }
        (base + count).initialize(from: elements, count: n)
        count &+= n
    }

    /// Appends the `n` bytes at `source` by whole 16-byte blocks when the bytes after them up
    /// to the next multiple of 16 are readable, without a call to memcpy, whose branches on
    /// the size went the wrong way for four scalars in five (callgrind's branch simulation,
    /// 5 MB benchmark corpus). Bytes stored past the `n` are not counted (the next append
    /// overwrites them). The caller knows that the bytes read past the `n` are inside
    /// `source`'s block; when they would not all be on the page of its last byte, memcpy
    /// copies instead, so that a mistake there could not fault.
    @inline(__always)
    mutating func append(blocksFrom source: UnsafeRawPointer, count n: Int) where Element == UInt8 {
        let rounded = (n &+ 15) & ~15
        let lastByte = UInt(bitPattern: source) &+ UInt(n) &- 1
        let lastRead = UInt(bitPattern: source) &+ UInt(rounded) &- 1
        guard lastByte >> 12 == lastRead >> 12 else {
            return append(source.assumingMemoryBound(to: UInt8.self), count: n)
        }
        if count &+ rounded > capacity { reserve(count + rounded) }
        let into = UnsafeMutableRawPointer(base + count)
        var offset = 0
        while offset < n {
            into.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self),
                            toByteOffset: offset, as: SIMD16<UInt8>.self)
            offset &+= 16
        }
        count &+= n
    }

    /// Makes room for `n` elements after the last, lets `write` store them there, and keeps
    /// them when it returns true (when false, the buffer is as it was).
    @inline(__always)
    mutating func append(count n: Int, keepingIf write: (UnsafeMutablePointer<Element>) -> Bool) -> Bool {
        if count &+ n > capacity { reserve(count + n) }
        guard write(base + count) else { return false }
        count &+= n
        return true
    }

    subscript(_ index: Int) -> Element {
        get {
            assert(index >= 0 && index < count)
            return base[index]
        }
        set {
            assert(index >= 0 && index < count)
            base[index] = newValue
        }
    }

    func slice(from start: Int, count n: Int) -> UnsafeBufferPointer<Element> {
        assert(start >= 0 && n >= 0 && start + n <= count)
        return UnsafeBufferPointer(start: base + start, count: n)
    }

    /// Replaces `array`'s elements with a copy of this buffer's, in `array`'s own
    /// storage when nothing else shares it.
    func copy(into array: inout [Element]) {
        array.replaceSubrange(array.indices, with: UnsafeBufferPointer(start: base, count: count))
    }

    mutating func removeLast(_ n: Int) { count -= n }

    mutating func removeAll() { count = 0 }

    func deallocate() { base.deallocate() }
}
