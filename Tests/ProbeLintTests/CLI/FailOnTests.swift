import Foundation
import Testing
@testable import ProbeLint

/// `--fail-on`: exit 1 when a finding is at or above it, on every path a run takes (a file, a
/// file cut into pieces, standard input, the JUnit report's failed cases); one comparison,
/// `Severity.fails(at:)`, decides them all.
@Suite struct FailOnTests {
    @Test func atOrAboveTheThreshold() {
        #expect(Severity.warning.fails(at: .warning) && Severity.error.fails(at: .warning) && Severity.info.fails(at: .info))
        #expect(!Severity.info.fails(at: .warning) && !Severity.warning.fails(at: .error))
        #expect(Severity.allCases.allSatisfy { !$0.fails(at: nil) })
    }

    /// One warning (PL108: curl -m 5 under the 1 s default timeout) and nothing else.
    static let oneWarning = TestSupport.deployment(probe: "exec: {command: [curl, -m, \"5\", \"http://x\"]}\nperiodSeconds: 10")

    @Test(arguments: [("info", Int32(1)), ("warning", 1), ("error", 0), ("never", 0)])
    func theExitStatusOnEveryPath(failOn: String, status: Int32) throws {
        let dir = try OutputSupport.temporaryDirectory("fail-on")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("web.yaml")
        try Self.oneWarning.write(to: file, atomically: true, encoding: .utf8)
        let flags = ["--select", "PL108", "--fail-on", failOn]
        let plain = try TestSupport.run(flags + [file.path])
        #expect(plain.status == status, "\(plain.stdout)\(plain.stderr)")
        #expect(plain.stdout.contains("warning:") && plain.stdout.contains("[PL108]"))
        #expect(try TestSupport.run(flags + ["-f", "-"], stdin: Self.oneWarning).status == status)
        // Cut into pieces linted apart: the same document three times, past two piece sizes.
        let pieces = dir.appendingPathComponent("pieces.yaml")
        try Array(repeating: Self.oneWarning, count: 3).joined(separator: "---\n").write(to: pieces, atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(flags + ["--piece-bytes", "64", pieces.path]).status == status)
        let junit = try TestSupport.run(flags + ["-o", "junit", file.path])
        #expect(junit.status == status)
        #expect(junit.stdout.contains("<failure") == (status == 1))
    }
}
