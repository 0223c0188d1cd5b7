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

    /// The report of a.yaml and b.yaml in `format` with one job and whole files, expected the
    /// same with two jobs and a.yaml cut into pieces.
    static func report(_ format: String, in dir: URL) throws -> String {
        let args = ["-o", format, "a.yaml", "b.yaml"]
        let one = try TestSupport.run(args + ["-j", "1", "--piece-bytes", "0"], directory: dir)
        #expect(try TestSupport.run(args + ["-j", "2", "--piece-bytes", "4096"], directory: dir).stdout == one.stdout)
        return one.stdout
    }

    @Test func checkstyleHasOneFileElementPerFileAndRun() throws {
        let dir = try Self.files()
        defer { try? FileManager.default.removeItem(at: dir) }
        let xml = try Self.report("checkstyle", in: dir)
        // Each file twice: its documents' findings, then its cross-object ones.
        #expect(Self.count(xml, "<file name='a.yaml'>") == 2)
        #expect(Self.count(xml, "<file name='b.yaml'>") == 2)
        let errors = try #require(try CheckstyleOutputTests.errors(xml))
        let json = try TestSupport.run(["-o", "json", "a.yaml", "b.yaml"], directory: dir)
        let findings = try OutputSupport.parse(json.stdout).array("findings")
        #expect(errors.count == 402 && findings.count == 402)
        let mismatched = zip(errors, findings).filter { $0["file"] as? String != $1.string("file") || $0["source"] as? String != "probelint.\($1.string("rule") ?? "")" }
        #expect(mismatched.isEmpty)
    }

    @Test func junitHasOneSuitePerFileAndRunWithItsCounts() throws {
        let dir = try Self.files()
        defer { try? FileManager.default.removeItem(at: dir) }
        let xml = try Self.report("junit", in: dir)
        // PL202's errors fail; PL205's infos, below --fail-on warning, pass.
        #expect(Self.count(xml, "<testsuite name='a.yaml' tests='200' failures='200'>") == 1)
        #expect(Self.count(xml, "<testsuite name='a.yaml' tests='200' failures='0'>") == 1)
        #expect(Self.count(xml, "<testsuite name='b.yaml' tests='1' failures='1'>") == 1)
        #expect(Self.count(xml, "<testsuite name='b.yaml' tests='1' failures='0'>") == 1)
        // junit-to-json.py checks every suite's counts against its cases.
        let cases = try #require(try JUnitOutputTests.cases(xml))
        let api = cases.filter { ($0["name"] as? String)?.contains("Deployment/api") == true }
        #expect(api.count == 2 && api.allSatisfy { $0["suite"] as? String == "b.yaml" })
        // 200 copies of one object, whatever the pieces: each test case named once in its file.
        let names = cases.compactMap { c in (c["suite"] as? String).map { "\($0) \(c["name"] as? String ?? "")" } }
        #expect(Set(names).count == 402)
        #expect(names.contains("a.yaml PL202 Deployment/web container web livenessProbe at spec.template.spec.containers[0].livenessProbe.periodSeconds #200"))
    }
}

/// `FileElements` on its own: items cut anywhere into runs and calls come out as one element per
/// stretch of one name, in order, each around exactly its items; written as they come when the
/// opening tag needs no count (Checkstyle), held when it does (JUnit), and then cut into
/// elements of the same name past `maxHeld` bytes.
@Suite struct FileElementsJoinTests {
    static let names = ["a", "a", "a", "b", "a", "a", "c", "c", "c", "c"]
    /// An item of file `name`: `<i name/k>`, 7 bytes.
    static func item(_ name: String, _ k: Int) -> [UInt8] { Array("<i \(name)/\(k)>".utf8) }
    static let tags = FileElements.Tags(opening: { name, count, _, out in out.append("[\(name) \(count):") }, closing: "]")

    /// The ten items given in calls cut at `cut1` and `cut2`: what is written after each call and at the end.
    static func write(_ elements: inout FileElements, cut1: Int, cut2: Int) -> [String] {
        var written: [String] = []
        for range in [0..<cut1, cut1..<cut2, cut2..<names.count] where !range.isEmpty {
            var bytes: [UInt8] = []
            var runs: [FileElements.Run] = []
            for i in range {
                let item = item(names[i], i)
                bytes += item
                runs.add(names[i], bytes: item.count)
            }
            written.append(String(decoding: elements.add(bytes, runs: runs, tags: tags), as: UTF8.self))
        }
        written.append(String(decoding: elements.finish(tags: tags), as: UTF8.self))
        return written
    }

    @Test func runsJoinAcrossCallsAndSplitAtEachNewName() {
        let held = "[a 3:<i a/0><i a/1><i a/2>][b 1:<i b/3>][a 2:<i a/4><i a/5>][c 4:<i c/6><i c/7><i c/8><i c/9>]"
        // Streamed, an opening tag has no count to give (the tags are told 0).
        let streamed = held.replacingOccurrences(of: #" \d:"#, with: " 0:", options: .regularExpression)
        for cut1 in 0...Self.names.count {
            for cut2 in cut1...Self.names.count {
                var holding = FileElements(countsInOpening: true)
                #expect(Self.write(&holding, cut1: cut1, cut2: cut2).joined() == held, "cut at \(cut1), \(cut2)")
                #expect(holding.finish(tags: Self.tags).isEmpty)
                var streaming = FileElements(countsInOpening: false)
                let parts = Self.write(&streaming, cut1: cut1, cut2: cut2)
                #expect(parts.joined() == streamed, "cut at \(cut1), \(cut2)")
                // Every item is written by the call that brings it.
                #expect(parts.last?.count ?? 0 <= 1)
            }
        }
    }

    /// Held items past `maxHeld` bytes close the element after the run that passes it (a run's
    /// bytes come whole); the next item of the file opens another.
    @Test func heldItemsAreBounded() {
        var elements = FileElements(countsInOpening: true, maxHeld: 14)
        var out: [UInt8] = []
        for (i, name) in Self.names.enumerated() {
            let item = Self.item(name, i)
            out += elements.add(item, runs: [FileElements.Run(name: name, count: 1, bytes: item.count)], tags: Self.tags)
        }
        out += elements.finish(tags: Self.tags)
        #expect(String(decoding: out, as: UTF8.self)
                == "[a 2:<i a/0><i a/1>][a 1:<i a/2>][b 1:<i b/3>][a 2:<i a/4><i a/5>][c 2:<i c/6><i c/7>][c 2:<i c/8><i c/9>]")
    }
}
