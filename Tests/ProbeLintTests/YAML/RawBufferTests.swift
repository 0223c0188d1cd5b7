import Testing
@testable import ProbeLint

/// The reader's growing buffers: appends by 16-byte blocks, as a scalar's bytes go into
/// a document's text.
@Suite struct RawBufferTests {
    /// Bytes appended by 16-byte blocks are the source's, whatever their count, where the
    /// block after them would cross into the next page (copied by memcpy then) or not,
    /// and what the blocks stored past them is overwritten by the next append.
    @Test func appendingByBlocksKeepsExactlyTheSourceBytes() {
        let page = 4096
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 3 * page, alignment: page)
        defer { memory.deallocate() }
        for i in 0..<(3 * page) { memory.storeBytes(of: UInt8(truncatingIfNeeded: i &* 7 &+ 1), toByteOffset: i, as: UInt8.self) }
        for count in 0...70 {
            // Ending 3 bytes before a page's end (the blocks would cross it) or mid-page.
            for start in [2 * page - count - 3, page + 100] {
                var raw = RawBuffer<UInt8>(capacity: 1)
                defer { raw.deallocate() }
                raw.append(0xAA)
                raw.append(blocksFrom: memory + start, count: count)
                raw.append(0xBB)
                let expected = [0xAA] + (0..<count).map { memory.load(fromByteOffset: start + $0, as: UInt8.self) } + [0xBB]
                #expect(raw.count == count + 2)
                #expect(Array(raw.slice(from: 0, count: raw.count)) == expected, "count \(count) at \(start)")
            }
        }
    }
}
