import Foundation
import Testing

/// README's first example is what the binary prints: each line of the `console` block under its
/// `$ kubectl-probelint` command is a line of the output, in order (`  ...` marks lines left out).
@Suite struct ReadmeConsoleTests {
    @Test func theIncidentExampleIsTheBinarysOutput() throws {
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "```console\n").dropFirst().first?.components(separatedBy: "\n```").first)
        var lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let command = lines.removeFirst()
        try #require(command.hasPrefix("$ kubectl-probelint "))
        let arguments = command.dropFirst("$ kubectl-probelint ".count).split(separator: " ").map(String.init)
        let run = try TestSupport.run(arguments, environment: ["NO_COLOR": "1"])
        #expect(run.status == 1, "\(run.stderr)")
        let printed = run.stdout.split(separator: "\n").map(String.init)
        var next = printed.startIndex
        for line in lines where line != "  ..." {
            let found = printed[next...].firstIndex(of: line)
            #expect(found != nil, "README line not printed (in this order): \(line)")
            next = found.map { $0 + 1 } ?? next
        }
        #expect(lines.filter { $0.hasPrefix("examples/") }.count == printed.filter { !$0.hasPrefix(" ") }.count)
    }
}
