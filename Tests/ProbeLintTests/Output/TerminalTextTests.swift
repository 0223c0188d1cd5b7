import Testing
@testable import ProbeLint

/// The word-at-a-time check agrees with the byte rule for every byte value at
/// every position of a word, and escape replaces exactly the unsafe scalars.
@Suite struct TerminalTextTests {
    static func reference(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 }
    }

    @Test func wordCheckAgreesWithTheByteRule() {
        for value in 0...255 {
            for position in 0..<19 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 19)
                bytes[position] = UInt8(value)
                let fast = bytes.withUnsafeBufferPointer(TerminalText.isPrintableASCII)
                #expect(fast == Self.reference(bytes), "byte 0x\(String(value, radix: 16)) at \(position)")
            }
        }
    }

    /// Every length up to three chunks, so that each byte is met in a whole chunk, in the
    /// overlapping last chunk, in the two words of a text shorter than a chunk, or in a
    /// text shorter than a word; the copying check agrees too, and copies every byte.
    @Test func wordCheckAgreesWithTheByteRuleAtEveryLength() {
        for count in 0...48 {
            for position in 0..<max(count, 1) {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "~"), count: count)
                    if count > 0 { bytes[position] = UInt8(value) }
                    let fast = bytes.withUnsafeBufferPointer(TerminalText.isPrintableASCII)
                    #expect(fast == Self.reference(bytes), "byte 0x\(String(value, radix: 16)) at \(position) of \(count)")
                    let target = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
                    defer { target.deallocate() }
                    let copied = bytes.withUnsafeBufferPointer { TerminalText.copyIfPrintableASCII($0, to: target) }
                    #expect(copied == Self.reference(bytes), "copying: byte 0x\(String(value, radix: 16)) at \(position) of \(count)")
                    if copied { #expect(Array(UnsafeBufferPointer(start: target, count: count)) == bytes) }
                }
            }
        }
    }

    @Test func escapeReplacesControlsAndBidiOnly() {
        #expect(TerminalText.escape("plain\ttext ~") == "plain\ttext ~")
        #expect(TerminalText.escape("a\u{1B}[31mb") == "a\u{FFFD}[31mb")
        #expect(TerminalText.escape("x\u{7F}y\u{85}z") == "x\u{FFFD}y\u{FFFD}z")
        #expect(TerminalText.escape("ab\u{202E}cd") == "ab\u{FFFD}cd")
        // Every Bidi_Control, the marks too (LRM, RLM, ALM: a review found them printed raw).
        #expect(TerminalText.escape("a\u{200E}b\u{200F}c\u{061C}d\u{2066}e") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e")
        #expect(TerminalText.escape("café über") == "café über")
    }

    /// The text report's `object:` line names the object, its container and probe as
    /// `ObjectRef.description` does, with each name from the input made safe.
    @Test func objectLineIsTheDescriptionEscaped() {
        let refs = [
            ObjectRef(kind: "Deployment", namespace: "ns\u{1B}[2J", name: "rgw\u{202E}a", container: "c\u{7F}", probe: .liveness),
            ObjectRef(kind: "Pod", name: "plain"),
            ObjectRef(kind: "StatefulSet", namespace: "café", name: "x", container: "y"),
        ]
        for ref in refs {
            let finding = Finding(rule: "PL101", severity: .error, message: "m", file: "f.yaml",
                                  range: SourceRange(point: .start), object: ref)
            let text = TextReporter(color: false).render(finding)
            #expect(text.contains("\n  object: \(TerminalText.escape(ref.description))\n"), "\(text)")
        }
        #expect(refs[0].description == "Deployment/ns\u{1B}[2J/rgw\u{202E}a container c\u{7F} livenessProbe")
        #expect(refs[1].description == "Pod/plain")
    }

    /// A fix's current value is labelled "not set" when the manifest leaves it to Kubernetes
    /// (absent or null), "written 0" for a 0 the API server replaces with the default (its line
    /// is where the finding points); a value of its own gets no label.
    @Test func aFixSaysWhenTheCurrentValueIsNotSet() throws {
        func fixLine(_ timeout: String) throws -> String {
            let probe = "httpGet: {path: /, port: 80}\n" + timeout
            let report = TestSupport.lint(TestSupport.deployment(probe: probe), flags: [.loadedLatencyP99: "3s"])
            let finding = try #require(report.findings.first { $0.rule.rawValue == "PL101" }, "\(report.findings.map(\.rule))")
            let rendered = TextReporter(color: false).render(finding)
            return try #require(rendered.split(separator: "\n").first { $0.hasPrefix("  fix: timeoutSeconds") }).description
        }
        #expect(try fixLine("").hasPrefix("  fix: timeoutSeconds 1 -> 6 (not set, Kubernetes default): "))
        #expect(try fixLine("timeoutSeconds: 0\n").hasPrefix("  fix: timeoutSeconds 1 -> 6 (written 0, Kubernetes default): "))
        #expect(try fixLine("timeoutSeconds: null\n").hasPrefix("  fix: timeoutSeconds 1 -> 6 (not set, Kubernetes default): "))
        #expect(try fixLine("timeoutSeconds: 2\n").hasPrefix("  fix: timeoutSeconds 2 -> 6: "))
    }
}
