import Foundation
import Testing
@testable import ProbeLint

/// The pages embedded for `explain` are the pages in rules/, and `explain` prints them.
@Suite struct RuleDocsGeneratedTests {
    @Test func generatedFileIsUpToDate() throws {
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/generate-rule-docs").path
        let run = try TestSupport.run(["python3", script, "--stdout"], executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(run.status == 0, "\(run.stderr)")
        let checkedIn = try String(contentsOf: TestSupport.packageRoot
            .appendingPathComponent("Sources/ProbeLint/Rules/RuleDocs.generated.swift"), encoding: .utf8)
        #expect(run.stdout == checkedIn, "run scripts/generate-rule-docs and commit the result")
    }

    @Test(arguments: RulePage.all)
    func embeddedPageEqualsTheFile(_ page: RulePage) {
        #expect(RuleDocs.page(RuleID(rawValue: page.id)) == page.text)
        #expect(RuleDocs.pages[RuleID(rawValue: page.id)]?.file == page.file)
    }

    @Test func explainPrintsThePageByIDAndByName() throws {
        let page = try #require(RulePage.all.first { $0.id == "PL103" })
        for arg in ["PL103", "pl103", "false-restart-rate"] {
            let run = try TestSupport.run(["explain", arg])
            #expect(run.status == 0)
            #expect(run.stdout == page.text)
            #expect(run.stderr.isEmpty)
        }
    }

    @Test func explainUnknownRuleExitsTwo() throws {
        let run = try TestSupport.run(["explain", "PL999"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "error: unknown rule 'PL999': run 'kubectl-probelint rules' to list the rules, then 'kubectl-probelint explain PLnnn'\n")
        let typo = try TestSupport.run(["explain", "grace-period-below-drain"])
        #expect(typo.status == 2)
        #expect(typo.stderr == "error: unknown rule 'grace-period-below-drain' (did you mean PL106, grace-period-below-drain-time?): run 'kubectl-probelint rules' to list the rules, then 'kubectl-probelint explain PLnnn'\n")
    }
}
