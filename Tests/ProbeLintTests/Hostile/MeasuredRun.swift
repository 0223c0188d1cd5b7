import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Runs the built binary like `TestSupport.run`, but under GNU time so that each
/// run's own CPU time and peak RSS are known, and with a deadline: a run that
/// hangs is killed and reported, so a hostile input cannot hang the suite.
///
/// Why GNU time and not wait4's rusage: posix_spawn uses vfork, and Linux keeps
/// the high-water RSS across exec, so the child's ru_maxrss would include this
/// test process's memory. GNU time forks the binary from its own small process.
struct MeasuredRun {
    var status: Int32
    var stdout: String
    var stderr: String
    var cpuSeconds: Double
    var wallSeconds: Double
    var maxRSSBytes: Int
    var timedOut: Bool

    /// The bounds every hostile input must stay within (issue 7): 2 s of CPU and
    /// 500 MB of memory. Wall time gets a looser bound (other jobs share the cores).
    /// `PROBELINT_HOSTILE_CPU_LIMIT` raises the CPU bound for sanitizer builds (ASan costs about 2.5x).
    static let cpuLimit = ProcessInfo.processInfo.environment["PROBELINT_HOSTILE_CPU_LIMIT"].flatMap(Double.init) ?? 2.0
    /// `PROBELINT_HOSTILE_RSS_LIMIT_MB` likewise (ASan's shadow memory and quarantine).
    static let rssLimit = (ProcessInfo.processInfo.environment["PROBELINT_HOSTILE_RSS_LIMIT_MB"].flatMap(Int.init) ?? 500) << 20
    static let wallLimit = 20.0

    /// GNU time (Debian package `time`, installed by scripts/setup).
    static let timeCommand = "/usr/bin/time"

    /// The binary the bounds hold for: the static release binary that scripts/release
    /// ships, which scripts/test builds first and names in `PROBELINT_RELEASE_BINARY`.
    /// Without it (a bare `swift test`), or with `PROBELINT_BINARY` set (the ASan build),
    /// the tests' binary. The debug build is no measure of CPU time: with its SIMD and
    /// generics left unspecialised, the 50 MB flow line costs it 0.8 s of CPU, and up to
    /// 1.4 s with other tests running, against the release binary's 0.2 s.
    static var binary: URL {
        let environment = ProcessInfo.processInfo.environment
        if environment["PROBELINT_BINARY"] == nil, let release = environment["PROBELINT_RELEASE_BINARY"] {
            return URL(fileURLWithPath: release)
        }
        return TestSupport.binary
    }

    /// Runs `arguments` with stdin from `stdinPath`; the child's output goes to files, not pipes.
    static func run(_ arguments: [String], stdinPath: String = "/dev/null", deadline: Double = 60) throws -> MeasuredRun {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outPath = dir.appendingPathComponent("stdout").path, errPath = dir.appendingPathComponent("stderr").path
        let statsPath = dir.appendingPathComponent("time").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))  // its own group, killed as one
        posix_spawnattr_setpgroup(&attributes, 0)

        let executable = timeCommand
        let command = [executable, "-f", "%e %U %S %M", "-o", statsPath, binary.path] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let env: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment
            .filter { !["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"].contains($0.key) }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in env { free(pointer) } }

        var pid: pid_t = 0
        let started = Date()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, env)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }

        var status: Int32 = 0
        var timedOut = false
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECHILD) }
            if Date().timeIntervalSince(started) > deadline && !timedOut {
                timedOut = true
                kill(-pid, SIGKILL)
            }
            usleep(2_000)
        }
        let wall = Date().timeIntervalSince(started)
        let exited = status & 0x7F == 0
        let code = exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        // GNU time's last line: elapsed, user and system seconds, max RSS in KiB
        // (a line before it says "Command exited with non-zero status N").
        let stats = text(statsPath)
            .split(separator: "\n").last?.split(separator: " ").compactMap { Double($0) } ?? []
        let cpu = stats.count == 4 ? stats[1] + stats[2] : .infinity
        let rss = stats.count == 4 ? Int(stats[3]) * 1024 : Int.max
        return MeasuredRun(status: code,
                           stdout: text(outPath), stderr: text(errPath),
                           cpuSeconds: cpu, wallSeconds: wall, maxRSSBytes: rss, timedOut: timedOut)
    }

    /// A file's text, read with POSIX calls: Foundation's file reading (readDataFromFile,
    /// behind both String(contentsOfFile:) and FileManager.contents) shows up as leaks
    /// under LeakSanitizer with Swift 6.3.1.
    static func text(_ path: String) -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Asserts the bounds and records the figures (they go to the test log and to
    /// .build/hostile-measurements.txt for docs/fuzzing.md).
    func expectBounded(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let line = String(format: "hostile %-28@ exit %d  cpu %.3f s  wall %.3f s  max RSS %.1f MB",
                          name as NSString, status, cpuSeconds, wallSeconds, Double(maxRSSBytes) / 1_048_576)
        print(line)
        let log = TestSupport.packageRoot.appendingPathComponent(".build/hostile-measurements.txt").path
        if let file = fopen(log, "a") {  // O_APPEND: parallel tests do not interleave lines
            fputs(line + "\n", file)
            fclose(file)
        }
        #expect(!timedOut, "\(name) did not finish", sourceLocation: sourceLocation)
        #expect(status < 128, "\(name) died from signal \(status - 128)", sourceLocation: sourceLocation)
        #expect(cpuSeconds < Self.cpuLimit, "\(name) took \(cpuSeconds) s of CPU", sourceLocation: sourceLocation)
        #expect(wallSeconds < Self.wallLimit, "\(name) took \(wallSeconds) s", sourceLocation: sourceLocation)
        #expect(maxRSSBytes < Self.rssLimit, "\(name) used \(maxRSSBytes) bytes", sourceLocation: sourceLocation)
    }
}
