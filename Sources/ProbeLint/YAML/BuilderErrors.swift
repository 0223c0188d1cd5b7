#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CYAML

/// The Builder's errors: libyaml's, with the position and source line they name, the
/// input limits, and the mapping checks Kubernetes adds (repeated keys, merge keys).
extension Builder {
    /// The limit that stopped libyaml from reading further.
    func feedLimitError() -> YAMLError {
        if documentEnd <= scalarEnd {
            return documentLimitError(at: documentStart.offset == documentBase ? documentStart : nextToken(after: lastEnd))
        }
        // libyaml holds the blank lines after a plain scalar while it looks for the scalar's next
        // line, and skips those before a token a byte at a time: a run of them is named as such,
        // not as the short scalar or key after it ("scalar is longer" pointed at `1` of `x: 1`).
        if let blanks = longBlankRun(after: lastEnd) {
            return scalarLimitError(at: blanks, what: "a run of blank lines and spaces")
        }
        let at = nextToken(after: lastEnd)
        // Between two events lies one scalar, or comments and blank lines.
        let i = at.offset - base.offset
        return scalarLimitError(at: at, what: i < buffer.count && buffer[i] == UInt8(ascii: "#") ? "comment" : "scalar")
    }

    /// Where a run of blanks and line breaks longer than the scalar limit starts, between
    /// `position` and where the feed stopped libyaml; nil when there is none. Such a run holds
    /// one of the bytes a limit apart from `position` on: those are looked at, and a blank
    /// one's run measured, so that a long scalar is not walked byte by byte.
    func longBlankRun(after position: SourcePosition) -> SourcePosition? {
        let from = position.offset - base.offset
        let end = min(buffer.count, Self.sum(scalarEnd - base.offset, InputFeed.slack))
        let limit = max(limits.maxScalarBytes, 1)
        func isBlank(_ i: Int) -> Bool {
            switch buffer[i] {
            case 0x20, 0x09, 0x0A, 0x0D: return true
            default: return false
            }
        }
        var sample = from
        while sample >= 0 && sample < end {
            guard isBlank(sample) else {
                sample = Self.sum(sample, limit)
                continue
            }
            var start = sample, stop = sample + 1
            while start > from && isBlank(start - 1) { start -= 1 }
            while stop < end && isBlank(stop) { stop += 1 }
            if stop - start > limit { return self.position(of: start, after: position) }
            sample = stop
        }
        return nil
    }

    /// The line and column of the byte at `offset` (in `buffer`), counted from `position`
    /// (line breaks as `LineBreak` has them; columns count UTF-8 lead bytes).
    func position(of offset: Int, after position: SourcePosition) -> SourcePosition {
        var at = position
        var i = position.offset - base.offset
        while i < offset {
            let lineBreak = LineBreak.length(in: buffer, at: i)
            if lineBreak > 0 {
                at.line += 1
                at.column = 1
                i += lineBreak
            } else {
                if buffer[i] & 0xC0 != 0x80 { at.column += 1 }
                i += 1
            }
        }
        at.offset = base.offset + offset
        return at
    }

    func documentLimitError(at position: SourcePosition) -> YAMLError {
        listHint(limitError("document is larger than \(limits.maxDocumentBytes) bytes (raise it with --max-document-bytes)", at: position))
    }

    /// A List that `kubectl get -o yaml` prints (an `items:` key at a line's start before the
    /// error) is one document, whose limits hold all of its objects at once; the same List in
    /// JSON is read object by object (`KubectlList`). Looked for only when a limit is hit.
    func listHint(_ error: YAMLError) -> YAMLError {
        let key = Array("items:".utf8)
        var i = max(documentStart.offset - base.offset, 0)
        let end = min(error.position.offset - base.offset, buffer.count)
        while i < end {
            if i + key.count < buffer.count, buffer[i..<(i + key.count)].elementsEqual(key),
               [0x20, 0x0A, 0x0D].contains(buffer[i + key.count]) {
                var error = error
                error.addContext("a List as kubectl get -o yaml prints it is one document; kubectl get -o json's is read object by object")
                return error
            }
            while i < end, buffer[i] != 0x0A { i += 1 }
            i += 1
        }
        return error
    }

    func scalarLimitError(at position: SourcePosition, what: String = "scalar") -> YAMLError {
        limitError("\(what) is longer than \(limits.maxScalarBytes) bytes (raise it with --max-scalar-bytes)", at: position)
    }

    /// The first byte after `position` that is not a blank, a line break or an
    /// indicator (`:`, `-`, `?`, `,`), with its line and column counted from `position`
    /// (line breaks as `LineBreak` has them; columns count UTF-8 lead bytes).
    func nextToken(after position: SourcePosition) -> SourcePosition {
        var i = position.offset - base.offset
        while i < buffer.count {
            let lineBreak = LineBreak.length(in: buffer, at: i)
            if lineBreak > 0 {
                i += lineBreak
                continue
            }
            let byte = buffer[i]
            guard byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ",") else { break }
            i += 1
        }
        return self.position(of: min(i, buffer.count), after: position)
    }

    /// A repeated key, which probelint refuses (kubectl keeps the last value without a word,
    /// kustomize refuses it: docs/yaml.md) unless `limits` take it, and a merge key whose value is not a mapping or a
    /// sequence of mappings, which kubectl refuses.
    /// Called for the mappings that `mayHaveKeyError` does not clear.
    func mappingError(_ entries: UnsafeBufferPointer<NodeID>) -> YAMLError? {
        var seen: [[UInt8]: NodeID] = [:]
        var i = entries.startIndex
        while i + 1 < entries.endIndex {
            let key = nodes[Int(entries[i].index)]
            i += 2
            guard key.kind == .scalar else { continue }
            let start = Int(key.payloadStart)
            let bytes = text.slice(from: start, count: Int(key.payloadCount))
            if bytes.elementsEqual("<<".utf8) && Document.mergesAsKey(style: key.style, tag: key.tag == 0 ? nil : tags[Int(key.tag) - 1]) {
                if let error = mergeValueError(entries[i - 1]) { return error }
                continue
            }
            if limits.refusesDuplicateKeys, let first = seen[Array(bytes)] {
                let firstStart = onFirstLineShifted(nodes[Int(first.index)].range.start)
                return YAMLError(kind: .composer, problem: "duplicate key '\(String(decoding: bytes, as: UTF8.self))'",
                                 context: "first defined at line \(firstStart.line), column \(firstStart.column)",
                                 file: file, position: key.range.start, snippet: snippet(at: key.range.start))
            }
            seen[Array(bytes)] = entries[i - 2]
        }
        return nil
    }

    /// `error`, of a mapping that has just closed, or an error of the pairs before it in a
    /// mapping still open around it (a key given twice at the top of an object, before a probe's
    /// `timeoutSeconds` twice), the first in the file: kubectl decodes a mapping's pairs in order
    /// and lists those first. `closedStart` is where the closed mapping's members begin in `pending`.
    func earliest(_ error: YAMLError, enclosing closedStart: Int) -> YAMLError {
        var earliest = error
        for n in 0..<frames.count where frames[n].kind == .mapping {
            let frame = frames[n]
            let end = n + 1 < frames.count ? frames[n + 1].pendingStart : closedStart
            if let found = mappingError(pending.slice(from: frame.pendingStart, count: end - frame.pendingStart)),
               found.position.offset < earliest.position.offset { earliest = found }
        }
        return earliest
    }

    /// The first key of `entries` that go-yaml or sigs.k8s.io/yaml refuses when it decodes the
    /// document: a mapping or a list ("invalid map key") or a null ("unsupported map key").
    /// Decoding comes after the whole document is parsed, so the builder holds this error
    /// until the document's end: a syntax error after it is kubectl's first error.
    func keyTypeError(_ entries: UnsafeBufferPointer<NodeID>) -> YAMLError? {
        var i = entries.startIndex
        while i + 1 < entries.endIndex {
            let key = nodes[Int(entries[i].index)]
            i += 2
            guard key.kind == .scalar else {
                return keyError("a \(key.kind == .mapping ? "mapping" : "list") as a key, which kubectl refuses (\"invalid map key\")", key)
            }
            if isNullKey(key, text.slice(from: Int(key.payloadStart), count: Int(key.payloadCount))) {
                return keyError("a null key, which kubectl refuses (\"unsupported map key\")", key)
            }
        }
        return nil
    }

    /// A key that is null to go-yaml: plain `~`, `null` (in its three cases) or nothing, or
    /// tagged `!!null`. sigs.k8s.io/yaml makes a string of any other scalar key.
    func isNullKey(_ key: NodeData, _ bytes: some Collection<UInt8>) -> Bool {
        if key.tag != 0 { return tags[Int(key.tag) - 1] == "tag:yaml.org,2002:null" }
        guard key.style == .plain else { return false }
        return bytes.isEmpty || bytes.elementsEqual("~".utf8) || bytes.elementsEqual("null".utf8)
            || bytes.elementsEqual("Null".utf8) || bytes.elementsEqual("NULL".utf8)
    }

    func keyError(_ problem: String, _ key: NodeData) -> YAMLError {
        let start = onFirstLineShifted(key.range.start)
        return YAMLError(kind: .composer, problem: problem, file: file, position: start, snippet: snippet(at: start))
    }

    /// A `%YAML` or `%TAG` directive before the stream's first document. kubectl cuts the
    /// stream at `---` lines before YAML reads it, which leaves the directive without its
    /// document ("did not find expected <document start>"; a `%YAML 1.2` is "incompatible").
    /// After a document and its `...` the directive shares that document's piece, and go-yaml
    /// reads only the document.
    func directiveError(_ start: yaml_event_s.__Unnamed_union_data.__Unnamed_struct_document_start, at position: SourcePosition) -> YAMLError? {
        guard start.version_directive != nil || start.tag_directives.start != start.tag_directives.end else { return nil }
        return YAMLError(kind: .parser, problem: "a %YAML or %TAG directive before the first document, which kubectl refuses (\"did not find expected <document start>\")",
                         context: "kubectl cuts the stream at '---' lines before YAML reads it; remove the directive",
                         file: file, position: position, snippet: snippet(at: position))
    }

    /// A document whose first node starts on its `---` line (`--- {a: 1}`, `--- |`, `--- null`):
    /// libyaml takes it, but kubectl cuts a stream into documents at lines that start with `---`
    /// and refuses one with anything but a comment after the dashes (apimachinery's YAMLReader:
    /// "invalid Yaml document separator"). An empty document (`---` and nothing) has no such node.
    func separatorLineError() -> YAMLError? {
        guard separatorLine != 0, let root else { return nil }
        let node = nodes[Int(root.index)]
        guard node.range.start.line == separatorLine && node.range.start.offset != node.range.end.offset else { return nil }
        let start = onFirstLineShifted(node.range.start)
        return YAMLError(kind: .parser, problem: "content on the '---' line, which kubectl refuses (\"invalid Yaml document separator\")",
                         context: "only a comment may follow '---': start the document on the next line",
                         file: file, position: start, snippet: snippet(at: start))
    }

    /// A line inside a scalar that starts with `---` and goes on with more than blanks or a
    /// comment (`-----END CERTIFICATE-----"` in a quoted value's continuation line, a key
    /// `---x`): libyaml reads it as text, but kubectl cuts the stream at every line that starts
    /// with `---` before YAML sees it, and refuses this one (apimachinery's YAMLReader: "invalid
    /// Yaml document separator"). Asked only of a scalar that starts a line or spans several
    /// (`addScalar`): nothing else can start a line with dashes.
    ///
    /// Returns the index in `buffer` of the line's first dash, or -1; the error is made only
    /// then (`dashLineError(at:)`).
    @inline(never)
    func dashLine(from start: SourcePosition, to end: SourcePosition) -> Int {
        let first = max(0, start.offset - base.offset), last = min(buffer.count, end.offset - base.offset)
        guard first < last, let base = buffer.baseAddress else { return -1 }
        // The scalar's first byte when it starts a line, then the byte after each line break in it
        // (memchr): a scalar of one line that does not start one has none to look at.
        var p = first
        if start.column != 1 { p = Self.afterLineBreak(from: first, to: last, in: base) }
        while p < last {
            if p + 3 < buffer.count, base[p] == 0x2D, base[p + 1] == 0x2D, base[p + 2] == 0x2D {
                switch base[p + 3] {
                case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: "#"): break
                default: return p
                }
            }
            p = Self.afterLineBreak(from: p, to: last, in: base)
        }
        return -1
    }

    /// The index after the next line feed at or after `from` and before `to`, or `to`.
    static func afterLineBreak(from: Int, to: Int, in base: UnsafePointer<UInt8>) -> Int {
        guard from < to, let found = memchr(base + from, 0x0A, to - from) else { return to }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
    }

    /// The error of `dashLine` at `p`, the first byte of the line (its line counted from the scalar's start).
    @inline(never)
    func dashLineError(at p: Int, scalarStart start: SourcePosition) -> YAMLError {
        let first = max(0, start.offset - base.offset)
        let line = start.line + buffer[first..<p].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return refusedSeparatorError(at: p, SourcePosition(offset: self.base.offset + p, line: line, column: 1),
                                     "indent the line under its key, or write the value as an indented block scalar (|)")
    }

    /// The first line, from the current document's (or gap's) start through the line of `at`,
    /// that kubectl refuses as a document separator: it starts with `---` and goes on with more
    /// than blanks or a comment (`----`, `--- ---`, `---  x`; apimachinery's YAMLReader trims
    /// the rest and refuses any but a `#`). kubectl cuts the stream at such a line before YAML
    /// reads it, so its error is kubectl's, where libyaml failed later on what followed (`----`
    /// read as a scalar, the next line then no key). The index of its first dash, or -1.
    @inline(never)
    func refusedSeparator(upTo at: SourcePosition) -> Int {
        guard let pointer = buffer.baseAddress else { return -1 }
        var p = min(buffer.count, max(0, documentBase - base.offset))
        while p > 0 && buffer[p - 1] != 0x0A { p -= 1 }
        var stop = min(buffer.count, max(0, at.offset - base.offset))
        while stop < buffer.count && buffer[stop] != 0x0A { stop += 1 }
        while p < stop {
            if p + 3 <= stop, buffer[p] == 0x2D, buffer[p + 1] == 0x2D, buffer[p + 2] == 0x2D {
                let q = kubectlRest(from: p + 3, to: stop)
                if q < stop && buffer[q] != 0x0A && buffer[q] != UInt8(ascii: "#") { return p }
            }
            p = Self.afterLineBreak(from: p, to: stop, in: pointer)
        }
        return -1
    }

    /// Where the rest of a `---` line starts as kubectl judges it (Go's `TrimSpace`): the first
    /// byte from `from` that is no blank, CR, vertical tab or form feed, or `to`.
    func kubectlRest(from: Int, to: Int) -> Int {
        var q = from
        while q < to, buffer[q] == 0x20 || buffer[q] == 0x09 || buffer[q] == 0x0D || buffer[q] == 0x0B || buffer[q] == 0x0C { q += 1 }
        return q
    }

    /// The error of `refusedSeparator` at `p`.
    func refusedSeparatorError(at p: Int) -> YAMLError {
        refusedSeparatorError(at: p, (lines ?? LineTable(buffer)).position(ofByte: p, base: base),
                              "only blanks or a comment may follow the '---': end the line there, or indent it if it is a value's text")
    }

    /// kubectl's "invalid Yaml document separator" for the line whose first dash is byte `p`, at `at`, with `remedy`.
    func refusedSeparatorError(at p: Int, _ at: SourcePosition, _ remedy: String) -> YAMLError {
        var lineEnd = p
        while lineEnd < buffer.count && buffer[lineEnd] != 0x0A && buffer[lineEnd] != 0x0D && lineEnd - p < 80 { lineEnd += 1 }
        let shown = String(decoding: buffer[p..<lineEnd], as: UTF8.self)
        return YAMLError(kind: .parser, problem: "a line that starts with '---' and goes on (\(shown)), which kubectl refuses (\"invalid Yaml document separator\")",
                         context: "kubectl cuts a stream at every line that starts with '---' before YAML reads it: \(remedy)",
                         file: file, position: at, snippet: snippet(at: at))
    }

    /// A `---` that kubectl reads otherwise than libyaml because a line break next to it is a
    /// CR alone (classic Mac OS): kubectl reads lines up to a line feed. After a lone CR the
    /// `---` starts no line of kubectl's, so it cuts nothing there, and go-yaml reads only the
    /// first document of the piece: this one would never reach the cluster, unless no document
    /// with content came before it in the piece (`pieceHasDocument`). On the `---`'s own line,
    /// text after a lone CR is, to kubectl, more of that line: after a comment (`--- # x`) it
    /// drops it with the separator, document and all; else it refuses the line ("invalid Yaml
    /// document separator"). `dashesEnd` is the event's end, after the dashes. A cut clears
    /// `pieceHasDocument`.
    mutating func crSeparatorError(dashesEnd: SourcePosition) -> YAMLError? {
        let dashes = dashesEnd.offset - base.offset - 3
        guard dashes >= 0, dashes + 3 <= buffer.count else { return nil }
        let at = SourcePosition(offset: dashesEnd.offset - 3, line: dashesEnd.line, column: max(1, dashesEnd.column - 3))
        let context = "a line break of a CR alone is none to kubectl, which reads lines up to a line feed: use LF (or CRLF) line breaks"
        if dashes > 0 && buffer[dashes - 1] == 0x0D {
            guard pieceHasDocument else { return nil }
            return YAMLError(kind: .parser, problem: "a '---' after a line break that is a CR alone, where kubectl does not cut the stream: it reads this document as part of the piece before, and applies only that piece's first document",
                             context: context, file: file, position: at, snippet: snippet(at: at))
        }
        pieceHasDocument = false
        // kubectl's line: from the dashes up to the next line feed. Its rest, trimmed, is what
        // kubectl judges; a part after a lone CR with content (not blank, not a comment) is lost.
        var end = dashes + 3
        while end < buffer.count && buffer[end] != 0x0A { end += 1 }
        let first = kubectlRest(from: dashes + 3, to: end)
        var lost = false, p = dashes + 3
        while p < end {
            if buffer[p] == 0x0D && p + 1 < end {
                var q = p + 1
                while q < end && (buffer[q] == 0x20 || buffer[q] == 0x09) { q += 1 }
                if q < end && buffer[q] != 0x0D && buffer[q] != UInt8(ascii: "#") { lost = true; break }
            }
            p += 1
        }
        guard lost else { return nil }
        if first < end && buffer[first] == UInt8(ascii: "#") {
            return YAMLError(kind: .parser, problem: "a '---' line whose comment runs on past a CR alone: kubectl drops the whole line with the separator, and with it what follows the CR",
                             context: context, file: file, position: at, snippet: snippet(at: at))
        }
        return YAMLError(kind: .parser, problem: "a '---' line that goes on after a CR, which kubectl refuses (\"invalid Yaml document separator\"): to kubectl the line ends at a line feed only",
                         context: context, file: file, position: at, snippet: snippet(at: at))
    }

    /// Whether the document holds nothing: no root, or an empty untagged scalar (`---` alone, or
    /// comments), which go-yaml reads as no document.
    var isEmptyDocument: Bool {
        guard let root else { return true }
        let node = nodes[Int(root.index)]
        return node.kind == .scalar && node.tag == 0 && node.range.start.offset == node.range.end.offset
    }

    /// A `...` right after a `---` that kubectl drops (`SeparatorLines`): the document is
    /// empty, and its `...` starts the piece that go-yaml reads. `mark` is the `...`'s.
    mutating func documentEndError(_ mark: yaml_mark_t) -> YAMLError? {
        guard separatorLine != 0, !separators.lastKept, root != nil, isEmptyDocument else { return nil }
        let at = position(mark)
        return YAMLError(kind: .parser, problem: "a '...' after a '---' line with nothing between, which kubectl refuses (\"did not find expected node content\")",
                         context: "kubectl cuts the stream at '---' lines, so this '...' starts a document of its own; remove it",
                         file: file, position: at, snippet: snippet(at: at))
    }

    /// go-yaml (behind kubectl) fails with "map merge requires map or sequence of maps as the value".
    /// Whether a key of the mapping is a merge key (`<<`, as `mappingError` tells one).
    func holdsMergeKey(_ entries: UnsafeBufferPointer<NodeID>) -> Bool {
        stride(from: entries.startIndex, to: entries.endIndex - 1, by: 2).contains { i in
            let key = nodes[Int(entries[i].index)]
            return key.kind == .scalar && key.payloadCount == 2
                && text.slice(from: Int(key.payloadStart), count: 2).elementsEqual("<<".utf8)
                && Document.mergesAsKey(style: key.style, tag: key.tag == 0 ? nil : tags[Int(key.tag) - 1])
        }
    }

    func mergeValueError(_ value: NodeID) -> YAMLError? {
        let node = nodes[Int(value.index)]
        var bad = node.kind == .scalar
        if node.kind == .sequence {
            let start = Int(node.payloadStart)
            bad = children.slice(from: start, count: Int(node.payloadCount)).contains { nodes[Int($0.index)].kind != .mapping }
        }
        guard bad else { return nil }
        return YAMLError(kind: .composer, problem: "a merge key (<<) needs a mapping or a sequence of mappings as its value",
                         file: file, position: node.range.start, snippet: snippet(at: node.range.start))
    }

    func nodeLimitError(at position: SourcePosition) -> YAMLError {
        listHint(limitError("document has more than \(limits.maxNodes) nodes (raise it with --max-nodes)", at: position))
    }

    func limitError(_ problem: String, at position: SourcePosition) -> YAMLError {
        YAMLError(kind: .limit, problem: problem, file: file, position: position, snippet: snippet(at: position))
    }

    /// A byte as two hex digits: `0x0a`, `0xe9`.
    static func hex(_ byte: Int) -> String {
        let digits = String(byte, radix: 16)
        return "0x" + (digits.count < 2 ? "0" + digits : digits)
    }

    mutating func libyamlError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown libyaml error"
        var context = parser.context.map { String(cString: $0) }
        let kind: YAMLError.Kind
        var at: SourcePosition
        var binary = false
        switch parser.error {
        case YAML_READER_ERROR:
            kind = .reader
            at = (lines ?? LineTable(buffer)).position(ofByte: Int(parser.problem_offset), base: base)
            if parser.problem_value != -1 {
                // libyaml counts from the start of its input: a piece's, in a cut file.
                context = "byte \(Self.hex(Int(parser.problem_value))) at offset \(base.offset + Int(parser.problem_offset))"
            }
            // libyaml names the byte that does not continue a sequence (often the line break after
            // a Latin-1 letter): the sequence's first byte is the one to show.
            let offset = Int(parser.problem_offset)
            let latin1 = "is the file in Latin-1 or another 8-bit encoding? YAML and kubectl read UTF-8"
            if problem == "invalid trailing UTF-8 octet", offset <= buffer.count,
               let lead = (max(0, offset - 3)..<offset).reversed().first(where: { buffer[$0] >= 0xC0 }) {
                at = (lines ?? LineTable(buffer)).position(ofByte: lead, base: base)
                context = "byte \(Self.hex(Int(buffer[lead]))) at offset \(base.offset + lead) starts a UTF-8 sequence that byte \(Self.hex(Int(parser.problem_value))) does not continue: \(latin1)"
            } else if problem == "incomplete UTF-8 octet sequence", offset < buffer.count, buffer[offset] >= 0xC0 {
                context = "byte \(Self.hex(Int(buffer[offset]))) at offset \(base.offset + offset) starts a UTF-8 sequence that the input ends inside: \(latin1)"
            } else if problem == "invalid leading UTF-8 octet", parser.problem_value >= 0x80 {
                // A Latin-1 letter that no UTF-8 sequence starts with (µ 0xb5, ø 0xf8, ÿ 0xff).
                context = (context ?? "") + ": \(latin1)"
            } else if problem == "control characters are not allowed",
                      buffer.prefix(max(0, 8192 - base.offset)).lazy.filter({ $0 == 0 }).prefix(2).count == 2,
                      let nul = buffer.firstIndex(of: 0) {
                // NUL bytes, more than one in the file's first 8 KiB: an executable or an archive named
                // .yaml (its snippet was a row of U+FFFD), or UTF-16 without a byte order mark.
                // One stray NUL in a text keeps its snippet, the caret under it. The file's first
                // 8 KiB, not a piece's (FileSplitter): a piece that starts later saw NULs that the
                // whole file has past 8 KiB, and gave the hint that the whole file did not. The
                // bytes before a piece hold no NUL, or an earlier piece would have failed on it.
                binary = true
                context = (context ?? "") + "; a NUL byte at offset \(base.offset + nul): a binary file (or UTF-16 text), not a UTF-8 manifest"
            }
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            kind = parser.error == YAML_SCANNER_ERROR ? .scanner : .parser
            at = onLastLine(position(parser.problem_mark))
            // kubectl stops at a line it refuses as a separator before YAML reads what follows.
            let refused = refusedSeparator(upTo: at)
            if refused >= 0 { return refusedSeparatorError(at: refused) }
        case YAML_MEMORY_ERROR: kind = .reader; at = .start
        default: kind = .parser; at = onLastLine(position(parser.problem_mark))
        }
        if let c = context, parser.error != YAML_READER_ERROR {
            let cm = onFirstLineShifted(onLastLine(position(parser.context_mark)))
            context = "\(c) at line \(cm.line), column \(cm.column)"
            // `{{ if .x }}` alone on a line is a simple key that libyaml finds no ':' for on the
            // next line: the template is on the context's line, not the error's (which
            // `Reader.templateHint` reads).
            if cm.line != at.line, Reader.holdsTemplate(line(at: cm.offset)), !Reader.holdsTemplate(line(at: at.offset)) {
                context = (context ?? "") + "; " + Reader.templateHintText(line: cm.line)
            }
        }
        // libyaml's bare "found character that cannot start any token" at a tab: an indentation
        // typed with the tab key.
        let index = at.offset - base.offset
        if parser.error == YAML_SCANNER_ERROR, problem.hasSuffix("cannot start any token"), index >= 0, index < buffer.count,
           buffer[index] == 0x09 {
            context = (context.map { "\($0); " } ?? "") + "a tab: YAML indents with spaces only"
        }
        if parser.error != YAML_READER_ERROR, bomAtLineStart(upTo: at) != nil {
            // Whether kubectl skips the mark depends on what its piece holds before it (a comment
            // line, a second `---`), which this does not follow: the context says both.
            context = "a line of this document starts with a byte order mark (U+FEFF), as a file joined to another keeps it: libyaml counts it as a column of its line; kubectl skips it at the start of a document and reads it as part of a key elsewhere; remove it"
        } else if parser.error == YAML_PARSER_ERROR && endedWithMarker && problem == "did not find expected <document start>" {
            // kubectl's go-yaml reads the first document of each piece between `---` lines and no further.
            context = "kubectl reads nothing after a '...' up to the next '---' line and would skip this without a word; put a '---' line before it"
        }
        return YAMLError(kind: kind, problem: problem, context: context, file: file, position: at, snippet: binary ? nil : snippet(at: at))
    }

    /// A mark at the end of an input whose last line has no line break, as the position after
    /// that line's last character. At the end of the stream libyaml moves its mark to column 0
    /// of a line it counts past the last one, so the error of an unclosed `[a, b` at the end of
    /// a 3-line file said line 4, column 1, of a file that has no line 4, and its snippet showed
    /// line 3.
    func onLastLine(_ position: SourcePosition) -> SourcePosition {
        let offset = position.offset - base.offset
        guard offset >= buffer.count, let last = buffer.last, last != 0x0A, last != 0x0D, position.column == 1 else {
            return position
        }
        return (lines ?? LineTable(buffer)).position(ofByte: buffer.count, base: base)
    }

    /// The bytes of the line that holds absolute offset `offset`, without its line break.
    func line(at offset: Int) -> [UInt8] {
        let at = min(max(offset - base.offset, 0), buffer.count)
        var start = at, end = at
        while start > 0 && buffer[start - 1] != 0x0A && buffer[start - 1] != 0x0D { start -= 1 }
        while end < buffer.count && buffer[end] != 0x0A && buffer[end] != 0x0D { end += 1 }
        return Array(buffer[start..<end])
    }

    /// Whether a line of the document, up to and with the line of `position`, starts with a
    /// UTF-8 byte order mark (past the one libyaml skips at the stream's start). libyaml skips
    /// one at a line's start too, but counts it as a column, so the line's indentation is off
    /// by one and the error often comes a line later; go-yaml behind kubectl reads it as part
    /// of a key (`"\u{FEFF}apiVersion"`), except at the start of a document after `---`.
    /// Returns the mark's index in `buffer`, or nil.
    func bomAtLineStart(upTo position: SourcePosition) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        let first = buffer.utf8BOMLength
        var at = min(max(documentStart.offset - self.base.offset, 0), buffer.count)
        while at > 0 && buffer[at - 1] != 0x0A && buffer[at - 1] != 0x0D { at -= 1 }
        at = max(at, first)
        var end = min(max(position.offset - self.base.offset, 0), buffer.count)
        while end < buffer.count && buffer[end] != 0x0A && buffer[end] != 0x0D { end += 1 }
        while at < end, let hit = memchr(base + at, 0xEF, end - at) {
            let i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            let atLineStart = i == first || buffer[i - 1] == 0x0A || buffer[i - 1] == 0x0D
            if atLineStart && UnsafeBufferPointer(rebasing: buffer[i...]).utf8BOMLength > 0 {
                // Before a comment or nothing, the mark moves nothing.
                var next = i + 3
                while next < end && (buffer[next] == 0x20 || buffer[next] == 0x09) { next += 1 }
                if next < end && ![UInt8(ascii: "#"), 0x0A, 0x0D].contains(buffer[next]) { return i }
            }
            at = i + 1
        }
        return nil
    }

    /// The source line of `position` with a caret under its column.
    /// Not inlined: errors are rare, and the event loop that throws them stays small.
    @inline(never)
    func snippet(at position: SourcePosition) -> String? {
        let offset = position.offset - base.offset
        guard offset >= 0, offset <= buffer.count else { return nil }
        return Self.snippet(UnsafeBufferPointer(rebasing: buffer[...]), at: offset)
    }

    /// The line that holds byte `offset` of `bytes` and a caret under it. A long line is
    /// shown as some 200 bytes around the offset, `…` marking what is cut off, so the caret
    /// stays under the byte it names (a character is one column: the caller replaces control
    /// characters with U+FFFD, one column wide).
    static func snippet(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> String {
        func isBreak(_ i: Int) -> Bool { bytes[i] == 0x0A || bytes[i] == 0x0D }
        func isLead(_ i: Int) -> Bool { bytes[i] & 0xC0 != 0x80 }
        let at = min(offset, bytes.count)
        var lineStart = at
        while lineStart > 0 && !isBreak(lineStart - 1) { lineStart -= 1 }
        // From the line's start, or 100 bytes before the offset when that is far into it.
        var from = at - lineStart > 150 ? at - 100 : lineStart
        while from < at && !isLead(from) { from += 1 }
        var to = from
        while to < bytes.count && !isBreak(to) && to - from < 200 { to += 1 }
        while to > at && to < bytes.count && !isLead(to) { to -= 1 }
        let cutEnd = to < bytes.count && !isBreak(to)
        let prefix = from > lineStart ? "…" : ""
        let line = prefix + String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self) + (cutEnd ? "…" : "")
        let caret = prefix.count + (from..<at).count { isLead($0) }
        return line + "\n" + String(repeating: " ", count: caret) + "^"
    }
}
