/// Text from an input file made safe to print on a terminal.
///
/// A hostile file can put escape sequences (ESC, CSI, OSC) or bidirectional
/// overrides into an error snippet, a key or a name. Each control character
/// (C0 except tab, DEL, C1), the line and paragraph separators U+2028/U+2029
/// and each bidi control (Unicode's Bidi_Control: U+061C, U+200E, U+200F,
/// U+202A to U+202E, U+2066 to U+2069) becomes U+FFFD, one column
/// wide, so a snippet's caret stays under the right column.
public enum TerminalText {
    /// `keepingLineBreaks`: LF and CR stay, for a text whose writer escapes them itself (a
    /// GitHub workflow command's `file` property writes them `%0A` and `%0D`, which the runner
    /// decodes).
    public static func escape(_ text: String, keepingLineBreaks: Bool = false) -> String {
        // Printable ASCII and tabs (nearly every text) return as they are.
        if text.withContiguousUTF8(isPrintableASCII) { return text }
        func replaced(_ scalar: Unicode.Scalar) -> Bool {
            isUnsafe(scalar) && !(keepingLineBreaks && (scalar == "\n" || scalar == "\r"))
        }
        guard text.unicodeScalars.contains(where: replaced) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(replaced(scalar) ? "\u{FFFD}" : scalar) }
        return String(out)
    }

    /// Escapes each line of a multi-line text and keeps the line breaks.
    public static func escapeLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "\n")
    }

    /// Whether every byte is printable ASCII or a tab (`scan`).
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        scan(bytes, copyingTo: nil)
    }

    /// Copies `bytes` to `target` (room for `bytes.count`) and tells whether every byte is
    /// printable ASCII or a tab; when not, what `target` holds is not to be used.
    static func copyIfPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>, to target: UnsafeMutablePointer<UInt8>) -> Bool {
        scan(bytes, copyingTo: UnsafeMutableRawPointer(target))
    }

    /// Whether every byte is printable ASCII or a tab, sixteen bytes at a time (eight, for
    /// a text shorter than sixteen), copying them to `target` when one is given: the
    /// chunks' tests are gathered without a branch, the last (short) chunk read as the last
    /// sixteen or eight bytes, and only a text with a flagged byte (a tab, a control byte,
    /// DEL or non-ASCII) is checked byte by byte.
    @inline(__always)
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, copyingTo target: UnsafeMutableRawPointer?) -> Bool {
        func plain(_ byte: UInt8) -> Bool { (byte >= 0x20 && byte < 0x7F) || byte == 0x09 }
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base), count = bytes.count
        guard count >= 8 else {
            target?.copyMemory(from: raw, byteCount: count)
            return bytes.allSatisfy(plain)
        }
        var flagged: UInt64
        if count >= 16 {
            var chunks = SIMD16<UInt8>()
            func chunk(at offset: Int) {
                let chunk = raw.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
                target?.storeBytes(of: chunk, toByteOffset: offset, as: SIMD16<UInt8>.self)
                chunks |= nonPrintable(chunk)
            }
            var i = 0
            while i &+ 16 < count {
                chunk(at: i)
                i &+= 16
            }
            chunk(at: count &- 16)
            let words = unsafeBitCast(chunks, to: SIMD2<UInt64>.self)
            flagged = (words[0] | words[1]) & WordBytes.highs
        } else {
            let first = raw.loadUnaligned(as: UInt64.self), last = raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            target?.storeBytes(of: first, as: UInt64.self)
            target?.storeBytes(of: last, toByteOffset: count &- 8, as: UInt64.self)
            flagged = mayNotBePrintable(first) | mayNotBePrintable(last)
        }
        return flagged == 0 || bytes.allSatisfy(plain)
    }

    /// The high bit of each byte of `chunk` set when the byte is below 0x20 (`byte - 0x20`
    /// wraps to 0xE0 or above), DEL (`byte + 1` is 0x80) or above it (`byte` itself), and
    /// clear when it is printable ASCII (0x20 to 0x7E). Byte by byte, nothing carries.
    @inline(__always)
    static func nonPrintable(_ chunk: SIMD16<UInt8>) -> SIMD16<UInt8> {
        (chunk &+ 1) | chunk | (chunk &- 0x20)
    }

    /// Nonzero when a byte of `word` is below 0x20 or at or above 0x7F (DEL, non-ASCII),
    /// and zero when every byte is printable ASCII (0x20 to 0x7E). `word + 1…` sets the high
    /// bit of a 0x7F byte (a byte that carries out is 0xFF, flagged itself);
    /// `WordBytes.hasByte(_:below:)`'s test flags a byte below 0x20.
    @inline(__always)
    static func mayNotBePrintable(_ word: UInt64) -> UInt64 {
        ((word &+ WordBytes.ones) | word | ((word &- 0x20 &* WordBytes.ones) & ~word)) & WordBytes.highs
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09) || (0x7F..<0xA0).contains(v) || (0x2028...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x061C || v == 0x200E || v == 0x200F
    }
}
