#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// docs/model.md rule 3: idle latency as a log-normal distribution through L50 and L99,
/// and the false restarts that its tail causes when F consecutive probes time out.
public struct IdleTailModel: Sendable, Equatable {
    /// z of the 99th percentile of the standard normal distribution.
    public static let z99 = 2.326
    public static let secondsPer30Days = 30.0 * 86400

    public let p50: Double
    public let p99: Double
    /// sigma = ln(L99 / L50) / 2.326; zero when L99 <= L50 (no spread).
    public let sigma: Double
    /// ln L50, for `timeoutChance`. Both worked out once per model: as computed properties
    /// they took four logarithms per timeout judged, and PL103 judges every liveness
    /// probe (and, for a fix, each candidate value).
    private let logP50: Double

    public init(p50: Double, p99: Double) {
        self.p50 = p50
        self.p99 = p99
        sigma = p99 > p50 && p50 > 0 ? log(p99 / p50) / Self.z99 : 0
        logP50 = p50 > 0 ? log(p50) : 0
    }

    /// Phi, the standard normal CDF, from erfc: Phi(z) = erfc(-z / sqrt 2) / 2.
    public static func phi(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// q = 1 - Phi((ln T - ln L50) / sigma): the chance that one probe takes
    /// longer than its timeout. Computed as erfc(z / sqrt 2) / 2 so that tiny
    /// tails keep their precision instead of rounding to 0.
    public func timeoutChance(_ timeout: Double) -> Double {
        guard p50 > 0 else { return 0 }
        guard sigma > 0 else { return timeout <= p50 ? 1 : 0 }
        let z = (log(timeout) - logP50) / sigma
        return 0.5 * erfc(z / 2.0.squareRoot())
    }

    /// (30 * 86400 / P) * (1 - q) * q^F: runs of F timeouts that begin in 30 days.
    public func falseRestartsPer30Days(_ timing: ProbeTiming) -> Double {
        guard timing.period > 0, timing.failure > 0 else { return 0 }
        let q = timeoutChance(Double(timing.timeout))
        return Self.secondsPer30Days / Double(timing.period) * (1 - q) * pow(q, Double(timing.failure))
    }

    /// A number for a message: as Format.number from 1 up, 2 significant digits
    /// below (0.0074), in exponent notation below 0.001 (4.7e-27).
    public static func format(_ x: Double) -> String { MessageText.string("\(Figure(x))") }

    /// `format(x)` as a value for an interpolation: a message or note copies its bytes
    /// (`MessageText`) instead of a `String` made for it (PL103 writes five per finding).
    public struct Figure: CustomStringConvertible, Sendable {
        public var value: Double
        /// Significant digits below 1: 2, or more to tell the figure from a budget.
        public var digits: Int

        public init(_ value: Double) { self.value = value; digits = 2 }

        /// `value` with as many significant digits (2 to 6) as it takes to show it above
        /// `budget`: 0.10109 against 0.1 is 0.101, not 0.1.
        public init(_ value: Double, above budget: Double) {
            self.value = value
            digits = 2
            guard value > budget, value > 0, value < 1, value.isFinite else { return }
            while digits < 6 {
                let scale = pow(10, Double(digits - 1) - floor(log10(value)))
                if (value * scale).rounded() / scale > budget { break }
                digits += 1
            }
        }

        public var description: String { MessageText.string("\(self)") }

        /// Calls `piece` with the pieces of the text.
        func write(_ piece: (UnsafeBufferPointer<UInt8>) -> Void) {
            let x = value
            guard x > 0, x < 1, x.isFinite else { return Format.number(x, piece) }
            if x >= 0.001 {
                // x rounded to `self.digits` significant digits is digits / 10^places, written
                // as Double's description writes that value: 0.0074, 0.1, and 1.0 when it rounds up to 1.
                var places = self.digits - 1 - Int(floor(log10(x)))
                var digits = Int((x * pow(10, Double(places))).rounded())
                while digits % 10 == 0 { digits /= 10; places -= 1 }
                guard places > 0 else { return Format.literal("1.0", piece) }
                Format.literal("0.", piece)
                // digits, below 10^self.digits now, after the zeros that place them.
                var width = 1
                var rest = digits
                while rest >= 10 { rest /= 10; width += 1 }
                for _ in 0..<places - width { Format.literal("0", piece) }
                return ByteText.decimal(digits, piece)
            }
            let (mantissa, exponent) = Format.scientific(x, decimals: self.digits - 1)
            Format.number(mantissa, piece)
            Format.literal("e", piece)
            ByteText.decimal(exponent, piece)
        }
    }
}
