import Foundation
import Testing
@testable import ProbeLint

/// FileSplitter cuts at `---` lines; a file linted piece by piece (with the
/// rest-of-file fallback when a piece fails to read) gives exactly the findings
/// and errors of the whole file.
@Suite struct FileSplitterTests {
    static func text(_ pieces: [FilePiece], _ source: String) -> [String] {
        let bytes = Array(source.utf8)
        return pieces.map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    @Test func cutsAtDocumentStartLinesWithTheirLineNumbers() {
        let source = "a: 1\n---\nb: 2\n--- # c\nc: 3\n---x: no\n---\td: 4\n"
        // As many pieces as bytes: a cut at every document start line, then empty pieces.
        let pieces = FileSplitter.pieces(Array(source.utf8), count: source.utf8.count)
        #expect(pieces.count == source.utf8.count)
        #expect(Self.text(pieces, source).filter { !$0.isEmpty } == ["a: 1\n", "---\nb: 2\n", "--- # c\nc: 3\n---x: no\n", "---\td: 4\n"])
        #expect(pieces.filter { !$0.range.isEmpty }.map(\.line) == [1, 2, 4, 7])
        // Two pieces: one cut, at the first document start line at or after the middle.
        #expect(Self.text(FileSplitter.pieces(Array(source.utf8), count: 2), source) == ["a: 1\n---\nb: 2\n--- # c\nc: 3\n---x: no\n", "---\td: 4\n"])
        // Contiguous and complete.
        #expect(pieces.first?.range.lowerBound == 0 && pieces.last?.range.upperBound == source.utf8.count)
        #expect(zip(pieces, pieces.dropFirst()).allSatisfy { $0.range.upperBound == $1.range.lowerBound })
    }

    /// kubectl keeps a `---` right after one it drops (`SeparatorLines`), and a piece must start at
    /// one it drops: the splitter cuts at no `---` right after another (the third of three would
    /// do, but it does not count them).
    @Test func neverCutsRightAfterASeparatorLine() {
        let source = "a: 1\n---\n---\r\n--- # c\nb: 2\n---\n...\n"
        let pieces = FileSplitter.pieces(Array(source.utf8), count: source.utf8.count).filter { !$0.range.isEmpty }
        #expect(Self.text(pieces, source) == ["a: 1\n", "---\n---\r\n--- # c\nb: 2\n", "---\n...\n"])
        #expect(pieces.map(\.line) == [1, 2, 6])
    }

    /// The cuts read each line once, and are the cuts of the rule they keep: a `---` is passed over
    /// while the piece has no node before it, or a comment naming probelint stands between its
    /// last node and the `---` (`directiveAbove` from the piece's start, the rule's first form).
    @Test func theCutsAreTheRulesCuts() {
        func ruleCuts(_ bytes: [UInt8], count: Int) -> [Int] {
            bytes.withUnsafeBufferPointer { buffer in
                var cuts: [Int] = [], start = 0
                for k in 1..<count {
                    let target = max(start + 1, Int((Double(buffer.count) * Double(k) / Double(count)).rounded()))
                    var next = FileSplitter.documentStart(in: buffer, from: target)
                    while let cut = next, FileSplitter.followsSeparatorLine(buffer, at: cut) || FileSplitter.holdsNoContent(buffer, from: start, to: cut)
                        || FileSplitter.directiveAbove(buffer, at: cut, after: start) {
                        next = FileSplitter.documentStart(in: buffer, from: cut + 1)
                    }
                    guard let cut = next else { break }
                    cuts.append(cut)
                    start = cut
                }
                return cuts
            }
        }
        let parts = ["---\n", "# c\n", "# probelint ignore=PL204\n", "a: 1\n", "  # probelint ignore=PL101\n", "\n", "--- # probelint ignore=PL204\n", "b:\n  - 1\n", "---\r\n"]
        var seed: UInt64 = 36
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<40 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                text += parts[Int(seed >> 33) % parts.count]
            }
            let bytes = Array(text.utf8)
            for count in [2, 5, bytes.count] {
                let cuts = FileSplitter.pieces(bytes, count: count).map(\.range.lowerBound).filter { $0 > 0 && $0 < bytes.count }
                #expect(Array(Set(cuts)).sorted() == ruleCuts(bytes, count: count).filter { $0 < bytes.count }, "\(count): \(text)")
            }
        }
    }

    /// Every piece holds a document: comments alone before a `---` (a header with a
    /// `# probelint ignore=` for the first document) stay with the document after them.
    @Test func aPieceOfCommentsAloneIsNoPiece() {
        let source = "# header\n  # probelint ignore=PL204\n\n---\n# c\n---  # c\na: 1\n---\nb: 2\n"
        let pieces = FileSplitter.pieces(Array(source.utf8), count: source.utf8.count).filter { !$0.range.isEmpty }
        #expect(Self.text(pieces, source) == ["# header\n  # probelint ignore=PL204\n\n---\n# c\n---  # c\na: 1\n", "---\nb: 2\n"])
    }

    /// A piece starts at a `---` after a line feed only (kubectl cuts nothing after a CR alone,
    /// where the reader refuses the document, `Builder.crSeparatorError`), and its line counts
    /// a CRLF and a lone CR as one line break each.
    @Test func crlfAndLoneCRCountAsOneLineBreakEach() {
        let source = "a: 1\r\nb: 2\r# c\r\n---\r\nc: 3\r\n---\nd: 4\rb: 5\r---\re: 6\n"
        let pieces = FileSplitter.pieces(Array(source.utf8), count: source.utf8.count).filter { !$0.range.isEmpty }
        #expect(Self.text(pieces, source) == ["a: 1\r\nb: 2\r# c\r\n", "---\r\nc: 3\r\n", "---\nd: 4\rb: 5\r---\re: 6\n"])
        #expect(pieces.map(\.line) == [1, 4, 6])
    }

    @Test(arguments: [
        "a: \"\u{85}\"\n---\nb: 2\n---\nc: 3\n",       // libyaml counts NEL as a line break
        "a: 1\n---\nb: x\u{2028}y\n---\nc: 3\n",       // and LINE SEPARATOR
        "a: 1\n---\nb: 2\n---\nc: \u{2029}\n",         // and PARAGRAPH SEPARATOR
        "[1, 2]\n---\n[3]\n---\n[4]\n",              // a flow (JSON) stream
        "\u{FEFF} [1, 2]\n---\n[3]\n---\n[4]\n",      // after a BOM
        "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\n",            // no document start at all
    ])
    func streamsThatAreNotCutAreAllInTheFirstPiece(_ source: String) {
        let pieces = FileSplitter.pieces(Array(source.utf8), count: 3)
        #expect(pieces.count == 3)
        #expect(pieces[0].range == 0..<source.utf8.count)
        #expect(pieces.dropFirst().allSatisfy { $0.range.isEmpty })
    }

    /// UTF-8 beyond ASCII and a BOM are cut like ASCII, and lint as the whole file:
    /// positions, columns and snippets of findings and errors after wide characters.
    @Test(arguments: ["", "\u{FEFF}"])
    func wideCharactersAndBOMAreCutAndLintAsWhole(_ bom: String) {
        let probe = TestSupport.deployment(probe: "httpGet: {path: /é, port: 80}\ntimeoutSeconds: 1")
        let wide = "# Ceph — Rook’s naïve 😀 日本\n" + probe.replacingOccurrences(of: "apiVersion:", with: "# 😀 — é\napiVersion:")
        let source = bom + wide + (0..<6).map { "---\n" + ($0 == 3 ? "x: 😀 [\n" : "") + wide }.joined()
        let pieces = FileSplitter.pieces(Array(source.utf8), count: 4)
        #expect(pieces.filter { !$0.range.isEmpty }.count == 4)
        #expect(pieces[0].range.lowerBound == 0)
        Self.expectSameInPieces(InputFile(path: "wide.yaml", bytes: Array(source.utf8)), counts: [2, 3, 5, 9])
    }

    /// What the CLI's runner does, one piece after the other: when a piece fails
    /// to read, the rest of the file from its start is read as one piece.
    static func lintInPieces(_ file: InputFile, count: Int, options: LintOptions) -> LintReport {
        var report = LintReport()
        for piece in FileSplitter.pieces(file.bytes, count: count) {
            let part = Linter.lint(file, piece: piece, options: options)
            if part.readFailed {
                report.merge(Linter.lint(file, piece: FilePiece(range: piece.range.lowerBound..<file.bytes.count, line: piece.line),
                                         options: options))
                break
            }
            report.merge(part)
        }
        return report
    }

    static func rendered(_ report: LintReport) -> String {
        TextReporter(color: false).report(report.findings) + report.errors.map(\.description).joined(separator: "\n")
            + "\nfiles \(report.files) objects \(report.objects) pending \(report.crossObject.pending.count) services \(report.crossObject.services.count)"
    }

    static func expectSameInPieces(_ file: InputFile, counts: [Int] = [2, 3, 7, 40]) {
        var options = LintOptions()
        options.environment.rook.scanned = [file.path]
        let whole = rendered(Linter.lint(file, options: options))
        for count in counts {
            #expect(rendered(lintInPieces(file, count: count, options: options)) == whole, "\(file.path) in \(count) pieces")
        }
    }

    @Test func benchCorpusFilesInPiecesLintAsWhole() throws {
        let files = try JobsTests.benchFiles()
        var all: [UInt8] = []
        for name in files.prefix(4) {
            let bytes = Array(try Data(contentsOf: JobsTests.benchCorpus.appendingPathComponent(name)))
            Self.expectSameInPieces(InputFile(path: name, bytes: bytes))
            all += bytes
        }
        Self.expectSameInPieces(InputFile(path: "all.yaml", bytes: all), counts: [5, 64])
    }

    @Test func sharedCorpusAndExamplesInPiecesLintAsWhole() throws {
        let roots = [TestSupport.corpus, TestSupport.packageRoot.appendingPathComponent("examples")]
        var checked = 0
        for root in roots {
            for path in RookMarkersCorpusTests.yamlFiles(under: root) {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                Self.expectSameInPieces(InputFile(path: path, bytes: bytes), counts: [3, 11])
                checked += 1
            }
        }
        #expect(checked > 50)
    }

    /// Errors where a cut piece reads differently from the whole stream: the fallback
    /// gives the whole file's error and the findings before it.
    @Test(arguments: [
        "---\na: \"open\n---\nb: close\"\n---\nc: 1\n",           // a quote across a --- line
        "---\na: [1,\n---\n2]\n---\nc: 1\n",                       // a flow sequence across it
        "--- |\ntext\n---\nmore\n---\nc: 1\n",                     // a root block scalar at column 0
        "---\na: 1\n%YAML 1.1\n---\nb: 2\n---\nc: 3\n",            // a directive before a document
        "---\na: 1\n---\nb: [\n---\nc: 3\n---\nd: 4\n",            // broken in the middle
        "---\na: *nowhere\n---\nb: 2\n---\nc: 3\n",                // an undefined alias
        "---\na: &x 1\n---\nb: *x\n---\nc: 3\n",                   // an alias to another document's anchor
        "---\na: 1\n...\n---\nb: 2\n...\n---\nc: 3\n",             // document end markers
        "---\na: 1\n---\nb: x\u{01}y\n---\nc: 3\n",                 // a control character libyaml's reader rejects
        "---\na: 1\n---\nb: [1,\n---\nc: \u{01}\n",                  // a syntax error, then a bad byte after it
        "---\n---\n...\n---\n---\n---\n...\n---\nc: 1\n",          // `---` lines in a row, and `...` after them
        "---\n...\n---\nc: 1\n---\n---\n...\n---\nd: 1\n",          // one read, one refused (kubectl's)
    ])
    func brokenStreamsInPiecesGiveTheWholeFilesErrors(_ source: String) {
        let probe = TestSupport.deployment(probe: "httpGet: {path: /, port: 80}\ntimeoutSeconds: 1")
        let text = probe + source + probe.replacingOccurrences(of: "apiVersion:", with: "---\napiVersion:", options: .anchored)
        Self.expectSameInPieces(InputFile(path: "broken.yaml", bytes: Array(text.utf8)), counts: [2, 3, 4, 6, 9, 30])
    }
}

/// Bytes libyaml's reader rejects, and input it must not read at all, in a file cut
/// into pieces: the whole file's findings and error, with the error's offset in the file.
@Suite struct FileSplitterBadBytesTests {
    static func deployments(_ count: Int) -> String {
        let probe = TestSupport.deployment(probe: "httpGet: {path: /, port: 80}\ntimeoutSeconds: 1")
        return (0..<count).map { _ in "---\n" + probe }.joined()
    }

    @Test(arguments: [[0xFF], [0xC3], [0xE2, 0x82], [0x7F], [0xED, 0xA0, 0x80]] as [[UInt8]])
    func invalidUTF8AndControlBytesAfterADocumentStart(_ bad: [UInt8]) {
        let bytes = Array(Self.deployments(3).utf8) + Array("---\nkey: a".utf8) + bad + Array("b\n".utf8)
            + Array(Self.deployments(2).utf8)
        FileSplitterTests.expectSameInPieces(InputFile(path: "bad.yaml", bytes: bytes), counts: [2, 3, 5, 9])
    }

    /// The first key of each document the reader delivers before it throws, and the error.
    static func delivered(_ source: String) -> (names: [String], error: YAMLError?) {
        var names: [String] = []
        do {
            try Reader.read(Array(source.utf8), file: "x.yaml") { doc in
                if let root = doc.root, let key = doc.rawEntries(root).first?.key { names.append(doc.string(key)) }
            }
        } catch {
            return (names, error)
        }
        return (names, nil)
    }

    /// The bad byte on the `---` line itself (found by fuzzing): the reader hands libyaml
    /// the `---` and the blank after it first, so the document before the line ends
    /// before the rest of the line is decoded, as it does at the end of a piece.
    @Test func documentBeforeABadDocumentStartLineIsDelivered() {
        let source = "a: 1\n---\nb: 2\n--- # \u{01}\nc: 3\n"
        let (names, error) = Self.delivered(source)
        #expect(names == ["a", "b"])
        #expect(error?.kind == .reader && error?.position.line == 4 && error?.position.column == 7)
        FileSplitterTests.expectSameInPieces(InputFile(path: "x.yaml", bytes: Array(source.utf8)), counts: [2, 3])
    }

    /// A reader error's line counts line breaks as editors do: a lone CR is one (found
    /// by fuzzing pieces against the whole file: the whole file counted LF only, the
    /// pieces' first lines counted CR too); NEL, LS and PS, which libyaml counts, are not.
    @Test(arguments: [("a: 1\rb: 2\n---\nc: \u{01}\n", 4, 4), ("a: 1\r\nb: 2\r\n---\r\nc: \u{01}\r\n", 4, 4),
                      ("a: \"x\u{85}y\"\n---\nc: é\u{01}\n", 3, 5), ("a: \"x\u{2028}y\u{2029}z\"\n---\nc: \u{01}\n", 3, 4)])
    func readerErrorsCountLinesAsEditorsDo(_ source: String, _ line: Int, _ column: Int) {
        let error = #expect(throws: YAMLError.self) { try Reader.readAll(source, file: "x.yaml") }
        #expect(error?.kind == .reader)
        #expect(error?.position.line == line && error?.position.column == column, "\(String(describing: error?.position))")
        FileSplitterTests.expectSameInPieces(InputFile(path: "x.yaml", bytes: Array(source.utf8)), counts: [2, 3])
    }

    /// FileSplitter finds no `---` line in UTF-16, so the file is one piece; that piece
    /// must still be refused as the whole file is, not handed to libyaml (which reads UTF-16).
    @Test func largeUTF16FileIsRefusedAsAWhole() throws {
        let text = Self.deployments(4)
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let file = InputFile(path: "utf16.yaml", bytes: bytes)
        let pieces = FileSplitter.pieces(bytes, count: 4)
        #expect(pieces[0].range == 0..<bytes.count)
        let report = Linter.lint(file, piece: pieces[0], options: LintOptions())
        #expect(report.readFailed && report.errors.first?.description.contains("UTF-16") == true)
        FileSplitterTests.expectSameInPieces(file, counts: [2, 4])
    }

    /// libyaml decodes and checks everything it is handed at once: handed the whole
    /// stream, a bad byte in the last document failed the first. The reader hands it
    /// one document at a time, so the documents before the bad one are delivered.
    @Test func documentsBeforeABadByteAreDelivered() {
        let source = "a: 1\n---\nb: 2\n--- # three\nc: 3\n---\nd: x\u{01}\n---\ne: 5\n"
        let (names, error) = Self.delivered(source)
        #expect(names == ["a", "b", "c"])
        #expect(error?.kind == .reader && error?.position.line == 7)
        #expect(error?.description.contains("at offset \(source.utf8.count - 11)") == true)
    }
}

/// `Linter.lint(_:piece:options:eachDocument:)`, which the command line renders from:
/// each document's findings, as the document is done, are the file's findings in order.
@Suite struct PerDocumentFindingsTests {
    @Test func eachDocumentsFindingsInOrderAreTheFilesFindings() throws {
        let text = try String(contentsOfFile: "examples/rgw-incident.yaml", encoding: .utf8)
        // The incident twice, with a broken document last: findings up to the error, then the error.
        let source = text + "---\n" + text + "---\nkey: [unclosed\n"
        let file = InputFile(path: "two.yaml", bytes: Array(source.utf8))
        let whole = Linter.lint(file)
        var batches: [[Finding]] = []
        let streamed = Linter.lint(file, piece: nil, options: LintOptions()) { batches.append($0) }
        #expect(streamed.findings.isEmpty)
        #expect(batches.count >= 2 && batches.allSatisfy { !$0.isEmpty })
        let key = { (f: Finding) in "\(f.range.start.offset) \(f.rule) \(f.message)" }
        #expect(batches.flatMap { $0 }.map(key) == whole.findings.map(key))
        // Each batch is one document's: the batches do not overlap.
        for (a, b) in zip(batches, batches.dropFirst()) {
            #expect(a.last!.range.start.offset < b.first!.range.start.offset)
        }
        #expect(streamed.errors == whole.errors && streamed.errors.count == 1)
        #expect(streamed.objects == whole.objects)
    }
}
