#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProbeLint
import Synchronization

/// The run's units of work in output order: one per file, or for a large
/// regular file one per piece (FileSplitter), so that one big file is linted on
/// every core and its findings are written piece by piece, not held.
struct WorkPlan {
    struct Item {
        var file: Int
        var piece: Int
        var pieces: Int
    }

    let items: [Item]
    /// The shared bytes and pieces of each file that is cut, by file index.
    let split: [Int: SplitFile]

    init(files: [String], pieceBytes: Int, splittable: (Int) -> Bool) {
        var items: [Item] = []
        var split: [Int: SplitFile] = [:]
        for (i, path) in files.enumerated() {
            var count = 1
            if pieceBytes > 0, path != "-", splittable(i) {
                var info = stat()
                if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) / 2 >= pieceBytes {
                    count = min(Int(info.st_size) / pieceBytes, 4096)
                }
            }
            if count > 1 { split[i] = SplitFile(path: path, count: count) }
            for k in 0..<count { items.append(Item(file: i, piece: k, pieces: count)) }
        }
        self.items = items
        self.split = split
    }
}

/// A file read once for all its pieces, by whichever worker needs it first,
/// and let go when its last piece has been delivered.
final class SplitFile: Sendable {
    let path: String
    let count: Int
    private let loaded = Mutex<Result<([UInt8], [FilePiece]), LintError>?>(nil)

    init(path: String, count: Int) {
        self.path = path
        self.count = count
    }

    /// The file's bytes and its `count` pieces (the first read error for every piece).
    func load(limit: Int) -> Result<([UInt8], [FilePiece]), LintError> {
        loaded.withLock { loaded in
            if let loaded { return loaded }
            let result = FileDiscovery.read(path, limit: limit).map { bytes in (bytes, FileSplitter.pieces(bytes, count: count)) }
            loaded = result
            return result
        }
    }

    func release() {
        loaded.withLock { $0 = nil }
    }
}
