/// The one allocation of a `Notes`: its entries, then its texts' bytes.
///
/// Two arrays (entries and bytes) cost two allocations, two frees and two releases per
/// finding. Here the entries are the buffer's elements and the bytes follow them, in
/// room left past `Header.entryCapacity` elements and bound to `UInt8`.
///
/// The header is read and written through its pointer, never as `header`: that is a
/// stored property of a class, and each access to it was checked for exclusivity at
/// run time (`swift_beginAccess`: a call and a thread-local look-up per access; read
/// as `header`, this storage cost 7 M instructions more on 5 MB than two arrays).
final class NoteStorage: ManagedBuffer<NoteStorage.Header, Notes.Entry> {
    struct Header {
        var count = 0
        var textCount = 0
        let entryCapacity: Int
        let textCapacity: Int
    }

    /// An empty storage with room for `entries` entries and `textBytes` bytes of text.
    static func make(entries: Int, textBytes: Int) -> NoteStorage {
        let stride = MemoryLayout<Notes.Entry>.stride
        let textElements = (textBytes + stride - 1) / stride
        let buffer = create(minimumCapacity: entries + textElements) { _ in
            Header(entryCapacity: entries, textCapacity: textElements * stride)
        }
        let storage = unsafeDowncast(buffer, to: NoteStorage.self)
        storage.withUnsafeMutablePointerToElements { elements in
            _ = UnsafeMutableRawPointer(elements + entries).bindMemory(to: UInt8.self, capacity: textElements * stride)
        }
        return storage
    }

    deinit {
        withUnsafeMutablePointers { header, entries in _ = entries.deinitialize(count: header.pointee.count) }
    }

    /// The header's counts and capacities.
    var counts: Header { withUnsafeMutablePointerToHeader { $0.pointee } }

    /// Whether one more entry with `textBytes` bytes of text fits.
    @inline(__always)
    func fits(textBytes: Int) -> Bool {
        withUnsafeMutablePointerToHeader { header in
            header.pointee.count < header.pointee.entryCapacity
                && textBytes <= header.pointee.textCapacity - header.pointee.textCount
        }
    }

    /// Calls `body` with the entries and the text bytes written so far.
    @inline(__always)
    func withContents<R>(_ body: (UnsafeBufferPointer<Notes.Entry>, UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeMutablePointers { header, entries in
            let texts = UnsafeRawPointer(entries + header.pointee.entryCapacity).assumingMemoryBound(to: UInt8.self)
            return body(UnsafeBufferPointer(start: entries, count: header.pointee.count),
                        UnsafeBufferPointer(start: texts, count: header.pointee.textCount))
        }
    }

    /// Appends a note whose text is `text`; it must fit (`fits(textBytes:)`).
    @inline(__always)
    func append(_ kind: Note.Kind, text: UnsafeBufferPointer<UInt8>, name: String?, value: Double?, unit: String?,
                origin: String?) {
        withUnsafeMutablePointers { header, entries in
            let start = header.pointee.textCount
            if let base = text.baseAddress {
                let texts = UnsafeMutableRawPointer(entries + header.pointee.entryCapacity).assumingMemoryBound(to: UInt8.self)
                (texts + start).initialize(from: base, count: text.count)
            }
            (entries + header.pointee.count).initialize(to: Notes.Entry(kind: kind, text: start..<start + text.count, name: name,
                                                                        value: value, unit: unit, origin: origin))
            header.pointee.count += 1
            header.pointee.textCount += text.count
        }
    }
}
