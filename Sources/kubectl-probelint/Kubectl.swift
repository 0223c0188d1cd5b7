#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProbeLint

/// Runs `kubectl get … -o json` (live objects) or `kubectl kustomize DIR` (`-k`) and returns
/// its standard output. kubectl's standard error goes straight to ours, so its own message
/// reaches the user. Neither command changes anything, and no other is run.
enum Kubectl {
    struct Failure: Error { var message: String }

    /// The verbs probelint runs: both only read.
    static let verbs: Set = ["get", "kustomize"]

    /// `command` as reports and messages show it: a bearer token given with `--token` is not
    /// written into a SARIF or JSON report, a CI log or an error (kubectl itself never prints it).
    static func shown(_ command: [String]) -> [String] {
        command.indices.map { i in i > 0 && command[i - 1] == "--token" ? "<redacted>" : command[i] }
    }

    /// `standardError`: a file that takes kubectl's standard error instead (an attempt whose
    /// failure is not the user's to read; the caller passes its warnings on when it succeeds).
    static func run(_ command: [String], limit: Int, standardError: String? = nil) -> Result<[UInt8], Failure> {
        guard command.count > 1, verbs.contains(command[1]) else {
            return .failure(Failure(message: "only 'kubectl get' and 'kubectl kustomize' are run"))
        }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return .failure(Failure(message: "cannot create a pipe: \(String(cString: strerror(errno)))")) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        if let standardError { posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o600) }
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var cArguments: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for p in cArguments { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], &actions, nil, &cArguments, environ)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            return .failure(Failure(message: "cannot run \(command[0]): \(String(cString: strerror(spawned)))"))
        }
        // A signal that ends probelint meanwhile is passed on to kubectl (`SignalCleanup`).
        return SignalCleanup.forwarding(to: pid) { output(of: command, pid: pid, reading: fds[0], limit: limit) }
    }

    /// Reads kubectl's standard output from `fd` and waits for it to end.
    private static func output(of command: [String], pid: pid_t, reading fd: Int32, limit: Int) -> Result<[UInt8], Failure> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var tooLarge = false
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            if bytes.count + n > limit { tooLarge = true; kill(pid, SIGTERM); break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        close(fd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if tooLarge {
            return .failure(Failure(message: "kubectl's output is larger than the \(limit)-byte limit (raise it with --max-file-bytes)"))
        }
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            return .failure(Failure(message: "\(shown(command).joined(separator: " ")) failed (\(exited ? "exit status \(code)" : "signal \(status & 0x7f)"))"))
        }
        return .success(bytes)
    }
}
