import Foundation
import Testing
@testable import ProbeLint

/// Streams that libyaml reads but kubectl refuses are input errors here too, at the place
/// kubectl stops, and the streams kubectl reads are read: each case goes through the real
/// kubectl (`kubectl annotate --local -o json`) and through the Reader.
@Suite struct KubectlStreamTests {
    static let configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"

    /// kubectl cuts a stream at lines that start with `---` and refuses one with anything but
    /// a comment after the dashes; libyaml would start the document there.
    static let separators: [(yaml: String, refusedAt: (line: Int, column: Int)?)] = [
        ("--- {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n", (1, 5)),
        ("--- null\n", (1, 5)),
        ("--- &a\n", (1, 5)),
        ("--- !!map\n" + configMap, (1, 5)),
        (configMap + "--- |\n  text\n", (4, 5)),
        ("---  # a comment\n" + configMap, nil),
        ("---\n---\n" + configMap + "---\n", nil),
        ("---\r\n" + configMap.replacingOccurrences(of: "\n", with: "\r\n"), nil),
        ("--- # one\n" + configMap + "...\n--- # two\n" + configMap, nil),
    ]

    @Test(arguments: separators.indices)
    func contentOnASeparatorLineIsRefusedAsByKubectl(_ index: Int) throws {
        let (yaml, refusedAt) = Self.separators[index]
        let kubectl = try KubectlScalarsTests.kubectlJSON(yaml)
        #expect((kubectl.status != 0) == (refusedAt != nil), "kubectl on \(yaml.debugDescription): \(kubectl.stderr)")
        if refusedAt != nil { #expect(kubectl.stderr.contains("invalid Yaml document separator"), "\(kubectl.stderr)") }
        do {
            _ = try Reader.readAll(yaml)
            #expect(refusedAt == nil, "\(yaml.debugDescription) was read")
        } catch {
            #expect(refusedAt.map { [$0.line, $0.column] } == [error.position.line, error.position.column], "\(error.message)")
            #expect(error.message.contains("kubectl refuses"), "\(error.message)")
        }
    }
}
