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
    private var state = EncoderState()
    private var spill: UnsafeMutablePointer<FILE>?
    /// Chunks written to `spill`. When the temporary file cannot be made or
    /// written, the chunks written stay where they are and later records stay in memory.
    private var spilledChunks = 0
    private var spillFailed = false
    /// Opens the temporary file (`tmpfile`, unlinked at once); tests give another.
    private let openSpill: () -> UnsafeMutablePointer<FILE>?
    /// Set when spilled records could not be read back: the run must say so, not
    /// drop findings silently.
    public private(set) var failure: String?
    /// Input order of files, as `Linter.resolveCrossObject` sorts them.
    private var fileOrder: [String: Int] = [:]
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

    /// Files linted, in input order (`CrossObjectFacts.files`).
    public func add(files: [String]) {
        for file in files where fileOrder[file] == nil { fileOrder[file] = fileOrder.count }
    }

    public func append(_ pending: CrossObjectFacts.PendingFinding) {
        let finding = pending.finding
        let key = (file: fileOrder[finding.file] ?? Int.max, offset: finding.range.start.offset)
        if count > 0 && (key.file, key.offset) < (lastKey.file, lastKey.offset) { inReportOrder = false }
        lastKey = key
        if !finding.suggestions.isEmpty { suggestions[count] = finding.suggestions }
        count += 1
        state.encode(pending)
        if state.records.bytes.count >= memoryLimit && !spillFailed { flush() }
    }

    /// Every pending finding, in the order appended. When spilled records cannot be
    /// read back, `failure` says so and the records after them are still given.
    public func forEach(_ body: (CrossObjectFacts.PendingFinding) -> Void) {
        var number = 0
        func decode(_ chunk: [UInt8]) {
            var reader = RecordReader(bytes: chunk)
            while !reader.atEnd {
                body(state.decode(&reader, suggestions: suggestions[number] ?? []))
                number += 1
            }
        }
        if let spill, spilledChunks > 0 {
            fflush(spill)
            rewind(spill)
            for _ in 0..<spilledChunks {
                var size = 0
                var chunk: [UInt8] = []
                if fread(&size, MemoryLayout<Int>.size, 1, spill) == 1, size >= 0 {
                    chunk = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                        initialized = size == 0 ? 0 : fread(buffer.baseAddress, 1, size, spill)
                    }
                }
                guard chunk.count == size, size > 0 else {
                    failure = "pending PL205 findings could not be read back from their temporary file: \(String(cString: strerror(errno)))"
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
        spilledChunks += 1
        state.records.bytes.removeAll(keepingCapacity: true)
    }
}

/// The records and the tables their numbers refer to. One struct, so that a
/// record is encoded under one exclusive access to the log's state.
private struct EncoderState {
    var records = RecordWriter()
    var texts = Table<String>()
    var labelSets = Table<[String: String]>()
    /// Per field, the previous record's text and its number: a record mostly
    /// repeats the previous one's texts, and the same storage compares at once.
    var previous = [(text: String, number: Int)](repeating: ("", -1), count: Field.allCases.count)

    enum Field: Int, CaseIterable {
        case rule, severity, message, file, kind, namespace, container, probe, noteKind, noteText, noteName, noteUnit,
             noteOrigin, podNamespace
    }

    mutating func text(_ s: String, _ field: Field) -> Int {
        let slot = previous[field.rawValue]
        if slot.number >= 0 && slot.text == s { return slot.number }
        let n = texts.index(s)
        previous[field.rawValue] = (s, n)
        return n
    }

    mutating func optionalText(_ s: String?, _ field: Field) {
        records.optional(s.map { text($0, field) })
    }

    mutating func encode(_ pending: CrossObjectFacts.PendingFinding) {
        let finding = pending.finding
        records.int(text(finding.rule.rawValue, .rule))
        records.int(text(finding.severity.rawValue, .severity))
        records.int(text(finding.message, .message))
        records.int(text(finding.file, .file))
        for position in [finding.range.start, finding.range.end] {
            records.int(position.offset)
            records.int(position.line)
            records.int(position.column)
        }
        records.int(text(finding.object.kind, .kind))
        optionalText(finding.object.namespace, .namespace)
        records.string(finding.object.name)
        optionalText(finding.object.container, .container)
        optionalText(finding.object.probe?.rawValue, .probe)
        records.int(finding.notes.count)
        for note in finding.notes {
            records.int(text(note.kind.rawValue, .noteKind))
            records.int(text(note.text, .noteText))
            optionalText(note.name, .noteName)
            records.optional(note.value.map { Int(bitPattern: UInt(truncatingIfNeeded: $0.bitPattern)) })
            optionalText(note.unit, .noteUnit)
            optionalText(note.origin, .noteOrigin)
        }
        if let path = finding.path {
            records.int(1)
            records.string(path)
        } else {
            records.int(0)
        }
        optionalText(pending.namespace, .podNamespace)
        records.int(labelSets.index(pending.podLabels))
    }

    func decode(_ r: inout RecordReader, suggestions: [Suggestion]) -> CrossObjectFacts.PendingFinding {
        let text = { (r: inout RecordReader) in self.texts.values[r.int()] }
        let optionalText = { (r: inout RecordReader) in r.optional().map { self.texts.values[$0] } }
        let rule = RuleID(rawValue: text(&r))
        let severity = Severity(rawValue: text(&r)) ?? .info
        let message = text(&r)
        let file = text(&r)
        var positions: [SourcePosition] = []
        for _ in 0..<2 { positions.append(SourcePosition(offset: r.int(), line: r.int(), column: r.int())) }
        let kind = text(&r)
        let namespace = optionalText(&r)
        let name = r.string()
        let container = optionalText(&r)
        let probe = optionalText(&r).flatMap(ProbeKind.init(rawValue:))
        var notes: [Note] = []
        for _ in 0..<r.int() {
            let noteKind = Note.Kind(rawValue: text(&r)) ?? .note
            var note = Note(noteKind, MessageText(text(&r)), name: optionalText(&r))
            note.value = r.optional().map { Double(bitPattern: UInt64(UInt(bitPattern: $0))) }
            note.unit = optionalText(&r)
            note.origin = optionalText(&r)
            notes.append(note)
        }
        let path = r.int() == 1 ? r.string() : nil
        let podNamespace = optionalText(&r)
        let labels = labelSets.values[r.int()]
        let finding = Finding(rule: rule, severity: severity, message: message, file: file,
                              range: SourceRange(start: positions[0], end: positions[1]),
                              object: ObjectRef(kind: kind, namespace: namespace, name: name, container: container, probe: probe),
                              notes: notes, suggestions: suggestions, path: path)
        return CrossObjectFacts.PendingFinding(finding: finding, namespace: podNamespace, podLabels: labels)
    }
}

/// Values numbered in the order first seen; the last one asked for is compared before any is hashed.
private struct Table<Value: Hashable> {
    var values: [Value] = []
    var numbers: [Value: Int] = [:]
    var last = -1

    mutating func index(_ value: Value) -> Int {
        if last >= 0 && values[last] == value { return last }
        if let known = numbers[value] {
            last = known
        } else {
            last = values.count
            numbers[value] = last
            values.append(value)
        }
        return last
    }
}

/// Unsigned LEB128 integers and length-prefixed UTF-8.
private struct RecordWriter {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        var v = UInt(bitPattern: value)
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// 0 for nil, else 1 and the value.
    mutating func optional(_ value: Int?) {
        guard let value else { return int(0) }
        int(1)
        int(value)
    }

    mutating func string(_ s: String) {
        int(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }
}

private struct RecordReader {
    let bytes: [UInt8]
    var at = 0

    var atEnd: Bool { at >= bytes.count }

    mutating func int() -> Int {
        var v: UInt = 0
        var shift: UInt = 0
        while at < bytes.count {
            let b = bytes[at]
            at += 1
            v |= UInt(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return Int(bitPattern: v)
    }

    mutating func optional() -> Int? { int() == 0 ? nil : int() }

    mutating func string() -> String {
        let n = int()
        defer { at += n }
        return String(decoding: bytes[at..<at + n], as: UTF8.self)
    }
}
