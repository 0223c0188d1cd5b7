/// GitHub code scanning rejects a SARIF run of more than 25,000 results, and the whole file with
/// it ("SARIF file rejected due to result limits"; ECOSYSTEM.md section 3). A run that finds more
/// keeps 25,000 and says in a notification (and on stderr) how many it left out and how to
/// narrow the run; the exit status still counts every finding. The command line holds the
/// results in a temporary file until the run ends and keeps the most severe (errors first, then
/// warnings, then notes, each in file order: `count` and `quota`); when it cannot, it keeps the
/// first 25,000 in file order (`admit`).
public struct ResultLimit: Sendable {
    public static let gitHub = 25_000

    /// Where a rendered result ends in its run's bytes, and its severity.
    public struct Mark: Sendable {
        public var end: Int
        public var severity: Severity
    }

    public let limit: Int
    /// The run's results by severity rank (info, warning, error): every one, kept or not.
    public private(set) var found = [0, 0, 0]
    /// Results written in file order by `admit`, when they are not held to the end.
    public private(set) var admitted: Int?

    public init(limit: Int = ResultLimit.gitHub) { self.limit = limit }

    public var total: Int { found.reduce(0, +) }

    /// A result held to the end of the run.
    public mutating func count(_ severity: Severity) { found[severity.rank] += 1 }

    /// How many results are kept, by severity rank as `found`: the most severe first, up to the limit.
    public var keptByRank: [Int] {
        var kept = [0, 0, 0], room = limit
        for rank in stride(from: 2, through: 0, by: -1) {
            kept[rank] = min(found[rank], room)
            room -= kept[rank]
        }
        return kept
    }

    /// How many results of `severity` are kept (`keptByRank`).
    public func quota(_ severity: Severity) -> Int { keptByRank[severity.rank] }

    public var kept: Int { admitted ?? keptByRank.reduce(0, +) }
    public var omitted: Int { total - kept }

    /// How many of `results`, next in file order, are written; the rest are counted as left out.
    public mutating func admit(_ results: [Mark]) -> Int {
        let written = admitted ?? 0
        let kept = min(results.count, max(0, limit - written))
        admitted = written + kept
        for result in results { count(result.severity) }
        return kept
    }

    /// Cuts a run of rendered results to its first `kept`: `results` holds where each one ends in
    /// `bytes`, and the fingerprints' marks at or past the cut are dropped.
    public static func cut(_ bytes: inout [UInt8], results: [Mark], kept: Int, fingerprints: inout [RepeatedFingerprints.Mark]) {
        guard kept < results.count else { return }
        let end = kept == 0 ? 0 : results[kept - 1].end
        bytes.removeSubrange(end...)
        fingerprints.removeAll { $0.offset >= end }
    }

    /// What a report says when results were left out; nil when none were.
    public var message: String? {
        guard omitted > 0 else { return nil }
        let head = "\(Self.grouped(omitted)) of \(Self.grouped(total)) results are left out: GitHub code scanning rejects a run of more than \(Self.grouped(limit)) results. "
        let tail = "; narrow the run with --select or --ignore, or lint fewer files per upload (each with its own category)"
        if let admitted { return head + "These are the first \(Self.grouped(admitted)) in file order" + tail }
        let kinds: [(Severity, String)] = [(.error, "error"), (.warning, "warning"), (.info, "note")]
        let kept = kinds.filter { found[$0.0.rank] > 0 }.map { severity, name in
            let count = found[severity.rank], kept = quota(severity)
            if kept == count { return count == 1 ? "the one \(name)" : "all \(Self.grouped(count)) \(name)s" }
            if kept == 0 { return count == 1 ? "not the one \(name)" : "none of the \(Self.grouped(count)) \(name)s" }
            return "\(Self.grouped(kept)) of \(Self.grouped(count)) \(name)s"
        }
        return head + "Kept are the most severe, each in file order: " + kept.joined(separator: ", ") + tail
    }

    /// `25000` as `25,000`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
