#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run's pending cross-object findings (PL205: one per pod without a readiness
/// probe), held until the run's Services are known, without growing with the run.
///
/// Each is a compact record: the texts that repeat (files, messages, kinds,
/// namespaces, note texts, label sets) are written once in tables and referred
/// to by number. Records past `memoryLimit` bytes go to an unlinked temporary
/// file and are read back in order when the run resolves them. The log also
/// tells whether the findings came in report order (file in input order, then
/// position), which is how a run's per-file reports arrive.
///
/// One owner, one thread: the runner that merges the per-file reports.
public final class PendingLog: @unchecked Sendable {
    public private(set) var count = 0
    /// False once a finding came before an earlier one in report order.
    public private(set) var inReportOrder = true
    let memoryLimit: Int
    private var state = PendingRecords()
    private var spill: UnsafeMutablePointer<FILE>?
    /// The records of each chunk written to `spill`. When the temporary file cannot
    /// be made or written, the chunks written stay where they are and later records
    /// stay in memory.
    private var spilledChunks: [Int] = []
    private var spillFailed = false
    /// Opens the temporary file (`tmpfile`, unlinked at once); tests give another.
    private let openSpill: () -> UnsafeMutablePointer<FILE>?
    /// Set when spilled records could not be read back: the run must say so, not
    /// drop findings silently.
    public private(set) var failure: String?
    /// Input order of files, as `Linter.resolveCrossObject` sorts them.
    private var fileOrder: [String: Int] = [:]
    /// The file of the last finding appended and its input order: a file's findings come together.
    private var lastFile = (name: "", order: Int.max)
    private var lastKey = (file: 0, offset: 0)
    /// The suggestions of the (rare) findings that have some, by record number.
    private var suggestions: [Int: [Suggestion]] = [:]

    public init(memoryLimit: Int = 1 << 20, openSpill: @escaping () -> UnsafeMutablePointer<FILE>? = { tmpfile() }) {
        self.memoryLimit = memoryLimit
        self.openSpill = openSpill
    }

    deinit {
        if let spill { fclose(spill) }
    }

    /// Files linted, in input order (`CrossObjectFacts.files`), one look-up each. The last
    /// one becomes `lastFile`: its findings come next, and `append` looks none up.
    public func add(files: [String]) {
        for file in files {
            let next = fileOrder.count
            lastFile = (file, fileOrder.value(forKey: file, insertingIfAbsent: next))
        }
    }

    public func append(_ pending: CrossObjectFacts.PendingFinding) {
        let finding = pending.finding
        if finding.file != lastFile.name { lastFile = (finding.file, fileOrder[finding.file] ?? Int.max) }
        let key = (file: lastFile.order, offset: finding.range.start.offset)
        if count > 0 && (key.file, key.offset) < (lastKey.file, lastKey.offset) { inReportOrder = false }
        lastKey = key
        if !finding.suggestions.isEmpty { suggestions[count] = finding.suggestions }
        // A full chunk goes to disk before the next record: the last records are always in memory.
        if state.records.bytes.count >= memoryLimit && !spillFailed { flush() }
        count += 1
        state.encode(pending)
    }

    /// Every pending finding, in the order appended. When spilled records cannot be
    /// read back, `failure` says so and the records after them are still given. Each is
    /// `body`'s own (`consuming`), so that it can keep it without a copy.
    public func forEach(_ body: (consuming CrossObjectFacts.PendingFinding) -> Void) {
        var number = 0
        // Copied once: read through `self` for each record, the state was copied for each
        // (a retain and a release of every table). The records written so far need no more.
        let state = self.state
        func decode(_ chunk: [UInt8]) {
            var reader = RecordReader(bytes: chunk)
            while !reader.atEnd {
                body(state.decode(&reader, suggestions: suggestions[number] ?? []))
                number += 1
            }
        }
        if let spill, !spilledChunks.isEmpty {
            fflush(spill)
            rewind(spill)
            for _ in spilledChunks {
                var size = 0
                var chunk: [UInt8] = []
                if fread(&size, MemoryLayout<Int>.size, 1, spill) == 1, size >= 0 {
                    chunk = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                        initialized = size == 0 ? 0 : fread(buffer.baseAddress, 1, size, spill)
                    }
                }
                guard chunk.count == size, size > 0 else {
                    failure = "pending PL205 findings could not be read back from their temporary file: \(String(cString: strerror(errno)))"
                    number = spilledChunks.reduce(0, +)  // the records in memory keep their numbers
                    break
                }
                decode(chunk)
            }
            fseek(spill, 0, SEEK_END)
        }
        decode(state.records.bytes)
    }

    /// Bytes held in memory (the records not yet spilled).
    public var bytesInMemory: Int { state.records.bytes.count }

    private func flush() {
        if spill == nil { spill = openSpill() }
        guard let spill else {
            spillFailed = true
            return
        }
        var size = state.records.bytes.count
        // Flushed at once: a full disk shows here, while the records are still in memory.
        let written = fwrite(&size, MemoryLayout<Int>.size, 1, spill) == 1
            && state.records.bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, size, spill) } == size
            && fflush(spill) == 0
        guard written else {
            // A full disk: what did not fit is read from memory; no chunk is written after it.
            spillFailed = true
            return
        }
        spilledChunks.append(count - spilledChunks.reduce(0, +))
        state.records.bytes.removeAll(keepingCapacity: true)
    }
}
