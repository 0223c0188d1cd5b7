/// glibc's allocator tuned for a run that reads files and renders reports of a
/// few hundred KiB each, over and over.
///
/// By default glibc serves blocks above a moving threshold (128 KiB at first)
/// with a fresh `mmap` and returns free memory at the top of the heap to the
/// kernel, so each file's bytes, its primed copy and its rendered report came
/// from pages the kernel had to fault in and zero again: about 10,000 page
/// faults and 0.07 s of system time on the 50 MB benchmark corpus with one job,
/// against 200 faults for the libyaml floor. Keeping blocks up to 32 MiB (glibc's
/// largest threshold) on the heap and the freed top in place cuts that to about
/// 950 faults; the peak stays what the pieces in flight hold (bench/README.md).
enum MallocTuning {
    static func keepFreedMemory() {
        #if canImport(Glibc)
        _ = glibcMallopt(mmapThreshold, 32 << 20)
        _ = glibcMallopt(trimThreshold, 256 << 20)
        #endif
    }

    #if canImport(Glibc)
    // <malloc.h> is not part of the Glibc module; these are its values
    // (M_TRIM_THRESHOLD and M_MMAP_THRESHOLD), fixed in glibc's ABI.
    static let trimThreshold: Int32 = -1
    static let mmapThreshold: Int32 = -3
    #endif
}

#if canImport(Glibc)
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
