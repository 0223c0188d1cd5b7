import Testing
@testable import ProbeLint

@Suite struct FormatTests {
    @Test func numbersShowUpToThreeDecimalsWithoutTrailingZeros() {
        #expect(Format.number(70) == "70")
        #expect(Format.number(0) == "0")
        #expect(Format.number(-0.00001) == "-0.00001")
        #expect(Format.number(-5) == "-5")
        #expect(Format.number(1.08) == "1.08")
        #expect(Format.number(0.5) == "0.5")
        #expect(Format.number(-2.0004) == "-2.0004")
        #expect(Format.number(-2.0014) == "-2.001")
        #expect(Format.number(12.3456) == "12.346")
        #expect(Format.number(999_999_999.999) == "999999999.999")
        #expect(Format.number(-999_999_999.5) == "-999999999.5")
        #expect(Format.number(5e9) == "5000000000")
        #expect(Format.number(2.5e15) == "2500000000000000")
        // Past 2^53, three decimals and the exponent (Swift's own text was 4.611686016279904e+18).
        #expect(Format.number(4.611686016279904e18) == "4.612e18")
        #expect(Format.number(-1e20) == "-1e20")
        #expect(Format.number(1.7976931348623157e308) == "1.798e308")
        #expect(Format.number(.infinity) == "inf")
        #expect(Format.number(-.infinity) == "-inf")
    }

    /// A value that is not whole never shows as a whole number or as 0, whatever a finding
    /// compares it with (a 30.0001 s drain time against a 30 s grace period): its decimals go
    /// on to the third significant digit of its distance from that whole number. Noise of the
    /// last bits (3 - 4e-16) is still whole, and a value below 1e-7 is written as 1.23e-13.
    @Test func aValueThatIsNotWholeNeverShowsAsWhole() {
        #expect(Format.number(0.0001) == "0.0001")
        #expect(Format.number(0.000123456) == "0.000123")
        #expect(Format.number(30.0001) == "30.0001")
        #expect(Format.number(29.99996) == "29.99996")
        #expect(Format.number(0.9996) == "0.9996")
        #expect(Format.number(-0.0001) == "-0.0001")
        #expect(Format.number(1e-7) == "0.0000001")
        #expect(Format.number(2.9999999999999996) == "3")
        #expect(Format.number(123_456_789.0001) == "123456789.0001")
        #expect(Format.number(-1e-8) == "-1e-8")
        #expect(Format.number(1.23456e-13) == "1.23e-13")
        #expect(Format.number(1e-300) == "1e-300")
        #expect(BytesPerSecond.parse("0.0001B/s")?.description == "0.0001 B/s")
        #expect(BytesPerSecond(1.25e-5).description == "0.0000125 B/s")
        #expect(Seconds(1e-9).description == "0.000001 ms")
        #expect(Bytes(1000.0001).description == "1.0000001 kB")
    }

    @Test func fractionsKeepTheirInnerZeros() {
        #expect(Format.number(0.05) == "0.05")
        #expect(Format.number(0.001) == "0.001")
        #expect(Format.number(10.01) == "10.01")
        #expect(Format.number(-1.005) == "-1.005")
        #expect(Format.number(100.1) == "100.1")
        #expect(Format.number(0.0005) == "0.001")
    }

    @Test func aTextWritesNumbersAndQuantitiesAsTheirDescriptions() {
        let values: [Double] = [0, 0.25, 1.5, 999.9999, 1e3, 7e8, 5.369e9, 1.2e13, 3e20]
        for value in values {
            #expect(MessageText.string("\(ProbeArithmetic.n(value))") == Format.number(value))
            #expect(MessageText.string("x \(Seconds(value)) y") == "x \(Seconds(value).description) y")
            #expect(MessageText.string("\(Bytes(value))") == Format.scaled(value, unit: "B"))
            #expect(MessageText.string("\(BytesPerSecond(value))") == Format.scaled(value, unit: "B") + "/s")
        }
        #expect(Seconds(0.25).description == "250 ms")
        #expect(Seconds(90).description == "90 s")
        #expect(BytesPerSecond(1.25e8).description == "125 MB/s")
    }

    @Test func scaledNumbersTakeAnSIPrefix() {
        #expect(Format.scaled(700e6, unit: "B") == "700 MB")
        #expect(Format.scaled(5.369e9, unit: "B") == "5.369 GB")
        #expect(Format.scaled(12, unit: "B/s") == "12 B/s")
    }

    /// A size that is a whole number of binary units and a fraction in decimal ones shows in
    /// binary units (the MDS journal's default was "536.871 MB"); any other, in decimal ones.
    @Test func bytesShowInBinaryUnitsWhereTheyAreWhole() {
        #expect("\(Bytes(0x1p29))" == "512 MiB")
        #expect("\(Bytes(4 * 0x1p30))" == "4 GiB")
        #expect("\(Bytes(0x1p40 * 3))" == "3 TiB")
        #expect("\(Bytes(700e6))" == "700 MB")
        #expect("\(Bytes(1e6))" == "1 MB")  // a whole number of both: decimal
        #expect("\(Bytes(1.5 * 0x1p20))" == "1.573 MB")
        #expect("\(Bytes(0x1p10))" == "1.024 kB")
    }

    /// A decimal with a unit is the value its text means: 8.3 * 60 is 498.00000000000006 in
    /// Doubles and 8.3 * 1e9 is 8300000000.000001, which made a written tie fire (PL105,
    /// PL106: 498 s against 498.00000000000006 s). Exact products are left as they are.
    @Test func decimalsWithUnitsAreTheValueTheyWrite() {
        #expect(8.3 * 60 != 498)
        #expect(Seconds.parse("8.3m")?.value == 498)
        #expect(Seconds.parse("0.7s")?.value == 0.7)
        #expect(Seconds.parse("250ms")?.value == 0.25)
        #expect(Seconds.parse("1.1h")?.value == 3960)
        #expect(Bytes.parse("8.3GB")?.value == 8.3e9)
        #expect(Bytes.parse("4Ti")?.value == 4 * 0x1p40)
        #expect(Bytes.parse("0.1KB")?.value == 100)
        #expect(BytesPerSecond.parse("2.4Gbps")?.value == 3e8)
        // A kilobit in either case, as `kbps` and `Kbps` are: `1Kbit/s` had been refused.
        #expect(BytesPerSecond.parse("8Kbit/s")?.value == 1000 && BytesPerSecond.parse("8kbit/s")?.value == 1000 && BytesPerSecond.parse("8Kbps")?.value == 1000)
        #expect(BytesPerSecond.parse("10MB/s")?.value == 1e7)
        #expect(Bytes.parse("8.3GB")! / BytesPerSecond.parse("10MB/s")! == Seconds(830))
        #expect(Format.decimal(123_456_789_012_345_678) == 123_456_789_012_345_678)
        #expect(Format.decimal(1e-320) == 1e-320)
    }

    /// The tie that fired: an earliest kill of exactly Tstart and a grace period of exactly
    /// Tdrain, both written as 8.3 minutes, are enough (docs/model.md rules 5 and 6).
    @Test func aTieWrittenAsADecimalDoesNotFire() {
        let yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: db}
            spec:
              template:
                spec:
                  terminationGracePeriodSeconds: 498
                  containers:
                  - name: db
                    image: x
                    startupProbe: {tcpSocket: {port: 5432}, timeoutSeconds: 8, periodSeconds: 10, failureThreshold: 50}
                    livenessProbe: {tcpSocket: {port: 5432}}

            """
        let report = TestSupport.lint(yaml, flags: [.startupTime: "8.3m", .drainTime: "8.3m"])
        #expect(report.findings.filter { ["PL105", "PL106"].contains($0.rule.rawValue) }.isEmpty, "\(report.findings.map(\.message))")
        let late = TestSupport.lint(yaml, flags: [.startupTime: "8.31m", .drainTime: "8.31m"])
        #expect(Set(late.findings.map(\.rule.rawValue)).isSuperset(of: ["PL105", "PL106"]))
    }

    /// A value that overflows once its unit scales it is no value (it was inf: "before its startup
    /// time of inf s"), as the same digits without a unit are not.
    @Test func aValueThatOverflowsOnceScaledIsNone() {
        let nines = String(repeating: "9", count: 305)
        #expect(Seconds.parse(nines + "h") == nil)
        #expect(Seconds.parse(nines) != nil)
        #expect(Bytes.parse(nines + "T") == nil)
        #expect(BytesPerSecond.parse(nines + "T/s") == nil)
        #expect(BytesPerSecond.parse(nines + "Tbit/s") == nil)
        #expect(Seconds.parse("1e3") == nil && Seconds.parse("1000h")?.value == 3_600_000)
    }
}
