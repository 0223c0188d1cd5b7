import Foundation
import Testing
@testable import ProbeLint

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

/// `FileElements` on its own: items cut anywhere into runs and calls come out as one element per
/// stretch of one name, in order, each around exactly its items.
@Suite struct FileElementsJoinTests {
    /// An item of file `name`: `<i name/k>`.
    static func item(_ name: String, _ k: Int) -> [UInt8] { Array("<i \(name)/\(k)>".utf8) }

    static func element(_ name: String, _ count: Int, _ items: [UInt8]) -> [UInt8] {
        Array("[\(name) \(count):".utf8) + items + Array("]".utf8)
    }

    @Test func runsJoinAcrossCallsAndSplitAtEachNewName() {
        let names = ["a", "a", "a", "b", "a", "a", "c", "c", "c", "c"]
        let items = names.enumerated().map { Self.item($1, $0) }
        let expected = "[a 3:<i a/0><i a/1><i a/2>][b 1:<i b/3>][a 2:<i a/4><i a/5>][c 4:<i c/6><i c/7><i c/8><i c/9>]"
        // Every way of cutting the ten items into calls at one or two points.
        for cut1 in 0...names.count {
            for cut2 in cut1...names.count {
                var elements = FileElements()
                var out: [UInt8] = []
                for range in [0..<cut1, cut1..<cut2, cut2..<names.count] where !range.isEmpty {
                    var bytes: [UInt8] = []
                    var runs: [FileElements.Run] = []
                    for i in range {
                        bytes += items[i]
                        runs.add(names[i], bytes: items[i].count)
                    }
                    out += elements.add(bytes, runs: runs, element: Self.element)
                }
                out += elements.finish(element: Self.element)
                #expect(String(decoding: out, as: UTF8.self) == expected, "cut at \(cut1), \(cut2)")
                #expect(elements.finish(element: Self.element).isEmpty)
            }
        }
    }
}
