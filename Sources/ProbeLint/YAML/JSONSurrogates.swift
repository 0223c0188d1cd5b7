#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// JSON writes a character beyond U+FFFF as an escaped UTF-16 surrogate pair
/// (`"\ud83d\ude80"` for U+1F680; Python's `json.dumps` and `jq -a` write every one that
/// way), and a lone surrogate escape is valid JSON too. libyaml reads YAML 1.1, whose
/// double-quoted scalars refuse surrogate escapes ("found invalid Unicode character
/// escape code"). kubectl reads a stream that starts with `{` as JSON (`encoding/json`:
/// a pair is its character, a lone surrogate U+FFFD), and YAML with Go's port of libyaml,
/// which refuses them as libyaml does.
///
/// So in a JSON stream each surrogate escape inside a string is given to libyaml as
/// `\uFFFD`, six bytes for six (`rewrite`): every other byte, and so every position,
/// mark and error, stays where it is in the file. A lone surrogate then reads as Go reads
/// it. A pair reads as two U+FFFD, and the reader puts the pair's character in their place
/// (`decodeString`, over the scalar's bytes in the file).
enum JSONSurrogates {
    struct Rewrite {
        /// The stream with every surrogate escape in a string replaced by `\uFFFD`.
        var bytes: [UInt8]
        /// Where each pair starts (its first `\`), ascending, with the character it escapes.
        var pairs: [(offset: Int, scalar: Unicode.Scalar)]
    }

    /// The rewritten stream when `buffer` is a JSON stream (its first byte after a BOM and
    /// blanks is `{`, as kubectl decides, and the reader has checked it is JSON: `JSONSyntax`)
    /// with a surrogate escape in a string; nil otherwise.
    static func rewrite(_ buffer: UnsafeBufferPointer<UInt8>) -> Rewrite? {
        guard Reader.firstByte(afterBlanksIn: buffer) == UInt8(ascii: "{"), mayHoldSurrogateEscape(buffer) else { return nil }
        var out: [UInt8]?
        var i = 0  // a BOM and the blanks before `{` are neither quotes nor comments
        var pairs: [(offset: Int, scalar: Unicode.Scalar)] = []
        var inString = false
        while i < buffer.count {
            let byte = buffer[i]
            if !inString {
                if byte == UInt8(ascii: "\"") { inString = true }
                i += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = false
            } else if byte == UInt8(ascii: "\\") {
                guard let unit = hexUnit(buffer, at: i), (0xD800...0xDFFF).contains(unit) else {
                    i += 2  // the escaped byte is never the string's end
                    continue
                }
                if out == nil { out = Array(buffer) }
                if (0xD800...0xDBFF).contains(unit), let low = hexUnit(buffer, at: i + 6), (0xDC00...0xDFFF).contains(low),
                   let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) {
                    pairs.append((i, scalar))
                    replaceWithFFFD(&out!, at: i)
                    replaceWithFFFD(&out!, at: i + 6)
                    i += 12
                } else {
                    replaceWithFFFD(&out!, at: i)
                    i += 6
                }
                continue
            }
            i += 1
        }
        return out.map { Rewrite(bytes: $0, pairs: pairs) }
    }

    /// Whether `\uD8` to `\uDF` (any case) is anywhere in `buffer`: no surrogate escape without
    /// it, so the stream needs no walk (memchr from backslash to backslash; the walk, byte by
    /// byte, was 7 % of a run over an 88 MB `kubectl get -o json`).
    static func mayHoldSurrogateEscape(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        var at = 0
        while at < buffer.count, let hit = memchr(base + at, 0x5C, buffer.count - at) {
            let i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if i + 3 < buffer.count, buffer[i + 1] == UInt8(ascii: "u"), buffer[i + 2] | 0x20 == UInt8(ascii: "d"),
               let digit = hexDigit(buffer[i + 3]), digit >= 8 {
                return true
            }
            at = i + 1
        }
        return false
    }

    /// The UTF-16 unit of a `\uXXXX` escape at `i`, or nil.
    static func hexUnit(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32? {
        guard i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return nil }
        var unit: UInt32 = 0
        for byte in bytes[(i + 2)..<(i + 6)] {
            guard let digit = hexDigit(byte) else { return nil }
            unit = unit << 4 | digit
        }
        return unit
    }

    static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// The escape's four hex digits at `i + 2` written as `FFFD`, in place.
    private static func replaceWithFFFD(_ bytes: inout [UInt8], at i: Int) {
        bytes[i + 2] = UInt8(ascii: "F")
        bytes[i + 3] = UInt8(ascii: "F")
        bytes[i + 4] = UInt8(ascii: "F")
        bytes[i + 5] = UInt8(ascii: "D")
    }

    /// The index of the first pair at or after `offset` (a binary search: a hostile stream
    /// may hold a pair in each of a hundred thousand strings).
    static func firstPair(atOrAfter offset: Int, in pairs: [(offset: Int, scalar: Unicode.Scalar)]) -> Int {
        var low = 0, high = pairs.count
        while low < high {
            let mid = (low + high) / 2
            if pairs[mid].offset < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The value of the JSON string `quoted` (its quotes included, as the file has it, at
    /// `offset` in the stream), with the character of each pair in `pairs`; nil when it is
    /// not a plain JSON string (a line break in it, or an escape JSON does not have: libyaml's
    /// reading of such a YAML scalar is kept).
    static func decodeString(_ quoted: UnsafeBufferPointer<UInt8>, offset: Int,
                             pairs: [(offset: Int, scalar: Unicode.Scalar)]) -> [UInt8]? {
        guard quoted.count >= 2, quoted[0] == UInt8(ascii: "\""), quoted[quoted.count - 1] == UInt8(ascii: "\"") else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(quoted.count)
        var pair = firstPair(atOrAfter: offset, in: pairs)
        var i = 1
        func append(_ scalar: Unicode.Scalar) { UTF8.encode(scalar) { out.append($0) } }
        while i < quoted.count - 1 {
            let byte = quoted[i]
            if byte < 0x20 { return nil }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                i += 1
                continue
            }
            guard i + 1 < quoted.count - 1 else { return nil }
            switch quoted[i + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(quoted[i + 1])
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                if pair < pairs.endIndex, pairs[pair].offset == offset + i {
                    append(pairs[pair].scalar)
                    pair += 1
                    i += 12
                    continue
                }
                guard let unit = hexUnit(quoted, at: i) else { return nil }
                append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                i += 6
                continue
            default: return nil
            }
            i += 2
        }
        return out
    }
}
