import Testing
@testable import ProbeLint

@Suite struct OriginTests {
    @Test func originsSayWhereAValueCameFrom() {
        for component in Component.allCases {
            #expect(Origin.builtIn(component).description == component.rawValue + " default")
        }
        #expect(Origin.flag("bandwidth").description == "from --bandwidth")
        #expect(Origin.config(".probelint.yaml:3:5").description == "from .probelint.yaml:3:5")
        #expect(Origin.derived.description == "derived")
    }
}
