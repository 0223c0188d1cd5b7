/// GitLab keys a JUnit test case by its suite's name, class name and name (the SHA-256 of the
/// three, gitlabhq `lib/gitlab/ci/reports/test_case.rb`) and keeps one test case per key: a
/// second with the same name in a suite replaces the first. `-o junit` names a finding's test
/// case by its rule, object and field path (`JUnitReporter`), which stay the same from run to
/// run; two findings of one file share that name only when a rule finds two things in one field,
/// or the file holds the same object twice. The runs of test cases, rendered on the workers, pass
/// through here in report order, and the n-th repeat of a name in its file (n >= 1) gets
/// ` #n+1` after it, as `RepeatedFingerprints` salts a repeated fingerprint.
public struct RepeatedNames: Sendable {
    private var counter = RepeatCounter()

    public init() {}

    /// The words after the n-th repeat of a name (n >= 1): ` #2` after the second.
    static func suffix(repeats: Int) -> String { " #\(repeats + 1)" }

    /// Makes the names that end at `marks` in `bytes` unique in their files, and grows the run
    /// (`FileElements.Run`) that holds a name by the words added to it.
    public mutating func makeUnique(_ bytes: inout [UInt8], at marks: [RepeatedFingerprints.Mark], runs: inout [FileElements.Run]) {
        var out: [UInt8] = []
        var copied = 0, changed = false
        // The run that holds the mark, and where it ends in `bytes` as it came.
        var run = 0, runEnd = runs.first?.bytes ?? 0
        for mark in marks {
            while mark.offset >= runEnd && run + 1 < runs.count {
                run += 1
                runEnd += runs[run].bytes
            }
            let repeats = counter.count(mark.key, in: mark.file)
            guard repeats > 0 else { continue }
            if !changed {
                out.reserveCapacity(bytes.count + 64)
                changed = true
            }
            out += bytes[copied..<mark.offset]
            copied = mark.offset
            let suffix = Self.suffix(repeats: repeats).utf8
            out += suffix
            if run < runs.count { runs[run].bytes += suffix.count }
        }
        guard changed else { return }
        out += bytes[copied...]
        bytes = out
    }
}
