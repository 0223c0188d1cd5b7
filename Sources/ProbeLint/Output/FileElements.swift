/// Checkstyle's `<file>` and JUnit's `<testsuite>` each hold the findings of one file (or of one
/// object, for objects that no file holds). Findings reach the writer in runs that the workers
/// render: a file's documents, a piece of a cut file, a chunk of cross-object findings from
/// many files. The workers write the items alone and mark which element each belongs to
/// (`Run`); `FileElements`, in report order, joins the consecutive items of one file and
/// writes its element around them once the next file's begin, so that a file's findings are
/// one element however the run was cut (JUnit's opening tag needs their count).
public struct FileElements: Sendable {
    /// Consecutive items of one element: its name (the file's), how many and how many bytes.
    public struct Run: Sendable, Equatable {
        public var name: String
        public var count: Int
        public var bytes: Int
    }

    /// The element whose items came last, held until the next element begins: its name (nil
    /// before the first), its number of items and the items.
    private var name: String?
    private var count = 0
    private var items: [UInt8] = []

    public init() {}

    /// Takes `items`, cut by `runs`; returns the elements they complete.
    /// `element`: a file's element from its name, its number of items and the items.
    public mutating func add(_ items: [UInt8], runs: [Run],
                             element: (_ name: String, _ count: Int, _ items: [UInt8]) -> [UInt8]) -> [UInt8] {
        var done: [UInt8] = []
        var start = 0
        for run in runs {
            let slice = items[start..<start + run.bytes]
            start += run.bytes
            if name != run.name {
                if let name { done.append(contentsOf: element(name, count, self.items)) }
                name = run.name
                count = 0
                self.items.removeAll(keepingCapacity: true)
            }
            count += run.count
            self.items.append(contentsOf: slice)
        }
        return done
    }

    /// An element: the tag `opening` writes, the items and the closing tag.
    static func element(opening: (inout ByteText) -> Void, items: [UInt8], closing: String) -> [UInt8] {
        var out = ByteText()
        opening(&out)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(out.count + items.count + closing.utf8.count)
        out.copy(into: &bytes)
        bytes.append(contentsOf: items)
        bytes.append(contentsOf: closing.utf8)
        return bytes
    }

    /// The last element; nothing is held after.
    public mutating func finish(element: (_ name: String, _ count: Int, _ items: [UInt8]) -> [UInt8]) -> [UInt8] {
        guard let name else { return [] }
        defer { self = FileElements() }
        return element(name, count, items)
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
