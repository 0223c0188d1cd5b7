import Testing
@testable import ProbeLint

/// The rule a word that names none was probably meant to name (RuleCatalog.nearest).
@Suite struct RuleSuggestionTests {
    static func nearest(_ word: String) -> String? { RuleCatalog.nearest(word)?.id.rawValue }

    @Test func lettersTypedForDigitsAndOneEditFromAnID() {
        #expect(Self.nearest("PL1O4") == "PL104")
        #expect(Self.nearest("PLl01") == "PL101")
        #expect(Self.nearest("pl14") == "PL104")
        #expect(Self.nearest("PL_205") == "PL205")
        #expect(Self.nearest("PL40") == "PL401")
        #expect(Self.nearest("PL3O3") == "PL303")
    }

    @Test func namesTypedLooselyOrCutShort() {
        #expect(Self.nearest("detection-time-to-long") == "PL104")
        #expect(Self.nearest("Detection_Time_Too_Long") == "PL104")
        #expect(Self.nearest("missing-readiness") == "PL205")
        #expect(Self.nearest("mds-without-standby") == "PL303")
        #expect(Self.nearest("liveness-probe-on-data-prot") == "PL107")
    }

    /// No guess when no rule is near or several are as near.
    @Test func noGuessWhenNoneOrSeveralAreNear() {
        #expect(Self.nearest("PL109") == nil)   // one edit from PL101 ... PL108
        #expect(Self.nearest("PL999") == nil)
        #expect(Self.nearest("missing-") == nil)  // the start of PL204's and PL205's names
        #expect(Self.nearest("timeout") == nil)
        #expect(Self.nearest("probe") == nil)
        #expect(Self.nearest("") == nil)
    }

    /// An ID of a later version's form is told apart from a typo: `PL` (any case) and three
    /// digits that name no rule of this version. A known rule, a letter for a digit, or another
    /// length is not one.
    @Test func laterRuleIDsHaveTheFormOfAnID() {
        #expect(RuleCatalog.laterRuleID("PL999") == "PL999")
        #expect(RuleCatalog.laterRuleID("pl109") == "PL109")
        #expect(RuleCatalog.laterRuleID("Pl402") == "PL402")
        for word in ["PL101", "pl204", "PL1O4", "PL99", "PL9999", "PLX99", "XL999", "PL 99", "probe-timeout", "", "PL٣٣٣"] {
            #expect(RuleCatalog.laterRuleID(word) == nil, "\(word)")
        }
        // Its note names the one rule one edit away, as a typo's does.
        #expect(RuleCatalog.laterRuleNote("PL411") == "PL411 is not a rule of this version of probelint (did you mean PL401, unused-ignore? kubectl-probelint rules lists them)")
        #expect(RuleCatalog.laterRuleNote("PL999") == "PL999 is not a rule of this version of probelint (kubectl-probelint rules lists them)")
    }

    /// Every rule is its own nearest, by ID in any case and by name.
    @Test func everyRuleIsItsOwnNearest() {
        for info in RuleCatalog.infos {
            #expect(RuleCatalog.nearest(info.id.rawValue.lowercased())?.id == info.id)
            #expect(RuleCatalog.nearest(info.name.uppercased())?.id == info.id)
        }
    }

    @Test func editDistance() {
        #expect(RuleCatalog.editDistance("kitten", "sitting") == 3)
        #expect(RuleCatalog.editDistance("", "abc") == 3)
        #expect(RuleCatalog.editDistance("pl104", "pl104") == 0)
    }
}
