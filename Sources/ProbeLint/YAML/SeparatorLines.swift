/// The `---` lines of a stream as kubectl reads them. apimachinery's YAMLReader cuts the
/// stream into pieces at each `---` line before YAML reads it, and drops the line, except
/// when the piece it starts is still empty: at the stream's first line, and right after a
/// `---` it dropped. Then the `---` stays, as the first line of its piece.
///
/// It matters for a `...` after a `---`: where the `---` stays, go-yaml reads an empty
/// document; where it was dropped, the `...` starts the piece, and go-yaml refuses it ("did
/// not find expected node content"). So `---` and `...` are refused at the start of a stream
/// after a comment, and after one document, but not as a stream's first two lines.
///
/// The Builder adds each document's `---` line. A piece of a file cut for several cores
/// starts at a `---` that kubectl drops: `FileSplitter` never cuts at a `---` line right
/// after another.
struct SeparatorLines {
    /// The line (1-based) of the last `---`; 0 before the first, so that one on line 1 stays.
    private(set) var lastLine = 0
    /// Whether kubectl kept the last `---` in its piece.
    private(set) var lastKept = false

    mutating func add(line: Int) {
        lastKept = lastLine == line - 1 && !lastKept
        lastLine = line
    }
}
