import Foundation
import Testing

/// Standard output that cannot be written (a full disk; `/dev/full` here) ends the run with
/// exit status 2 and a message: `--fix - < a.yaml > b.yaml` kept a cut file and passed, and
/// `-o sarif > report.sarif` an empty report.
@Suite struct OutputErrorTests {
    static func run(_ arguments: String) throws -> TestSupport.Run {
        try TestSupport.run(["-c", "\"$PROBELINT\" \(arguments) > /dev/full"], environment: ["PROBELINT": TestSupport.binary.path],
                            executable: URL(fileURLWithPath: "/bin/sh"))
    }

    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full"), "/dev/full stands for a full disk"),
          arguments: ["--fix - < examples/rgw-incident-fixed.yaml", "-o sarif examples/web-sound.yaml",
                      "--bandwidth 10MB/s examples/rgw-incident.yaml", "rules", "--help"])
    func aFullDiskIsAnError(arguments: String) throws {
        let run = try Self.run(arguments)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.hasSuffix("kubectl-probelint: error: cannot write to standard output: No space left on device\n"), "\(run.stderr)")
    }

    /// The same run with somewhere to write passes, so the status above is the output's.
    @Test func theSameRunWithRoomPasses() throws {
        let run = try TestSupport.run(["-o", "sarif", "examples/web-sound.yaml"])
        #expect(run.status == 0 && !run.stdout.isEmpty)
    }
}
