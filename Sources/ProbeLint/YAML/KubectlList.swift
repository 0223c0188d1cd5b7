/// `kubectl get -o json` prints one `kind: List` whose `items` are the objects: one document,
/// so the per-document limits (`--max-nodes`, `--max-document-bytes`) held a whole cluster's
/// objects at once (about 2,000 pods passed the node limit), in live mode and piped
/// (`kubectl get pods -A -o json | kubectl probelint -f -`) alike. Its items, found by JSON's
/// grammar (`JSONSyntax.valueEnd`), with every other byte blanked (line breaks kept), are a
/// JSON stream of one document per object at the List's own offsets, which `Reader` reads
/// as any such stream (`JSONStream`): the limits apply to each object, positions are the
/// input's, an edit (`--fix`) goes where it went, and findings name the objects without the
/// List's `items[N].`. A YAML List (`-o yaml`) stays one document.
public enum KubectlList {
    /// The List that `bytes` holds as a stream of its items, each where it was; nil when
    /// `bytes` is no such List (one object, `deploy/NAME`; not JSON; an item that is no
    /// object): it is read as it is.
    public static func items(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { items($0) }
    }

    static func items(_ buffer: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var walk = Walk(buffer: buffer)
        return walk.items()
    }

    private struct Walk {
        let buffer: UnsafeBufferPointer<UInt8>
        var i = 0

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
                && name.withUTF8Buffer { Array($0) == Array(buffer[(range.lowerBound + 1)..<(range.upperBound - 1)]) }
        }

        mutating func items() -> [UInt8]? {
            guard buffer.utf8BOMLength == 0, expect(UInt8(ascii: "{")) else { return nil }
            var stream: [UInt8]?, kind: [UInt8]?
            if expect(UInt8(ascii: "}")) { return nil }
            repeat {
                skipBlanks()
                guard i < buffer.count, buffer[i] == UInt8(ascii: "\""), let name = value(), expect(UInt8(ascii: ":")) else { return nil }
                if isName(name, "items") {
                    // A second `items` (or `kind`) is the whole document's duplicate key error.
                    guard stream == nil, expect(UInt8(ascii: "[")) else { return nil }
                    // Blanks where the List is, the items' bytes where they are.
                    var out = buffer.map { $0 == 0x0A || $0 == 0x0D ? $0 : 0x20 }
                    if !expect(UInt8(ascii: "]")) {
                        repeat {
                            guard let item = value(), buffer[item.lowerBound] == UInt8(ascii: "{") else { return nil }
                            out.replaceSubrange(item, with: buffer[item])
                        } while expect(UInt8(ascii: ","))
                        guard expect(UInt8(ascii: "]")) else { return nil }
                    }
                    stream = out
                } else {
                    guard let member = value() else { return nil }
                    if isName(name, "kind") {
                        guard kind == nil else { return nil }
                        kind = Array(buffer[member])
                    }
                }
            } while expect(UInt8(ascii: ","))
            guard expect(UInt8(ascii: "}")) else { return nil }
            skipBlanks()
            guard let kind, kind.count >= 6, kind.first == UInt8(ascii: "\""), kind.suffix(5).elementsEqual("List\"".utf8) else { return nil }
            return i == buffer.count ? stream : nil
        }
    }
}
