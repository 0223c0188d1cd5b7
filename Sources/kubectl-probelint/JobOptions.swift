#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser

/// `--jobs N`: how many files are linted at once.
struct JobOptions: ParsableArguments {
    // .unconditional: `-1` is the value (said to be wrong by validate()), not a missing one.
    @Option(name: [.customShort("j", allowingJoined: true), .long], parsing: .unconditional,
            help: ArgumentHelp("Files linted in parallel (default: one per core). Output is the same for any value.",
                               valueName: "n"))
    var jobs: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Cut a file of more than twice this many bytes into pieces at '---' lines, linted in parallel and written as each is done (0: never). Output is the same for any value.",
                               valueName: "bytes"))
    var pieceBytes = 1 << 18  // 256 KiB: a worker holds one piece's output until its turn

    mutating func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
        if pieceBytes < 0 { throw ValidationError("--piece-bytes must be 0 or more, not \(pieceBytes)") }
    }

    /// The worker count: `--jobs`, else the number of online cores.
    var workers: Int {
        if let jobs { return jobs }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
