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
    }

    @Test func scaledNumbersTakeAnSIPrefix() {
        #expect(Format.scaled(700e6, unit: "B") == "700 MB")
        #expect(Format.scaled(5.369e9, unit: "B") == "5.369 GB")
        #expect(Format.scaled(12, unit: "B/s") == "12 B/s")
    }
}
