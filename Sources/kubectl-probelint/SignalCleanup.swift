#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a signal that ends the run must not leave behind: `-k`'s temporary folder, and the
/// kubectl that renders into it; `--fix`'s temporary file beside a file (`track`). Ctrl-C in a terminal sends SIGINT to probelint and kubectl
/// alike; a CI job's timeout or `timeout(1)` sends SIGTERM to probelint alone, and kubectl
/// kustomize, which can take minutes on a large folder, would go on. While kubectl runs
/// (`forwarding`) and while the folder exists (`removing`), SIGINT, SIGTERM and SIGHUP pass
/// the signal on to kubectl, remove the folder's files and the folder, and then end probelint
/// by the same signal (a shell sees 128 + its number).
///
/// A handler may only call async-signal-safe functions: the paths are C strings made before
/// the handlers are installed (`track`'s while they are: each new one is stored before the
/// old one is freed, so the handler reads one or the other, whole), read through plain
/// pointers, and removed with unlink and rmdir.
enum SignalCleanup {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// The files to unlink, then the folder to remove: `count` C strings.
    private nonisolated(unsafe) static let paths = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: 8)
    private nonisolated(unsafe) static var count = 0
    /// The kubectl running now (`Kubectl.run`), or 0.
    private nonisolated(unsafe) static var child: pid_t = 0
    /// The temporary file `--fix` is writing beside a file (`AtomicWriter`), or nil.
    private nonisolated(unsafe) static var temporary: UnsafeMutablePointer<CChar>?

    private static let handler: @convention(c) (Int32) -> Void = { number in
        if SignalCleanup.child > 0 { kill(SignalCleanup.child, number) }
        if let temporary = SignalCleanup.temporary { unlink(temporary) }
        let count = SignalCleanup.count
        for i in 0..<count {
            guard let path = SignalCleanup.paths[i] else { continue }
            if i == count - 1 { rmdir(path) } else { unlink(path) }
        }
        signal(number, SIG_DFL)
        raise(number)
    }

    /// Runs `body` with `files` and then `folder` removed if a signal ends the run meanwhile.
    static func removing<T>(files: [String], folder: String, _ body: () -> T) -> T {
        let all = files + [folder]
        precondition(all.count <= 8, "SignalCleanup holds at most 8 paths")
        for (i, path) in all.enumerated() { paths[i] = strdup(path) }
        count = all.count
        defer {
            let made = count
            count = 0
            for i in 0..<made { free(paths[i]); paths[i] = nil }
        }
        return handling(body)
    }

    /// Runs `body`, in which `AtomicWriter` names its temporary file through `track`: a signal
    /// that ends the run meanwhile removes it (the file being fixed is never touched: until
    /// the rename, it is as it was).
    static func removingTemporaryFiles<T>(_ body: () -> T) -> T {
        defer { track(nil) }
        return handling(body)
    }

    /// The temporary file a signal removes; nil when there is none.
    static func track(_ path: String?) {
        let old = temporary
        temporary = path.map { strdup($0) }
        free(old)
    }

    /// Runs `body`, which waits for the process `pid`, passing it a signal that ends the run.
    static func forwarding<T>(to pid: pid_t, _ body: () -> T) -> T {
        child = pid
        defer { child = 0 }
        return handling(body)
    }

    /// Runs `body` with the handler installed for `signals`, the previous handlers restored after.
    /// A signal ignored when probelint started stays ignored (`nohup` ignores SIGHUP; a shell
    /// script's background job, SIGINT), as POSIX utilities keep it.
    ///
    /// The previous handlers are kept as bit patterns: SIG_IGN is the address 1, which Swift
    /// takes for an empty Optional once a handler (itself Optional) is wrapped again, as an
    /// array's iterator does: a loop over them stopped at SIG_IGN.
    private static func handling<T>(_ body: () -> T) -> T {
        let ignored = unsafeBitCast(SIG_IGN, to: Int.self)
        let previous = signals.map { unsafeBitCast(signal($0, handler), to: Int.self) }
        for (number, old) in zip(signals, previous) where old == ignored { signal(number, SIG_IGN) }
        defer {
            for (number, old) in zip(signals, previous) {
                signal(number, unsafeBitCast(old, to: Optional<@convention(c) (Int32) -> Void>.self))
            }
        }
        return body()
    }
}
