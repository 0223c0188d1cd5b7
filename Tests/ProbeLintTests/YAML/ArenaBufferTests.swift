import Testing
@testable import ProbeLint

/// A Document reads its nodes and text in the reader's buffers through ArenaBuffer:
/// what the buffer held when it was wrapped, indexed from 0, compared by elements.
@Suite struct ArenaBufferTests {
    static func raw(_ bytes: [UInt8]) -> RawBuffer<UInt8> {
        var raw = RawBuffer<UInt8>(capacity: 2)
        for byte in bytes { raw.append(byte) }
        return raw
    }

    @Test func readsWhatTheBufferHeld() {
        let raw = Self.raw([10, 20, 30, 40, 50])
        defer { raw.deallocate() }
        let arena = ArenaBuffer(raw)
        #expect(arena.count == 5)
        #expect(arena.indices == 0..<5)
        #expect(arena.indices.map { arena[$0] } == [10, 20, 30, 40, 50])
        #expect(Array(arena[1..<4]) == [20, 30, 40])
        #expect(arena[2..<2].isEmpty)
        #expect(arena.withUnsafeBufferPointer { Array($0) } == [10, 20, 30, 40, 50])
    }

    @Test func equalByElementsNotByMemory() {
        let a = Self.raw([1, 2, 3]), b = Self.raw([1, 2, 3]), c = Self.raw([1, 2, 4]), d = Self.raw([1, 2])
        defer { [a, b, c, d].forEach { $0.deallocate() } }
        #expect(ArenaBuffer(a) == ArenaBuffer(b))
        #expect(ArenaBuffer(a) != ArenaBuffer(c))
        #expect(ArenaBuffer(a) != ArenaBuffer(d))
    }

    /// A document whose body keeps nothing gives its buffers back; the next one, read
    /// into them, holds its own text even when shorter than the one before.
    @Test func documentsReadIntoReusedBuffersHoldTheirOwnText() throws {
        let stream = "name: a-long-first-value\n---\nname: b\n---\nname: c3\n"
        var seen: [String] = []
        try Reader.read(Array(stream.utf8), file: "s.yaml") { document in
            let root = document.root!
            seen.append(document.string(document.rawEntries(root)[0].value))
            #expect(document.text.count == 4 + document.string(document.rawEntries(root)[0].value).utf8.count)
        }
        #expect(seen == ["a-long-first-value", "b", "c3"])
    }
}
