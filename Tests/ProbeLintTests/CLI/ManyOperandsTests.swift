import Foundation
import Testing

/// A line of many file names (pre-commit's `kubectl-probelint -- a.yaml b.yaml ...`, a shell's
/// `$(git ls-files)`) is parsed up to its first operands and lint is handed the others
/// (`ProbeLintCommand.trailingOperands`): argument-parser's own handling of them was quadratic.
/// Each spelling reads the same files, in the same order, with the same options, as `-f` does.
@Suite struct ManyOperandsTests {
    static let names = ["a.yaml", "-x.yaml", "b.yaml", "c d.yaml", "e.yaml", "f.yaml"]
    static var plain: [String] { names.filter { !$0.hasPrefix("-") } }
    static let flags = OutputSupport.incidentFlags + ["-o", "json"]

    static func directory() throws -> URL {
        let dir = try OutputSupport.temporaryDirectory("many-operands")
        for name in names { try FileManager.default.copyItem(at: OutputSupport.incident, to: dir.appendingPathComponent(name)) }
        return dir
    }

    @Test func operandsAfterTheTerminatorAreReadAsGiven() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reference = try TestSupport.run(Self.flags + ["-f", Self.names.joined(separator: ",")], directory: dir)
        #expect(reference.status == 1 && reference.stdout.contains("\"files\": 6"), "\(reference.stderr)")
        let dashed = try TestSupport.run(Self.flags + ["--"] + Self.names, directory: dir)
        #expect(dashed.status == 1 && dashed.stdout == reference.stdout, "\(dashed.stderr)")
        // Reversed: the order of the operands is the order of the files.
        let reversed = try TestSupport.run(Self.flags + ["--"] + Self.names.reversed(), directory: dir)
        #expect(reversed.stdout != reference.stdout)
        #expect(reversed.stdout == (try TestSupport.run(Self.flags + ["-f", Self.names.reversed().joined(separator: ",")], directory: dir)).stdout)
    }

    @Test(arguments: [
        flags + plain,                         // options first, then the words
        plain + flags,                         // options last: nothing trails them
        ["-o", "json"] + OutputSupport.incidentFlags + plain,  // an option's value just before the words
        ["-o", "json", "-f", plain[0]] + OutputSupport.incidentFlags + Array(plain.dropFirst()),
    ])
    func wordsThatEndTheLineAreReadAsGiven(arguments: [String]) throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reference = try TestSupport.run(Self.flags + ["-f", Self.plain.joined(separator: ",")], directory: dir)
        #expect(reference.status == 1 && reference.stdout.contains("\"files\": 5"), "\(reference.stderr)")
        let run = try TestSupport.run(arguments, directory: dir)
        #expect(run.status == 1 && run.stdout == reference.stdout, "\(arguments): \(run.stderr)")
    }

    /// A line the head of which is refused, or is no lint line, is parsed whole: its message
    /// is the one it always had.
    @Test func refusedAndOtherCommandsAreParsedWhole() throws {
        let unknown = try TestSupport.run(["--no-such-option", "a.yaml", "b.yaml", "c.yaml"])
        #expect(unknown.status == 2 && unknown.stderr.contains("Unknown option '--no-such-option'"), "\(unknown.stderr)")
        let explain = try TestSupport.run(["explain", "PL101", "PL102", "PL103"])
        #expect(explain.status == 2 && explain.stderr.contains("2 unexpected arguments: 'PL102', 'PL103'"), "\(explain.stderr)")
    }
}
