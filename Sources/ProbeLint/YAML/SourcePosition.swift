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
