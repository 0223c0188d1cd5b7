import Foundation
import Testing
@testable import ProbeLint

/// `--fix` and `--diff` through the built binary on the examples and on copies
/// of corpus files (also as CRLF, CR only and without a final newline): the diff touches
/// only timing lines, `patch -p0` accepts it and produces what `--fix` writes,
/// re-linting shows none of the fixed rules, and a second `--fix` is a no-op.
@Suite(.serialized) struct FixRoundTripTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var source: URL
        var flags: [String]
        var testDescription: String { source.lastPathComponent }
    }

    static let exampleFlags = ["--bandwidth", "10MB/s", "--largest-transfer", "700MB"]

    /// Every example, and every corpus file whose fixes change something with the test flags.
    static let cases: [Case] = {
        let examples = (try? FileManager.default.contentsOfDirectory(at: TestSupport.packageRoot.appendingPathComponent("examples"),
                                                                      includingPropertiesForKeys: nil)) ?? []
        var out = examples.filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
            .map { Case(source: $0, flags: exampleFlags) }
        let corpus = FileManager.default.enumerator(at: TestSupport.corpus, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path } ?? []
        for url in corpus {
            guard let data = try? Data(contentsOf: url) else { continue }
            let result = Fixer.fix([InputFile(path: url.path, bytes: Array(data))], options: FixSupport.options())
            if result.outcomes.contains(where: \.changed) { out.append(Case(source: url, flags: FixSupport.cliFlags)) }
        }
        return out
    }()

    @Test func theCorpusHasFixableFiles() {
        #expect(Self.cases.count >= 10)
    }

    /// `loneCR`: lines end in CR only (old Mac files, which YAML reads as line breaks): a
    /// diff and patch count no line in them, and `--diff` must still apply.
    enum Variant: String, CaseIterable { case asIs, crlf, noFinalNewline, loneCR }

    /// Whether a document with content follows a `---` line after the first one's.
    static func documentsAfterTheFirst(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        let pieces = text.components(separatedBy: "\n---").dropFirst()
        return pieces.contains { piece in
            piece.split(separator: "\n").dropFirst().contains { line in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return !trimmed.isEmpty && !trimmed.hasPrefix("#") && trimmed != "---"
            }
        }
    }

    static func variant(_ bytes: [UInt8], _ variant: Variant) -> [UInt8] {
        switch variant {
        case .asIs: return bytes
        case .crlf:
            var out: [UInt8] = []
            for (i, b) in bytes.enumerated() {
                if b == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) { out.append(0x0D) }
                out.append(b)
            }
            return out
        case .noFinalNewline:
            var out = bytes
            while out.last == 0x0A || out.last == 0x0D { out.removeLast() }
            return out
        case .loneCR:
            return bytes.enumerated().compactMap { i, b in
                b == 0x0A ? (i > 0 && bytes[i - 1] == 0x0D ? nil : 0x0D) : b
            }
        }
    }

    @Test(arguments: cases, Variant.allCases)
    func fixRoundTrip(_ c: Case, _ v: Variant) throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = "input.yaml"
        let file = dir.appendingPathComponent(name)
        let source = try FixSupport.bytes(c.source)
        let original = Self.variant(source, v)
        try Data(original).write(to: file)

        // Several documents with CR line breaks: kubectl cuts at no '---' after a lone CR and
        // applies only the first document, so the file is an input error (`Builder.crSeparatorError`),
        // and `--fix` leaves it as it is.
        if v == .loneCR, Self.documentsAfterTheFirst(source) {
            let refused = try TestSupport.run(c.flags + ["--fix", name], directory: dir)
            #expect(refused.status == 2 && refused.stderr.contains("a CR alone"), "\(refused.stderr)")
            #expect(try Array(Data(contentsOf: file)) == original)
            return
        }

        let diff = try TestSupport.run(c.flags + ["--diff", name], directory: dir)
        #expect(diff.status != 2, "\(diff.stderr)")
        // A CR-only file is one line to diff: its changed lines are those of the removed and the
        // added text, split at CR (as bytes: to Swift a CR before the diff's LF is one Character).
        var changed = FixSupport.changedLines(diff.stdout)
        if v == .loneCR {
            let diffLines = Array(diff.stdout.utf8).split(separator: 0x0A)
            func side(_ sign: UInt8) -> [Substring] {
                diffLines.filter { $0.first == sign && !$0.starts(with: Array(String(repeating: Character(UnicodeScalar(sign)), count: 3).utf8)) }
                    .flatMap { $0.dropFirst().split(separator: 0x0D) }.map { Substring(String(decoding: $0, as: UTF8.self)) }
            }
            let before = side(UInt8(ascii: "-")), after = side(UInt8(ascii: "+"))
            changed = after.filter { !before.contains($0) } + before.filter { !after.contains($0) }
            #expect(!changed.isEmpty || diff.stdout.isEmpty)
        }
        #expect(changed.allSatisfy(FixSupport.isTimingLine), "\(diff.stdout)")
        #expect(try FixSupport.bytes(file) == original, "--diff must not write")

        let fix = try TestSupport.run(c.flags + ["--fix", "-o", "json", name], directory: dir)
        #expect(fix.status != 2, "\(fix.stderr)")
        let fixed = try FixSupport.bytes(file)
        #expect((fixed != original) == !diff.stdout.isEmpty)

        // The diff is valid for patch and produces exactly what --fix wrote.
        if !diff.stdout.isEmpty {
            let copy = dir.appendingPathComponent("copy")
            try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
            try Data(original).write(to: copy.appendingPathComponent(name))
            let checked = try FixSupport.gitApplyCheck(diff.stdout, in: copy)
            #expect(checked.status == 0, "git apply: \(checked.stderr)")
            let patched = try FixSupport.patchDryRun(diff.stdout, in: copy, apply: true)
            #expect(patched.status == 0, "\(patched.stdout)\(patched.stderr)")
            #expect(try FixSupport.bytes(copy.appendingPathComponent(name)) == fixed)
        }

        // Re-linting shows none of the fixed rules.
        let fixedRules = Set(fix.stderr.split(separator: "\n").filter { $0.contains(": fixed: ") }.flatMap { line in
            line.split(separator: "[").last.map { $0.dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        })
        // Of the bytes written, read again by a run of their own (--fix's report is its in-memory lint).
        func rules(_ run: TestSupport.Run) throws -> Set<String> {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout.prefix(300))")
            let findings = try #require(json["findings"] as? [[String: Any]])
            return Set(findings.compactMap { $0["rule"] as? String })
        }
        let relint = try TestSupport.run(c.flags + ["-o", "json", name], directory: dir)
        #expect(relint.status != 2, "\(relint.stderr)")
        let remaining = try rules(relint)
        #expect(remaining == (try rules(fix)), "--fix's report differs from a lint of what it wrote")
        #expect(fixedRules.isDisjoint(with: remaining), "still reported after --fix: \(fixedRules.intersection(remaining))")
        if !diff.stdout.isEmpty { #expect(!fixedRules.isEmpty) }

        // Comments and line endings survive; CRLF stays CRLF.
        let text = String(decoding: fixed, as: UTF8.self)
        let comments = String(decoding: original, as: UTF8.self).split(whereSeparator: \.isNewline).filter { $0.contains("#") }
        #expect(comments.allSatisfy { text.contains($0) })
        if v == .crlf { #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n")) }
        if v == .noFinalNewline { #expect(fixed.last != 0x0A) }

        // A second --fix changes nothing.
        let again = try TestSupport.run(c.flags + ["--fix", name], directory: dir)
        #expect(again.status != 2)
        #expect(try FixSupport.bytes(file) == fixed)
        #expect(!again.stderr.contains(": fixed: "))
    }

    @Test func rookGeneratedExampleIsDisplayOnly() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("rgw.yaml")
        let original = try FixSupport.bytes(TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml"))
        try Data(original).write(to: file)
        // PL101 and PL102 alone: the timeout fix this test is about (PL106 would add a grace fix).
        let only = ["--select", "PL101,PL102", "--rook-version", "v1.20"]
        let run = try TestSupport.run(Self.exampleFlags + only + ["--fix", "rgw.yaml"], directory: dir)
        #expect(run.status == 1)
        #expect(try FixSupport.bytes(file) == original)
        #expect(run.stderr.contains("rgw.yaml:59:29: not fixed (display only): livenessProbe timeoutSeconds 1 -> 3 [PL101, PL102]: generated by Rook from CephObjectStore my-store, whose operator rewrites it: Rook v1.20 generates no livenessProbe for rgw and removes this one (PL301): nothing to change"))
        #expect(run.stdout.contains("[PL101]"))

        // Without the ownerReferences, the same object is fixed.
        var text = String(decoding: original, as: UTF8.self)
        let start = try #require(text.range(of: "  ownerReferences:\n"))
        let end = try #require(text.range(of: "blockOwnerDeletion: true\n"))
        text.removeSubrange(start.lowerBound..<end.upperBound)
        try text.write(to: file, atomically: true, encoding: .utf8)
        let fixed = try TestSupport.run(Self.exampleFlags + only + ["--fix", "rgw.yaml"], directory: dir)
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(fixed.stderr.contains("rgw.yaml:53:29: fixed: livenessProbe timeoutSeconds 1 -> 3 [PL101, PL102]"))
        #expect(try String(contentsOf: file, encoding: .utf8) == text.replacingOccurrences(of: "timeoutSeconds: 1\n", with: "timeoutSeconds: 3\n"))
    }

    /// `-R -f .` names files `./a/b/two.yaml`: the diff names them without the `./` (which
    /// `git apply` refuses), and a name with a blank ends at a tab, as `diff -u` writes it.
    @Test func oneDiffForSeveralFilesInASubdirectory() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for folder in ["a/b", "c d"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let sources = ["kubernetes-website/content/en/examples/pods/probe/http-liveness.yaml",
                       "kube-prometheus-v0.18.0/manifests/grafana-deployment.yaml",
                       "kubernetes-website/content/en/examples/pods/probe/http-liveness.yaml"]
        let names = ["one.yaml", "a/b/two.yaml", "c d/three.yaml"]
        for (source, name) in zip(sources, names) {
            try Data(contentsOf: TestSupport.corpus.appendingPathComponent(source)).write(to: dir.appendingPathComponent(name))
        }
        let diff = try TestSupport.run(FixSupport.cliFlags + ["--diff", "-R", "-f", "."], directory: dir)
        #expect(diff.stdout.split(separator: "\n").filter { $0.hasPrefix("+++ ") } == ["+++ a/b/two.yaml", "+++ c d/three.yaml\t", "+++ one.yaml"])
        let copy = try FixSupport.temporaryDirectory()   // outside dir, which -R walks
        defer { try? FileManager.default.removeItem(at: copy) }
        for folder in ["a/b", "c d"] {
            try FileManager.default.createDirectory(at: copy.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for name in names { try FileManager.default.copyItem(at: dir.appendingPathComponent(name), to: copy.appendingPathComponent(name)) }
        let fix = try TestSupport.run(FixSupport.cliFlags + ["--fix", "-R", "-f", "."], directory: dir)
        #expect(fix.status == 0, "\(fix.stderr)")
        let checked = try FixSupport.gitApplyCheck(diff.stdout, in: copy)
        #expect(checked.status == 0, "git apply: \(checked.stderr)")
        let patched = try FixSupport.patchDryRun(diff.stdout, in: copy, apply: true)
        #expect(patched.status == 0, "\(patched.stderr)")
        for name in names {
            #expect(try FixSupport.bytes(copy.appendingPathComponent(name)) == FixSupport.bytes(dir.appendingPathComponent(name)))
        }
    }

    /// A name with a line break, a tab or a quote, or that starts with a blank (which `patch`
    /// skips), is C-quoted in the headers, as git and GNU diff quote it: a line break ended the header, and `patch -p0` edited the file named by
    /// its first line (here `e`, which is left as it was).
    @Test func specialNamesAreQuoted() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try Data(contentsOf: TestSupport.corpus.appendingPathComponent("kubernetes-website/content/en/examples/pods/probe/http-liveness.yaml"))
        let names = ["e\nf.yaml", "g\th.yaml", "q\"r.yaml", " lead.yaml"]
        for name in names + ["e"] { try source.write(to: dir.appendingPathComponent(name)) }
        let copy = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: copy) }
        for name in names + ["e"] { try source.write(to: copy.appendingPathComponent(name)) }
        let diff = try TestSupport.run(FixSupport.cliFlags + ["--diff"] + names, directory: dir)
        #expect(diff.stdout.split(separator: "\n").filter { $0.hasPrefix("+++ ") }
            == [#"+++ "e\nf.yaml""#, #"+++ "g\th.yaml""#, #"+++ "q\"r.yaml""#, #"+++ " lead.yaml""#], "\(diff.stdout)")
        let fix = try TestSupport.run(FixSupport.cliFlags + ["--fix"] + names, directory: dir)
        #expect(fix.status == 0, "\(fix.stderr)")
        let checked = try FixSupport.gitApplyCheck(diff.stdout, in: copy)
        #expect(checked.status == 0, "git apply: \(checked.stderr)")
        let patched = try FixSupport.patchDryRun(diff.stdout, in: copy, apply: true)
        #expect(patched.status == 0, "\(patched.stderr)")
        for name in names + ["e"] {
            #expect(try FixSupport.bytes(copy.appendingPathComponent(name)) == FixSupport.bytes(dir.appendingPathComponent(name)), "\(name)")
        }
        #expect(try FixSupport.bytes(copy.appendingPathComponent("e")) == Array(source))
    }
}
