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
                var header: [UInt8] = [UInt8(result.severity.rank)]
                let length = UInt32(result.end - start)
                for shift in stride(from: 0, to: 32, by: 8) { header.append(UInt8(truncatingIfNeeded: length >> UInt32(shift))) }
                write(header.withUnsafeBufferPointer { $0 })
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
        var record: [UInt8] = []
        while fread(&header, 1, 5, file) == 5 {
            let length = (0..<4).reduce(0) { $0 | Int(header[1 + $1]) << (8 * $1) }
            record = [UInt8](repeating: 0, count: length)
            guard fread(&record, 1, length, file) == length else { Self.fail() }
            guard keep(Severity.allCases.first { $0.rank == Int(header[0]) } ?? .info) else { continue }
            pending.append(contentsOf: kept == 0 ? record.dropFirst() : record[...])
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
