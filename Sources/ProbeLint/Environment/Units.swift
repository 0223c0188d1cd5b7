/// Durations, sizes and rates, parsed at the edge from strings such as
/// `1.5s`, `700MB`, `4Gi`, `10MB/s` or `100Mbit/s`.
public struct Seconds: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static func < (a: Seconds, b: Seconds) -> Bool { a.value < b.value }

    public var description: String {
        if value > 0 && value < 1 { return Format.number(value * 1000) + " ms" }
        return Format.number(value) + " s"
    }

    /// `250ms`, `1.5s`, `2m`, `1h`; a bare number is seconds.
    public static func parse(_ text: String) -> Seconds? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("", 1)]
        guard let (number, scale) = Format.split(text, units: units), number >= 0 else { return nil }
        return Seconds(number * scale)
    }
}

public struct Bytes: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static func < (a: Bytes, b: Bytes) -> Bool { a.value < b.value }

    static let units: [(String, Double)] = [
        ("KiB", 0x1p10), ("MiB", 0x1p20), ("GiB", 0x1p30), ("TiB", 0x1p40),
        ("Ki", 0x1p10), ("Mi", 0x1p20), ("Gi", 0x1p30), ("Ti", 0x1p40),
        ("kB", 1e3), ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12),
        ("k", 1e3), ("K", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("B", 1), ("", 1),
    ]

    public var description: String { Format.scaled(value, unit: "B") }

    /// `700MB`, `5Gi`, `4GiB`, `1.5G`; a bare number is bytes.
    public static func parse(_ text: String) -> Bytes? {
        guard let (number, scale) = Format.split(text, units: units), number >= 0 else { return nil }
        return Bytes(number * scale)
    }
}

public struct BytesPerSecond: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static func < (a: BytesPerSecond, b: BytesPerSecond) -> Bool { a.value < b.value }

    public var description: String { Format.scaled(value, unit: "B") + "/s" }

    /// `10MB/s`, `10MiB/s`, `100Mbit/s`, `1Gbps`, `125M/s`.
    public static func parse(_ text: String) -> BytesPerSecond? {
        let bitUnits: [(String, Double)] = [("kbit/s", 1e3), ("Mbit/s", 1e6), ("Gbit/s", 1e9), ("Tbit/s", 1e12),
                                            ("kbps", 1e3), ("Kbps", 1e3), ("Mbps", 1e6), ("Gbps", 1e9), ("Tbps", 1e12),
                                            ("bit/s", 1), ("bps", 1)]
        if let (number, scale) = Format.split(text, units: bitUnits), number > 0 { return BytesPerSecond(number * scale / 8) }
        guard text.hasSuffix("/s") else { return nil }
        let byteUnits = Bytes.units.filter { !$0.0.isEmpty }
        guard let (number, scale) = Format.split(String(text.dropLast(2)), units: byteUnits), number > 0 else { return nil }
        return BytesPerSecond(number * scale)
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

    /// Up to three significant decimals, no trailing zeros: 1.08, 70, 0.5.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return value > 0 ? "inf" : "-inf" }
        let rounded = (value * 1000).rounded() / 1000
        if abs(rounded) < 1e9 {
            // Thousandths as an exact integer give the digits the shortest Double text would show.
            // At most 14 bytes ("-999999999.999"): a capacity of 15 or less makes a small
            // String, with no allocation; String(Int) went through a generic `description`.
            let thousandths = Int((abs(rounded) * 1000).rounded())
            return String(unsafeUninitializedCapacity: 15) { out in
                var n = 0
                if rounded < 0 { out[n] = UInt8(ascii: "-"); n += 1 }
                let whole = thousandths / 1000
                var scale = 1
                while scale <= whole / 10 { scale *= 10 }
                repeat {
                    out[n] = UInt8(ascii: "0") + UInt8(whole / scale % 10)
                    n += 1
                    scale /= 10
                } while scale > 0
                var fraction = thousandths % 1000, digit = 100
                if fraction > 0 { out[n] = UInt8(ascii: "."); n += 1 }
                while fraction > 0 {
                    out[n] = UInt8(ascii: "0") + UInt8(fraction / digit)
                    fraction %= digit
                    digit /= 10
                    n += 1
                }
                return n
            }
        }
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        var s = String(rounded)
        if s.contains("e") { return s }
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// SI-scaled: 700 MB, 10 MB, 5.369 GB.
    private static let steps: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]

    static func scaled(_ value: Double, unit: String) -> String {
        for (scale, prefix) in steps where value >= scale { return String(concatenating: number(value / scale), " ", prefix, unit) }
        return String(concatenating: number(value), " ", unit)
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
