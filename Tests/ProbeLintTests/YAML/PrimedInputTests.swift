import Foundation
import Testing
@testable import ProbeLint

/// `PrimedInput` hands plain ASCII input to libyaml's scanner as its decoded
/// buffer; any other input goes through libyaml's reader. Both ways must read
/// every input to the same documents, positions and errors, whole and in pieces.
@Suite struct PrimedInputTests {
    /// A document's arena as text: every node's kind, style, range, payload and tag,
    /// the children lists and the scalar bytes.
    static func dump(_ doc: Document) -> String {
        var out = "doc \(doc.index) \(doc.range) root \(doc.root.map { "\($0.index)" } ?? "-") flow \(doc.isFlowStream)\n"
        for node in doc.nodes.withUnsafeBufferPointer(Array.init) {
            out += "\(node.kind) \(node.style) \(node.range) \(node.payloadStart)+\(node.payloadCount) tag \(node.tag)\n"
        }
        out += "children \(doc.children.map(\.index))\ntags \(doc.tags)\n"
        out += doc.text.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        return out
    }

    /// What one way of decoding reads: each document, then the error if there is one.
    static func read(_ bytes: [UInt8], _ decoding: Reader.Decoding, piece: FilePiece? = nil,
                     limits: ReaderLimits = .default) -> [String] {
        var out: [String] = []
        do {
            try Reader.read(bytes, file: "f.yaml", limits: limits, piece: piece, decoding: decoding) { out.append(dump($0)) }
        } catch {
            out.append("\(error)\n\(error.snippet ?? "")")
        }
        return out
    }

    /// Whole, and cut into `pieces` at document start lines, the two ways agree.
    static func expectSame(_ bytes: [UInt8], pieces: [Int] = [1, 3], limits: ReaderLimits = .default,
                           _ comment: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        let whole = read(bytes, .libyaml, limits: limits)
        #expect(read(bytes, .primedWhenPlain, limits: limits) == whole, "\(comment())", sourceLocation: sourceLocation)
        let documents = (try? Reader.readAll(bytes, file: "f.yaml", limits: limits, decoding: .libyaml)) ?? []
        let primed = (try? Reader.readAll(bytes, file: "f.yaml", limits: limits)) ?? []
        #expect(primed.count == documents.count && zip(primed, documents).allSatisfy { $0.isSameArena(as: $1) },
                "\(comment()): isSameArena", sourceLocation: sourceLocation)
        for count in pieces where count > 1 {
            for piece in FileSplitter.pieces(bytes, count: count) {
                #expect(read(bytes, .primedWhenPlain, piece: piece, limits: limits) == read(bytes, .libyaml, piece: piece, limits: limits),
                        "\(comment()) piece \(piece.range)", sourceLocation: sourceLocation)
            }
        }
    }

    /// libyaml's reader (`yaml_parser_update_buffer`) as written, one character at a
    /// time: the number of characters it accepts, or nil at its first error.
    static func readerAccepts(_ bytes: [UInt8]) -> Int? {
        var i = 0, characters = 0
        while i < bytes.count {
            let octet = bytes[i]
            let width = octet & 0x80 == 0 ? 1 : octet & 0xE0 == 0xC0 ? 2 : octet & 0xF0 == 0xE0 ? 3 : octet & 0xF8 == 0xF0 ? 4 : 0
            if width == 0 || width > bytes.count - i { return nil }
            var value = UInt32(octet & 0x80 == 0 ? octet & 0x7F : octet & 0xE0 == 0xC0 ? octet & 0x1F
                               : octet & 0xF0 == 0xE0 ? octet & 0x0F : octet & 0x07)
            for k in 1..<width {
                let trailing = bytes[i + k]
                if trailing & 0xC0 != 0x80 { return nil }
                value = (value << 6) + UInt32(trailing & 0x3F)
            }
            if !(width == 1 || (width == 2 && value >= 0x80) || (width == 3 && value >= 0x800) || (width == 4 && value >= 0x10000)) {
                return nil
            }
            if (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF { return nil }
            if !(value == 0x09 || value == 0x0A || value == 0x0D || (value >= 0x20 && value <= 0x7E) || value == 0x85
                 || (value >= 0xA0 && value <= 0xD7FF) || (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF)) {
                return nil
            }
            i += width
            characters += 1
        }
        return characters
    }

    static func accepted(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBufferPointer { PrimedInput.acceptedCharacters($0) } }

    /// The block, word and byte checks agree with the reader, character count included:
    /// every one- and two-byte sequence, and every three- and four-byte sequence of the
    /// bytes at the edges of UTF-8's classes, at the start of a 21-byte line, inside its
    /// first 16-byte block, across that block's end and in the tail.
    @Test func acceptedCharactersAgreesWithLibyamlsReader() {
        let edges: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x85, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0,
                              0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0xF8, 0xFF]
        var sequences: [[UInt8]] = (0...0xFFFF).map { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } + (0...0xFF).map { [UInt8($0)] }
        for a in edges { for b in edges { for c in edges {
            sequences.append([a, b, c])
            for d in edges { sequences.append([a, b, c, d]) }
        } } }
        var disagreements: [String] = []
        for sequence in sequences {
            for offset in [0, 6, 15, 17] {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 21)
                bytes.replaceSubrange(offset..<offset + sequence.count, with: sequence)
                if Self.accepted(bytes) != Self.readerAccepts(bytes) {
                    disagreements.append("\(sequence.map { String($0, radix: 16) }) at \(offset)")
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(20))")
        #expect(Self.accepted(Array("a: é 😀\n".utf8)) == 7)
    }

    /// Every test manifest, example and bench corpus file reads the same both ways.
    /// All are primed, some with non-ASCII text (shared/corpus has a few).
    @Test func everyCorpusFileReadsTheSameBothWays() throws {
        let roots = [TestSupport.corpus, TestSupport.packageRoot.appendingPathComponent("examples"), JobsTests.benchCorpus]
        var files = 0, primed = 0, nonASCII = 0
        for root in roots {
            for path in RookMarkersCorpusTests.yamlFiles(under: root) {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                Self.expectSame(bytes, pieces: [1, 4], path)
                files += 1
                if Self.accepted(bytes) != nil { primed += 1 }
                if bytes.contains(where: { $0 >= 0x80 }) { nonASCII += 1 }
            }
        }
        #expect(files > 60)
        #expect(primed == files)
        #expect(nonASCII > 0)
    }

    /// Plain ASCII that libyaml rejects or reads at its edges: errors at the end of the
    /// input, where the scanner peeks past the last character, give the same message
    /// and position both ways.
    @Test(arguments: [
        "", " ", "\n", "a", "a: b", "a: b\n", "- a\n- b", "---", "--- ", "---\n", "...", "--- a\n...\n", "# only a comment",
        "a: 1 # comment", "a: [1, 2", "a: {b: 1", "a: 'open", "a: \"open", "a: \"esc\\", "a: \"\\x4\"", "? a", "? a\n: b",
        "a: |", "a: |\n", "a: |\n  text", "a: >-\n  folded\n  text", "a: |9\n x", "- - -", "-", "a:", ":", "a: &x 1\nb: *x",
        "a: *x", "&a", "!", "!!str", "a: !t 1", "%YAML 1.1\n---\na: 1", "%YAML 1.1", "%TAG ! tag:x,1:\n--- !a 1",
        "a: 1\r\nb: 2\r\n", "a: 1\rb: 2\r", "a: 1\r", "a:\tb", "\ta: 1", "a:\n\t- b", "a: b: c", "a:\n  b\n c: 1",
        "- a\nb: 1", "a: 1\n---\nb: [", "a: 1\n...\n--- [1]\n", "[a, b]: c", "{a: b}", "[", "]", "}", "@a", "`a",
        "a: -", "a: - b", "a: 1\n  b: 2", "key with spaces: v", "a: 'it''s'", "a: \"\\u00e9\\U0001F600\"",
        "a: x\u{7F}y", "a: \u{01}", "a: 1\n---\nb: \u{1B}[0m\n",  // control characters: libyaml's reader, both ways
    ])
    func edgesReadTheSameBothWays(_ source: String) {
        Self.expectSame(Array(source.utf8), pieces: [1, 2, 5], source.debugDescription)
    }

    /// Non-ASCII text, a BOM, Unicode line breaks, and bytes libyaml's reader rejects
    /// (the input is then not primed): the same documents, marks and errors both ways.
    @Test(arguments: [
        "# Ceph — Rook’s operator\na: é\n", "a: 日本語\n---\nb: 😀\n", "\u{FEFF}a: 1\n", "\u{FEFF}", "a: \u{FEFF}b",
        "a: x\u{85}y\nb: 1", "a: x\u{2028}y\n---\nb: \u{2029}\n", "a: \u{A0}", "[é, ü, 😀]", "é: 1\né: 2\n", "a: 'é",
        "- é\n-", "\u{FEFF}[1, é]\n", "a: \"\\u00e9 é\"", "ключ: значение\n  bad: indent",
    ].map { Array($0.utf8) } + [
        [0x61, 0x3A, 0x20, 0xC3], [0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80], [0x61, 0x3A, 0x20, 0xEF, 0xBF, 0xBE], [0xC2, 0x80],
        [0x61, 0x3A, 0x20, 0xF4, 0x90, 0x80, 0x80], [0x61, 0x3A, 0x20, 0xC0, 0x80], [0xFF, 0xFE, 0x61, 0x00], [0xEF, 0xBB],
    ])
    func nonASCIIReadsTheSameBothWays(_ bytes: [UInt8]) {
        Self.expectSame(bytes, pieces: [1, 2, 5], "\(bytes)")
    }

    /// A simple key longer than libyaml's 1024-character limit, long scalars and lines:
    /// what the reader's 16 KiB chunks used to cut reads the same primed.
    @Test func longKeysScalarsAndLinesReadTheSameBothWays() {
        let long = String(repeating: "k", count: 1100)
        let scalar = String(repeating: "v", count: 40_000)
        let block = (0..<3000).map { "  line \($0) of a block scalar" }.joined(separator: "\n")
        for source in ["\(long): 1\n", "a: \(scalar)\n", "a: |\n\(block)\n", "a: [\(scalar)", "a: \"\(scalar)"] {
            Self.expectSame(Array(source.utf8), pieces: [1], "length \(source.utf8.count)")
        }
    }

    /// Limits near the input's size: an input as large as a limit is left to libyaml's
    /// reader and the feed that enforces it; one just below is primed. Both read the
    /// same as libyaml's reader alone.
    @Test func inputsNearTheSizeLimitsReadTheSameBothWays() {
        let source = Array("a: 1\nb: \(String(repeating: "x", count: 100))\n---\nc: 3\n".utf8)
        for size in [source.count - 1, source.count, source.count + 1] {
            var limits = ReaderLimits()
            limits.maxScalarBytes = size
            Self.expectSame(source, limits: limits, "maxScalarBytes \(size)")
            limits = ReaderLimits()
            limits.maxDocumentBytes = size
            Self.expectSame(source, limits: limits, "maxDocumentBytes \(size)")
        }
        var tight = ReaderLimits()
        tight.maxScalarBytes = 50
        Self.expectSame(source, limits: tight, "a scalar over the limit")
        #expect(Self.read(source, .primedWhenPlain, limits: tight).last?.contains("longer than 50 bytes") == true)
    }
}
