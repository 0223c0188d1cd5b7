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

    public let string: String

    public init(_ string: String) { self.string = string }

    public init(stringLiteral value: StaticString) {
        string = value.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }

    public init(stringInterpolation: Interpolation) {
        let bytes = stringInterpolation.bytes
        string = String(decoding: bytes.slice(from: 0, count: bytes.count), as: UTF8.self)
        bytes.deallocate()
    }

    /// The bytes of one interpolated text, in a raw buffer: an append is a capacity
    /// check and a copy, where an array's append also checks uniqueness and goes through
    /// its generic path (some 300,000 appends on 5 MB). Swift makes an interpolation,
    /// appends to it and hands it to `init(stringInterpolation:)` once, which frees it.
    public struct Interpolation: StringInterpolationProtocol {
        var bytes: RawBuffer<UInt8>

        public init(literalCapacity: Int, interpolationCount: Int) {
            bytes = RawBuffer(capacity: max(64, literalCapacity + 24 * interpolationCount))
        }

        @inline(__always)
        mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
            guard let base = piece.baseAddress else { return }
            bytes.append(base, count: piece.count)
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

        public mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            appendInterpolation(value.description)
        }
    }
}
