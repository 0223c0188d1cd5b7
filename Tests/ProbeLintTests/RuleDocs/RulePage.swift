import Foundation
@testable import ProbeLint

/// One `rules/PLnnn-name.md` page, parsed for the doc tests (DESIGN.md section 4).
struct RulePage: Sendable, CustomStringConvertible {
    static let headings = ["What it checks", "Why it matters", "The arithmetic", "Inputs and options",
                           "Example that fires", "Example that passes this rule", "Fix", "Exceptions", "References"]

    var file: String
    var text: String
    /// `# PL101 probe-timeout-below-tail-latency` -> ("PL101", "probe-timeout-below-tail-latency").
    var id: String
    var name: String
    /// The first word after `Severity: `.
    var severity: String?
    /// The first word after `Fix: ` on the Severity line.
    var fix: String?
    /// `## ` headings in order.
    var sections: [String]
    var blocks: [CodeBlock]

    var description: String { file }

    /// Every page of rules/, sorted by file name.
    static let all: [RulePage] = {
        let dir = TestSupport.packageRoot.appendingPathComponent("rules")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) else { return nil }
            return RulePage(file: name, text: String(decoding: data, as: UTF8.self))
        }
    }()

    init(file: String, text: String) {
        self.file = file
        self.text = text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let title = lines.first.map { $0.hasPrefix("# ") ? String($0.dropFirst(2)) : "" } ?? ""
        let words = title.split(separator: " ").map(String.init)
        id = words.first ?? ""
        name = words.count == 2 ? words[1] : ""
        severity = lines.first { $0.hasPrefix("Severity: ") }.flatMap {
            $0.dropFirst("Severity: ".count).split(whereSeparator: { !$0.isLetter }).first.map(String.init)
        }
        fix = lines.first { $0.hasPrefix("Severity: ") }.flatMap { line in
            line.range(of: "Fix: ").flatMap { line[$0.upperBound...].split(whereSeparator: { !$0.isLetter }).first.map(String.init) }
        }
        var sections: [String] = []
        var blocks: [CodeBlock] = []
        var open: (info: String, line: Int, body: [String])?
        for (i, line) in lines.enumerated() {
            if var current = open {
                if line.hasPrefix("```") {
                    if let block = CodeBlock(info: current.info, body: current.body, mdLine: current.line, page: file) { blocks.append(block) }
                    open = nil
                } else {
                    current.body.append(line)
                    open = current
                }
            } else if line.hasPrefix("```") {
                open = (String(line.dropFirst(3)), i + 1, [])
            } else if line.hasPrefix("## ") {
                sections.append(String(line.dropFirst(3)))
            }
        }
        self.sections = sections
        self.blocks = blocks
    }
}

/// A ```yaml fires|passes|fixed``` block with its flags and expected findings.
struct CodeBlock: Sendable, CustomStringConvertible {
    enum Kind: String, Sendable { case fires, passes, fixed }

    struct Expected: Hashable, Sendable, Comparable, CustomStringConvertible {
        var rule: String
        var line: Int
        var column: Int
        var description: String { "\(line):\(column) \(rule)" }
        static func < (a: Expected, b: Expected) -> Bool { (a.line, a.column, a.rule) < (b.line, b.column, b.rule) }
    }

    var kind: Kind
    var args: [String]
    var yaml: String
    /// Line of the opening fence in the page, for messages.
    var mdLine: Int
    var page: String

    var description: String { "\(page):\(mdLine) \(kind.rawValue)" }

    init?(info: String, body: [String], mdLine: Int, page: String) {
        var words = info.split(separator: " ", maxSplits: 2).map(String.init)
        guard words.first == "yaml", words.count >= 2, let kind = Kind(rawValue: words[1]) else { return nil }
        self.kind = kind
        words = Array(words.dropFirst(2))
        args = []
        if let rest = words.first, rest.hasPrefix("args=\""), rest.hasSuffix("\"") {
            args = rest.dropFirst(6).dropLast().split(separator: " ").map(String.init)
        }
        yaml = body.map { $0 + "\n" }.joined()
        self.mdLine = mdLine
        self.page = page
    }

    /// `# expect: PL101` (or `# expect: PL101, PL102`) marks: the finding's line,
    /// and its column is where the value starts on that line (the first
    /// character after `key: ` or `- `, else the line's first character),
    /// counted in Unicode scalars as libyaml counts them.
    var expected: [Expected] {
        var out: [Expected] = []
        for (i, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let mark = line.range(of: "# expect:") else { continue }
            let ids = line[mark.upperBound...].split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            let code = line[..<mark.lowerBound]
            let column = Self.valueColumn(String(code))
            for id in ids where id.hasPrefix("PL") { out.append(Expected(rule: id, line: i + 1, column: column)) }
        }
        return out.sorted()
    }

    static func valueColumn(_ code: String) -> Int {
        let scalars = Array(code.unicodeScalars)
        var i = 0
        while i < scalars.count, scalars[i] == " " { i += 1 }
        while i + 1 < scalars.count, scalars[i] == "-", scalars[i + 1] == " " {
            i += 2
            while i < scalars.count, scalars[i] == " " { i += 1 }
        }
        // After the first `: ` of a plain or quoted key, if a value follows.
        var j = i
        var quote: Unicode.Scalar?
        while j + 1 < scalars.count {
            let c = scalars[j]
            if let q = quote { if c == q { quote = nil } }
            else if c == "\"" || c == "'" { quote = c }
            else if c == ":", scalars[j + 1] == " " {
                var k = j + 1
                while k < scalars.count, scalars[k] == " " { k += 1 }
                if k < scalars.count { return k + 1 }
                break
            }
            j += 1
        }
        return i + 1
    }
}
