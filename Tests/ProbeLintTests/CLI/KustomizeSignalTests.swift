import Foundation
import Testing
@testable import ProbeLint

/// A signal that ends `-k` while kubectl kustomize runs (Ctrl-C: SIGINT; a CI timeout: SIGTERM;
/// a closed terminal: SIGHUP) leaves no temporary folder, reaches kubectl, and ends probelint
/// by that signal. kubectl here is a script that waits for a signal and notes which one came.
@Suite struct KustomizeSignalTests {
    /// A project for `-k`, a kubectl that waits for a signal, and an empty TMPDIR.
    final class Run {
        let dir: URL, temporary: URL, mark: URL, errors: URL
        let pid: pid_t

        /// Starts `prefix + [probelint, -k, project]` and returns once kubectl waits with its traps set.
        init(prefix: [String] = []) throws {
            dir = try FixSupport.temporaryDirectory()
            let bin = dir.appendingPathComponent("bin"), project = dir.appendingPathComponent("project")
            temporary = dir.appendingPathComponent("tmp")
            mark = dir.appendingPathComponent("mark")
            errors = dir.appendingPathComponent("stderr")
            let ready = dir.appendingPathComponent("ready")
            for folder in [bin, temporary, project] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
            try "resources: []\n".write(to: project.appendingPathComponent("kustomization.yaml"), atomically: true, encoding: .utf8)
            // Written as `kubectl.src`, then copied into place by cp: a script this process wrote
            // itself can be held open for writing by a child another test forks meanwhile, and
            // exec then fails with ETXTBSY ("text file busy"; the run ended at once, seen in CI).
            let kubectl = bin.appendingPathComponent("kubectl"), source = dir.appendingPathComponent("kubectl.src")
            try """
                #!/bin/sh
                trap 'kill $!; echo INT > "\(mark.path)"; exit 130' INT
                trap 'kill $!; echo TERM > "\(mark.path)"; exit 143' TERM
                trap 'kill $!; echo HUP > "\(mark.path)"; exit 129' HUP
                sleep 30 &
                touch "\(ready.path)"
                wait

                """.write(to: source, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: source.path)
            let copied = try TestSupport.run([source.path, kubectl.path], executable: URL(fileURLWithPath: "/bin/cp"))
            guard copied.status == 0 else { throw CocoaError(.fileWriteUnknown) }
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = bin.path + ":/usr/bin:/bin"
            environment["TMPDIR"] = temporary.path
            pid = try KustomizeSignalTests.spawn(prefix + [TestSupport.binary.path, "-k", project.path], environment: environment,
                                                 stderr: errors.path)
            let deadline = Date().addingTimeInterval(20)
            while !FileManager.default.fileExists(atPath: ready.path) && Date() < deadline { usleep(20_000) }
        }

        deinit {
            kill(pid, SIGKILL)
            try? FileManager.default.removeItem(at: dir)
        }

        /// What probelint wrote to standard error (for a failure's message).
        var stderr: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

        /// The files in TMPDIR's folders.
        var made: [String] {
            let folders = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
            return folders.flatMap { folder in
                ((try? FileManager.default.contentsOfDirectory(atPath: temporary.appendingPathComponent(folder).path)) ?? []).map { folder + "/" + $0 }
            }
        }

        /// The signal kubectl noted, waiting up to 2 s for it.
        var noted: String {
            for _ in 0..<100 {
                if let text = try? String(contentsOf: mark, encoding: .utf8), !text.isEmpty { return text }
                usleep(20_000)
            }
            return ""
        }

        /// probelint's wait status once it ends.
        func wait() -> Int32 {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return status
        }
    }

    static let names = [SIGINT: "INT\n", SIGTERM: "TERM\n", SIGHUP: "HUP\n"]

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalDuringKustomizeRemovesTheTemporaryFolder(_ number: Int32) throws {
        let run = try Run()
        // The kustomization and the file that takes kustomize's standard error.
        #expect(run.made.count == 2, "\(run.made) \(run.stderr)")
        kill(run.pid, number)
        let status = run.wait()
        #expect(status & 0x7f == number, "wait status \(status)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: run.temporary.path) == [])
        #expect(run.noted == Self.names[number])
    }

    /// Under `nohup`, SIGHUP stays ignored: probelint and kubectl go on; a SIGTERM still cleans up.
    @Test func aSignalIgnoredAtTheStartStaysIgnored() throws {
        let run = try Run(prefix: ["/usr/bin/nohup"])
        #expect(run.made.count == 2, "\(run.made) \(run.stderr)")
        kill(run.pid, SIGHUP)
        usleep(300_000)
        #expect(waitpid(run.pid, nil, WNOHANG) == 0, "probelint ended on an ignored SIGHUP")
        #expect(run.made.count == 2 && !FileManager.default.fileExists(atPath: run.mark.path))
        kill(run.pid, SIGTERM)
        #expect(run.wait() & 0x7f == SIGTERM)
        #expect(run.made.isEmpty)
        #expect(run.noted == Self.names[SIGTERM])
    }

    /// Starts `command` as a shell would: no signal blocked, INT, TERM and HUP at their defaults.
    /// (A process that Foundation starts from a test thread inherits that thread's blocked signals.)
    static func spawn(_ command: [String], environment: [String: String], stderr: String) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let env: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in env { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, &attributes, argv, env)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        return pid
    }
}
