import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import ProbeLint

/// Issue 7, the file system side: directories with bad files, symlink loops,
/// unreadable files, sockets and FIFOs.
@Suite("Hostile files")
struct HostileFileTests {
    typealias H = HostileInputTests

    /// stdout and stderr with the test directory taken out of the paths.
    static func relative(_ text: String, _ dir: URL) -> String {
        text.replacingOccurrences(of: dir.path + "/", with: "")
    }

    @Test func oneBadFileDoesNotStopTheOthers() throws {
        let dir = try H.directory("mixed")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try H.write(Array(H.pod(timeout: "1.5").utf8), "a-good.yaml", in: dir)
        _ = try H.write(Array("a: [\n".utf8), "b-broken.yaml", in: dir)
        _ = try H.write(H.billionLaughs, "c-laughs.yaml", in: dir)
        _ = try H.write(Array(H.pod(timeout: "1.5").utf8), "d-good.yaml", in: dir)
        let run = try MeasuredRun.run(["--no-color", dir.path])
        run.expectBounded("directory-with-bad-files")
        #expect(run.status == 2)
        let findings = Self.relative(run.stdout, dir).split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(findings.map { $0.prefix { $0 != " " } } == ["a-good.yaml:11:25:", "d-good.yaml:11:25:"])
        let errors = Self.relative(run.stderr, dir).split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors == [
            "b-broken.yaml:2:1: error: parser: did not find expected node content (while parsing a flow node at line 2, column 1)",
            "c-laughs.yaml:6:45: error: limit: aliases expand to more than 1000000 nodes (raise it with --max-alias-expansion)",
        ])
    }

    /// A name that is no UTF-8 (`x\xff.yaml`) would reach probelint as `x\u{FFFD}.yaml`, which
    /// names another file: as an argument it is a usage error, and `--fix` leaves the file of
    /// the look-alike name alone; in a directory it is an input error and the others are linted.
    @Test func aNameThatIsNoUTF8IsRefusedNotReadAsAnother() throws {
        let dir = try H.directory("latin1")
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = Array(H.pod(timeout: "1.5").utf8)
        _ = try H.write(text, "x\u{FFFD}.yaml", in: dir)
        let latin1 = dir.path + "/x\u{FF}.yaml"  // created below by its bytes, x then 0xff
        let bytes = Array(dir.path.utf8) + [0x2F, 0x78, 0xFF] + Array(".yaml".utf8) + [0]
        let fd = bytes.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        #expect(fd >= 0, "\(latin1)")
        _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let shell = URL(fileURLWithPath: "/bin/sh")
        let given = try TestSupport.run(["-c", "exec \"$0\" --fix --bandwidth 10MB/s --largest-transfer 700MB \"$(printf 'x\\377.yaml')\"", TestSupport.binary.path],
                                        executable: shell, directory: dir)
        #expect(given.status == 2)
        #expect(given.stderr == "error: argument 'x\\xff.yaml' is not valid UTF-8: probelint reads its arguments as UTF-8 (a file so named would be read as another); rename the file\n")
        #expect(try Data(contentsOf: dir.appendingPathComponent("x\u{FFFD}.yaml")) == Data(text))
        let walked = try TestSupport.run(["-f", "."], directory: dir)
        #expect(walked.status == 2)
        #expect(walked.stdout.hasPrefix("./x\u{FFFD}.yaml:11:25: error: "), "\(walked.stdout)")
        #expect(walked.stderr == "./x\\xff.yaml: error: the name is not valid UTF-8, so probelint cannot name it to read or fix it: rename it (not linted)\n")
    }

    @Test func aSymlinkLoopUnderRecursionVisitsEachDirectoryOnce() throws {
        let dir = try H.directory("loop")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sub = dir.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        _ = try H.write(Array(H.pod(timeout: "1.5").utf8), "pod.yaml", in: sub)
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("up").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("self").path, withDestinationPath: ".")
        let run = try MeasuredRun.run(["--no-color", "-R", dir.path])
        run.expectBounded("symlink-loop")
        #expect(run.status == 1)
        let findings = Self.relative(run.stdout, dir).split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(findings.map { $0.prefix { $0 != " " } } == ["sub/pod.yaml:11:25:"])
        #expect(run.stderr == "")
    }

    /// A folder whose path is longer than PATH_MAX: -R had passed over it, and the broken file in
    /// it, as a clean run. A loop of links with no manifest's name is still passed over, as
    /// kubectl's walk passes it over.
    @Test func aFolderBeyondPathMaxIsAnInputError() throws {
        let dir = try H.directory("deep")
        // FileManager cannot remove a tree this deep (it goes by paths); rm -rf goes by descriptors.
        defer { _ = try? TestSupport.run(["-rf", dir.path], executable: URL(fileURLWithPath: "/bin/rm")) }
        _ = try H.write(Array(H.pod(timeout: "1.5").utf8), "top.yaml", in: dir)
        // Made one level at a time, relative to the last (mkdir of the whole path would fail).
        var fd = open(dir.path, O_RDONLY)
        for _ in 0..<110 {
            let name = String(repeating: "d", count: 40)
            #expect(mkdirat(fd, name, 0o755) == 0)
            let next = openat(fd, name, O_RDONLY)
            close(fd)
            fd = next
        }
        let file = openat(fd, "bad.yaml", O_WRONLY | O_CREAT, 0o644)
        _ = "a: [\n".withCString { write(file, $0, 4) }
        close(file)
        close(fd)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("loop1").path, withDestinationPath: "loop2")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("loop2").path, withDestinationPath: "loop1")
        let run = try MeasuredRun.run(["--no-color", "-R", dir.path])
        run.expectBounded("deep-folder")
        #expect(run.status == 2)
        let errors = Self.relative(run.stderr, dir).split(separator: "\n")
        #expect(errors.count == 1 && errors.first?.hasSuffix("dddd: error: cannot read: File name too long") == true, "\(errors.map { $0.suffix(80) })")
        #expect(run.stdout.contains("top.yaml:11:25:"))
    }

    @Test func aDanglingSymlinkWithAManifestNameIsAnInputError() throws {
        let dir = try H.directory("dangling")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("gone.yaml").path,
                                                   withDestinationPath: "/nonexistent/gone.yaml")
        let run = try MeasuredRun.run(["--no-color", dir.path])
        run.expectBounded("dangling-symlink")
        #expect(run.status == 2)
        #expect(Self.relative(run.stderr, dir) == "gone.yaml: error: cannot read: No such file or directory\n")
    }

    /// chmod 000 does not stop root from reading, so as root this test has nothing to
    /// show; `aSocketIsUnreadable` covers the open() failure path under any user.
    @Test(.enabled(if: getuid() != 0, "running as root: chmod 000 does not stop root from reading"))
    func anUnreadableFileIsAnInputError() throws {
        let dir = try H.directory("unreadable")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try H.write(Array(H.pod(timeout: "1.5").utf8), "secret.yaml", in: dir)
        chmod(path, 0)
        let run = try MeasuredRun.run(["--no-color", path])
        run.expectBounded("unreadable-file")
        #expect(run.status == 2)
        #expect(Self.relative(run.stderr, dir) == "secret.yaml: error: cannot read: Permission denied\n")
    }

    /// A UNIX socket cannot be opened with open(2), even by root (ENXIO).
    @Test func aSocketIsUnreadable() throws {
        let dir = try H.directory("socket")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("socket.yaml").path
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        _ = try H.write(Array(H.pod(timeout: "1.5").utf8), "pod.yaml", in: dir)
        let run = try MeasuredRun.run(["--no-color", dir.path])
        run.expectBounded("socket")
        #expect(run.status == 2)
        #expect(Self.relative(run.stderr, dir) == "socket.yaml: error: cannot read: No such device or address\n")
        // The socket does not stop the file beside it.
        #expect(Self.relative(run.stdout, dir).split(separator: "\n").first
            == "pod.yaml:11:25: error: timeoutSeconds: 1.5 must be a whole number, not a float [PL202]")
    }

    /// An endless character device stops at --max-file-bytes, read in blocks and never past it.
    /// At the default limit it reads 256 MiB first: 0.4 s here, but 3.1 s of CPU, mostly the
    /// kernel's page faults, on one CI machine of this kind. The limit's cost is the user's
    /// choice; the test gives 16 MiB, and the next test checks the default.
    @Test func anEndlessDeviceStopsAtTheFileLimit() throws {
        let run = try MeasuredRun.run(["--no-color", "--max-file-bytes", "16777216", "/dev/zero"])
        run.expectBounded("dev-zero")
        #expect(run.status == 2)
        #expect(run.stderr == "/dev/zero: error: input is larger than the 16777216-byte limit (raise it with --max-file-bytes)\n")
        #expect(run.maxRSSBytes < 64 << 20)
    }

    /// The default limit is 256 MiB: a sparse file one byte larger is refused from its size
    /// (fstat), before a byte is read.
    @Test func aFileOneByteOverTheDefaultLimitIsRefusedUnread() throws {
        let dir = try H.directory("sparse")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try H.write(Array("a: 1\n".utf8), "sparse.yaml", in: dir)
        #expect(truncate(path, off_t(256 << 20) + 1) == 0)
        let run = try MeasuredRun.run(["--no-color", path])
        run.expectBounded("sparse-over-default-limit")
        #expect(run.status == 2)
        #expect(Self.relative(run.stderr, dir)
            == "sparse.yaml: error: file is 268435457 bytes, larger than the 268435456-byte limit (raise it with --max-file-bytes)\n")
        #expect(run.maxRSSBytes < 64 << 20)
    }

    /// A FIFO named to be read waits for its writer, as kubectl's blocking open does: read at
    /// once, it was an empty file that passed before its writer came. Found in a folder, it is
    /// an input error and not read, so that -R never waits on a FIFO nobody writes.
    @Test func aNamedFIFOWaitsForItsWriterAndOneInAFolderIsNotRead() throws {
        let dir = try H.directory("fifo")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(path, 0o644) == 0)
        let walked = try MeasuredRun.run(["--no-color", "-R", dir.path], deadline: 10)
        walked.expectBounded("fifo-in-a-folder")
        #expect(walked.status == 2)
        #expect(Self.relative(walked.stderr, dir).hasPrefix("pipe.yaml: error: is a FIFO found in a folder, not read"), "\(walked.stderr)")
        // A pattern's match is found too, not named (`-f 'deploy/*.yaml'`): it hung.
        let matched = try MeasuredRun.run(["--no-color", "-f", dir.path + "/*.yaml"], deadline: 10)
        matched.expectBounded("fifo-matched-by-a-pattern")
        #expect(matched.status == 2)
        #expect(Self.relative(matched.stderr, dir).hasPrefix("pipe.yaml: error: is a FIFO matched by the pattern"), "\(matched.stderr)")
        let process = Process()
        process.executableURL = TestSupport.binary
        process.arguments = ["--no-color", path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(500_000)
        #expect(process.isRunning, "it read the FIFO before its writer came")
        let fd = open(path, O_WRONLY)
        #expect(fd >= 0)
        _ = H.pod(timeout: "1.5").utf8CString.withUnsafeBytes { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(String(decoding: stdout, as: UTF8.self).contains("timeoutSeconds: 1.5 must be a whole number"))
    }

    /// A `.probelint.yaml` found in a folder that is a FIFO or a device is refused unopened, with
    /// exit 2: the config search waited on the FIFO for a writer, and every run below its folder
    /// hung (anyone can make `/tmp/.probelint.yaml` one). One too large for the search's limit
    /// says that `--config` reads it, where it named `--max-file-bytes`, which changed nothing.
    @Test func aFoundConfigThatIsAFIFOOrADeviceIsRefusedUnread() throws {
        let dir = try H.directory("fifo-config")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = dir.appendingPathComponent("pod.yaml")
        try H.pod(timeout: "1").write(to: manifest, atomically: true, encoding: .utf8)
        let config = dir.appendingPathComponent(".probelint.yaml").path
        let refused = ".probelint.yaml: error: is not a regular file (a FIFO, device or socket): probelint reads a .probelint.yaml it finds in a folder only when it is one, and never waits on one"
        #expect(mkfifo(config, 0o644) == 0)
        for arguments in [[manifest.path], ["-R", "-f", dir.path]] {
            let run = try MeasuredRun.run(["--no-color"] + arguments, deadline: 10)
            run.expectBounded("fifo-config")
            #expect(run.status == 2 && Self.relative(run.stderr, dir).hasPrefix(refused), "\(run.stderr)")
        }
        try FileManager.default.removeItem(atPath: config)
        try FileManager.default.createSymbolicLink(atPath: config, withDestinationPath: "/dev/zero")
        let device = try MeasuredRun.run(["--no-color", manifest.path], deadline: 10)
        device.expectBounded("device-config")
        #expect(device.status == 2 && Self.relative(device.stderr, dir).hasPrefix(refused), "\(device.stderr)")
        try FileManager.default.removeItem(atPath: config)
        try String(repeating: "# pad\n", count: 200_000).write(toFile: config, atomically: true, encoding: .utf8)
        let large = try MeasuredRun.run(["--no-color", "--max-file-bytes", "10000000", manifest.path], deadline: 10)
        #expect(large.status == 2 && Self.relative(large.stderr, dir).hasPrefix(
            ".probelint.yaml: error: file is 1200000 bytes, larger than the 1048576 bytes probelint reads of a .probelint.yaml it finds in a folder (--config FILE reads one up to --max-file-bytes)"),
                "\(large.stderr)")
        let given = try MeasuredRun.run(["--no-color", "--max-file-bytes", "10000000", "--config", config, manifest.path], deadline: 10)
        #expect(given.status != 2 && given.stderr.isEmpty, "\(given.stderr)")
    }

    @Test func aFIFOWithAWriterIsLinted() throws {
        let dir = try H.directory("fifo-writer")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(path, 0o644) == 0)
        // The writer opens the FIFO and waits for the reader before writing.
        let manifest = H.pod(timeout: "1.5")
        let ready = DispatchSemaphore(value: 0)
        let writer = Thread {
            ready.signal()
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { return }
            _ = manifest.utf8CString.withUnsafeBytes { write(fd, $0.baseAddress, $0.count - 1) }
            close(fd)
        }
        writer.start()
        // The writer is blocked in open(2) before the reader opens (the other test has the
        // reader first, waiting for its writer).
        ready.wait()
        usleep(100_000)
        let run = try MeasuredRun.run(["--no-color", "-f", path], deadline: 10)
        run.expectBounded("fifo-with-writer")
        #expect(run.status == 1)
        #expect(Self.relative(run.stdout, dir).split(separator: "\n").first
            == "pipe.yaml:11:25: error: timeoutSeconds: 1.5 must be a whole number, not a float [PL202]")
        if run.status != 1 {  // the reader missed the writer: unblock the writer's open
            let fd = open(path, O_RDONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
        }
    }
}
