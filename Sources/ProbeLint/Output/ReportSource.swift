/// Where the linted objects came from, which decides how reporters locate a
/// finding: by file, line and column, or (for objects no file of the user's holds:
/// read from a cluster with `kubectl get`, or rendered by `kubectl kustomize`) by
/// object and field path only.
public enum ReportSource: Sendable, Equatable {
    case files
    /// `command` is the kubectl command line that fetched the objects.
    case cluster(command: [String])
    /// `-k DIR`: the objects `kubectl kustomize DIR` renders (`command`) from the
    /// kustomization's bases, patches and generators, which is no file to point into.
    /// `file` is DIR's kustomization file (nil for a remote target): SARIF and `-o github`
    /// anchor each finding there, since GitHub shows only results that name a file.
    case kustomization(command: [String], file: String?)
    /// `-k DIR` with each finding traced to the file kustomize read its object from
    /// (`KustomizeOrigins`): located by file, line and column, as for files.
    case kustomizedFiles(command: [String], file: String)

    /// Whether findings are named by object and field path (there is no file, line and column).
    public var locatesByObject: Bool {
        switch self {
        case .files, .kustomizedFiles: return false
        case .cluster, .kustomization: return true
        }
    }

    /// The kubectl command line that produced the objects; nil for files.
    public var command: [String]? {
        switch self {
        case .files: return nil
        case .cluster(let command), .kustomization(let command, _), .kustomizedFiles(let command, _): return command
        }
    }

    /// The file that findings located by object are shown on, at its first line: a
    /// kustomization's file; nil for files (each finding has its own) and live objects.
    public var anchorFile: String? {
        if case .kustomization(_, let file) = self { return file }
        return nil
    }

    /// What a run from kubectl linted, named as an input error of it is: DIR's kustomization
    /// file (`-k`), else the command line; nil for files (each is named by its path).
    public var inputName: String? {
        switch self {
        case .files: return nil
        case .cluster(let command): return command.joined(separator: " ")
        case .kustomization(let command, let file): return file ?? command.joined(separator: " ")
        case .kustomizedFiles(_, let file): return file
        }
    }

    /// A finding's message for a format that has no place of its own for the object: for
    /// findings located by object, prefixed with the object and field path.
    func message(of f: Finding) -> String {
        locatesByObject ? f.messageNamingItsField : f.message
    }

    /// An input error's message for a format that gives it no location when errors are located
    /// by object (`-o github`'s annotation, SARIF's notification): prefixed with what it is about,
    /// a live object (`pod/shop/a`) or the command that read them. Two objects' same error read
    /// as one repeated, with nothing to say which object each was.
    func message(of e: LintError) -> String {
        locatesByObject && !e.file.isEmpty ? e.file + ": " + e.message : e.message
    }

    /// The file a format that must name one gives a finding: its own; for findings located by
    /// object the kustomization's file, else the object's name.
    func fileName(of f: Finding) -> String {
        locatesByObject ? (anchorFile ?? f.object.displayName) : f.file
    }

    /// `fileName(of:)` relative to `paths` when it is a file's path; a live object's name
    /// (`deployment/shop/web`) is none, and stays as it is (made relative, it had the working
    /// folder put before it, and so did the fingerprint made of it).
    func relativeFileName(of f: Finding, in paths: PathBase) -> String {
        locatesByObject && anchorFile == nil ? f.object.displayName : paths.relative(fileName(of: f))
    }

    /// An input error's or warning's file relative to `paths` when it is a file's path; the
    /// kubectl command line that failed is none, and stays as it is (made relative, `//` in a
    /// URL was collapsed and the working folder put before it).
    func relativeFile(of e: LintError, in paths: PathBase) -> String {
        e.file == command?.joined(separator: " ") ? e.file : paths.relative(e.file)
    }
}

extension Finding {
    /// The message with the object and field path at its head (`deployment/prod/rgw
    /// spec.template.spec: …`), for a place that does not show them; without a path, the message.
    var messageNamingItsField: String {
        guard let path else { return message }
        return "\(object.displayName) \(path): \(message)"
    }
}

extension ObjectRef {
    /// `deployment/rook-ceph/rook-ceph-rgw-my-store-a`: how a live object is
    /// named where a file name would stand (kubectl's `kind/name` style, with the namespace).
    public var displayName: String {
        // One allocation for the joined text: `[…].compactMap.joined` built an array
        // and grew the string piece by piece (about 4,000 instructions a finding in `-o json`).
        if let namespace { return String(concatenating: kind.lowercased(), "/", namespace, "/", name) }
        return String(concatenating: kind.lowercased(), "/", name)
    }
}

/// 128-bit FNV-1a (two 64-bit lanes with different offsets) as 32 hex digits:
/// a stable, dependency-free hash for fingerprints. Not a cryptographic hash.
enum StableHash {
    /// The hash of the pieces joined by `separator` (an ASCII byte), without joining them, as
    /// 32 lowercase hex digits.
    static func hex(joining pieces: [String], separator: UInt8) -> String {
        hex(lanes(joining: pieces, separator: separator))
    }

    /// The hash's two 64-bit lanes (FNV-1a, the second over each byte XOR 0x5a).
    static func lanes(joining pieces: [String], separator: UInt8) -> (UInt64, UInt64) {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        func add(_ byte: UInt8) {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte ^ 0x5a)) &* 0x0000_0100_0000_01b3
        }
        for (i, piece) in pieces.enumerated() {
            if i > 0 { add(separator) }
            // Over the contiguous bytes: iterating `piece.utf8` decodes index by index.
            piece.withContiguousUTF8 { bytes in
                for byte in bytes { add(byte) }
            }
        }
        return (a, b)
    }

    /// Each lane as 16 lowercase hex digits, zero-padded.
    static func hex(_ lanes: (UInt64, UInt64)) -> String {
        let (a, b) = lanes
        return String(unsafeUninitializedCapacity: 32) { out in
            func digits(_ value: UInt64, at start: Int) {
                for i in 0..<16 {
                    let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * UInt64(i))) & 0x0F
                    out[start + i] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
                }
            }
            digits(a, at: 0)
            digits(b, at: 16)
            return 32
        }
    }
}
