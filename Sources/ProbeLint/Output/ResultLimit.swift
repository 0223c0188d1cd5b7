/// GitHub code scanning rejects a SARIF run of more than 25,000 results, the whole file with it
/// ("SARIF file rejected due to result limits"; ECOSYSTEM.md section 3). A run that finds more
/// keeps its first 25,000 results in output order, and says in a notification (and on stderr) how
/// many it left out and how to narrow the run. The exit status still counts every finding.
public struct ResultLimit: Sendable {
    public static let gitHub = 25_000

    public let limit: Int
    public private(set) var written = 0
    public private(set) var omitted = 0

    public init(limit: Int = ResultLimit.gitHub) { self.limit = limit }

    /// How many of `count` results, next in output order, are written; the rest are counted as left out.
    public mutating func admit(_ count: Int) -> Int {
        let kept = min(count, max(0, limit - written))
        written += kept
        omitted += count - kept
        return kept
    }

    /// Cuts a run of rendered results to its first `kept`: `ends` holds where each one ends in
    /// `bytes`, and the fingerprints' marks at or past the cut are dropped.
    public static func cut(_ bytes: inout [UInt8], ends: [Int], kept: Int, fingerprints: inout [RepeatedFingerprints.Mark]) {
        guard kept < ends.count else { return }
        let end = kept == 0 ? 0 : ends[kept - 1]
        bytes.removeSubrange(end...)
        fingerprints.removeAll { $0.offset >= end }
    }

    /// What a report says when results were left out; nil when none were.
    public var message: String? {
        guard omitted > 0 else { return nil }
        let total = written + omitted
        return "\(Self.grouped(omitted)) of \(Self.grouped(total)) results are left out: GitHub code scanning rejects a run of more than \(Self.grouped(limit)) results. "
            + "These are the first \(Self.grouped(written)) in file order; narrow the run with --select or --ignore, or lint fewer files per upload (each with its own category)"
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
