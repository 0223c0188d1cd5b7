/// Where a reporter renders a document's findings before they are appended to the
/// file's output, kept by the worker for all of a file's documents: a `ByteText` made
/// for each document cost a 4 KiB malloc and free (3,155 documents with findings on
/// the 5 MB corpus). A class because the closure that renders each document escapes,
/// and a noncopyable `ByteText` cannot be captured by one.
///
/// 16 KiB at first: a document whose findings' text outgrew 4 KiB grew the buffer by
/// copying it (94 times on the 5 MB corpus, some 10,000 instructions each). Exclusivity is
/// not checked at run time: a buffer is used by the one worker that made it, one render at
/// a time (each access to a class's stored property was a `swift_beginAccess`, a call and a
/// thread-local look-up, two a document).
public final class RenderBuffer {
    @exclusivity(unchecked) private var text = ByteText(capacity: 16 << 10)

    public init() {}

    /// `body` renders into the buffer, emptied first; what it wrote is appended to `bytes`.
    func render(into bytes: inout [UInt8], _ body: (inout ByteText) -> Void) {
        text.removeAll()
        body(&text)
        text.copy(into: &bytes)
    }
}
