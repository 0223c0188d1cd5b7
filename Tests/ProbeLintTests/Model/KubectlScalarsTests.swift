import Foundation
import Testing
@testable import ProbeLint

/// Each way of writing a scalar reads as the value the API server gets: the real kubectl turns
/// the YAML into JSON (`kubectl annotate --local -o json`, sigs.k8s.io/yaml and go-yaml), and
/// what it prints for each spelling is read back and compared with what probelint reads from
/// the spelling itself. This is where `timeoutSeconds: 1.0` (the integer 1 in JSON), `0o17`,
/// `1_000` and canonical YAML's `!!bool "false"` are decided.
@Suite struct KubectlScalarsTests {
    static let spellings = [
        // Integers in YAML 1.1's forms.
        "5", "+5", "-0", "010", "08", "012345678", "0777", "0o17", "0x10", "0x_1F", "0b11", "1_0", "1__0",
        "9223372036854775808", "99999999999999999999", "07777777777777777777777",
        // Past 64 bits with a prefix, or past a Double: strings to go-yaml.
        "0x10000000000000000", "0o7777777777777777777777", String(repeating: "9", count: 309),
        // Floats: whole ones are integers in JSON; fractions stay floats.
        "1.0", "1.", "-1.0", "0.0", "1e3", "1e+3", "1E+3", "1.0e1", "1.0e+1", "0.1e+1", "10000000000.0", "1e+21",
        ".5", "+.5", "-.5e+1", "1.5", "1e-1", "1e300", "1e-400",
        // Go's prefixes in either case, signed, and `_` taken out first (`0_x1` is 0x1).
        "0XA", "0O3", "0B11", "-0XA", "+0X1F", "-0b101", "0_x1", "0_b1", "-_1", "+_5", "1_0.5", "1_000e1_0",
        "0xFFFFFFFFFFFFFFFF", "-9223372036854775809", "1.e5",
        // Past 64 bits with a prefix and a sign (ParseUint takes none): strings.
        "-0x8000000000000001", "+0xFFFFFFFFFFFFFFFF", "-0o1777777777777777777777",
        // Not numbers: hex floats, `_` after a leading dot, Go's words for infinity.
        "0x5.0", "0x5.", "0x1.8p1", "0X1P3", "0x1p-2", "._5", ".5_0", ".5__0", ".5_", ".5e1_0", ".1_2e3", "1_.5", "inf", "-inf", "+Inf", "-.inF", "nan", "0b", "0o",
        // Not numbers.
        "_1", "1:30", "1e", "0x", "1.2.3", "ten", "1e400", "-1.5e999",
        // Null and bool, YAML 1.1.
        "~", "null", "", "yes", "No", "on", "OFF", "y", "true",
        // Quoted and tagged.
        "'5'", "\"1.0\"", "!!str 5", "!!str true", "!!int \"1_0\"", "!!int \"010\"", "!!int '0x1F'",
        "!!float 10", "!!float \"10\"", "!!float \"1e3\"", "!!float 1_000.5", "!!float '.5'",
        "!!bool \"false\"", "!!bool 'on'", "!!null \"\"", "!!null ''", "!!null null",
        // The non-specific tag: go-yaml resolves no tag it does not know, so these are strings.
        "! 5", "!<!> 5", "! \"5\"", "! true", "! ~",
    ]

    /// What a value is, for comparing: a 64-bit overflow by its kind alone (kubectl prints
    /// 2^63 back as a float with other digits).
    static func key(_ value: ScalarValue) -> String {
        if case .bigInt = value { return "bigInt" }
        return "\(value)"
    }

    /// `yaml` through the real kubectl, without a cluster: its JSON on stdout, or its error.
    static func kubectlJSON(_ yaml: String) throws -> TestSupport.Run {
        try kubectlJSON(bytes: Array(yaml.utf8))
    }

    static func kubectlJSON(bytes: [UInt8]) throws -> TestSupport.Run {
        let folder = try OutputSupport.temporaryDirectory("kubectl-scalars")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("spellings.yaml")
        try Data(bytes).write(to: file)
        return try TestSupport.run(["annotate", "--local", "-f", file.path, "-o", "json", "example.com/by=kubectl"],
                                   executable: KubectlPluginTests.kubectl)
    }

    @Test func everySpellingReadsAsKubectlsJSON() throws {
        let entries = Self.spellings.enumerated().map { "    k\($0.offset): \($0.element)" }.joined(separator: "\n")
        let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: spellings}\nvalues:\n\(entries)\n"
        let run = try Self.kubectlJSON(yaml)
        try #require(run.status == 0, "\(run.stderr)")

        let written = try #require(try Reader.readAll(yaml).first)
        let printed = try #require(try Reader.readAll(run.stdout).first)
        func values(_ doc: Document) throws -> [String: ScalarValue] {
            let root = try #require(doc.root)
            let mapping = try #require(doc.lookup("values", in: root)?.value)
            return Dictionary(uniqueKeysWithValues: doc.rawEntries(mapping).map { (doc.string($0.key), doc.scalarValue($0.value)) })
        }
        let ours = try values(written), kubectls = try values(printed)
        #expect(ours.count == Self.spellings.count)
        for (index, spelling) in Self.spellings.enumerated() {
            let ours = try #require(ours["k\(index)"]), theirs = try #require(kubectls["k\(index)"], "\(spelling)")
            #expect(Self.key(ours) == Self.key(theirs), "`\(spelling)`: probelint \(ours), kubectl \(theirs)")
        }
    }

    /// A tag the text cannot hold: go-yaml refuses the file, and probelint reads the text as a
    /// string, so that the field is reported as the wrong type at its place.
    @Test(arguments: ["!!int \"1e3\"", "!!bool \"maybe\"", "!!null \"x\"", "!!float \"ten\"", "!!float 1e400"])
    func aTagTheTextCannotHoldIsAStringHereAndRefusedByKubectl(_ spelling: String) throws {
        let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nvalue: \(spelling)\n"
        let run = try Self.kubectlJSON(yaml)
        #expect(run.status != 0 && run.stderr.contains("cannot decode"), "\(run.stderr)")
        let doc = try #require(try Reader.readAll(yaml).first)
        let root = try #require(doc.root)
        let value = try #require(doc.lookup("value", in: root)?.value)
        guard case .string = doc.scalarValue(value) else { Issue.record("\(spelling) read as \(doc.scalarValue(value))"); return }
    }
}
