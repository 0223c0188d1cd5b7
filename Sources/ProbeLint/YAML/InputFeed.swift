internal import CYAML

/// Hands the input to libyaml piece by piece and refuses bytes past `stop`.
///
/// No chunk runs past a document start line (`---` at the start of a line), and
/// its `---` and the blank after it are a chunk of their own: what libyaml needs to
/// see the document start, and so end the document before it, without decoding the
/// rest of that line. libyaml decodes and checks every byte it is
/// handed at once, so a bad byte (a control character, invalid UTF-8) in a later
/// document would otherwise fail the read of an earlier one, depending on where
/// the 16 KiB reads happen to fall. Cut this way, a document is read the same
/// whether the stream starts at the file's start or at a piece's (`FileSplitter`),
/// and the documents before a bad byte are delivered.
///
/// libyaml buffers a whole scalar before it reports it, so checking a scalar's
/// or a document's size on its event comes too late: a 200 MB scalar would
/// already sit in libyaml's buffers. The reader moves `stop` after every event
/// to the furthest byte the limits allow; when libyaml asks for more, the read
/// fails at once and the reader reports the limit. The stop is computed only
/// when libyaml asks for input (every few KiB), not on every event.
struct InputFeed {
    let buffer: UnsafeBufferPointer<UInt8>
    /// Bytes handed to libyaml so far.
    var consumed = 0
    /// Where the limits end, relative to `buffer`: the current document's end and the
    /// longest scalar after the last event. The reader moves `lastEnd` on every event.
    var documentEnd = Int.max
    var lastEnd = 0
    var maxScalar = Int.max
    /// libyaml gets no byte at or after this offset.
    var stop: Int { Self.sum(min(documentEnd, Self.sum(lastEnd, maxScalar)), Self.slack) }

    static func sum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
    /// Set when libyaml asked for a byte at or after `stop`.
    var refused = false

    /// The first document start line at or after `consumed` once computed (-1: not yet).
    var nextDocumentStart = -1

    init(buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    /// Where the chunk starting at `consumed` ends: the next document start line, or,
    /// when `consumed` is at one, after its `---` and the blank or line break after it.
    mutating func chunkEnd() -> Int {
        if nextDocumentStart < consumed {
            nextDocumentStart = FileSplitter.documentStart(in: buffer, from: consumed) ?? buffer.count
        }
        guard nextDocumentStart == consumed else { return nextDocumentStart }
        return min(consumed + 4, buffer.count)
    }

    /// What libyaml may read beyond a limit: its read-ahead (16 KiB raw buffer)
    /// and a simple key's lookahead (1024 characters) fit well inside.
    static let slack = 1 << 16

    /// The `yaml_read_handler_t` for `yaml_parser_set_input`; `data` points to an `InputFeed`.
    static let handler: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, Int,
                                        UnsafeMutablePointer<Int>?) -> Int32 = { data, out, size, sizeRead in
        guard let feed = data?.assumingMemoryBound(to: InputFeed.self), let out, let sizeRead else { return 0 }
        let end = min(feed.pointee.buffer.count, feed.pointee.stop)
        let available = end - feed.pointee.consumed
        if available <= 0 {
            if feed.pointee.consumed < feed.pointee.buffer.count {
                feed.pointee.refused = true
                return 0
            }
            sizeRead.pointee = 0  // end of input
            return 1
        }
        let count = min(size, available, feed.pointee.chunkEnd() - feed.pointee.consumed)
        if let base = feed.pointee.buffer.baseAddress {
            out.update(from: base + feed.pointee.consumed, count: count)
        }
        feed.pointee.consumed += count
        sizeRead.pointee = count
        return 1
    }
}
