/// A point in a source file.
///
/// `line` and `column` are 1-based and come from libyaml's marks (columns count
/// Unicode scalars, as libyaml does). `offset` is the 0-based byte offset in the
/// original bytes, used only for splicing fixes and for SARIF byte regions.
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public static let start = SourcePosition(offset: 0, line: 1, column: 1)

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool { a.offset < b.offset }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range `[start, end)` in a source file.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
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
