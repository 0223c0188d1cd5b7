import Foundation
import Testing

/// Checkstyle's `<file>` and JUnit's `<testsuite>` name the file their findings are in: a file's
/// findings are one element, whatever its number of documents, jobs and pieces, and the
/// cross-object findings (PL205, which come last, in runs from many files) are each in an
/// element of their own file.
@Suite struct FileElementTests {
    /// a.yaml: 200 copies of a pod (PL202, its period) and its Service (PL205); b.yaml: one, named api.
    static func files() throws -> URL {
        let dir = try OutputSupport.temporaryDirectory("elements")
        try String(repeating: OutputSupport.servedPod + "---\n", count: 200).write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try OutputSupport.servedPod.replacingOccurrences(of: "web", with: "api").write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    static func count(_ text: String, _ piece: String) -> Int { text.components(separatedBy: piece).count - 1 }

    @Test func checkstyleHasOneFileElementPerFileAndRun() throws {
        let dir = try Self.files()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["-o", "checkstyle", "a.yaml", "b.yaml"]
        let one = try TestSupport.run(args + ["-j", "1", "--piece-bytes", "0"], directory: dir)
        #expect(try TestSupport.run(args + ["-j", "2", "--piece-bytes", "4096"], directory: dir).stdout == one.stdout)
        // Each file twice: its documents' findings, then its cross-object ones.
        #expect(Self.count(one.stdout, "<file name='a.yaml'>") == 2)
        #expect(Self.count(one.stdout, "<file name='b.yaml'>") == 2)
        let errors = try #require(try CheckstyleOutputTests.errors(one.stdout))
        let json = try TestSupport.run(["-o", "json", "a.yaml", "b.yaml"], directory: dir)
        let findings = try OutputSupport.parse(json.stdout).array("findings")
        #expect(errors.count == 402 && findings.count == 402)
        let mismatched = zip(errors, findings).filter { $0["file"] as? String != $1.string("file") || $0["source"] as? String != "probelint.\($1.string("rule") ?? "")" }
        #expect(mismatched.isEmpty)
    }

    @Test func junitHasOneSuitePerFileAndRunWithItsCounts() throws {
        let dir = try Self.files()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["-o", "junit", "a.yaml", "b.yaml"]
        let one = try TestSupport.run(args + ["-j", "1", "--piece-bytes", "0"], directory: dir)
        #expect(try TestSupport.run(args + ["-j", "2", "--piece-bytes", "4096"], directory: dir).stdout == one.stdout)
        #expect(Self.count(one.stdout, "<testsuite name='a.yaml' tests='200' failures='200'>") == 2)
        #expect(Self.count(one.stdout, "<testsuite name='b.yaml' tests='1' failures='1'>") == 2)
        // junit-to-json.py checks every suite's counts against its cases.
        let cases = try #require(try JUnitOutputTests.cases(one.stdout))
        let api = cases.filter { ($0["name"] as? String)?.contains("Deployment/api") == true }
        #expect(api.count == 2 && api.allSatisfy { $0["suite"] as? String == "b.yaml" })
    }
}
