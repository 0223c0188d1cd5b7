import Foundation
import Testing
@testable import ProbeLint

/// Rook facts on an input that can be read only once (stdin, or a pipe named by its path as
/// `<(kubectl get cm ...)` names one) reach the run's other inputs, as a regular file's do.
@Suite struct OnceReadInputsTests {
    /// Rook's operator Deployment with a v1.5 image (v1.5 reads no probe timing from the CR).
    static let operatorV15 = RookMdsProbeSpecTests.operatorImage.replacingOccurrences(of: "rook/ceph:v1.8.2", with: "rook/ceph:v1.5.0")

    /// `rook-config-override` on stdin feeds PL302 on the MDS of the file after it.
    @Test func aConfigMapOnStdinFeedsTheOtherFiles() throws {
        let override = "examples/rook-config-override.yaml", mds = "examples/mds-incident.yaml"
        let files = try TestSupport.run(["--no-color", "-f", override, "-f", mds])
        let piped = try TestSupport.run(["--no-color", "-f", "-", "-f", mds],
                                        stdin: try String(contentsOf: TestSupport.packageRoot.appendingPathComponent(override), encoding: .utf8))
        #expect(files.stdout.contains("[PL302]"))
        #expect(piped.stdout.replacingOccurrences(of: "<stdin>", with: override) == files.stdout)
        #expect(piped.status == files.status)
    }

    /// The operator's image read through a pipe's path sets the Rook version for the RGW
    /// incident's hand-edited probe (v1.5 reads no probe timing from the CR).
    @Test func anOperatorImageThroughAPipeSetsTheRookVersion() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("operator.yaml")
        try Self.operatorV15.write(to: file, atomically: true, encoding: .utf8)
        let rgw = TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident-fixed.yaml").path
        let files = try TestSupport.run(["--no-color", "-f", file.path, "-f", rgw])
        let piped = try TestSupport.run(["--no-color", "-f", "/dev/stdin", "-f", rgw], stdin: Self.operatorV15)
        #expect(files.stdout.contains("Rook v1.5.0"), "\(files.stdout)")
        #expect(piped.stdout.replacingOccurrences(of: "/dev/stdin", with: file.path) == files.stdout)
    }

    /// Standard input with no document (a failed command before the pipe) is an input error,
    /// as kubectl makes it; the other inputs are still linted. An empty file stays clean.
    @Test(arguments: ["", "\n", "# only a comment\n---\n...\n", "  \r\n--- \n"])
    func standardInputWithNoDocumentIsAnInputError(_ text: String) throws {
        let alone = try TestSupport.run(["--no-color", "-f", "-"], stdin: text)
        #expect(alone.status == 2)
        #expect(alone.stderr == "<stdin>: error: standard input holds no document: nothing to lint (did the command before the pipe fail? kubectl apply -f - refuses it too: no objects passed to apply)\n")
        let beside = try TestSupport.run(["--no-color", "-f", "-", "-f", "examples/rgw-incident.yaml"], stdin: text)
        #expect(beside.status == 2)
        #expect(beside.stdout.contains("examples/rgw-incident.yaml:"))
    }

    /// The same pipe named by its path (`-f /dev/stdin`, `-f <(kubectl get ...)`, a FIFO): an
    /// input error too, where it passed as a clean run (and an empty SARIF said so).
    @Test func aPipeNamedByItsPathWithNoDocumentIsAnInputError() throws {
        let run = try TestSupport.run(["--no-color", "-f", "/dev/stdin", "-o", "sarif"], stdin: "# c\n---\n")
        #expect(run.status == 2)
        #expect(run.stderr == "/dev/stdin: error: a pipe or device that holds no document: nothing to lint (did the command writing to it fail? kubectl apply -f refuses it too: no objects passed to apply)\n")
        #expect(run.stdout.contains("\"executionSuccessful\": false"), "\(run.stdout)")
    }

    /// A document, though no object: read, no error; the note says it was not linted.
    @Test(arguments: [("a: 1\n", "a mapping with no kind"), ("---\nx\n", "a scalar"), ("#c\n[]\n", "a sequence")])
    func standardInputWithADocumentIsRead(_ text: String, what: String) throws {
        let run = try TestSupport.run(["--no-color", "-f", "-"], stdin: text)
        #expect(run.status == 0 && run.stderr.hasPrefix("note: 1 document is not a Kubernetes object") && run.stderr.hasSuffix(" is \(what)\n"), "\(run.stderr)")
    }
}
