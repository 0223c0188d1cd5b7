/// `kubectl get -o json` prints one `kind: List` whose `items` are the objects: one document,
/// so the per-document limits (`--max-nodes`, `--max-document-bytes`) held a whole cluster's
/// objects at once (about 2,000 pods passed the node limit). Its items, cut out by JSON's
/// grammar (`JSONSyntax.valueEnd`) and written one after another, are a JSON stream of one
/// document per object, read and linted as any such stream (`JSONStream`): the limits apply
/// to each object, and findings name them without the List's `items[N].`.
public enum KubectlList {
    /// The items of the List that `bytes` holds, as a JSON stream (each on its own line); nil
    /// when `bytes` is no such List (one object, `deploy/NAME`; not JSON): it is read as it is.
    public static func items(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { buffer in
            var walk = Walk(buffer: buffer)
            return walk.items()
        }
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
            var stream: [UInt8]?, isList = false
            if expect(UInt8(ascii: "}")) { return nil }
            repeat {
                skipBlanks()
                guard i < buffer.count, buffer[i] == UInt8(ascii: "\""), let name = value(), expect(UInt8(ascii: ":")) else { return nil }
                if isName(name, "items") {
                    guard expect(UInt8(ascii: "[")) else { return nil }
                    var out: [UInt8] = []
                    if !expect(UInt8(ascii: "]")) {
                        repeat {
                            guard let item = value() else { return nil }
                            out += buffer[item]
                            out.append(0x0A)
                        } while expect(UInt8(ascii: ","))
                        guard expect(UInt8(ascii: "]")) else { return nil }
                    }
                    stream = out
                } else {
                    guard let member = value() else { return nil }
                    if isName(name, "kind") {
                        let kind = Array(buffer[member])
                        isList = kind.count >= 6 && kind.first == UInt8(ascii: "\"") && Array(kind.suffix(5)) == Array("List\"".utf8)
                    }
                }
            } while expect(UInt8(ascii: ","))
            guard expect(UInt8(ascii: "}")) else { return nil }
            skipBlanks()
            return isList && i == buffer.count ? stream : nil
        }
    }
}
