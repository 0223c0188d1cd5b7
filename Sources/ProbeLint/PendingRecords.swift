/// The compact records of a `PendingLog` and the tables their numbers refer to:
/// each pending finding as LEB128 integers (`RecordWriter`), its texts that repeat
/// as numbers into `texts` and `selections`, the object's name as UTF-8. One
/// struct, so that a record is encoded under one exclusive access to the log's state.
struct PendingRecords {
    var records = RecordWriter()
    var texts = NumberedValues<String>()
    /// The pods' namespaces and label sets; a record's number here is its finding's `selection`.
    var selections = NumberedValues<Selection>()
    /// Per field, the previous record's text and its number: a record mostly
    /// repeats the previous one's texts, and the same storage compares at once.
    var previous = [(text: String, number: Int)](repeating: ("", -1), count: Field.allCases.count)

    /// A pod's namespace (its number in `texts`, -1 for none) and labels: what decides
    /// which Services select it.
    struct Selection: Hashable {
        var namespace: Int
        var labels: [String: String]
    }

    enum Field: Int, CaseIterable {
        case rule, severity, message, file, kind, namespace, container, probe, noteKind, noteText, noteName, noteUnit,
             noteOrigin, path, podNamespace
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
        records.position(finding.range.start)
        records.position(finding.range.end)
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
        optionalText(finding.path, .path)
        let namespace = pending.namespace.map { text($0, .podNamespace) } ?? -1
        records.int(selections.index(Selection(namespace: namespace, labels: pending.podLabels)))
    }

    func decode(_ r: inout RecordReader, suggestions: [Suggestion]) -> CrossObjectFacts.PendingFinding {
        let text = { (r: inout RecordReader) in self.texts.values[r.int()] }
        let optionalText = { (r: inout RecordReader) in r.optional().map { self.texts.values[$0] } }
        let rule = RuleID(rawValue: text(&r))
        let severity = Severity(rawValue: text(&r)) ?? .info
        let message = text(&r)
        let file = text(&r)
        let range = SourceRange(start: r.position(), end: r.position())
        let kind = text(&r)
        let namespace = optionalText(&r)
        let name = r.string()
        let container = optionalText(&r)
        let probe = optionalText(&r).flatMap(ProbeKind.init(rawValue:))
        var notes = Notes()
        for _ in 0..<r.int() {
            let noteKind = Note.Kind(rawValue: text(&r)) ?? .note
            var note = Note(noteKind, MessageText(text(&r)), name: optionalText(&r))
            note.value = r.optional().map { Double(bitPattern: UInt64(UInt(bitPattern: $0))) }
            note.unit = optionalText(&r)
            note.origin = optionalText(&r)
            notes.append(note)
        }
        let path = optionalText(&r)
        let number = r.int()
        let selection = selections.values[number]
        let finding = Finding(rule: rule, severity: severity, message: message, file: file,
                              range: range,
                              object: ObjectRef(kind: kind, namespace: namespace, name: name, container: container, probe: probe),
                              notes: notes, suggestions: suggestions, path: path)
        return CrossObjectFacts.PendingFinding(finding: finding, namespace: selection.namespace < 0 ? nil : texts.values[selection.namespace],
                                               podLabels: selection.labels, selection: number)
    }
}

/// Values numbered in the order first seen; the last one asked for is compared before any is hashed.
struct NumberedValues<Value: Hashable> {
    var values: [Value] = []
    var numbers: [Value: Int] = [:]
    var last = -1

    mutating func index(_ value: Value) -> Int {
        if last >= 0 && values[last] == value { return last }
        last = numbers.value(forKey: value, insertingIfAbsent: values.count)
        if last == values.count { values.append(value) }
        return last
    }
}

extension Dictionary {
    /// The value under `key`, after storing `value` there if there was none: one look-up
    /// (the `default:` subscript's in-place access inserts), where a read and then a store
    /// hashed the key twice.
    mutating func value(forKey key: Key, insertingIfAbsent value: Value) -> Value {
        func read(_ stored: inout Value) -> Value { stored }
        return read(&self[key, default: value])
    }
}

/// Unsigned LEB128 integers and length-prefixed UTF-8.
struct RecordWriter {
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

    mutating func position(_ position: SourcePosition) {
        int(position.offset)
        int(position.line)
        int(position.column)
    }

    mutating func string(_ s: String) {
        int(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }
}

struct RecordReader {
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

    mutating func position() -> SourcePosition { SourcePosition(offset: int(), line: int(), column: int()) }

    mutating func string() -> String {
        let n = int()
        defer { at += n }
        return String(decoding: bytes[at..<at + n], as: UTF8.self)
    }
}
