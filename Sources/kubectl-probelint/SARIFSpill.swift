#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProbeLint

/// SARIF's results held in an unlinked temporary file until the run ends, so that a run of more
/// than GitHub's 25,000 results keeps the most severe (`ResultLimit`) in bounded memory. Each
/// result is a record: its severity's rank (one byte), its length (four bytes) and its bytes as
/// rendered, from the comma before it. Used by the writer alone.
final class SARIFSpill: @unchecked Sendable {
    private let file: UnsafeMutablePointer<FILE>

    /// Nil when no temporary file can be made (in `TMPDIR`, else /tmp).
    init?() {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/.probelint-sarif-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        // Unlinked at once: nothing is left behind, however the run ends.
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        guard let file = fdopen(fd, "w+") else { close(fd); return nil }
        self.file = file
    }

    deinit { fclose(file) }

    /// The results of `bytes` that `results` marks, each from the end of the one before.
    func append(_ bytes: [UInt8], results: [ResultLimit.Mark]) {
        var start = 0
        bytes.withUnsafeBufferPointer { buffer in
            for result in results {
                let length = UInt32(result.end - start)
                // The header on the stack: an array a result cost an allocation each.
                var header: (UInt8, UInt8, UInt8, UInt8, UInt8) = (UInt8(result.severity.rank), UInt8(truncatingIfNeeded: length),
                    UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 24))
                withUnsafeBytes(of: &header) { write(UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 5)) }
                write(UnsafeBufferPointer(rebasing: buffer[start..<result.end]))
                start = result.end
            }
        }
    }

    /// Writes, in file order, the results `keep` says yes to (asked once per result, with its
    /// severity) to `out`, the first without the comma before it; returns how many it wrote.
    func replay(keep: (Severity) -> Bool, to out: ([UInt8]) -> Void) -> Int {
        guard fflush(file) == 0, fseek(file, 0, SEEK_SET) == 0 else { Self.fail() }
        var kept = 0
        var pending: [UInt8] = []
        var header = [UInt8](repeating: 0, count: 5)
        while fread(&header, 1, 5, file) == 5 {
            let length = (0..<4).reduce(0) { $0 | Int(header[1 + $1]) << (8 * $1) }
            let severity = Severity.allCases.first { $0.rank == Int(header[0]) } ?? .info
            guard keep(severity) else {
                guard fseek(file, length, SEEK_CUR) == 0 else { Self.fail() }
                continue
            }
            // Read straight into what is written next; the first result without its comma.
            let start = pending.count
            pending.append(contentsOf: repeatElement(0, count: length))
            let read = pending.withUnsafeMutableBufferPointer { fread($0.baseAddress! + start, 1, length, file) }
            guard read == length else { Self.fail() }
            if kept == 0, length > 0 { pending.remove(at: start) }
            kept += 1
            if pending.count >= 1 << 16 { out(pending); pending.removeAll(keepingCapacity: true) }
        }
        guard ferror(file) == 0 else { Self.fail() }
        if !pending.isEmpty { out(pending) }
        return kept
    }

    private func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.isEmpty || fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count else { Self.fail() }
    }

    /// A temporary file that cannot be written or read back (a full disk) ends the run with
    /// exit status 2, as standard output does (`writeAll`): the SARIF would be cut.
    private static func fail() -> Never {
        writeAll(2, "kubectl-probelint: error: cannot hold SARIF's results in a temporary file: \(String(cString: strerror(errno)))\n")
        terminate(Exit.inputError)
    }
}
