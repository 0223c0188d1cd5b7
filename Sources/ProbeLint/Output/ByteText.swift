/// UTF-8 text built by appending bytes.
///
/// The text reporter writes tens of pieces per finding; appending each to a
/// `[UInt8]` costs a copy, where `String +=` costs several hundred instructions
/// of bookkeeping per piece.
struct ByteText: ~Copyable {
    private var buffer: RawBuffer<UInt8>

    init(capacity: Int = 4096) { buffer = RawBuffer(capacity: capacity) }

    deinit { buffer.deallocate() }

    var count: Int { buffer.count }

    /// Empties the text and keeps its storage.
    mutating func removeAll() { buffer.removeAll() }

    @inline(__always)
    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        guard let base = piece.baseAddress else { return }
        buffer.append(base, count: piece.count)
    }

    mutating func append(_ byte: UInt8) { buffer.append(byte) }

    /// Inlined: the literal's bytes and length are then constants where it is appended,
    /// and the copy a few stores instead of a call to memcpy (some 45 instructions a piece).
    @inline(__always)
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    /// Disfavoured so that a literal (`out.append(": ")`) is a `StaticString`, its bytes
    /// at hand, rather than a `String` built and read through `withContiguousUTF8`
    /// (some 45 instructions more a piece, and a finding's text is some 25 pieces).
    @_disfavoredOverload
    mutating func append(_ text: String) {
        text.withContiguousUTF8 { append($0) }
    }

    @_disfavoredOverload
    mutating func append(_ text: Substring) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// A decimal integer, without a String in between: its digits are counted first and
    /// written in place (written in a temporary and copied, some 40 instructions more a
    /// number, and a text report writes three a finding).
    mutating func append(_ number: Int) {
        let magnitude = number.magnitude
        var digits = 1, power: UInt = 10
        while digits < 20 && magnitude >= power {
            digits += 1
            power &*= 10
        }
        let count = number < 0 ? digits + 1 : digits
        _ = buffer.append(count: count, keepingIf: { target in
            _ = Self.writeDigits(of: magnitude, before: count, in: UnsafeMutableBufferPointer(start: target, count: count))
            if number < 0 { target[0] = UInt8(ascii: "-") }
            return true
        })
    }

    /// Writes the decimal digits of `magnitude` into `out`, the last one at `end - 1`,
    /// and returns the index of the first.
    @inline(__always)
    static func writeDigits(of magnitude: UInt, before end: Int, in out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var magnitude = magnitude, i = end
        repeat {
            i -= 1
            out[i] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        return i
    }

    /// The decimal digits of `number` (with a minus sign when negative), in one piece.
    static func decimal(_ number: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21) { digits in
            var i = writeDigits(of: number.magnitude, before: digits.count, in: digits)
            if number < 0 {
                i -= 1
                digits[i] = UInt8(ascii: "-")
            }
            body(UnsafeBufferPointer(rebasing: digits[i...]))
        }
    }

    /// `text` with each byte that `replacement` names replaced, the runs between them
    /// copied whole (JSON strings, GitHub workflow commands). Only ASCII bytes are
    /// replaced, so a UTF-8 sequence is never split. `wordMayNeedReplacing` tells for
    /// eight bytes read as a word whether any may be replaced (`WordBytes.hasByte`; true
    /// when unsure, never false for one that is): the others are passed over eight at a
    /// time, so nearly every string is one test per word and one copy (the byte-by-byte
    /// test was about 6 instructions a byte, some 30 M in `-o json`). (It keeps the copy and
    /// `withUTF8`: through `withContiguousUTF8` this loop cost 19 M more instructions.)
    @inline(__always)
    mutating func append(_ text: String, replacing replacement: (UInt8) -> StaticString?,
                         wordMayNeedReplacing: (UInt64) -> Bool) {
        var text = text
        text.withUTF8 { append(utf8: $0, replacing: replacement, wordMayNeedReplacing: wordMayNeedReplacing) }
    }

    /// UTF-8 `bytes` with each byte that `replacement` names replaced, as `append(_:replacing:wordMayNeedReplacing:)`.
    @inline(__always)
    mutating func append(utf8 bytes: UnsafeBufferPointer<UInt8>, replacing replacement: (UInt8) -> StaticString?,
                         wordMayNeedReplacing: (UInt64) -> Bool) {
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var run = 0, i = 0
        func replaceBytes(upTo end: Int) {
            while i < end {
                if let r = replacement(bytes[i]) {
                    append(UnsafeBufferPointer(rebasing: bytes[run..<i]))
                    append(r)
                    run = i + 1
                }
                i += 1
            }
        }
        while i + 8 <= bytes.count {
            if wordMayNeedReplacing(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                replaceBytes(upTo: i + 8)
            } else {
                i += 8
            }
        }
        replaceBytes(upTo: bytes.count)
        append(UnsafeBufferPointer(rebasing: bytes[run...]))
    }

    /// Text from an input file, made safe for a terminal (`TerminalText.escape`). Nearly
    /// every text is printable ASCII: it is checked as it is copied, in one pass (a check
    /// and then a copy read it twice and called memcpy for each piece).
    mutating func appendEscaped(_ text: String) {
        text.withContiguousUTF8 { appendEscaped(utf8: $0) }
    }

    /// UTF-8 text made safe for a terminal, as `appendEscaped(_:)` (a note's text in its finding's buffer).
    mutating func appendEscaped(utf8: UnsafeBufferPointer<UInt8>) {
        let plain = buffer.append(count: utf8.count, keepingIf: { TerminalText.copyIfPrintableASCII(utf8, to: $0) })
        if !plain { append(TerminalText.escape(String(decoding: utf8, as: UTF8.self))) }
    }

    /// Calls `body` with the text's bytes (valid while the text is not changed).
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { body(buffer.slice(from: 0, count: buffer.count)) }

    var string: String { String(decoding: buffer.slice(from: 0, count: buffer.count), as: UTF8.self) }

    /// Appends the text to `bytes`: one copy, no UTF-8 check (a `String` checks every byte).
    func copy(into bytes: inout [UInt8]) { bytes.append(contentsOf: buffer.slice(from: 0, count: buffer.count)) }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes, in place for a native string
    /// (the common case: no copy, no retain); `withUTF8` is mutating, so calling it
    /// on a parameter copies the string first, a retain and a release per call.
    @inline(__always)
    func withContiguousUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }

    /// The pieces joined in one allocation (`+=` reallocates and re-checks per piece).
    init(concatenating pieces: String...) {
        var total = 0
        for piece in pieces { total += piece.utf8.count }
        self.init(unsafeUninitializedCapacity: total) { buffer in
            var at = 0
            for var piece in pieces {
                piece.withUTF8 { utf8 in
                    if let base = utf8.baseAddress, let target = buffer.baseAddress {
                        (target + at).update(from: base, count: utf8.count)
                    }
                    at += utf8.count
                }
            }
            return at
        }
    }
}
