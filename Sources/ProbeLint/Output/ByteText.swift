/// UTF-8 text built by appending bytes.
///
/// The text reporter writes tens of pieces per finding; appending each to a
/// `[UInt8]` costs a copy, where `String +=` costs several hundred instructions
/// of bookkeeping per piece.
struct ByteText: ~Copyable {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        guard let base = piece.baseAddress, piece.count > 0 else { return }
        if count + piece.count > capacity { grow(to: count + piece.count) }
        (storage + count).update(from: base, count: piece.count)
        count += piece.count
    }

    private mutating func grow(to needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: storage, count: count)
        storage.deallocate()
        storage = moved
        capacity = larger
    }

    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        storage[count] = byte
        count += 1
    }

    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    mutating func append(_ text: Substring) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// A decimal integer, without a String in between.
    mutating func append(_ number: Int) {
        if number < 0 { append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var i = digits.count
            repeat {
                i -= 1
                digits[i] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            append(UnsafeBufferPointer(rebasing: digits[i...]))
        }
    }

    /// Text from an input file, made safe for a terminal (`TerminalText.escape`).
    mutating func appendEscaped(_ text: String) {
        var text = text
        let plain = text.withUTF8 { utf8 in
            guard TerminalText.isPrintableASCII(utf8) else { return false }
            append(utf8)
            return true
        }
        if !plain { append(TerminalText.escape(text)) }
    }

    var string: String { String(decoding: UnsafeBufferPointer(start: storage, count: count), as: UTF8.self) }
}

extension String {
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
