import Testing
@testable import ProbeLint

/// libyaml's mark indexes count characters after a BOM; the map turns them into byte
/// offsets of the file, and clamps an index past the end to the file's size.
@Suite struct ByteOffsetMapTests {
    func offsets(_ bytes: [UInt8], _ indexes: [Int]) -> [Int] {
        bytes.withUnsafeBufferPointer { buffer in
            var map = ByteOffsetMap(bytes: buffer)
            return indexes.map { map.offset(ofIndex: $0) }
        }
    }

    @Test func asciiIndexesAreOffsetsAfterTheBOM() {
        let plain = Array("a: 1\n".utf8)
        #expect(offsets(plain, [0, 3, 4, 5, 6, 99]) == [0, 3, 4, 5, 5, 5])
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + plain
        #expect(offsets(bom, [0, 3, 4, 5, 6, 99]) == [3, 6, 7, 8, 8, 8])
    }

    @Test func otherIndexesCountCharacters() {
        // "é" is two bytes and "😀" four: characters 0 to 6 start at bytes 0 1 3 4 5 9 10.
        let bytes = Array("aé b😀\n".utf8)
        #expect(offsets(bytes, [0, 1, 2, 3, 4, 5, 6, 9]) == [0, 1, 3, 4, 5, 9, 10, 10])
        #expect(offsets(bytes, [5, 1, 4]) == [9, 1, 5])  // backwards too
    }
}
