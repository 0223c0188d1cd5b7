import Foundation
import Testing
@testable import ProbeLint

/// A second, independent implementation of docs/model.md's arithmetic for PL101 to PL106
/// (Tests/Tools/model-oracle: Python's exact fractions, written from the model and the rule
/// pages alone, never from probelint's sources) judges seeded random Deployments and compares
/// every rule that fires, every derived figure and every fix with probelint's `-o json`. It
/// found the float ceilings (ceil(1.1 * 50 s) = 56), the clamped int32 fixes and the
/// last-resort period that this session fixed; a disagreement prints the manifest and the
/// command that reproduce it.
@Suite struct ModelOracleTests {
    @Test(arguments: [1, 2])
    func probelintAgreesWithTheOracle(seed: Int) throws {
        let script = TestSupport.packageRoot.appendingPathComponent("Tests/Tools/model-oracle/run.py").path
        let run = try TestSupport.run([script, "--binary", TestSupport.binary.path, "--seed", String(seed), "--count", "2000"],
                                      executable: URL(fileURLWithPath: OutputSupport.python))
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("cases: 2000, agreed: 2000, disagreed: 0"), "\(run.stdout)")
    }
}
