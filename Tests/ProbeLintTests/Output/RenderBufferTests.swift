import Testing
@testable import ProbeLint

/// A worker renders all of a file's documents in one `RenderBuffer`: each document's
/// bytes must be only its own, appended after what the file's output holds.
@Suite struct RenderBufferTests {
    static func finding(_ message: String, line: Int) -> Finding {
        let at = SourcePosition(offset: 0, line: line, column: 1)
        return Finding(rule: "PL101", severity: .warning, message: message, file: "a.yaml",
                       range: SourceRange(start: at, end: at), object: ObjectRef(kind: "Pod", name: "p"))
    }

    @Test func reusedBufferRendersEachDocumentAlone() {
        let first = [Self.finding("first", line: 1)]
        let second = [Self.finding("second", line: 9), Self.finding("third", line: 12)]
        let text = TextReporter(color: false)
        let buffer = RenderBuffer()
        var bytes: [UInt8] = Array("header\n".utf8)
        var moving = first
        text.report(moving: &moving, into: &bytes, buffer: buffer)
        moving = second
        text.report(moving: &moving, into: &bytes, buffer: buffer)
        #expect(String(decoding: bytes, as: UTF8.self) == "header\n" + text.report(first) + text.report(second))
    }

    @Test func githubReusesTheBufferAlike() {
        let first = [Self.finding("first", line: 1)]
        let second = [Self.finding("second", line: 9)]
        let github = GitHubReporter(workingDirectory: "/w")
        let buffer = RenderBuffer()
        var bytes: [UInt8] = []
        var moving = first
        github.report(moving: &moving, into: &bytes, buffer: buffer)
        moving = second
        github.report(moving: &moving, into: &bytes, buffer: buffer)
        #expect(String(decoding: bytes, as: UTF8.self) == (first + second).map(github.render).joined())
    }
}
