/// A unified diff of a file's original and fixed bytes (`--diff`), as
/// `diff -u` writes it, so that `patch -p0` and `git apply -p0` apply it.
/// Lines keep their own endings (CRLF included); a last line without one is
/// followed by `\ No newline at end of file`.
public enum DiffReporter {
    public static let context = 3

    public static func diff(path: String, original: [UInt8], fixed: [UInt8]) -> String {
        let a = lines(original), b = lines(fixed)
        let ops = script(a, b)
        guard ops.contains(where: { $0.kind != .same }) else { return "" }
        var out = "--- \(path)\n+++ \(path)\n"
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
        return bytes.last == 0x0A || bytes.last == 0x0D ? text : text + "\n\\ No newline at end of file\n"
    }

    /// Lines with their endings (LF, CRLF or a lone CR).
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = 0, i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
                out.append(bytes[start...i])
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count { out.append(bytes[start...]) }
        return out
    }

    /// The edit script: common head and tail, then Myers' O(ND) diff of the middle.
    static func script(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Op] {
        var head = 0
        while head < a.count && head < b.count && a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head && tail < b.count - head && a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        var ops = (0..<head).map { Op(kind: .same, old: $0, new: $0) }
        ops += myers(a, b, oldRange: head..<(a.count - tail), newRange: head..<(b.count - tail))
        ops += (0..<tail).map { Op(kind: .same, old: a.count - tail + $0, new: b.count - tail + $0) }
        return ops
    }

    static func myers(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>], oldRange: Range<Int>, newRange: Range<Int>) -> [Op] {
        let n = oldRange.count, m = newRange.count
        let maxD = n + m
        guard maxD > 0 else { return [] }
        let o = maxD + 1
        func same(_ x: Int, _ y: Int) -> Bool { a[oldRange.lowerBound + x] == b[newRange.lowerBound + y] }
        func down(_ v: [Int], _ k: Int, _ d: Int) -> Bool { k == -d || (k != d && v[o + k - 1] < v[o + k + 1]) }
        var v = [Int](repeating: 0, count: 2 * maxD + 3)
        var trace: [[Int]] = []
        search: for d in 0...maxD {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = down(v, k, d) ? v[o + k + 1] : v[o + k - 1] + 1
                var y = x - k
                while x < n && y < m && same(x, y) { x += 1; y += 1 }
                v[o + k] = x
                if x >= n && y >= m { break search }
            }
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
