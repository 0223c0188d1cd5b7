/// A point in a source file.
///
/// `line` and `column` are 1-based and come from libyaml's marks (columns count
/// Unicode scalars, as libyaml does). `offset` is the 0-based byte offset in the
/// original bytes, used only for splicing fixes and for SARIF byte regions.
///
/// Stored as 32-bit values (the reader rejects inputs of 4 GiB or more), so that
/// positions, ranges and the `Field`s and nodes holding them stay small to copy.
public struct SourcePosition: Hashable, Comparable, Sendable, BitwiseCopyable, CustomStringConvertible {
    private var storedOffset: UInt32
    private var storedLine: UInt32
    private var storedColumn: UInt32

    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = UInt32(clamping: newValue) }
    }
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }

    /// The largest input whose positions fit.
    public static let maxInputBytes = Int(UInt32.max) - 1

    public init(offset: Int, line: Int, column: Int) {
        storedOffset = UInt32(clamping: offset)
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
    }

    /// For values the caller knows fit in 32 bits (the reader's positions: inputs are below 4 GiB).
    @inline(__always)
    init(fitting offset: Int, line: Int, column: Int) {
        storedOffset = UInt32(truncatingIfNeeded: offset)
        storedLine = UInt32(truncatingIfNeeded: line)
        storedColumn = UInt32(truncatingIfNeeded: column)
    }

    public static let start = SourcePosition(offset: 0, line: 1, column: 1)

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool { a.offset < b.offset }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range `[start, end)` in a source file.
public struct SourceRange: Hashable, Sendable, BitwiseCopyable, CustomStringConvertible {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    public init(point: SourcePosition) { self.init(start: point, end: point) }

    public var bytes: Range<Int> { start.offset..<max(start.offset, end.offset) }

    public var description: String { "\(start)-\(end)" }
}

/// The line breaks of every position probelint reports: LF, CR LF (one break) and a lone
/// CR, as editors, GitHub and SARIF viewers count lines. libyaml (YAML 1.1) also breaks
/// lines at NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029); in a
/// stream that has one, its marks are counted again from their byte offsets (`LineTable`).
enum LineBreak {
    /// The length in bytes of the line break at `i`, or 0 when there is none.
    static func length(in buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        switch buffer[i] {
        case 0x0A: return 1
        case 0x0D: return i + 1 < buffer.count && buffer[i + 1] == 0x0A ? 2 : 1
        default: return 0
        }
    }

    /// The length of a line break that only libyaml counts (NEL, LS, PS) at `i`, or 0.
    static func unicodeLength(in buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        func at(_ k: Int, _ byte: UInt8) -> Bool { k < buffer.count && buffer[k] == byte }
        switch buffer[i] {
        case 0xC2: return at(i + 1, 0x85) ? 2 : 0
        case 0xE2: return at(i + 1, 0x80) && (at(i + 2, 0xA8) || at(i + 2, 0xA9)) ? 3 : 0
        default: return 0
        }
    }
}

/// The start of every line of a stream (`LineBreak`), for streams whose libyaml marks count
/// more lines than that: a position is made from its byte offset, its column a character
/// (a UTF-8 lead byte) as libyaml counts columns, after a BOM on the first line.
struct LineTable {
    private let buffer: UnsafeBufferPointer<UInt8>
    private var starts: [Int] = [0]

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
        var i = 0
        while i < buffer.count {
            let length = LineBreak.length(in: buffer, at: i)
            if length > 0 {
                i += length
                starts.append(i)
            } else {
                i += 1
            }
        }
    }

    /// The position of byte `offset` of the buffer, the buffer starting at `base`.
    func position(ofByte offset: Int, base: SourcePosition) -> SourcePosition {
        let offset = min(max(offset, 0), buffer.count)
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var from = starts[low]
        if from == 0 { from = min(buffer.utf8BOMLength, offset) }
        let column = 1 + (from..<offset).count { buffer[$0] & 0xC0 != 0x80 }
        return SourcePosition(offset: base.offset + offset, line: base.line + low, column: column)
    }
}
