/// `# probelint ignore=` comments in the files `-k`'s findings are placed in. kustomize drops
/// comments from what it renders, so the rules never see them; once a finding is back in its
/// file, a comment there silences it as it would with `-f`. (Their typos are reported when the
/// file itself is linted; PL401 does not judge them here.)
extension KustomizeOrigins {
    mutating func dropSilencedByComments(_ findings: inout [Finding]) {
        // The files read so far, by the name findings give them.
        var byName: [String: String] = [:]
        for (absolute, documents) in files where documents != nil { byName[present(absolute)] = absolute }
        var scopes: [String: [IgnoreScope]] = [:]
        findings.removeAll { finding in
            guard let absolute = byName[finding.file] else { return false }
            if scopes[finding.file] == nil { scopes[finding.file] = ignoreScopes(absolute) }
            return scopes[finding.file]?.contains { $0.silences(finding.rule, at: finding.range.start.offset) } ?? false
        }
    }

    /// The scopes of the file's comments, each handed to the document it is in or before, as
    /// the Linter hands them (`IgnoreComments.taken`).
    private mutating func ignoreScopes(_ absolute: String) -> [IgnoreScope] {
        guard let bytes = read(absolute), let documents = documents(at: absolute) else { return [] }
        let comments = IgnoreComments.find(in: bytes, range: 0..<bytes.count)
        guard !comments.isEmpty else { return [] }
        var scopes: [IgnoreScope] = [], next = 0, problems: [InputProblem] = []
        let position = { (_: Int) in SourcePosition(offset: 0, line: 1, column: 1) }  // for problems, which are not reported here
        for document in documents {
            let taken = IgnoreComments.taken(from: comments, &next, before: document.range.end.offset)
            if !taken.isEmpty { scopes += IgnoreComments.scopes(taken, in: document, bytes: bytes, position: position, problems: &problems) }
        }
        return scopes
    }
}
