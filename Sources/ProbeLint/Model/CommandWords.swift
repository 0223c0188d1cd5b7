#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A container's `command` or `args`: the scalars of the list (or the one scalar)
/// written in the manifest, decoded into Strings only when read in full.
///
/// Every container's words are read by daemon detection, which needs only the
/// first word's executable: it compares it in place (`firstExecutable(is:)`).
/// Decoding each list up front cost an array and a String per word for every
/// container, most of them read by nothing else.
struct CommandWords: Sendable, Equatable {
    private enum Source: Sendable {
        case strings([String])
        /// A list or a scalar node of the document.
        case written(Document, NodeID)
    }

    private let source: Source

    init(_ strings: [String]) { source = .strings(strings) }

    /// The words under `node` (a list of scalars, or one scalar); none for nil.
    init(_ document: Document, _ node: NodeID?) {
        source = node.map { .written(document, $0) } ?? .strings([])
    }

    /// Each scalar of the list, or the scalar itself; other items are skipped.
    var strings: [String] {
        switch source {
        case .strings(let strings):
            return strings
        case .written(let doc, let node):
            if doc.kind(node) == .scalar { return [doc.string(node)] }
            let items = doc.items(node)
            var out: [String] = []
            out.reserveCapacity(items.count)
            for item in items where doc.kind(item) == .scalar { out.append(doc.string(item)) }
            return out
        }
    }

    var isEmpty: Bool {
        switch source {
        case .strings(let strings): return strings.isEmpty
        case .written: return firstWord == nil
        }
    }

    /// The index of the first of `names` that the first word runs (without its
    /// directory: `/usr/bin/ceph-mon` runs `ceph-mon`), read in place.
    func firstExecutable(among names: [String]) -> Int? {
        switch source {
        case .strings(let strings):
            guard let word = strings.first else { return nil }
            return word.withContiguousUTF8 { Self.index(of: Self.executable(of: $0), in: names) }
        case .written(let doc, _):
            guard let word = firstWord else { return nil }
            return Self.index(of: Self.executable(of: Self.bytes(doc, word)), in: names)
        }
    }

    /// Whether both are the same words. Two written lists of scalars are compared word by
    /// word in place, byte for byte as the kubelet passes them on: PL201 compares every
    /// liveness command with its readiness command, and the two `strings` lists cost an
    /// array and a String a word each time.
    static func == (a: CommandWords, b: CommandWords) -> Bool {
        guard case .written(let docA, let listA) = a.source, case .written(let docB, let listB) = b.source,
              let wordsA = scalarItems(docA, listA), let wordsB = scalarItems(docB, listB) else { return a.strings == b.strings }
        return wordsA.count == wordsB.count && zip(wordsA, wordsB).allSatisfy { wordA, wordB in
            let bytesA = bytes(docA, wordA), bytesB = bytes(docB, wordB)
            return bytesA.count == bytesB.count && (bytesA.isEmpty || memcmp(bytesA.baseAddress!, bytesB.baseAddress!, bytesA.count) == 0)
        }
    }

    /// Whether a word holds one of `needles` (`--admin-daemon`), or a word ending in `ceph` is
    /// followed by `daemon` when `cephDaemon`. Written words are searched in place, byte for byte:
    /// decoded into Strings and searched with `String.contains`, the exec probes of 5 MB cost some
    /// 100 M instructions.
    func contains(anyOf needles: [StaticString], cephDaemon: Bool = false) -> Bool {
        func search(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
            needles.contains { needle in
                let n = needle.utf8CodeUnitCount
                guard n > 0, word.count >= n, let base = word.baseAddress else { return false }
                let first = needle.utf8Start.pointee
                for start in 0...(word.count - n) where base[start] == first && memcmp(base + start, needle.utf8Start, n) == 0 {
                    return true
                }
                return false
            }
        }
        func isCeph(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
            w.count >= 4 && w[w.count - 4] == UInt8(ascii: "c") && w[w.count - 3] == UInt8(ascii: "e")
                && w[w.count - 2] == UInt8(ascii: "p") && w[w.count - 1] == UInt8(ascii: "h")
        }
        func isDaemon(_ w: UnsafeBufferPointer<UInt8>) -> Bool { w.elementsEqual("daemon".utf8) }
        switch source {
        case .strings(let strings):
            var words = strings
            for i in words.indices {
                if words[i].withUTF8({ search($0) }) { return true }
                if cephDaemon, i > 0, words[i - 1].withUTF8({ isCeph($0) }), words[i].withUTF8({ isDaemon($0) }) { return true }
            }
            return false
        case .written(let doc, let node):
            if doc.kind(node) == .scalar { return search(Self.bytes(doc, node)) }
            var previous: UnsafeBufferPointer<UInt8>?
            for item in doc.items(node) where doc.kind(item) == .scalar {
                let word = Self.bytes(doc, item)
                if search(word) { return true }
                if cephDaemon, let previous, isCeph(previous), isDaemon(word) { return true }
                previous = word
            }
            return false
        }
    }

    /// The tools a command runs that the rules read (`Tools`).
    struct Tools: OptionSet, Sendable {
        let rawValue: UInt8
        /// curl or wget: the probe asks a port (PL107, PL203).
        static let fetcher = Tools(rawValue: 1)
        /// A tool with a limit of its own on the wait that `CommandTimeout` reads: curl, wget,
        /// `grpc_health_probe` (or `grpc-health-probe`), `pg_isready` or coreutils `timeout` (PL108).
        static let timed = Tools(rawValue: 2)
    }

    /// Whether a word runs curl, wget, grpc_health_probe, pg_isready or timeout: the word itself or a token
    /// of a shell script in it (cut at blanks, quotes, backquotes, `$`, braces and `;|&()<>`),
    /// with or without its directory (`/usr/bin/curl`, `$(curl -s ...)`). A longer word that
    /// holds curl or wget (`curlie`, `--no-curl`, `/tmp/wget-done`) does not run it; a token that
    /// starts with `grpc` counts for the health probe, and `timeout` and `pg_isready` must be the whole token.
    /// Each position's four bytes are compared with the four names' first four as one word, and
    /// the ends checked where one matches (a cut of every command into tokens, or memmem per name
    /// and word, cost 10 M and 4.5 M instructions on the 5 MB benchmark corpus's exec probes).
    /// Read once, when a probe's handler is made.
    var tools: Tools {
        func isSeparator(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ";"), UInt8(ascii: "|"), UInt8(ascii: "&"), UInt8(ascii: "("),
                 UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"), UInt8(ascii: "'"),
                 UInt8(ascii: "\""), UInt8(ascii: "$"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                return true
            default:
                return false
            }
        }
        func scan(_ word: UnsafeBufferPointer<UInt8>, into found: inout Tools) {
            guard word.count >= 4, let base = word.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            for at in 0...(word.count - 4) {
                let four = raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)
                guard four == Self.curl || four == Self.wget || four == Self.grpc || four == Self.time || four == Self.pgIs
                else { continue }
                guard at == 0 || isSeparator(word[at - 1]) || word[at - 1] == UInt8(ascii: "/") else { continue }
                if four == Self.grpc { found.insert(.timed); continue }
                var end = at + 4
                // The rest of `timeout` and of `pg_isready`.
                let rest: StaticString? = four == Self.time ? "out" : four == Self.pgIs ? "sready" : nil
                if let rest {
                    guard end + rest.utf8CodeUnitCount <= word.count,
                          (0..<rest.utf8CodeUnitCount).allSatisfy({ word[end + $0] == rest.utf8Start[$0] }) else { continue }
                    end += rest.utf8CodeUnitCount
                }
                guard end == word.count || isSeparator(word[end]) else { continue }
                found.insert(rest != nil ? .timed : [.fetcher, .timed])
            }
        }
        var found: Tools = []
        switch source {
        case .strings(let strings):
            var words = strings
            for i in words.indices { words[i].withUTF8 { scan($0, into: &found) } }
        case .written(let doc, let node):
            if doc.kind(node) == .scalar {
                scan(Self.bytes(doc, node), into: &found)
            } else {
                for item in doc.items(node) where doc.kind(item) == .scalar { scan(Self.bytes(doc, item), into: &found) }
            }
        }
        return found
    }

    /// `curl`, `wget`, `grpc`, `time` and `pg_i` as the four bytes load in memory order (`tools`).
    private static let curl = UInt32(littleEndian: 0x6C72_7563), wget = UInt32(littleEndian: 0x7465_6777)
    private static let grpc = UInt32(littleEndian: 0x6370_7267), time = UInt32(littleEndian: 0x656D_6974)
    private static let pgIs = UInt32(littleEndian: 0x695F_6770)

    /// A written list's items when every one is a scalar (a word), as nearly always.
    private static func scalarItems(_ doc: Document, _ list: NodeID) -> ArraySlice<NodeID>? {
        guard doc.kind(list) == .sequence else { return nil }
        let items = doc.items(list)
        return items.allSatisfy { doc.kind($0) == .scalar } ? items : nil
    }

    /// A scalar's bytes in its document's text, which lives as long as the document.
    private static func bytes(_ doc: Document, _ scalar: NodeID) -> UnsafeBufferPointer<UInt8> {
        let node = doc.nodes[Int(scalar.index)]
        let start = Int(node.payloadStart)
        return doc.text[start..<start + Int(node.payloadCount)]
    }

    /// The first scalar of a written list, or the written scalar.
    private var firstWord: NodeID? {
        guard case .written(let doc, let node) = source else { return nil }
        if doc.kind(node) == .scalar { return node }
        return doc.items(node).first { doc.kind($0) == .scalar }
    }

    static func index(of word: UnsafeBufferPointer<UInt8>, in names: [String]) -> Int? {
        names.firstIndex { name in name.utf8.count == word.count && name.withContiguousUTF8 { $0.elementsEqual(word) } }
    }

    /// A word without its directory: the last part between slashes (empty parts
    /// skipped), or the whole word when it has no such part.
    static func executable(of word: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let slash = UInt8(ascii: "/")
        guard word.contains(slash) else { return word }
        var end = word.count
        while end > 0 && word[end - 1] == slash { end -= 1 }
        guard end > 0 else { return word }
        var start = end
        while start > 0 && word[start - 1] != slash { start -= 1 }
        return UnsafeBufferPointer(rebasing: word[start..<end])
    }
}

extension CommandWords {
    /// The command's words without a coreutils `timeout` that starts it (`timeout 5 redis-cli
    /// ping`) or starts its shell's script (`sh -c "timeout 5 redis-cli ping | grep -q PONG"`,
    /// the script cut at blanks), so that two probes that run one check, one of them bounded,
    /// compare as the same check (PL201): the kubelet's timeout bounds both anyway.
    var withoutLeadingTimeout: [String] {
        func stripped(_ words: ArraySlice<String>) -> [String] {
            guard let first = words.first, CommandTimeout.program(first) == "timeout" else { return Array(words) }
            var rest = words.dropFirst()
            return CommandTimeout.coreutilsTimeout(&rest) == nil ? Array(words) : Array(rest)
        }
        let words = strings
        guard let first = words.first else { return [] }
        if CommandTimeout.shells.contains(CommandTimeout.program(first)), let script = CommandTimeout.script(afterShell: words.dropFirst()) {
            let scriptWords = script.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
            return [first] + stripped(scriptWords[...])
        }
        return stripped(words[...])
    }
}
