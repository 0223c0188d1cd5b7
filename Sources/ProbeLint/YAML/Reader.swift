internal import CYAML

/// Reads a YAML stream with libyaml's event API and hands each document, as a
/// positioned node arena, to a closure. Only one document is held at a time.
public enum Reader {
    /// Reads every document of `bytes`, calling `body` for each as soon as it is
    /// complete. Throws the first error; documents before it were delivered.
    /// `decoding: .libyaml` reads every input through libyaml's reader, for tests that
    /// compare it with the primed path (`PrimedInput`).
    public static func read(_ bytes: [UInt8], file: String, limits: ReaderLimits = .default, piece: FilePiece? = nil,
                            decoding: Decoding = .primedWhenPlain, _ body: (Document) -> Void) throws(YAMLError) {
        if piece == nil || piece?.range.lowerBound == 0 {
            // The whole input's checks, made by the piece that starts it too (a large UTF-16
            // file is one piece: FileSplitter finds no `---` line in it).
            if let error = encodingError(bytes, file: file) { throw error }
            if bytes.count > SourcePosition.maxInputBytes {
                throw YAMLError(kind: .limit, problem: "input is larger than \(SourcePosition.maxInputBytes) bytes, the most probelint can position",
                                file: file, position: .start)
            }
        }
        let range = piece?.range ?? 0..<bytes.count
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "piece outside its file")
        if range.isEmpty { return }
        var failure: YAMLError?
        bytes.withUnsafeBufferPointer { whole in
            // A stream that starts with `{` is JSON to kubectl, which refuses what is not.
            if range == 0..<whole.count, firstByte(afterBlanksIn: whole) == UInt8(ascii: "{") {
                // `kubectl get -o json`'s List: its items, each a document (`KubectlList`).
                if let pieces = KubectlList.pieces(whole) {
                    failure = buildPieces(pieces, of: whole, file: file, limits: limits, decoding: decoding, body)
                } else {
                    failure = buildValues(of: whole, file: file, limits: limits, decoding: decoding, body)
                }
                return
            }
            // A piece of a larger stream (FileSplitter): its documents as the whole stream has them.
            let base = piece.map { SourcePosition(offset: $0.range.lowerBound, line: $0.line, column: 1) } ?? .start
            failure = build(UnsafeBufferPointer(rebasing: whole[range]), file: file, limits: limits, base: base,
                            decoding: decoding, body)
        }
        // A `.json` file that opens with a comment and fails: said as what it is, not as libyaml's error inside it.
        if let failure { throw (piece?.range.lowerBound ?? 0) == 0 ? commentedJSONError(bytes, file: file) ?? failure : failure }
    }

    /// Reads a stream of JSON values (`JSONStream`) value by value, the documents numbered
    /// as in one stream; one value is one piece, the whole stream. A value that starts inside
    /// a line gets the file's columns on that line (the builder counts from the value's
    /// start), and an error there the whole line. A piece that is not JSON is refused as
    /// kubectl refuses it, after the values before it were read.
    private static func buildValues(of whole: UnsafeBufferPointer<UInt8>, file: String, limits: ReaderLimits,
                                    decoding: Decoding, _ body: (Document) -> Void) -> YAMLError? {
        var index = 0
        var failure: YAMLError?
        JSONStream.forEachValue(whole) { value in
            if let found = value.failure {
                failure = jsonError(found, in: whole, file: file)
                return false
            }
            if let error = buildPiece(value.range, of: whole, line: value.line, column: value.column, index: index, file: file,
                                      limits: limits, decoding: decoding, body) {
                failure = error
                return false
            }
            index += 1
            return true
        }
        return failure
    }

    /// Reads each of `pieces` (a List's items, `KubectlList.pieces`: JSON already walked) as a
    /// document of its own bytes, at its place in `whole`. An error's line is `whole`'s line,
    /// not the piece's part of it (a List on one line, `jq -c`).
    private static func buildPieces(_ pieces: [Range<Int>], of whole: UnsafeBufferPointer<UInt8>, file: String, limits: ReaderLimits,
                                    decoding: Decoding, _ body: (Document) -> Void) -> YAMLError? {
        var line = 1, column = 1, at = 0
        for (index, piece) in pieces.enumerated() {
            JSONStream.advance(whole, from: at, to: piece.lowerBound, line: &line, column: &column)
            at = piece.lowerBound
            if let error = buildPiece(piece, of: whole, line: line, column: column, index: index, file: file, limits: limits,
                                      decoding: decoding, body) { return error }
        }
        return nil
    }

    /// Reads the document in `whole[range]`, which starts at `line` and `column` of `whole`. The
    /// builder counts columns from the piece's start: an error on its first line gets the file's
    /// column, and every error the line as `whole` has it, not the piece's part of it.
    private static func buildPiece(_ range: Range<Int>, of whole: UnsafeBufferPointer<UInt8>, line: Int, column: Int, index: Int,
                                   file: String, limits: ReaderLimits, decoding: Decoding, _ body: (Document) -> Void) -> YAMLError? {
        let base = SourcePosition(offset: range.lowerBound, line: line, column: column)
        guard var error = build(UnsafeBufferPointer(rebasing: whole[range]), file: file, limits: limits, base: base,
                                firstIndex: index, decoding: decoding, body) else { return nil }
        if error.position.line == line && column > 1 { error.position.column += column - 1 }
        if error.snippet != nil { error.snippet = Builder.snippet(whole, at: error.position.offset) }
        return error
    }

    /// Where `whole` stops being JSON (`JSONSyntax`), as kubectl refuses it.
    static func jsonError(_ failure: JSONSyntax.Failure, in whole: UnsafeBufferPointer<UInt8>, file: String) -> YAMLError {
        let position = JSONSyntax.position(of: failure.offset, in: whole), snippet = Builder.snippet(whole, at: failure.offset)
        if failure.isNumberRange {
            return YAMLError(kind: .parser, problem: "a number beyond a 64-bit float, which kubectl refuses (\"json: \(failure.message)\")",
                             file: file, position: position, snippet: snippet)
        }
        // `{{- if .Values.x }}`: a Helm chart's template, which no '---' line makes YAML.
        if let first = firstIndex(afterBlanksIn: whole), first + 1 < whole.count, whole[first] == UInt8(ascii: "{"), whole[first + 1] == UInt8(ascii: "{") {
            return YAMLError(kind: .parser, problem: "a Go template ('{{'), not a manifest: a Helm chart's templates are linted as they render",
                             context: "render them first: helm template RELEASE CHART | kubectl probelint -f -", file: file, position: position, snippet: snippet)
        }
        return YAMLError(kind: .parser, problem: "not JSON, though kubectl reads a stream that starts with '{' as JSON: \(failure.message)",
                         context: "a JSON file with comments, such as tsconfig.json, is no manifest: leave it out with --exclude; YAML that starts with '{' is read as YAML after a '---' line",
                         file: file, position: position, snippet: snippet)
    }

    /// Reads `buffer`'s documents; a JSON stream with surrogate escapes is read rewritten
    /// (`JSONSurrogates`), every byte in its place.
    private static func build(_ buffer: UnsafeBufferPointer<UInt8>, file: String, limits: ReaderLimits, base: SourcePosition,
                              firstIndex: Int = 0, decoding: Decoding, _ body: (Document) -> Void) -> YAMLError? {
        templateHint(buildAsWritten(buffer, file: file, limits: limits, base: base, firstIndex: firstIndex, decoding: decoding, body))
    }

    /// A syntax error on a line with `{{` outside quotes and comments (`name: {{ include "x" . }}`,
    /// a Helm chart's template past its first line) says that the file is a Go template to
    /// render first, as one that starts with `{{` does (`jsonError`), after libyaml's context.
    static func templateHint(_ error: YAMLError?) -> YAMLError? {
        guard var error, [.scanner, .parser, .composer].contains(error.kind),
              let line = error.snippet?.split(separator: "\n", maxSplits: 1).first.map({ Array($0.utf8) }),
              holdsTemplate(line) else { return error }
        error.addContext(templateHintText(line: nil))
        return error
    }

    /// The hint for a line with `{{`: the error's own line, or the numbered line of its context.
    static func templateHintText(line: Int?) -> String {
        let which = line.map { "line \($0)" } ?? "the line"
        return "\(which) holds '{{': a Go template, to render to YAML first (a Helm chart's: helm template RELEASE CHART | kubectl probelint -f -)"
    }

    /// Whether `line` has `{{` outside quotes and before a comment (` #` or a tab and `#`).
    static func holdsTemplate(_ line: [UInt8]) -> Bool {
        var quote: UInt8?, previous: UInt8 = 0x20
        for (i, byte) in line.enumerated() {
            defer { previous = byte }
            if let open = quote {
                if byte == open && !(open == UInt8(ascii: "\"") && previous == UInt8(ascii: "\\")) { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "#") where previous == 0x20 || previous == 0x09: return false
            case UInt8(ascii: "{") where i + 1 < line.count && line[i + 1] == UInt8(ascii: "{"): return true
            default: break
            }
        }
        return false
    }

    private static func buildAsWritten(_ buffer: UnsafeBufferPointer<UInt8>, file: String, limits: ReaderLimits, base: SourcePosition,
                                       firstIndex: Int, decoding: Decoding, _ body: (Document) -> Void) -> YAMLError? {
        guard let rewrite = JSONSurrogates.rewrite(buffer) else {
            var builder = Builder(buffer: buffer, file: file, limits: limits, base: base, decoding: decoding)
            builder.documentIndex = firstIndex
            return builder.run(body)
        }
        return rewrite.bytes.withUnsafeBufferPointer { rewritten in
            var builder = Builder(buffer: rewritten, file: file, limits: limits, base: base, decoding: decoding)
            builder.documentIndex = firstIndex
            builder.surrogatePairs = rewrite.pairs
            return builder.run(body)
        }
    }

    /// The stream's first byte after a UTF-8 BOM and blanks (what kubectl looks at to tell
    /// JSON from YAML), or nil when there is none.
    static func firstByte(afterBlanksIn buffer: UnsafeBufferPointer<UInt8>) -> UInt8? {
        firstIndex(afterBlanksIn: buffer).map { buffer[$0] }
    }

    /// Where the first byte after a BOM, blanks and line breaks is.
    static func firstIndex(afterBlanksIn buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = buffer.utf8BOMLength
        while i < buffer.count, buffer[i] == 0x20 || buffer[i] == 0x0A || buffer[i] == 0x0D || buffer[i] == 0x09 { i += 1 }
        return i < buffer.count ? i : nil
    }

    /// All documents of `bytes` (tests and small inputs).
    public static func readAll(_ bytes: [UInt8], file: String, limits: ReaderLimits = .default,
                               decoding: Decoding = .primedWhenPlain) throws(YAMLError) -> [Document] {
        var documents: [Document] = []
        // Each kept in memory of its own size, and the reader's arena used again (`compacted`).
        try read(bytes, file: file, limits: limits, decoding: decoding) { documents.append($0.compacted()) }
        return documents
    }

    public static func readAll(_ text: String, file: String = "<string>",
                               limits: ReaderLimits = .default) throws(YAMLError) -> [Document] {
        try readAll(Array(text.utf8), file: file, limits: limits)
    }

    /// Who decodes the input for libyaml's scanner.
    public enum Decoding: Sendable {
        /// `PrimedInput` when the input is plain printable ASCII, else libyaml's reader.
        case primedWhenPlain
        /// Always libyaml's reader.
        case libyaml
    }

    /// A `.json` file that opens with a comment (`//` or `/*`): JSON with comments, as VS Code's
    /// `.devcontainer/devcontainer.json` and `tsconfig.json` are written, which kubectl reads as
    /// YAML and refuses. Asked only of a file that failed (`//: 1` is YAML to kubectl), whose
    /// libyaml error somewhere inside named nothing.
    static func commentedJSONError(_ bytes: [UInt8], file: String) -> YAMLError? {
        guard file.lowercased().hasSuffix(".json"), let first = bytes.withUnsafeBufferPointer({ firstIndex(afterBlanksIn: $0) }),
              first + 1 < bytes.count, bytes[first] == UInt8(ascii: "/"),
              bytes[first + 1] == UInt8(ascii: "/") || bytes[first + 1] == UInt8(ascii: "*") else { return nil }
        let position = bytes.withUnsafeBufferPointer { JSONSyntax.position(of: first, in: $0) }
        return YAMLError(kind: .parser, problem: "a comment opens this .json file: JSON with comments, which kubectl refuses",
                         context: "VS Code's .devcontainer/devcontainer.json and tsconfig.json are written so, and are no manifests: leave them out with --exclude",
                         file: file, position: position,
                         snippet: bytes.withUnsafeBufferPointer { Builder.snippet($0, at: first) })
    }

    static func encodingError(_ bytes: [UInt8], file: String) -> YAMLError? {
        // UTF-32's byte order marks first: the little-endian one starts as UTF-16's does.
        if bytes.count >= 4 && (bytes[0..<4].elementsEqual([0xFF, 0xFE, 0, 0]) || bytes[0..<4].elementsEqual([0, 0, 0xFE, 0xFF])) {
            return YAMLError(kind: .encoding, problem: "UTF-32 input is not supported; convert the file to UTF-8",
                             file: file, position: .start)
        }
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            return YAMLError(kind: .encoding, problem: "UTF-16 input is not supported; convert the file to UTF-8",
                             file: file, position: .start)
        }
        return nil
    }
}
