import Testing
@testable import ProbeLint

/// The unified diff writer, with exact expected text.
@Suite struct DiffReporterTests {
    static func diff(_ a: String, _ b: String) -> String {
        DiffReporter.diff(path: "f.yaml", original: Array(a.utf8), fixed: Array(b.utf8))
    }

    static let lines = (1...20).map { "l\($0)\n" }

    @Test func noChangeIsEmpty() {
        #expect(Self.diff("a\nb\n", "a\nb\n") == "")
    }

    @Test func oneReplacementWithThreeLinesOfContext() {
        var b = Self.lines
        b[9] = "L10\n"
        #expect(Self.diff(Self.lines.joined(), b.joined()) == """
            --- f.yaml
            +++ f.yaml
            @@ -7,7 +7,7 @@
             l7
             l8
             l9
            -l10
            +L10
             l11
             l12
             l13

            """)
    }

    @Test func nearbyChangesShareAHunkAndDistantOnesDoNot() {
        var b = Self.lines
        b[2] = "L3\n"
        b.insert("new\n", at: 8)   // after l8: 5 unchanged lines after the l3 change, within 2 * 3: one hunk
        b[19] = "L19\n"            // l19 (index 18 before the insertion): 10 lines on, a second hunk
        let out = Self.diff(Self.lines.joined(), b.joined())
        #expect(out == """
            --- f.yaml
            +++ f.yaml
            @@ -1,11 +1,12 @@
             l1
             l2
            -l3
            +L3
             l4
             l5
             l6
             l7
             l8
            +new
             l9
             l10
             l11
            @@ -16,5 +17,5 @@
             l16
             l17
             l18
            -l19
            +L19
             l20

            """)
    }

    @Test func missingFinalNewlineIsMarked() {
        #expect(Self.diff("a: 1\nb: 1", "a: 1\nb: 1\nc: 3") == """
            --- f.yaml
            +++ f.yaml
            @@ -1,2 +1,3 @@
             a: 1
            -b: 1
            \\ No newline at end of file
            +b: 1
            +c: 3
            \\ No newline at end of file

            """)
    }

    @Test func crlfLinesKeepTheirCarriageReturns() {
        let out = Self.diff("a: 1\r\nb: 1\r\n", "a: 1\r\nb: 2\r\n")
        #expect(out == "--- f.yaml\n+++ f.yaml\n@@ -1,2 +1,2 @@\n a: 1\r\n-b: 1\r\n+b: 2\r\n")
    }

    /// Lines end at LF for diff and patch: a file whose lines end in a lone CR is one line, and
    /// the hunk replaces it whole (split at each CR, the hunk's lines had no LF: "patch
    /// unexpectedly ends in middle of line").
    @Test func loneCRFilesAreOneLine() {
        let out = Self.diff("a: 1\rb: 1\r", "a: 1\rb: 2\r")
        #expect(out == "--- f.yaml\n+++ f.yaml\n@@ -1 +1 @@\n-a: 1\rb: 1\r\n\\ No newline at end of file\n+a: 1\rb: 2\r\n\\ No newline at end of file\n")
    }

    @Test func insertionIntoAnEmptyFileAndDeletionOfAll() {
        #expect(Self.diff("", "a\n") == "--- f.yaml\n+++ f.yaml\n@@ -0,0 +1 @@\n+a\n")
        #expect(Self.diff("a\n", "") == "--- f.yaml\n+++ f.yaml\n@@ -1 +0,0 @@\n-a\n")
    }

    @Test func myersFindsTheShortestScript() {
        let a = ["a", "b", "c", "a", "b", "b", "a"].map { $0 + "\n" }.joined()
        let b = ["c", "b", "a", "b", "a", "c"].map { $0 + "\n" }.joined()
        let changed = Self.diff(a, b).split(separator: "\n").filter { $0.hasPrefix("-") || $0.hasPrefix("+") }.filter { !$0.hasPrefix("---") && !$0.hasPrefix("+++") }
        #expect(changed.count == 5)   // the classic example: D = 5
    }

    /// The script rebuilds both sides: same + delete give the old lines, same + insert the new.
    static func rebuilds(_ a: String, _ b: String) -> Bool {
        let la = DiffReporter.lines(Array(a.utf8)), lb = DiffReporter.lines(Array(b.utf8))
        let ops = DiffReporter.script(la, lb)
        let old = ops.filter { $0.kind != .insert }.map { la[$0.old] }
        let new = ops.filter { $0.kind != .delete }.map { lb[$0.new] }
        return old.elementsEqual(la) && new.elementsEqual(lb)
    }

    @Test func largeRepetitiveInputsFallBackToAValidScript() {
        // No unique lines and thousands of differences: past the memory cap the
        // region becomes delete-all + insert-all, which is still a correct diff.
        let a = String(repeating: "x\ny\n", count: 20_000)
        let b = String(repeating: "y\nx\nx\n", count: 9_000)
        #expect(Self.rebuilds(a, b))
        #expect(Self.rebuilds("a\nb\nc\n", "c\nb\na\n"))
    }

    @Test func manyObjectsGiveOneHunkEach() {
        let doc = "kind: Pod\nmetadata:\n  name: web-%\nspec:\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n  e: 5\n"
        let a = (0..<500).map { doc.replacingOccurrences(of: "%", with: String($0)) }.joined(separator: "---\n")
        let b = a.replacingOccurrences(of: "  b: 2\n", with: "  b: 2\n  t: 3\n")
        let out = Self.diff(a, b)
        #expect(out.split(separator: "\n").filter { $0.hasPrefix("@@") }.count == 500)
        #expect(out.split(separator: "\n").filter { $0.hasPrefix("+  t: 3") }.count == 500)
        #expect(out.split(separator: "\n").filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }.isEmpty)
        #expect(Self.rebuilds(a, b))
    }
}
