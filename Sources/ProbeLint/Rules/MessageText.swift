/// The text of a finding's message, note or fix reason, built from a string
/// literal with interpolations.
///
/// Rules build several such texts per finding, tens of thousands per large run.
/// Swift's default interpolation appends each piece to a `String` at a cost of
/// several hundred instructions; this one appends bytes, writes integers
/// directly, and makes one `String` at the end. The text is the same: other values
/// are written by their `description`, as the default interpolation writes them.
public struct MessageText: ExpressibleByStringInterpolation, Sendable {
    /// A fix's reason or another text the model keeps as a `String`, built the same way:
    /// `MessageText.string("ceil(\(x) s) = \(n)")`.
    public static func string(_ text: MessageText) -> String { text.string }

    /// `a` / `a and b` / `a, b and c`: words listed as a message says them.
    public static func list(_ words: [String]) -> String {
        guard let last = words.last else { return "" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " and " + last
    }

    public let string: String

    public init(_ string: String) { self.string = string }

    public init(stringLiteral value: StaticString) {
        string = value.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }

    public init(stringInterpolation: Interpolation) {
        string = stringInterpolation.text
    }

    /// The bytes of one interpolated text. Swift makes an interpolation, appends to it
    /// and hands it to `init(stringInterpolation:)` once, so it holds its bytes itself:
    /// the first `headCapacity` in `head`, inside the value (a text's scratch bytes
    /// on the heap cost a malloc and a free per text, some 70,000 texts on 5 MB), any
    /// beyond in `rest`. An append is a capacity check and a copy.
    public struct Interpolation: StringInterpolationProtocol {
        /// 64 bytes: `head` is four of these, 256 bytes in place (a tuple: an `InlineArray`
        /// needs macOS 26).
        typealias Bytes64 = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
        /// Room for nearly every text the rules write (a few notes are some 260 bytes);
        /// a longer one goes on in `rest`.
        static let headCapacity = 4 * 64
        var head: (Bytes64, Bytes64, Bytes64, Bytes64) = (
            (0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0))
        /// Bytes in `head`; `headCapacity` once `rest` holds any.
        var headCount = 0
        /// The bytes after the first `headCapacity`.
        var rest: [UInt8] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        @inline(__always)
        mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
            guard let base = piece.baseAddress else { return }
            let at = headCount
            guard piece.count <= Self.headCapacity &- at else { return spill(piece) }
            withUnsafeMutableBytes(of: &head) { ($0.baseAddress.unsafelyUnwrapped + at).copyMemory(from: base, byteCount: piece.count) }
            headCount = at &+ piece.count
        }

        /// What fits of `piece` into `head`, the rest into `rest`.
        mutating func spill(_ piece: UnsafeBufferPointer<UInt8>) {
            let fits = Self.headCapacity - headCount
            if fits > 0 { append(UnsafeBufferPointer(rebasing: piece[..<fits])) }
            rest.append(contentsOf: piece[fits...])
        }

        /// The text: `head`'s bytes, then `rest`'s, checked as UTF-8 as `String(decoding:)` checks.
        var text: String { withBytes { String(decoding: $0, as: UTF8.self) } }

        /// Calls `body` with the text's bytes: `head`'s in place, or joined with `rest`'s
        /// when the text is longer.
        func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            withUnsafeBytes(of: head) { raw in
                let bytes = UnsafeBufferPointer(start: raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self),
                                                count: headCount)
                return rest.isEmpty ? body(bytes) : (Array(bytes) + rest).withUnsafeBufferPointer(body)
            }
        }

        /// Inlined, as `ByteText.append(_:)` for a literal: the piece's bytes and length are
        /// constants where the text is written, and the copy a few stores, not a call to memcpy.
        @inline(__always)
        public mutating func appendLiteral(_ literal: StaticString) {
            literal.withUTF8Buffer { append($0) }
        }

        public mutating func appendInterpolation(_ value: String) {
            value.withContiguousUTF8 { append($0) }
        }

        public mutating func appendInterpolation(_ value: Substring) {
            var value = value
            value.withUTF8 { append($0) }
        }

        public mutating func appendInterpolation(_ value: Int) {
            ByteText.decimal(value) { append($0) }
        }

        /// A number's digits, written into the text (`ProbeArithmetic.n(x)`).
        mutating func appendInterpolation(_ number: Format.Number) {
            Format.number(number.value) { append($0) }
        }

        /// A model option as the config wrote it (`Format.Setting`), written into the text.
        mutating func appendInterpolation(_ setting: Format.Setting) {
            setting.write { append($0) }
        }

        /// A figure of the idle tail model (`IdleTailModel.format`), written into the text.
        mutating func appendInterpolation(_ figure: IdleTailModel.Figure) {
            figure.write { append($0) }
        }

        /// A duration, size or rate, its digits and unit written into the text.
        public mutating func appendInterpolation(_ value: some Quantity) {
            value.write { append($0) }
        }

        public mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            appendInterpolation(value.description)
        }
    }
}
