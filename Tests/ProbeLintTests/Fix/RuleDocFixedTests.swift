import Foundation
import Testing
@testable import ProbeLint

/// DESIGN.md section 4: a ```yaml fixed``` block after a ```yaml fires``` block
/// is the expected result of `--fix` on it. Every rules/*.md page is read; pages
/// without fixed blocks are skipped. The fix runs through the built binary
/// (`--fix -` prints the fixed stream), with the fires block's `args="..."`.
@Suite struct RuleDocFixedTests {
    struct Pair: CustomTestStringConvertible, Sendable {
        var page: String
        var line: Int
        var args: [String]
        var fires: String
        var fixed: String
        var testDescription: String { "\(page):\(line)" }
    }

    /// The fires blocks that a fixed block follows (before the next fires block).
    static func pairs(_ markdown: String, page: String) -> [Pair] {
        var out: [Pair] = []
        var pending: (line: Int, args: [String], text: String)?
        var block: (info: Substring, line: Int, lines: [Substring])?
        for (number, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if var open = block {
                if line.trimmingCharacters(in: .whitespaces) == "```" {
                    let text = open.lines.map { $0 + "\n" }.joined()
                    let words = open.info.split(separator: " ", maxSplits: 2)
                    if words.count >= 2, words[0] == "yaml" {
                        if words[1] == "fires" {
                            pending = (open.line, args(open.info), text)
                        } else if words[1] == "fixed", let fires = pending {
                            out.append(Pair(page: page, line: fires.line, args: fires.args, fires: fires.text, fixed: text))
                            pending = nil
                        }
                    }
                    block = nil
                } else {
                    open.lines.append(line)
                    block = open
                }
            } else if line.hasPrefix("```") {
                block = (line.dropFirst(3), number + 1, [])
            }
        }
        return out
    }

    /// `args="--bandwidth 10MB/s --largest-transfer 700MB"`
    static func args(_ info: Substring) -> [String] {
        guard let start = info.range(of: "args=\"") else { return [] }
        let rest = info[start.upperBound...]
        return rest.prefix { $0 != "\"" }.split(separator: " ").map(String.init)
    }

    static let pages: [Pair] = {
        let dir = TestSupport.packageRoot.appendingPathComponent("rules")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        return files.flatMap { name in
            pairs((try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? "", page: "rules/" + name)
        }
    }()

    /// The page's own rule alone (`rules/PL101-....md` -> `--select PL101`): the fixed
    /// block shows that rule's fix, not what the whole catalog would change.
    static func select(_ page: String) -> [String] {
        let name = page.split(separator: "/").last ?? ""
        return name.hasPrefix("PL") ? ["--select", String(name.prefix(5))] : []
    }

    static func withoutMarkers(_ text: String) -> String {
        text.replacingOccurrences(of: #"[ \t]+# expect: PL[0-9]{3}"#, with: "", options: .regularExpression)
    }

    static func check(_ pair: Pair) throws {
        let args = pair.args + select(pair.page)
        let run = try TestSupport.run(args + ["--fix", "-"], stdin: pair.fires)
        #expect(run.status != 2, "\(pair.page):\(pair.line): \(run.stderr)")
        // `# expect: PLnnn` markers are test metadata: --fix keeps comments, the fixed block need not repeat them.
        #expect(withoutMarkers(run.stdout) == withoutMarkers(pair.fixed), "\(pair.page):\(pair.line): --fix gives\n\(run.stdout)")
        // The fixed block is a fixed point: --fix changes nothing more.
        let again = try TestSupport.run(args + ["--fix", "-"], stdin: pair.fixed)
        #expect(withoutMarkers(again.stdout) == withoutMarkers(pair.fixed), "\(pair.page):\(pair.line): the fixed block is not stable under --fix")
    }

    /// Every ```` ```yaml fixed ```` block of rules/ is paired with the block that fires before it:
    /// a page read wrongly (or a moved folder) would leave the test below with nothing to run.
    @Test func everyFixedBlockIsFound() throws {
        let dir = TestSupport.packageRoot.appendingPathComponent("rules")
        let texts = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".md") }
            .map { try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }
        let blocks = texts.map { $0.components(separatedBy: "```yaml fixed").count - 1 }.reduce(0, +)
        #expect(blocks >= 8 && Self.pages.count == blocks, "\(Self.pages.count) pairs, \(blocks) fixed blocks")
    }

    @Test(arguments: pages)
    func fixedBlockIsWhatFixWrites(_ pair: Pair) throws {
        try Self.check(pair)
    }

    /// The harness on a page written here, so that it is exercised even before rules/ has fixed blocks.
    @Test func harnessOnASamplePage() throws {
        let page = """
            # PL101 probe-timeout-below-tail-latency
            ## Example that fires
            ```yaml fires args="--bandwidth 10MB/s --largest-transfer 700MB"
            apiVersion: v1
            kind: Pod
            metadata:
              name: rgw
            spec:
              containers:
              - name: rgw
                image: ceph/ceph:v14
                command: [radosgw]
                livenessProbe:
                  httpGet: {path: /, port: 80}
                  timeoutSeconds: 1   # expect: PL101
            ```
            ```yaml fixed
            apiVersion: v1
            kind: Pod
            metadata:
              name: rgw
            spec:
              containers:
              - name: rgw
                image: ceph/ceph:v14
                command: [radosgw]
                livenessProbe:
                  httpGet: {path: /, port: 80}
                  timeoutSeconds: 3   # expect: PL101
            ```
            ```yaml passes
            a: 1
            ```
            ```yaml fires
            b: 2
            ```
            """
        let found = Self.pairs(page, page: "rules/PL101-sample.md")
        try #require(found.count == 1)
        #expect(found[0].line == 3)
        #expect(found[0].args == ["--bandwidth", "10MB/s", "--largest-transfer", "700MB"])
        try Self.check(found[0])
    }
}
