#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProbeLint

/// Runs `kubectl get … -o json` (live objects) or `kubectl kustomize DIR` (`-k`) and returns
/// its standard output. kubectl's standard error reaches ours as it comes, so its own messages
/// (and a login prompt) reach the user, and its last line is kept for a failure's reports. Neither command
/// changes anything, and no other is run but shell completion's reads (`runs`).
enum Kubectl {
    struct Failure: Error {
        var message: String
        /// kubectl's own last line on standard error (`Error from server (Forbidden): …`), for
        /// the reports that carry the failure (JSON, SARIF, …); the text report has it above.
        var reason: String? = nil
        /// What kubectl printed on standard output before it failed: `kubectl get ds,deploy`
        /// prints the DaemonSets when listing Deployments is forbidden.
        var output: [UInt8] = []

        /// The message with kubectl's reason, for a report read apart from stderr.
        var withReason: String { reason.map { "\(message): \($0)" } ?? message }
    }

    /// The verbs probelint runs: both only read.
    static let verbs: Set = ["get", "kustomize"]
    /// The `kubectl config` commands shell completion runs (`KubectlCompletion`): they only read the kubeconfig.
    /// (`current-context`: the context `-o patch` names when no `--context` chose it.)
    static let configReads: Set = ["get-contexts", "get-clusters", "get-users", "current-context"]
    /// The completions shell completion asks kubectl for: those of `get` (resource types and
    /// names), which only read.
    static let completions: Set = ["get"]

    /// Whether `command` (`kubectl ...`) is one probelint runs: a verb, a config read or a completion.
    static func runs(_ command: [String]) -> Bool {
        guard command.count > 1 else { return false }
        if verbs.contains(command[1]) { return true }
        guard command.count > 2 else { return false }
        return (command[1] == "config" && configReads.contains(command[2])) || (command[1] == "__complete" && completions.contains(command[2]))
    }

    /// `command` as reports and messages show it: a bearer token given with `--token`, and the
    /// password in a `--server` URL's user info (`https://user:password@host`), are not written
    /// into a SARIF or JSON report, a CI log or an error (kubectl itself never prints them).
    static func shown(_ command: [String]) -> [String] {
        command.indices.map { i in
            guard i > 0 else { return command[i] }
            switch command[i - 1] {
            case "--token": return "<redacted>"
            case "--server": return redactingPassword(command[i])
            default: return command[i]
            }
        }
    }

    /// A URL with the password of its user info replaced: `https://u:pw@host` is
    /// `https://u:<redacted>@host`; a URL without one is as it was.
    static func redactingPassword(_ url: String) -> String {
        let bytes = Array(url.utf8)
        let authority = (bytes.firstIndex(of: UInt8(ascii: ":")).flatMap { colon in
            bytes[colon...].starts(with: "://".utf8) ? colon + 3 : nil
        }) ?? 0
        let end = bytes[authority...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.count
        guard let at = bytes[authority..<end].lastIndex(of: UInt8(ascii: "@")),
              let colon = bytes[authority..<at].firstIndex(of: UInt8(ascii: ":")) else { return url }
        return String(decoding: bytes[..<(colon + 1)], as: UTF8.self) + "<redacted>" + String(decoding: bytes[at...], as: UTF8.self)
    }

    /// `standardError`: a file that takes kubectl's standard error instead (an attempt whose
    /// failure is not the user's to read; the caller passes its warnings on when it succeeds).
    /// `deadline`: seconds after which kubectl is killed and the run fails (shell completion's:
    /// a server that accepts connections and never answers held a shell for half a minute).
    static func run(_ command: [String], limit: Int, standardError: String? = nil, deadline: Double? = nil) -> Result<[UInt8], Failure> {
        guard runs(command) else {
            return .failure(Failure(message: "only 'kubectl get', 'kubectl kustomize', 'kubectl config get-contexts/-clusters/-users/current-context' and 'kubectl __complete get' are run"))
        }
        var fds: [Int32] = [0, 0], errors: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return .failure(Failure(message: "cannot create a pipe: \(String(cString: strerror(errno)))")) }
        // kubectl's standard error through a pipe of its own, passed on as it comes (a login
        // prompt must show while kubectl waits) and its last line kept for the reports.
        if standardError == nil, pipe(&errors) != 0 { errors = [-1, -1] }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        if let standardError {
            posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else if errors[1] >= 0 {
            posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
            posix_spawn_file_actions_addclose(&actions, errors[0])
            posix_spawn_file_actions_addclose(&actions, errors[1])
        }
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var cArguments: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for p in cArguments { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], &actions, nil, &cArguments, environ)
        close(fds[1])
        if errors[1] >= 0 { close(errors[1]) }
        guard spawned == 0 else {
            close(fds[0])
            if errors[0] >= 0 { close(errors[0]) }
            if spawned == ENOENT {
                return .failure(Failure(message: "\(command[0]) is not on PATH: probelint runs 'kubectl \(command[1])' for \(command[1] == "get" ? "kubectl resources (an argument that is no file)" : "-k")"))
            }
            return .failure(Failure(message: "cannot run \(command[0]): \(String(cString: strerror(spawned)))"))
        }
        // A signal that ends probelint meanwhile is passed on to kubectl (`SignalCleanup`).
        var lastLine = LastLine()
        let result = SignalCleanup.forwarding(to: pid) {
            output(of: command, pid: pid, reading: fds[0], errors: errors[0], lastLine: &lastLine, limit: limit,
                   until: deadline.map { (monotonicSeconds() + $0, $0) })
        }
        guard case .failure(var failure) = result else { return result }
        failure.reason = lastLine.text
        return .failure(failure)
    }

    /// Reads kubectl's standard output from `fd` and waits for it to end; what it writes to
    /// `errors` (when >= 0) goes to our standard error as it comes, its last line into `lastLine`.
    private static func output(of command: [String], pid: pid_t, reading fd: Int32, errors: Int32,
                               lastLine: inout LastLine, limit: Int, until deadline: (at: Double, seconds: Double)?) -> Result<[UInt8], Failure> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var tooLarge = false, timedOut = false
        var open: [Int32] = errors >= 0 ? [fd, errors] : [fd]
        var status: Int32 = 0, reaped = false
        while !open.isEmpty && !tooLarge {
            // Once stdout is done, kubectl's end ends the wait: a child it left behind (an exec
            // credential plugin's browser) may hold stderr open long after.
            if !open.contains(fd) {
                if !reaped {
                    let done = waitpid(pid, &status, WNOHANG)
                    reaped = done == pid || (done < 0 && errno != EINTR)
                }
                if reaped { _ = fcntl(errors, F_SETFL, fcntl(errors, F_GETFL) | O_NONBLOCK) }
            }
            var polled = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            var wait: Int32 = open.contains(fd) ? -1 : (reaped ? 0 : 100)
            if let deadline {
                let left = deadline.at - monotonicSeconds()
                if left <= 0 {
                    timedOut = true
                    kill(pid, SIGKILL)
                    break
                }
                let ms = Int32(min(left * 1000 + 1, 100_000))
                wait = wait < 0 ? ms : min(wait, ms)
            }
            let ready = poll(&polled, nfds_t(polled.count), wait)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 && reaped { break }
            for entry in polled where entry.revents != 0 {
                let n = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                    continue
                }
                if entry.fd == fd {
                    if bytes.count + n > limit { tooLarge = true; kill(pid, SIGTERM); break }
                    bytes.append(contentsOf: chunk[0..<n])
                } else {
                    chunk.withUnsafeBufferPointer { writeAll(2, UnsafeBufferPointer(rebasing: $0[0..<n])) }
                    lastLine.add(chunk[0..<n])
                }
            }
        }
        for other in open { close(other) }
        // Our own lines start on a line of their own after kubectl's last one.
        if lastLine.endsUnfinished { writeAll(2, "\n") }
        if !reaped { while waitpid(pid, &status, 0) < 0 && errno == EINTR {} }
        if timedOut, let deadline {
            return .failure(Failure(message: "\(shown(command).joined(separator: " ")) did not finish within \(Int(deadline.seconds.rounded(.up))) s"))
        }
        if tooLarge {
            return .failure(Failure(message: "kubectl's output is larger than the \(limit)-byte limit (raise it with --max-file-bytes)"))
        }
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            return .failure(Failure(message: "\(shown(command).joined(separator: " ")) failed (\(exited ? "exit status \(code)" : "signal \(status & 0x7f)"))",
                                    output: exited ? bytes : []))
        }
        return .success(bytes)
    }

    /// The last line that is not blank of what kubectl wrote to its standard error (at most
    /// 1,000 bytes of it), for a failure's reports.
    struct LastLine {
        private var last: [UInt8] = [], line: [UInt8] = []
        /// The lines of a klog value written over several (`"command failed" err=<`, each line
        /// indented, up to a line that is `>`: kustomize's errors), trimmed; nil outside one.
        private var block: [[UInt8]]?
        /// Whether the last byte passed on was not a line break.
        private(set) var endsUnfinished = false

        mutating func add(_ bytes: ArraySlice<UInt8>) {
            if let last = bytes.last { endsUnfinished = last != UInt8(ascii: "\n") }
            for byte in bytes {
                if byte == UInt8(ascii: "\n") {
                    let trimmed = Array(line.drop(while: isBlank).reversed().drop(while: isBlank).reversed())
                    if var lines = block {
                        if trimmed.elementsEqual(">".utf8) {
                            // The value, on one line: its last line alone ('>') said nothing.
                            last = Array(lines.joined(separator: [UInt8(ascii: " ")]).prefix(1_000))
                            block = nil
                        } else if !trimmed.isEmpty, lines.count < 20 {
                            lines.append(trimmed)
                            block = lines
                        }
                    } else if !trimmed.isEmpty {
                        last = line
                        if trimmed.suffix(5).elementsEqual("err=<".utf8) { block = [] }
                    }
                    line.removeAll(keepingCapacity: true)
                } else if line.count < 1_000 {
                    line.append(byte)
                }
            }
        }

        /// The line, without klog's header and escaped for a terminal; nil when there is none.
        var text: String? {
            let final = line.contains(where: { !isBlank($0) }) ? line : last
            guard var start = final.firstIndex(where: { !isBlank($0) }), let end = final.lastIndex(where: { !isBlank($0) }) else { return nil }
            start = afterKlogHeader(final, from: start) ?? start
            return TerminalText.escape(String(decoding: final[start...end], as: UTF8.self))
        }
    }

    /// Where the text of a klog line starts, after its header (`E1205 12:19:49.737949   24681
    /// run.go:72] `: severity, date, time, thread and place), which kubectl writes before an
    /// error such as kustomize's; nil for a line without one.
    static func afterKlogHeader(_ line: [UInt8], from start: Int) -> Int? {
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        guard line.count > start + 22, "IWEF".utf8.contains(line[start]),
              line[(start + 1)...(start + 4)].allSatisfy(digits.contains), line[start + 5] == UInt8(ascii: " "),
              line[start + 8] == UInt8(ascii: ":"), line[start + 11] == UInt8(ascii: ":"),
              let bracket = line[start...].firstIndex(of: UInt8(ascii: "]")), bracket + 2 < line.count,
              line[bracket + 1] == UInt8(ascii: " ") else { return nil }
        return bracket + 2
    }

    fileprivate static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}

/// Seconds on the monotonic clock (deadlines that a change of the wall clock does not move).
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
