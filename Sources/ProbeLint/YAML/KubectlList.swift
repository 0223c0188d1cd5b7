/// `kubectl get -o json` prints one `kind: List` whose `items` are the objects: one document,
/// so the per-document limits (`--max-nodes`, `--max-document-bytes`) held a whole cluster's
/// objects at once (about 2,000 pods passed the node limit), in live mode and piped
/// (`kubectl get pods -A -o json | kubectl probelint -f -`) alike. `Reader` reads such a List
/// as its items, each a document of its own where it is in the input (`pieces`): the limits
/// apply to each object and to its bytes alone, positions are the input's, an edit (`--fix`)
/// goes where it went, and findings name the objects without the List's `items[N].`. The
/// same holds for a stream of JSON values (two `kubectl get -o json` one after the other)
/// of which some are Lists, with or without a BOM. A YAML List (`-o yaml`) stays one document.
public enum KubectlList {
    /// The input as a stream of its objects, each where it was and every other byte blanked
    /// (line breaks kept); nil when it holds no List (`pieces`): it is read as it is.
    public static func items(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let pieces = pieces(buffer) else { return nil }
            var out = buffer.map { $0 == 0x0A || $0 == 0x0D ? $0 : 0x20 }
            for piece in pieces { out.replaceSubrange(piece, with: buffer[piece]) }
            return out
        }
    }

    /// Whether `bytes` are read as a List's items (`pieces`): kubectl get's whole output.
    public static func isList(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { pieces($0) != nil }
    }

    /// Whether `bytes` are Lists without items, and nothing else (`kubectl get` of a namespace
    /// that holds nothing).
    public static func holdsNoObject(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { pieces($0)?.isEmpty == true }
    }

    /// Each object of a stream of JSON objects that starts with a List: a List's items, and
    /// each other value whole, by their bytes. nil when the first value is no List, or when the
    /// stream is not that (not JSON; a List with an item that is no object, or with a member
    /// named twice): it is read as it is, and its errors are reported there.
    static func pieces(_ buffer: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        var walk = Walk(buffer: buffer, i: buffer.utf8BOMLength)
        walk.skipBlanks()
        let first = walk.i
        guard first < buffer.count else { return nil }  // no value at all
        var pieces: [Range<Int>] = []
        while true {
            walk.skipBlanks()
            if walk.i == buffer.count { break }
            guard buffer[walk.i] == UInt8(ascii: "{") else { return nil }
            let start = walk.i
            if let items = walk.listItems() {
                pieces += items
            } else {
                // A stream that does not start with a List is read as it is (`JSONStream`),
                // without a list of its values (a stream of millions of tiny ones holds none).
                if start == first { return nil }
                walk.i = start
                guard let value = walk.value() else { return nil }
                pieces.append(value)
            }
        }
        return pieces
    }

    private struct Walk {
        let buffer: UnsafeBufferPointer<UInt8>
        var i: Int

        mutating func skipBlanks() {
            while i < buffer.count, [0x20, 0x09, 0x0A, 0x0D].contains(buffer[i]) { i += 1 }
        }

        mutating func expect(_ byte: UInt8) -> Bool {
            skipBlanks()
            guard i < buffer.count, buffer[i] == byte else { return false }
            i += 1
            return true
        }

        /// The end of the value at `i` (after blanks), which `i` moves past; nil where it is no JSON.
        mutating func value() -> Range<Int>? {
            skipBlanks()
            let start = i
            guard case .success(let end) = JSONSyntax.valueEnd(buffer, from: i) else { return nil }
            i = end
            return start..<end
        }

        /// Whether the member name at `range` (a JSON string, quotes included) is `name` as written.
        func isName(_ range: Range<Int>, _ name: StaticString) -> Bool {
            range.count == name.utf8CodeUnitCount + 2
                && name.withUTF8Buffer { $0.elementsEqual(buffer[(range.lowerBound + 1)..<(range.upperBound - 1)]) }
        }

        /// The items of the List object at `i`, which `i` moves past; nil when it is no such List.
        mutating func listItems() -> [Range<Int>]? {
            guard expect(UInt8(ascii: "{")) else { return nil }
            var items: [Range<Int>]?, isList = false, isTyped = false
            // The wrapper's member names: a repeated one is the whole document's duplicate key
            // error, read as one document (a List has a handful of members).
            var names: [ArraySlice<UInt8>] = []
            if expect(UInt8(ascii: "}")) { return nil }
            repeat {
                skipBlanks()
                guard i < buffer.count, buffer[i] == UInt8(ascii: "\""), let name = value(), expect(UInt8(ascii: ":")) else { return nil }
                guard names.count < 64, !names.contains(where: { $0.elementsEqual(buffer[name]) }) else { return nil }
                names.append(ArraySlice(buffer[name]))
                if isName(name, "items") {
                    guard expect(UInt8(ascii: "[")) else { return nil }
                    var found: [Range<Int>] = []
                    if !expect(UInt8(ascii: "]")) {
                        repeat {
                            guard let item = value(), buffer[item.lowerBound] == UInt8(ascii: "{") else { return nil }
                            found.append(item)
                        } while expect(UInt8(ascii: ","))
                        guard expect(UInt8(ascii: "]")) else { return nil }
                    }
                    items = found
                } else {
                    guard let member = value() else { return nil }
                    if isName(name, "kind") {
                        // No List (an object's kind comes early): no need to walk the rest.
                        guard Self.isListKind(buffer[member]) else { return nil }
                        isList = true
                        isTyped = !buffer[member].elementsEqual("\"List\"".utf8)
                    }
                }
            } while expect(UInt8(ascii: ","))
            guard expect(UInt8(ascii: "}")), isList else { return nil }
            // A typed list (`PodList`, the API's own: `kubectl get --raw`) whose items leave out
            // their kind, which they take from it (`ManifestDecoder.objects`), is read whole: a
            // piece of its own would lose it. Its items that write theirs are pieces, as a List's.
            if isTyped, let items, !items.allSatisfy(writesKind) { return nil }
            // A list among the items is refused by kubectl: read whole, the decoder says so
            // (`ManifestDecoder.objects`), where as a piece of its own it was a list linted.
            if let items, items.contains(where: isListObject) { return nil }
            return items
        }

        /// Whether the JSON object at `item` is a list to kubectl: a member `items` that is an
        /// array, whatever its kind. Its members are walked only where its bytes hold `"items"`
        /// at all (a second syntax scan of every item cost 9 % of reading a 49 MB List).
        func isListObject(_ item: Range<Int>) -> Bool {
            guard ByteSearch.find(UnsafeBufferPointer(rebasing: buffer[item]), "\"items\"", from: 0) != nil,
                  let items = member("items", of: item) else { return false }
            return buffer[items.lowerBound] == UInt8(ascii: "[")
        }

        /// Whether the JSON object at `item` has a `kind` member (its top level only).
        func writesKind(_ item: Range<Int>) -> Bool { member("kind", of: item) != nil }

        /// The value of the JSON object at `item`'s top-level member `name`, or nil.
        func member(_ name: StaticString, of item: Range<Int>) -> Range<Int>? {
            var walk = Walk(buffer: buffer, i: item.lowerBound + 1)
            if walk.expect(UInt8(ascii: "}")) { return nil }
            repeat {
                walk.skipBlanks()
                guard walk.i < item.upperBound, buffer[walk.i] == UInt8(ascii: "\""), let key = walk.value(),
                      walk.expect(UInt8(ascii: ":")), let value = walk.value() else { return nil }
                if walk.isName(key, name) { return value }
            } while walk.expect(UInt8(ascii: ","))
            return nil
        }

        /// Whether a member's JSON text is a string that ends in `List` (`"List"`, `"PodList"`).
        static func isListKind(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
            text.count >= 6 && text.first == UInt8(ascii: "\"") && text.suffix(5).elementsEqual("List\"".utf8)
        }
    }
}
