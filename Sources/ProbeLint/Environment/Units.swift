#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Durations, sizes and rates, parsed at the edge from strings such as
/// `1.5s`, `700MB`, `4Gi`, `10MB/s` or `100Mbit/s`.
/// A duration, size or rate whose text (`250 ms`, `700 MB`) rules write into finding
/// texts. `write` hands the text over in pieces, the digits straight from `Format.number`,
/// so that a message or note copies them into its bytes without a `String` in between
/// (`MessageText.Interpolation.appendInterpolation(_:)`); `description` is the same text.
public protocol Quantity: CustomStringConvertible, Sendable, Equatable {
    var value: Double { get }
    /// Calls `piece` with the bytes of the text, piece by piece.
    func write(_ piece: (UnsafeBufferPointer<UInt8>) -> Void)
}

extension Quantity {
    public var description: String { MessageText.string("\(self)") }
}

public struct Seconds: Quantity, Comparable {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static func < (a: Seconds, b: Seconds) -> Bool { a.value < b.value }

    public func write(_ piece: (UnsafeBufferPointer<UInt8>) -> Void) {
        if value > 0 && value < 1 {
            Format.number(value * 1000, piece)
            Format.literal(" ms", piece)
        } else {
            Format.number(value, piece)
            Format.literal(" s", piece)
        }
    }

    /// `250ms`, `1.5s`, `2m`, `1h`; a bare number is seconds; and Go's forms, as kubectl's
    /// `--request-timeout` takes them (`1m30s`, `500us`, `1h30m`: `CommandTimeout.goDuration`).
    public static func parse(_ text: String) -> Seconds? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("", 1)]
        guard let (number, scale) = Format.split(text, units: units), number >= 0, (number * scale).isFinite else {
            return CommandTimeout.goDuration(text.trimmingSpaces()).map { Seconds(Format.decimal($0)) }
        }
        return Seconds(Format.decimal(number * scale))
    }
}

public struct Bytes: Quantity, Comparable {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static func < (a: Bytes, b: Bytes) -> Bool { a.value < b.value }

    static let units: [(String, Double)] = [
        ("KiB", 0x1p10), ("MiB", 0x1p20), ("GiB", 0x1p30), ("TiB", 0x1p40),
        ("Ki", 0x1p10), ("Mi", 0x1p20), ("Gi", 0x1p30), ("Ti", 0x1p40),
        ("kB", 1e3), ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12),
        ("k", 1e3), ("K", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("B", 1), ("", 1),
    ]

    /// In decimal units (`700 MB`), or in binary ones for a whole number of them that decimal
    /// units would show as a fraction: the MDS journal's 512 MiB was `536.871 MB`.
    public func write(_ piece: (UnsafeBufferPointer<UInt8>) -> Void) {
        if value >= 0x1p20, (value / 1e6).rounded() != value / 1e6 {
            let binary: [(Double, StaticString)] = [(0x1p40, "TiB"), (0x1p30, "GiB"), (0x1p20, "MiB")]
            for (scale, unit) in binary where value >= scale && (value / scale).rounded() == value / scale {
                Format.number(value / scale, piece)
                Format.literal(" ", piece)
                return unit.withUTF8Buffer(piece)
            }
        }
        Format.scaled(value, unit: "B", piece)
    }

    /// `700MB`, `5Gi`, `4GiB`, `1.5G`; a bare number is bytes.
    public static func parse(_ text: String) -> Bytes? {
        guard let (number, scale) = Format.split(text, units: units), number >= 0, (number * scale).isFinite else { return nil }
        return Bytes(Format.decimal(number * scale))
    }
}

public struct BytesPerSecond: Quantity, Comparable {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static func < (a: BytesPerSecond, b: BytesPerSecond) -> Bool { a.value < b.value }

    public func write(_ piece: (UnsafeBufferPointer<UInt8>) -> Void) {
        Format.scaled(value, unit: "B", piece)
        Format.literal("/s", piece)
    }

    /// `10MB/s`, `10MiB/s`, `100Mbit/s`, `1Gbps`, `125M/s`.
    public static func parse(_ raw: String) -> BytesPerSecond? {
        // Blanks around it, as a size and a duration take them (`'10MB/s '` was refused).
        let text = raw.trimmingSpaces()
        // `Kbit/s` beside `kbit/s`, as `Kbps` beside `kbps`: both are read (a review tripped on it).
        let bitUnits: [(String, Double)] = [("kbit/s", 1e3), ("Kbit/s", 1e3), ("Mbit/s", 1e6), ("Gbit/s", 1e9), ("Tbit/s", 1e12),
                                            ("kbps", 1e3), ("Kbps", 1e3), ("Mbps", 1e6), ("Gbps", 1e9), ("Tbps", 1e12),
                                            ("bit/s", 1), ("bps", 1)]
        if let (number, scale) = Format.split(text, units: bitUnits), number > 0 {
            return (number * scale).isFinite ? BytesPerSecond(Format.decimal(number * scale / 8)) : nil
        }
        guard text.hasSuffix("/s") else { return nil }
        let byteUnits = Bytes.units.filter { !$0.0.isEmpty }
        guard let (number, scale) = Format.split(String(text.dropLast(2)), units: byteUnits), number > 0, (number * scale).isFinite else { return nil }
        return BytesPerSecond(Format.decimal(number * scale))
    }
}

/// Seconds that `bytes` take at `rate`.
public func / (bytes: Bytes, rate: BytesPerSecond) -> Seconds { Seconds(bytes.value / rate.value) }

enum Format {
    /// Splits `"10MB"` into 10 and the scale of the longest matching unit suffix.
    static func split(_ raw: String, units: [(String, Double)]) -> (Double, Double)? {
        let text = raw.trimmingSpaces()
        for (suffix, scale) in units.sorted(by: { $0.0.count > $1.0.count }) where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count).trimmingSuffixSpaces()
            guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }), let value = Double(number),
                  value.isFinite else { continue }
            return (value, scale)
        }
        return nil
    }

    /// `x` to 15 significant digits: a decimal times its unit as the text means it. The
    /// product of two Doubles is off by up to half a unit in the last place (8.3 * 60 is
    /// 498.00000000000006, 8.3 * 1e9 is 8300000000.000001), which made `--startup-time 8.3m`
    /// fail a startup probe whose earliest kill is 498 s (PL105: 498 < 498.00000000000006).
    static func decimal(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        let decimals = 14 - Int(log10(abs(x)).rounded(.down))
        guard decimals > 0 && decimals <= 300 else { return x }
        let scale = pow(10, Double(decimals))
        let rounded = (x * scale).rounded() / scale
        return rounded.isFinite ? rounded : x
    }

    /// A number written as `Format.number(_:)` writes it, as a value for an interpolation:
    /// a message or note copies its digits into its bytes, a `String` interpolation
    /// writes its `description`.
    struct Number: CustomStringConvertible {
        var value: Double
        var description: String { Format.number(value) }
    }

    /// A value a config sets (`restart-budget`, `margin`), as written: the shortest decimal that
    /// reads back as it (0.0073 and 1.2345, which `Number` showed as 0.007 and 1.235), without a
    /// trailing `.0`.
    struct Setting: CustomStringConvertible {
        var value: Double
        var description: String { MessageText.string("\(self)") }

        /// Calls `piece` with the text's bytes: `number`'s where its three decimals hold the value
        /// (the defaults 0.1 and 2, and nearly every value written: Double's `description` cost
        /// some 2,000 instructions a finding), else the shortest decimal that reads back as it.
        func write(_ piece: (UnsafeBufferPointer<UInt8>) -> Void) {
            if value.isFinite, abs(value) < 1e9, (value * 1000).rounded() / 1000 == value { return Format.number(value, piece) }
            var text = Self.plain(value.description)
            if text.hasSuffix(".0") { text.removeLast(2) }
            text.withUTF8(piece)
        }

        /// Double's shortest text without its exponent, as a config writes a number (`1e-05` is
        /// 0.00001); one past 20 places keeps it.
        static func plain(_ text: String) -> String {
            guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]), abs(exponent) <= 20 else { return text }
            var mantissa = Substring(text[..<e])
            let sign = mantissa.hasPrefix("-") ? "-" : ""
            if !sign.isEmpty { mantissa = mantissa.dropFirst() }
            let whole = mantissa.prefix { $0 != "." }, fraction = mantissa.drop { $0 != "." }.dropFirst()
            let digits = String(whole + fraction), point = whole.count + exponent
            if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
            if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) }
            return sign + digits.prefix(point) + "." + digits.dropFirst(point)
        }
    }

    /// Up to three decimals, no trailing zeros: 1.08, 70, 0.5; more for a value that
    /// would show as whole without them (30.0001, 0.0001; `finerNumber`).
    static func number(_ value: Double) -> String {
        number(value) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of `number(value)`: for nearly every value the digits
    /// in place, written straight from the thousandths (String(Int) went through a generic
    /// `description`, and a `String` then costs a copy into the text).
    static func number<R>(_ value: Double, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard value.isFinite else {
            let text: StaticString = value > 0 ? "inf" : "-inf"
            return text.withUTF8Buffer(body)
        }
        // Past 1e300 the thousandths would overflow to infinity.
        let thousandths = abs(value) < 1e300 ? (value * 1000).rounded() : value
        let rounded = abs(value) < 1e300 ? thousandths / 1000 : value
        guard abs(rounded) < 1e9 else {
            var text = largeNumber(rounded)
            return text.withUTF8(body)
        }
        // The thousandths as an exact integer give the digits the shortest Double text would
        // show: at most 14 bytes ("-999999999.999"), written from the last one back, so that
        // every division is by 10 (a multiplication), not by a power of ten found first.
        let whole = UInt(thousandths.magnitude) / 1000
        var fraction = UInt(thousandths.magnitude) % 1000
        if fraction == 0 && rounded != value, var text = finerNumber(value) {
            return text.withUTF8(body)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { out in
            var start = out.count
            if fraction > 0 {
                var digits = 3
                while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
                repeat {
                    start -= 1
                    out[start] = UInt8(ascii: "0") + UInt8(fraction % 10)
                    fraction /= 10
                    digits -= 1
                } while digits > 0
                start -= 1
                out[start] = UInt8(ascii: ".")
            }
            start = ByteText.writeDigits(of: whole, before: start, in: out)
            if rounded < 0 {
                start -= 1
                out[start] = UInt8(ascii: "-")
            }
            return body(UnsafeBufferPointer(rebasing: out[start...]))
        }
    }

    /// `number` of a value that is not whole but shows as whole in thousandths (30.0001,
    /// 0.9996, 0.0001), or nil for one that differs from it by rounding noise of the
    /// arithmetic alone (3 - 4e-16: less than 1e-13 of the value). A finding compares
    /// such a value with a whole one (a 30.0001 s drain time and a 30 s grace period),
    /// so it never shows as that whole number, nor as 0: its decimals go on to the third
    /// significant digit of its distance from it. Below 1e-7 (decimals past the ninth
    /// for a value below 1) it is written as 1.23e-13.
    private static func finerNumber(_ value: Double) -> String? {
        let magnitude = value.magnitude
        let distance = (magnitude - magnitude.rounded()).magnitude
        guard distance > magnitude * 1e-13 else { return nil }
        let decimals = 2 - Int(log10(distance).rounded(.down))
        let sign = value < 0 ? "-" : ""
        guard magnitude >= 1 || decimals <= 9 else {
            let (mantissa, exponent) = scientific(magnitude, decimals: 2)
            return sign + number(mantissa) + "e" + String(exponent)
        }
        // At most 16 decimals: the distance is at least 1e-13 of a value of 1 or more.
        let scale = pow(10, Double(decimals))
        var whole = UInt(magnitude.rounded(.towardZero))
        var digits = UInt(((magnitude - Double(whole)) * scale).rounded())
        if Double(digits) >= scale { whole += 1; digits = 0 }
        var places = decimals
        while places > 0 && digits % 10 == 0 { digits /= 10; places -= 1 }
        guard places > 0 else { return sign + String(whole) }
        let fraction = String(digits)
        return sign + String(whole) + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// `x` (above 0) as `mantissa * 10^exponent`, the mantissa from 1 to below 10 and rounded to
    /// `decimals` decimals (4.7e-27 with 1, 1.23e-13 with 2).
    static func scientific(_ x: Double, decimals: Int) -> (mantissa: Double, exponent: Int) {
        var exponent = Int(floor(log10(x)))
        let scale = pow(10, Double(decimals))
        var mantissa = (x / pow(10, Double(exponent)) * scale).rounded() / scale
        if mantissa >= 10 { mantissa /= 10; exponent += 1 }
        return (mantissa, exponent)
    }

    /// `number` of a rounded value of 1e9 or more, or NaN: the shortest Double text
    /// without trailing zeros; from 2^53 on (where Swift writes an exponent) three decimals
    /// and the exponent, 4.612e18, as the others have three decimals at most.
    private static func largeNumber(_ rounded: Double) -> String {
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        var s = String(rounded)
        if s.contains("e") {
            let (mantissa, exponent) = scientific(rounded.magnitude, decimals: 3)
            return (rounded < 0 ? "-" : "") + number(mantissa) + "e" + String(exponent)
        }
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// Calls `piece` with a literal's bytes.
    static func literal(_ text: StaticString, _ piece: (UnsafeBufferPointer<UInt8>) -> Void) {
        text.withUTF8Buffer(piece)
    }

    /// SI-scaled: 700 MB, 10 MB, 5.369 GB.
    private static let steps: [(Double, StaticString)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]

    static func scaled(_ value: Double, unit: StaticString) -> String {
        var text = ""
        scaled(value, unit: unit) { text += String(decoding: $0, as: UTF8.self) }
        return text
    }

    /// Calls `piece` with the pieces of `scaled(value, unit:)`.
    static func scaled(_ value: Double, unit: StaticString, _ piece: (UnsafeBufferPointer<UInt8>) -> Void) {
        for (scale, prefix) in steps where value >= scale {
            number(value / scale, piece)
            Format.literal(" ", piece)
            prefix.withUTF8Buffer(piece)
            return unit.withUTF8Buffer(piece)
        }
        number(value, piece)
        Format.literal(" ", piece)
        unit.withUTF8Buffer(piece)
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).trimmingSuffixSpaces())
    }

    func trimmingSuffixSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
