/// Substring search over raw bytes with libc's memmem: fast in any build and
/// without allocation (the Rook marker search and FileSplitter run over every input).
enum ByteSearch {
    /// The offset of the first `needle` in `buffer` at or after `from`.
    static func find(_ buffer: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = buffer.baseAddress, !needle.isEmpty, from >= 0, buffer.count - from >= needle.count else { return nil }
        return libcMemmem(base + from, buffer.count - from, needle.baseAddress, needle.count)
            .map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
    }

    static func find(_ buffer: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        find(buffer, UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount), from: from)
    }

    static func find(_ bytes: [UInt8], _ needle: String, from: Int) -> Int? {
        let n = Array(needle.utf8)
        return bytes.withUnsafeBufferPointer { b in n.withUnsafeBufferPointer { find(b, $0, from: from) } }
    }
}

/// libc's memmem (glibc and Darwin both have it; Swift's Glibc module hides it
/// behind _GNU_SOURCE). Pointers and sizes only, so the calling conventions agree.
@_silgen_name("memmem")
private func libcMemmem(_ haystack: UnsafeRawPointer?, _ haystackLength: Int,
                        _ needle: UnsafeRawPointer?, _ needleLength: Int) -> UnsafeMutableRawPointer?
