/// `# probelint ignore=PL107,PL101 -- reason`: a comment that silences rules for one part of a
/// document, as ShellCheck's `# shellcheck disable=` and hadolint's `# hadolint ignore=` do.
///
/// - At the end of a line, it covers the outermost node that starts on that line: a key with
///   its whole value (`livenessProbe:  # probelint ignore=PL107` covers the probe), a sequence
///   item (`- name: rgw  # ...` covers the container).
/// - On a line of its own, it covers what starts on the next line that holds a node, the same
///   way.
/// - Before the document's first node (on a line of its own, at the end of the `---` line, or
///   at the start of a line above the `---`: `taken`), it covers the whole document.
/// - Indented after the document's last node, it covers nothing (an empty scope, PL401's to
///   report); after the file's last document, that is an input error.
///
/// A finding is silenced when its rule is named and its position lies in what the comment
/// covers. The words are rule IDs or names, as in the `probelint.io/ignore` annotation; a word
/// that names no rule is an input error at its position, but for an ID of a later version's
/// form (`PL999`, `RuleCatalog.laterRuleID`), a warning there. libyaml reports no comments, so the
/// file's bytes are searched for them, and a `#` inside a scalar (a script in a ConfigMap) is
/// not one.
struct IgnoreComment {
    /// Offset of the `#` in the file.
    var hash: Int
    /// Whether something other than blanks precedes the `#` on its line.
    var trailing: Bool
    /// Offset of the first byte of the `#`'s line.
    var lineStart: Int
    /// The bytes after `ignore` up to the end of the line.
    var words: Range<Int>
    /// A comment that means to be a directive but is none (`# probelint disable=PL107`,
    /// `# probelint: ignore=...`, `# Probelint ignore=...`): the bytes after `probelint`, for
    /// the input problem.
    var misspelt: Range<Int>? = nil
    /// Written `# Probelint`: the directive is lowercase.
    var capitalised = false
    /// A directive in the text of the comment before it on its line (`# probelint ignore=PL107
    /// # probelint ignore=PL101`): that comment's words end at its `#`, and this one silences
    /// nothing.
    var nested = false
}

/// The part of a document a comment covers, and the rules it silences there.
struct IgnoreScope {
    var offsets: Range<Int>
    var rules: [RuleID]
    /// The comment's `#`, for PL401's finding; nil unless PL401 runs (the file's lines are
    /// counted only when a position is needed).
    var at: SourceRange? = nil

    func silences(_ rule: RuleID, at offset: Int) -> Bool { offsets.contains(offset) && rules.contains(rule) }
}

enum IgnoreComments {
    static let directive = "probelint ignore"

    /// The comments, from `next` on, that `document` takes: those in it or before it (a comment
    /// on a `---` line or above the first node covers the document). `next` moves past them, to
    /// the next document's. Those a document cannot use are left to the next one, above whose
    /// `---` they stand: a comment at the start of a line after its last node, and every
    /// comment of a document with no node (`---` with only comments). So a comment above a
    /// `---` covers the document that starts there, in the middle of a file as at its top;
    /// after the file's last document it is an input error (`checkAfterLastDocument`).
    static func taken(from comments: [IgnoreComment], _ next: inout Int, in document: Document) -> ArraySlice<IgnoreComment> {
        let first = next
        while next < comments.count, comments[next].hash < document.range.end.offset { next += 1 }
        guard next > first else { return comments[first..<next] }
        // No node: libyaml gives a document with only comments an empty scalar as its root.
        guard let root = document.root, document.kind(root) != .scalar || document.range(root).start.offset < document.range(root).end.offset else {
            next = first
            return comments[first..<first]
        }
        let walk = NodeWalk(document)
        while next > first {
            // A directive in a comment's text goes where that comment goes.
            var line = next - 1
            while line > first, comments[line].nested { line -= 1 }
            guard walk.isAfterLastNode(comments[line]) else { break }
            next = line
        }
        return comments[first..<next]
    }
    static let maxPerDocument = 1000
    /// Every comment that starts with `probelint`, or `Probelint`: the directive, and the ones
    /// that miss it (found by `robelint`, then the letter before it).
    static let needle = NeedleSet(["robelint"])

    /// The comments in `range` of `bytes` that start `# probelint ignore` (blanks allowed after
    /// the `#`), in file order; a `#` after a non-blank on its line is no YAML comment.
    static func find(in bytes: [UInt8], range: Range<Int>) -> [IgnoreComment] {
        bytes.withUnsafeBufferPointer { all in
            var found: [IgnoreComment] = []
            func isBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
            // A UTF-8 byte order mark is no text of the first line: a comment after it is on a line of its own.
            let bomEnd = all.utf8BOMLength
            // The line of the last candidate: its start, end, and where it was last read up to,
            // so that many candidates on one long line read it once, not once each.
            var lineStart = -1, lineEnd = -1, readTo = -1, lineHasText = false
            // By windows of the needle's length (memmem compared from each `p`: 0.8 instructions a
            // byte on manifests, which have no such comments).
            var candidates: [Int] = []
            needle.forEachMatch(in: UnsafeBufferPointer(rebasing: all[range])) { _, at in
                let p = range.lowerBound + at - 1
                if p >= range.lowerBound, all[p] | 0x20 == UInt8(ascii: "p") { candidates.append(p) }
                return true
            }
            for at in candidates {
                var hash = at - 1
                while hash >= range.lowerBound, all[hash] == 0x20 || all[hash] == 0x09 { hash -= 1 }
                guard hash >= range.lowerBound, all[hash] == UInt8(ascii: "#") else { continue }
                if hash > bomEnd, ![0x20, 0x09, 0x0A, 0x0D].contains(all[hash - 1]) { continue }
                let isDirective = at + 16 <= all.count && all[(at + 9)..<(at + 16)].elementsEqual(" ignore".utf8)
                    && (at + 16 == all.count || !(LabelSyntax.isAlphanumeric(all[at + 16]) || all[at + 16] == UInt8(ascii: "-") || all[at + 16] == UInt8(ascii: "_")))
                // `# probelint ignores ...` and `# probelint runs in CI` are prose, not directives;
                // `# Probelint ignore=...` is a directive misspelt.
                let capitalised = all[at] == UInt8(ascii: "P")
                // A capitalised directive is misspelt to its line's end (`lineEnd`, found below).
                var misspelt = isDirective ? nil : misspeltDirective(all, after: at + 9)
                if !isDirective && misspelt == nil { continue }
                // The rest of a line after a comment's `#` is that comment's text: a directive there
                // is kept only for its problem (`nestedProblem`).
                if hash < lineEnd, let last = found.last, last.lineStart == lineStart {
                    // Read as a directive too: the one before may be no comment (`"a # probelint ..."`,
                    // inside a scalar), and then this one is the line's comment (`scopes`).
                    if !last.nested {
                        found.append(IgnoreComment(hash: hash, trailing: true, lineStart: lineStart,
                                                   words: isDirective ? (at + 16)..<lineEnd : lineEnd..<lineEnd,
                                                   misspelt: isDirective ? nil : misspelt, nested: true))
                    }
                    continue
                }
                if hash >= lineEnd {
                    lineStart = hash
                    while lineStart > bomEnd, !isBreak(all[lineStart - 1]) { lineStart -= 1 }
                    lineEnd = at + 9  // after `probelint`: a misspelt directive may end its line sooner than `ignore` would
                    while lineEnd < all.count, !isBreak(all[lineEnd]) { lineEnd += 1 }
                    readTo = lineStart
                    lineHasText = false
                }
                if !lineHasText { lineHasText = all[readTo..<hash].contains { $0 != 0x20 && $0 != 0x09 } }
                readTo = hash
                if isDirective && capitalised { misspelt = (at + 9)..<lineEnd }
                found.append(IgnoreComment(hash: hash, trailing: lineHasText, lineStart: lineStart,
                                           words: isDirective ? (at + 16)..<lineEnd : lineEnd..<lineEnd, misspelt: misspelt,
                                           capitalised: capitalised))
            }
            return found
        }
    }

    /// After `# probelint`: a word that is meant as a directive but is not `ignore`, as other
    /// linters spell theirs (`disable=PL107`, `: ignore=PL107`, `-disable-next-line PL107`):
    /// up to two of ` `, `:`, `-`, then a word followed by `=` or containing `ignore` or
    /// `disable` as a part. The range runs from `start` to the end of its line.
    static func misspeltDirective(_ all: UnsafeBufferPointer<UInt8>, after start: Int) -> Range<Int>? {
        var i = start, separators = 0
        while i < all.count, separators < 2, [UInt8(ascii: " "), 0x09, UInt8(ascii: ":"), UInt8(ascii: "-")].contains(all[i]) { i += 1; separators += 1 }
        let word = i
        while i < all.count, LabelSyntax.isAlphanumeric(all[i]) || all[i] == UInt8(ascii: "-") || all[i] == UInt8(ascii: "_") { i += 1 }
        guard i > word else { return nil }
        let parts = String(decoding: all[word..<i], as: UTF8.self).lowercased().split { $0 == "-" || $0 == "_" }
        var after = i
        while after < all.count, all[after] == 0x20 || all[after] == 0x09 { after += 1 }
        let assigns = after < all.count && all[after] == UInt8(ascii: "=")
        guard assigns || parts.contains("ignore") || parts.contains("disable") else { return nil }
        var end = i
        while end < all.count, all[end] != 0x0A, all[end] != 0x0D { end += 1 }
        return start..<end
    }

    /// The scopes of `comments` (those of `document`'s part of the file) and the input problems
    /// of their words. A comment inside a scalar is none.
    /// `position`: the file's line and column of a byte offset, for the problems.
    /// `locate`: give each scope its comment's position (`IgnoreScope.at`).
    static func scopes(_ comments: ArraySlice<IgnoreComment>, in document: Document, bytes: [UInt8], locate: Bool = false,
                       position: (Int) -> SourcePosition, problems: inout [InputProblem]) -> [IgnoreScope] {
        var scopes: [IgnoreScope] = []
        let walk = NodeWalk(document, bytes: bytes)
        // The line of the last comment read: a directive after it on its line is in its text.
        var lastLine = -1
        for var comment in comments where !walk.isInScalar(comment.hash) {
            defer { lastLine = comment.lineStart }
            // After a `# probelint` inside a scalar, the line's first comment is this one.
            if comment.nested && comment.lineStart != lastLine { comment.nested = false }
            // Each finding is held against every scope of its document: bounded, as aliases are.
            if scopes.count == maxPerDocument {
                let at = position(comment.hash)
                problems.append(InputProblem(message: "more than \(maxPerDocument) '# \(directive)' comments in one document: this one and those after it are not read",
                                             range: SourceRange(start: at, end: at)))
                break
            }
            if comment.nested {
                problems.append(nestedProblem(comment, position: position))
                continue
            }
            if comment.misspelt != nil {
                problems.append(misspeltProblem(comment, bytes: bytes, position: position))
                continue
            }
            let rules = ruleWords(comment, bytes: bytes, position: position, problems: &problems)
            guard !rules.isEmpty, let root = document.root else { continue }
            let at = locate ? SourceRange(start: position(comment.hash), end: position(comment.words.upperBound)) : nil
            if comment.hash < document.range(root).start.offset && (!comment.trailing || onDocumentStart(comment, bytes)) {
                scopes.append(IgnoreScope(offsets: 0..<Int.max, rules: rules, at: at))
            } else {
                // Covering nothing (after the document's last node), it silences nothing: an empty
                // scope at the comment, which PL401 reports as unused.
                scopes.append(IgnoreScope(offsets: walk.covered(by: comment) ?? comment.hash..<comment.hash, rules: rules, at: at))
            }
        }
        return scopes
    }

    /// The comments after the last document of a file (`atEnd`) or of a piece of it: a misspelt
    /// one or a word that names no rule is an input error there as anywhere, and at the file's
    /// end a directive is one too, as it covers nothing.
    static func checkAfterLastDocument(_ comments: ArraySlice<IgnoreComment>, bytes: [UInt8], atEnd: Bool,
                                       position: (Int) -> SourcePosition, problems: inout [InputProblem]) {
        for comment in comments {
            if comment.nested {
                problems.append(nestedProblem(comment, position: position))
            } else if comment.misspelt != nil {
                problems.append(misspeltProblem(comment, bytes: bytes, position: position))
            } else if !ruleWords(comment, bytes: bytes, position: position, problems: &problems).isEmpty && atEnd {
                let at = position(comment.hash)
                problems.append(InputProblem(message: "comment '# \(directive)' is after the file's last document and covers nothing: put it at the end of the line of what it silences, or on the line before it",
                                             range: SourceRange(start: at, end: at)))
            }
        }
    }

    /// The input problem of a comment that misses the directive, at its word.
    static func misspeltProblem(_ comment: IgnoreComment, bytes: [UInt8], position: (Int) -> SourcePosition) -> InputProblem {
        let misspelt = comment.misspelt ?? comment.words
        let word = comment.capitalised ? misspelt.lowerBound - 9
            : bytes[misspelt].firstIndex { ![UInt8(ascii: " "), 0x09, UInt8(ascii: ":"), UInt8(ascii: "-")].contains($0) } ?? misspelt.lowerBound
        let at = position(word)
        // A tab shown as one would look like a blank, the very fault.
        let text = String(decoding: bytes[misspelt].prefix(40), as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "\\t")
        let lowercase = comment.capitalised ? " (lowercase)" : ""
        return InputProblem(message: "comment '# \(comment.capitalised ? "Probelint" : "probelint")\(text)' is no probelint directive and silences nothing: write '# \(directive)=PL101,PL107'\(lowercase), then an optional '-- reason'",
                            range: SourceRange(start: at, end: at))
    }

    /// The input problem of a directive in another comment's text, at its `#`.
    static func nestedProblem(_ comment: IgnoreComment, position: (Int) -> SourcePosition) -> InputProblem {
        let at = position(comment.hash)
        return InputProblem(message: "comment '# \(directive)' is in the text of the comment before it on its line and silences nothing: name every rule in the first ('# \(directive)=PL101,PL107')",
                            range: SourceRange(start: at, end: at))
    }

    /// Whether the comment ends a `---` line: `--- # probelint ignore=...` is before the
    /// document's first node, as a comment on a line of its own there is.
    static func onDocumentStart(_ comment: IgnoreComment, _ bytes: [UInt8]) -> Bool {
        var end = comment.hash
        while end > comment.lineStart, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return end - comment.lineStart == 3 && bytes[comment.lineStart..<end].elementsEqual("---".utf8)
    }

    /// `=ID[,ID...] [-- reason]` after `ignore`, each word looked up in the rule catalog (words
    /// split at commas and blanks, as the annotation's; read as bytes, so that a position is
    /// the word's whatever the line's encoding).
    static func ruleWords(_ comment: IgnoreComment, bytes: [UInt8], position: (Int) -> SourcePosition,
                          problems: inout [InputProblem]) -> [RuleID] {
        func problem(_ message: String, at offset: Int, warning: Bool = false) {
            let at = position(offset)
            problems.append(InputProblem(message: message, range: SourceRange(start: at, end: at), warning: warning))
        }
        var i = comment.words.lowerBound
        let end = comment.words.upperBound
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        guard i < end, bytes[i] == UInt8(ascii: "=") else {
            problem("comment '# \(directive)' needs the rules: write '# \(directive)=PL101,PL107', then an optional '-- reason'", at: comment.hash)
            return []
        }
        i += 1
        var rules: [RuleID] = []
        var named = false
        while i < end {
            let byte = bytes[i]
            if byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ",") { i += 1; continue }
            // `-- reason`, or a `# reason` comment after the rules.
            if byte == UInt8(ascii: "-"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "-") { break }
            if byte == UInt8(ascii: "#") { break }
            let start = i
            // A word ends at a blank, a comma, or a `--` (`PL201--reason`), as the annotation's does.
            while i < end, ![0x20, 0x09, UInt8(ascii: ",")].contains(bytes[i]),
                  !(bytes[i] == UInt8(ascii: "-") && i + 1 < end && bytes[i + 1] == UInt8(ascii: "-")) { i += 1 }
            let word = String(decoding: bytes[start..<i], as: UTF8.self)
            named = true
            if let info = RuleCatalog.lookup(word) {
                if !rules.contains(info.id) { rules.append(info.id) }
            } else if let later = RuleCatalog.laterRuleID(word) {
                problem("comment '# \(directive)': \(RuleCatalog.laterRuleNote(later)) and silences nothing here", at: start, warning: true)
            } else {
                problem("comment '# \(directive)': '\(word)' \(RuleCatalog.notARule(word)); write rule IDs or names, then an optional '-- reason'", at: start)
            }
        }
        if !named { problem("comment '# \(directive)=' names no rule", at: comment.hash) }
        return rules
    }
}
