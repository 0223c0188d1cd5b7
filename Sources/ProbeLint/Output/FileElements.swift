/// Checkstyle's `<file>` and JUnit's `<testsuite>` each hold the findings of one file (or of one
/// object, for objects that no file holds). Findings reach the writer in runs that the workers
/// render: a file's documents, a piece of a cut file, a chunk of cross-object findings from
/// many files. The workers write the items alone and mark which element each belongs to
/// (`Run`); `FileElements`, in report order, puts the consecutive items of one file in one
/// element however the run was cut.
///
/// Checkstyle's items are written as they come, after their element's opening tag. JUnit's
/// opening tag gives the element's number of items (`tests`), so its items are held until the
/// next file's begin; past `maxHeld` bytes of them the element is closed and another of the same
/// name opened, so that the writer's memory stays bounded whatever the size of a file's report.
/// The bound is checked after each run, so JUnit marks each test case as a run of its own: a
/// suite is then cut after the same test case however a file was cut into pieces.
public struct FileElements: Sendable {
    /// Consecutive items of one element: its name (the file's), how many and how many bytes, and
    /// how many of them are failures (JUnit's test cases at or above `--fail-on`).
    public struct Run: Sendable {
        public var name: String
        public var count: Int
        public var bytes: Int
        public var failures = 0
    }

    /// An element's tags: the opening one, which `write` writes from the element's name and
    /// numbers of items and failures, and the closing one.
    public struct Tags: Sendable {
        let write: @Sendable (_ name: String, _ count: Int, _ failures: Int, _ out: inout ByteText) -> Void
        let closing: [UInt8]

        init(opening write: @escaping @Sendable (_ name: String, _ count: Int, _ failures: Int, _ out: inout ByteText) -> Void,
             closing: String) {
            self.write = write
            self.closing = Array(closing.utf8)
        }

        func opening(_ name: String, _ count: Int, failures: Int = 0) -> [UInt8] {
            var out = ByteText()
            write(name, count, failures, &out)
            var bytes: [UInt8] = []
            out.copy(into: &bytes)
            return bytes
        }
    }

    /// Whether an element's opening tag gives its number of items (its items are then held).
    let countsInOpening: Bool
    let maxHeld: Int
    /// The open element: its name (nil when none is open), its number of items so far and, when
    /// they are held, the items.
    private var name: String?
    private var count = 0
    private var failures = 0
    private var held: [UInt8] = []

    public init(countsInOpening: Bool, maxHeld: Int = 8 << 20) {
        self.countsInOpening = countsInOpening
        self.maxHeld = maxHeld
    }

    /// Takes `items`, cut by `runs`; returns what can be written now.
    public mutating func add(_ items: [UInt8], runs: [Run], tags: Tags) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        for run in runs {
            let slice = items[start..<start + run.bytes]
            start += run.bytes
            if name != run.name {
                close(tags, into: &out)
                name = run.name
                if !countsInOpening { out += tags.opening(run.name, 0) }
            }
            count += run.count
            failures += run.failures
            if !countsInOpening {
                out += slice
                continue
            }
            held += slice
            // The next item of this file opens an element of its own.
            if held.count >= maxHeld { close(tags, into: &out) }
        }
        return out
    }

    /// The open element's end (and its held items); nothing is open after.
    public mutating func finish(tags: Tags) -> [UInt8] {
        var out: [UInt8] = []
        close(tags, into: &out)
        return out
    }

    private mutating func close(_ tags: Tags, into out: inout [UInt8]) {
        guard let name else { return }
        if countsInOpening {
            out += tags.opening(name, count, failures: failures)
            out += held
            held.removeAll(keepingCapacity: held.capacity <= maxHeld)
        }
        out += tags.closing
        self.name = nil
        count = 0
        failures = 0
    }
}

extension Array where Element == FileElements.Run {
    /// Counts an item of `bytes` bytes in file (or object) `name`: one more in the last run when
    /// that is the same file's, else a new run.
    mutating func add(_ name: String, bytes: Int) {
        if let last, last.name == name {
            self[count - 1].count += 1
            self[count - 1].bytes += bytes
        } else {
            append(FileElements.Run(name: name, count: 1, bytes: bytes))
        }
    }
}
