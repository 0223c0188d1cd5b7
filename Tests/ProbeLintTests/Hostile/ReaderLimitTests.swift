import Testing
@testable import ProbeLint

/// Each ReaderLimits limit at its boundary: the limit itself passes, one more
/// is refused with the limit's message and position.
@Suite("Reader limits")
struct ReaderLimitTests {
    static func limits(_ change: (inout ReaderLimits) -> Void) -> ReaderLimits {
        var limits = ReaderLimits()
        change(&limits)
        return limits
    }

    static func error(_ yaml: String, _ limits: ReaderLimits) -> YAMLError? {
        do {
            _ = try Reader.readAll(yaml, file: "l.yaml", limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test func depth() {
        let limits = Self.limits { $0.maxDepth = 3 }
        #expect(Self.error("[[[x]]]", limits) == nil)
        let error = Self.error("[[[[x]]]]", limits)
        #expect(error?.description == "l.yaml:1:4: error: limit: nesting is deeper than 3 levels (raise it with --max-depth)")
        #expect(error?.snippet == "[[[[x]]]]\n   ^")
    }

    @Test func aliases() {
        let limits = Self.limits { $0.maxAliases = 2 }
        #expect(Self.error("a: &a 1\nb: [*a, *a]\n", limits) == nil)
        #expect(Self.error("a: &a 1\nb: [*a, *a, *a]\n", limits)?.description
            == "l.yaml:2:13: error: limit: more than 2 aliases in one document (raise it with --max-aliases)")
        // The count starts again in each document.
        #expect(Self.error("a: &a 1\nb: [*a, *a]\n---\na: &a 1\nb: [*a, *a]\n", limits) == nil)
    }

    @Test func aliasExpansionCountsWhatEachAliasStandsFor() {
        // *m stands for 5 nodes: the mapping, two keys, two values.
        let yaml = "m: &m {a: 1, b: 2}\nx: [*m, *m]\n"
        #expect(Self.error(yaml, Self.limits { $0.maxAliasExpansion = 10 }) == nil)
        #expect(Self.error(yaml, Self.limits { $0.maxAliasExpansion = 9 })?.description
            == "l.yaml:2:9: error: limit: aliases expand to more than 9 nodes (raise it with --max-alias-expansion)")
    }

    @Test func nodes() {
        // {"a": 1} is three nodes.
        #expect(Self.error(#"{"a": 1}"#, Self.limits { $0.maxNodes = 3 }) == nil)
        #expect(Self.error(#"{"a": 1, "b": 2}"#, Self.limits { $0.maxNodes = 3 })?.description
            == "l.yaml:1:10: error: limit: document has more than 3 nodes (raise it with --max-nodes)")
    }

    @Test func scalarAtItsEvent() {
        let limits = Self.limits { $0.maxScalarBytes = 4 }
        #expect(Self.error("k: abcd\n", limits) == nil)
        #expect(Self.error("k: abcde\n", limits)?.description
            == "l.yaml:1:4: error: limit: scalar is longer than 4 bytes (raise it with --max-scalar-bytes)")
    }

    /// A scalar far over the limit is refused while libyaml reads it (InputFeed):
    /// the same message, at the scalar's first byte, here a quote on line 3.
    @Test func scalarWhileReading() {
        let limits = Self.limits { $0.maxScalarBytes = 4 }
        let yaml = "a: 1\nb:\n  - \"" + String(repeating: "x", count: 1 << 20) + "\"\n"
        #expect(Self.error(yaml, limits)?.description
            == "l.yaml:3:5: error: limit: scalar is longer than 4 bytes (raise it with --max-scalar-bytes)")
    }

    @Test func commentWhileReading() {
        let limits = Self.limits { $0.maxScalarBytes = 4 }
        let yaml = "a: 1\n# " + String(repeating: "x", count: 1 << 20) + "\nb: 2\n"
        #expect(Self.error(yaml, limits)?.description
            == "l.yaml:2:1: error: limit: comment is longer than 4 bytes (raise it with --max-scalar-bytes)")
    }

    /// Blank lines after a plain scalar (which libyaml holds while it looks for the scalar's next
    /// line), or spaces before a key, past the limit: named as such, where they start, not as
    /// the one-byte scalar or key beside them.
    @Test func blankRunWhileReading() {
        let limits = Self.limits { $0.maxScalarBytes = 4 }
        let lines = "a: 1\nx: 1" + String(repeating: "\n", count: 1 << 20)
        #expect(Self.error(lines, limits)?.description
            == "l.yaml:2:5: error: limit: a run of blank lines and spaces is longer than 4 bytes (raise it with --max-scalar-bytes)")
        let indented = "a: 1\nb:\n" + String(repeating: " ", count: 1 << 20) + "c: 2\n"
        #expect(Self.error(indented, limits)?.description
            == "l.yaml:2:3: error: limit: a run of blank lines and spaces is longer than 4 bytes (raise it with --max-scalar-bytes)")
        // A short run before a long scalar is the scalar's.
        let scalar = "a: 1\nb:   " + String(repeating: "x", count: 1 << 20) + "\n"
        #expect(Self.error(scalar, limits)?.description
            == "l.yaml:2:6: error: limit: scalar is longer than 4 bytes (raise it with --max-scalar-bytes)")
    }

    @Test func documentAtTheFirstEventPastTheLimit() {
        let limits = Self.limits { $0.maxDocumentBytes = 100 }
        let small = "a: 1\n"
        #expect(Self.error(small, limits) == nil)
        // The second document (from `---` at byte 5) is 1 MB of short keys: refused at the
        // first event that ends more than 100 bytes after its start, long before its end.
        let big = small + "---\n" + (0..<100_000).map { "k\($0): v" }.joined(separator: "\n") + "\n"
        #expect(Self.error(big, limits)?.description
            == "l.yaml:18:1: error: limit: document is larger than 100 bytes (raise it with --max-document-bytes)")
    }

    /// One scalar bigger than the whole document limit: refused while libyaml reads it,
    /// at the document's start.
    @Test func documentWhileReading() {
        let limits = Self.limits { $0.maxDocumentBytes = 100 }
        let big = "a: 1\n---\nb: " + String(repeating: "x", count: 1 << 20) + "\n"
        #expect(Self.error(big, limits)?.description
            == "l.yaml:2:1: error: limit: document is larger than 100 bytes (raise it with --max-document-bytes)")
    }

    @Test func documentsBeforeALimitAreDelivered() {
        var seen = 0
        do {
            try Reader.read(Array("a: 1\n---\n[[[[x]]]]\n".utf8), file: "l.yaml", limits: Self.limits { $0.maxDepth = 3 }) { _ in
                seen += 1
            }
            Issue.record("expected the depth limit")
        } catch {
            #expect(error.kind == .limit)
        }
        #expect(seen == 1)
    }
}
