/// `# probelint ignore=` comments in the files `-k`'s findings are placed in. kustomize drops
/// comments from what it renders, so the rules never see them; once a finding is back in its
/// file, a comment there silences it as it would with `-f`, and a comment in any file an object
/// came from that names no rule, or misspells the directive, is an error at its place, as with
/// `-f`. (PL401 does not judge them here: other objects of the file were not linted.)
extension KustomizeOrigins {
    mutating func dropSilencedByComments(_ findings: inout [Finding], errors: inout [LintError], warnings: inout [LintError]) {
        // The files read so far, by the name findings give them.
        var byName: [String: String] = [:]
        for (absolute, documents) in files where documents != nil { byName[present(absolute)] = absolute }
        var scopes: [String: [IgnoreScope]] = [:]
        func read(_ file: String, _ absolute: String) {
            let (fileScopes, problems) = ignoreScopes(absolute)
            scopes[file] = fileScopes
            for problem in problems {
                let error = LintError(file: file, position: problem.range.start, message: problem.message)
                if problem.warning { warnings.append(error) } else { errors.append(error) }
            }
        }
        findings.removeAll { finding in
            guard let absolute = byName[finding.file] else { return false }
            if scopes[finding.file] == nil { read(finding.file, absolute) }
            return scopes[finding.file]?.contains { $0.silences(finding.rule, at: finding.range.start.offset) } ?? false
        }
        // A comment that names no rule is an error in every file an object came from, with
        // findings or not, as with -f. A file is parsed only when its bytes hold such a comment.
        var origins: Set<String> = []
        for document in rendered {
            if let root = document.root, let path = Self.source(of: document, root: root).path { origins.insert(PathBase.normalized(base + path)) }
        }
        for absolute in origins.sorted() where scopes[present(absolute)] == nil { read(present(absolute), absolute) }
    }

    /// The scopes of the file's comments, each handed to the document it is in or before, as
    /// the Linter hands them (`IgnoreComments.taken`), and the comments' problems.
    private mutating func ignoreScopes(_ absolute: String) -> ([IgnoreScope], [InputProblem]) {
        guard let bytes = read(absolute) else { return ([], []) }
        let comments = IgnoreComments.find(in: bytes, range: 0..<bytes.count)
        guard !comments.isEmpty, let documents = documents(at: absolute) else { return ([], []) }
        var scopes: [IgnoreScope] = [], next = 0, problems: [InputProblem] = []
        bytes.withUnsafeBufferPointer { whole in
            let lines = LineTable(whole)
            let position = { lines.position(ofByte: $0, base: SourcePosition(offset: 0, line: 1, column: 1)) }
            for document in documents {
                let taken = IgnoreComments.taken(from: comments, &next, in: document)
                if !taken.isEmpty { scopes += IgnoreComments.scopes(taken, in: document, bytes: bytes, position: position, problems: &problems) }
            }
            if next < comments.count {
                IgnoreComments.checkAfterLastDocument(comments[next...], bytes: bytes, atEnd: true, position: position, problems: &problems)
            }
        }
        return (scopes, problems)
    }
}
