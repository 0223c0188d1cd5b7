import Foundation
import Testing
@testable import ProbeLint

/// README's table of the built-in inputs per component is ComponentProfile's, rendered here
/// row by row: a default changed in the code and not in the table fails.
@Suite struct DefaultsTableTests {
    static func row(_ name: String, _ p: ComponentProfile, drain: String? = nil, startup: String? = nil) -> String {
        let start = startup ?? p.startupTime.map { "\($0)" } ?? "none"
        let stop = drain ?? p.drainTime.map { "\($0)" } ?? "none"
        return "| \(name) | \(p.bandwidth) | \(p.largestTransfer) | \(p.queue) | \(p.networkP50) / \(p.networkP99) | \(p.execP50) / \(p.execP99) | \(start) | \(stop) |"
    }

    static var rows: [String] {
        let mds = ComponentProfile.builtIn(.mds)
        let journal = mds.journalSize.flatMap { size in mds.journalBandwidth.map { "J / Bj = \(size) / \($0) = \(Seconds(size.value / $0.value))" } } ?? "none"
        return [
            row("rgw", .builtIn(.rgw), drain: "none; with `rgw_graceful_stop`, `rgw_exit_timeout_secs` (\(Environment.rgwExitTimeout))"),
            row("mds", mds, drain: journal, startup: journal),
            row("mon, mgr", .builtIn(.mon)),
            row("osd", .builtIn(.osd)),
            row("any other (`generic`)", .builtIn(.generic)),
        ]
    }

    @Test func readmeHoldsTheBuiltInDefaults() throws {
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(ComponentProfile.builtIn(.mon).networkP99 == ComponentProfile.builtIn(.mgr).networkP99)
        for row in Self.rows { #expect(readme.contains("  " + row + "\n"), "README.md lacks:\n\(row)") }
    }
}
