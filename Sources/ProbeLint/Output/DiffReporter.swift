/// A unified diff of a file's original and fixed bytes (`--diff`), as
/// `diff -u` writes it, so that `patch -p0` and `git apply -p0` apply it.
/// Lines end at LF, as `diff` and `patch` count them, and keep their own endings (CRLF
/// included; a file whose lines end in a lone CR is one line to them); a last line
/// without LF is followed by `\ No newline at end of file`.
public enum DiffReporter {
    public static let context = 3

    /// The path as the `---`/`+++` lines name it: without a leading `./` (`-R -f .` gives
    /// `./deploy/web.yaml`, which `git apply` refuses as an invalid path); in C quotes when it
    /// holds a line break, a tab, a quote, a backslash or another control character, or starts
    /// with a blank, as git and
    /// GNU diff quote it and `patch` and `git apply` read it (a line break ended the header,
    /// and `patch` then edited the file named by its first line); ended by a tab when it holds
    /// a blank, as `diff -u` ends it before its date (else both tools cut the name at the blank).
    static func headerName(_ path: String) -> String {
        var name = Substring(path)
        while name.hasPrefix("./") { name = name.dropFirst(2).drop { $0 == "/" } }
        // A blank that starts the name is quoted too: `patch` skips blanks before a name.
        if name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
            || name.hasPrefix(" ") {
            // Other bytes, UTF-8 included, as they are (git's core.quotePath off; patch reads both).
            var quoted: [UInt8] = [UInt8(ascii: "\"")]
            for byte in name.utf8 {
                switch byte {
                case 0x0A: quoted += Array("\\n".utf8)
                case 0x09: quoted += Array("\\t".utf8)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): quoted += [UInt8(ascii: "\\"), byte]
                case ..<0x20, 0x7F:
                    quoted += [UInt8(ascii: "\\"), 0x30 + (byte >> 6), 0x30 + ((byte >> 3) & 7), 0x30 + (byte & 7)]
                default: quoted.append(byte)
                }
            }
            quoted.append(UInt8(ascii: "\""))
            return String(decoding: quoted, as: UTF8.self)
        }
        return name.contains(" ") ? name + "\t" : String(name)
    }

    public static func diff(path: String, original: [UInt8], fixed: [UInt8]) -> String {
        let a = lines(original), b = lines(fixed)
        let ops = script(a, b)
        guard ops.contains(where: { $0.kind != .same }) else { return "" }
        let name = headerName(path)
        var out = "--- \(name)\n+++ \(name)\n"
        var i = 0
        while i < ops.count {
            guard let firstChange = ops[i...].firstIndex(where: { $0.kind != .same }) else { break }
            let start = max(i, firstChange - context)
            // Extend the hunk while the next change is within 2 * context unchanged lines.
            var end = firstChange
            var j = firstChange
            while j < ops.count {
                if ops[j].kind != .same { end = j; j += 1; continue }
                let nextChange = ops[j...].firstIndex { $0.kind != .same }
                guard let nextChange, nextChange - end <= 2 * context else { break }
                j = nextChange
            }
            let stop = min(ops.count, end + context + 1)
            out += hunk(ops[start..<stop], a, b)
            i = stop
        }
        return out
    }

    enum Kind { case same, delete, insert }
    struct Op { var kind: Kind; var old: Int; var new: Int }

    static func hunk(_ ops: ArraySlice<Op>, _ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> String {
        let oldCount = ops.filter { $0.kind != .insert }.count, newCount = ops.filter { $0.kind != .delete }.count
        // diff -u: 1-based first line, or for an empty side the line after which the other side goes.
        let oldStart = ops.first { $0.kind != .insert }.map { $0.old + 1 } ?? ops.first?.old ?? 0
        let newStart = ops.first { $0.kind != .delete }.map { $0.new + 1 } ?? ops.first?.new ?? 0
        var out = "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
        for op in ops {
            switch op.kind {
            case .same: out += line(" ", a[op.old])
            case .delete: out += line("-", a[op.old])
            case .insert: out += line("+", b[op.new])
            }
        }
        return out
    }

    static func range(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }

    static func line(_ prefix: String, _ bytes: ArraySlice<UInt8>) -> String {
        let text = prefix + String(decoding: bytes, as: UTF8.self)
        return bytes.last == 0x0A ? text : text + "\n\\ No newline at end of file\n"
    }

    /// Lines with their endings, ending at LF (CRLF's CR stays in its line). Split at a lone CR
    /// too, the hunk's lines had no LF, and neither `patch` nor `git apply` read them.
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = 0, i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                out.append(bytes[start...i])
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count { out.append(bytes[start...]) }
        return out
    }

    /// The edit script. Lines that occur once in each file are anchors (patience
    /// diff); the gaps between them get Myers' O(ND) diff. A fixed file differs
    /// in a few lines per object, so the gaps stay small even in large files.
    static func script(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Op] {
        var ops: [Op] = []
        ops.reserveCapacity(max(a.count, b.count))
        region(a, b, 0..<a.count, 0..<b.count, anchored: true, into: &ops)
        return ops
    }

    static func region(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>], _ ra: Range<Int>, _ rb: Range<Int>,
                       anchored: Bool, into ops: inout [Op]) {
        var x = ra.lowerBound, y = rb.lowerBound
        while x < ra.upperBound && y < rb.upperBound && a[x] == b[y] {
            ops.append(Op(kind: .same, old: x, new: y))
            x += 1; y += 1
        }
        var endA = ra.upperBound, endB = rb.upperBound
        while endA > x && endB > y && a[endA - 1] == b[endB - 1] { endA -= 1; endB -= 1 }
        let anchors = anchored ? uniqueAnchors(a, b, x..<endA, y..<endB) : []
        if anchors.isEmpty {
            ops += myers(a, b, oldRange: x..<endA, newRange: y..<endB)
        } else {
            for (i, j) in anchors {
                region(a, b, x..<i, y..<j, anchored: false, into: &ops)
                ops.append(Op(kind: .same, old: i, new: j))
                x = i + 1; y = j + 1
            }
            region(a, b, x..<endA, y..<endB, anchored: false, into: &ops)
        }
        for k in 0..<(ra.upperBound - endA) { ops.append(Op(kind: .same, old: endA + k, new: endB + k)) }
    }

    /// Lines that occur exactly once in each range, as (old, new) index pairs in
    /// increasing order of both (the longest such chain, by patience sorting).
    static func uniqueAnchors(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>], _ ra: Range<Int>, _ rb: Range<Int>) -> [(Int, Int)] {
        guard !ra.isEmpty, !rb.isEmpty else { return [] }
        var countA: [ArraySlice<UInt8>: Int] = [:], indexB: [ArraySlice<UInt8>: Int] = [:], countB: [ArraySlice<UInt8>: Int] = [:]
        for i in ra { countA[a[i], default: 0] += 1 }
        for j in rb { countB[b[j], default: 0] += 1; indexB[b[j]] = j }
        var pairs: [(Int, Int)] = []
        for i in ra where countA[a[i]] == 1 && countB[a[i]] == 1 {
            if let j = indexB[a[i]] { pairs.append((i, j)) }
        }
        // Longest increasing subsequence of the new indices.
        var tails: [Int] = []            // index into pairs of the smallest tail of each length
        var previous = [Int](repeating: -1, count: pairs.count)
        for (p, pair) in pairs.enumerated() {
            var low = 0, high = tails.count
            while low < high {
                let mid = (low + high) / 2
                if pairs[tails[mid]].1 < pair.1 { low = mid + 1 } else { high = mid }
            }
            if low > 0 { previous[p] = tails[low - 1] }
            if low == tails.count { tails.append(p) } else { tails[low] = p }
        }
        var chain: [(Int, Int)] = []
        var p = tails.last ?? -1
        while p >= 0 { chain.append(pairs[p]); p = previous[p] }
        return chain.reversed()
    }

    static func myers(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>], oldRange: Range<Int>, newRange: Range<Int>) -> [Op] {
        let n = oldRange.count, m = newRange.count
        guard n + m > 0 else { return [] }
        // The trace keeps one V per round: cap it near 16M entries, then give up on minimality.
        let maxD = min(n + m, max(64, 16_000_000 / (2 * (n + m) + 3)))
        let o = maxD + 1
        func same(_ x: Int, _ y: Int) -> Bool { a[oldRange.lowerBound + x] == b[newRange.lowerBound + y] }
        func down(_ v: [Int], _ k: Int, _ d: Int) -> Bool { k == -d || (k != d && v[o + k - 1] < v[o + k + 1]) }
        var v = [Int](repeating: 0, count: 2 * maxD + 3)
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...maxD {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = down(v, k, d) ? v[o + k + 1] : v[o + k - 1] + 1
                var y = x - k
                while x < n && y < m && same(x, y) { x += 1; y += 1 }
                v[o + k] = x
                if x >= n && y >= m { found = true; break search }
            }
        }
        guard found else {
            return oldRange.map { Op(kind: .delete, old: $0, new: newRange.lowerBound) }
                + newRange.map { Op(kind: .insert, old: oldRange.upperBound, new: $0) }
        }
        // Walk back from (n, m): trace[d] is V before round d.
        var ops: [Op] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d], k = x - y
            let prevK = down(v, k, d) ? k + 1 : k - 1
            let prevX = v[o + prevK], prevY = prevX - prevK
            while x > prevX && y > prevY {
                x -= 1; y -= 1
                ops.append(Op(kind: .same, old: oldRange.lowerBound + x, new: newRange.lowerBound + y))
            }
            guard d > 0 else { break }
            if x == prevX {
                ops.append(Op(kind: .insert, old: oldRange.lowerBound + x, new: newRange.lowerBound + prevY))
            } else {
                ops.append(Op(kind: .delete, old: oldRange.lowerBound + prevX, new: newRange.lowerBound + y))
            }
            x = prevX; y = prevY
        }
        return ops.reversed()
    }
}
