import Testing
@testable import ProbeLint

@Suite struct FormatTests {
    @Test func numbersShowUpToThreeDecimalsWithoutTrailingZeros() {
        #expect(Format.number(70) == "70")
        #expect(Format.number(0) == "0")
        #expect(Format.number(-0.0001) == "0")
        #expect(Format.number(-5) == "-5")
        #expect(Format.number(1.08) == "1.08")
        #expect(Format.number(0.5) == "0.5")
        #expect(Format.number(-2.0004) == "-2")
        #expect(Format.number(12.3456) == "12.346")
        #expect(Format.number(999_999_999.999) == "999999999.999")
        #expect(Format.number(-999_999_999.5) == "-999999999.5")
        #expect(Format.number(5e9) == "5000000000")
        #expect(Format.number(2.5e15) == "2500000000000000")
        #expect(Format.number(.infinity) == "inf")
        #expect(Format.number(-.infinity) == "-inf")
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
}
