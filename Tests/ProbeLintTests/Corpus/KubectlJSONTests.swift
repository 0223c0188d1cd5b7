import Foundation
import Testing
@testable import ProbeLint

/// The corpus's objects as kubectl prints them in JSON get the findings their YAML gets.
/// `kubectl annotate --local -f FILE -o json` (the real kubectl, no cluster) prints each object
/// of FILE as a JSON object, one after another, the way `kubectl create --dry-run=client -o json`
/// does; kubectl reads such a stream back (`kubectl apply -f`), and so does probelint. As the
/// items of a `kind: List` (what `kubectl get -o json` prints, live mode's input) they get the
/// same findings too.
@Suite struct KubectlJSONTests {
    /// The objects of `relative` (in ../shared/corpus) as kubectl's JSON, or nil when kubectl
    /// cannot read the file (the Go template).
    static func kubectlJSON(_ relative: String) throws -> [UInt8]? {
        try kubectlJSON(TestSupport.corpus.appendingPathComponent(relative))
    }

    /// The objects of `file` as kubectl's JSON, or nil when kubectl cannot read it.
    static func kubectlJSON(_ file: URL) throws -> [UInt8]? {
        let run = try TestSupport.run(["annotate", "--local", "-f", file.path, "-o", "json", "example.com/printed-by=kubectl"],
                                      executable: KubectlPluginTests.kubectl)
        return run.status == 0 ? Array(run.stdout.utf8) : nil
    }

    /// A finding as the two inputs must share it: everything but the place in the file (and a
    /// `kind: List`'s `items[N].` at the head of the path).
    static func described(_ report: LintReport) -> [String] {
        report.findings.map { f in
            var path = f.path ?? "-"
            if path.hasPrefix("items["), let dot = path.firstIndex(of: ".") { path = String(path[path.index(after: dot)...]) }
            return "\(f.rule) \(f.severity) \(f.object) \(path): \(f.message)"
        }.sorted()
    }

    @Test(arguments: CorpusGoldenTests.files)
    func eachCorpusFileAsKubectlJSONHasTheSameFindings(_ relative: String) throws {
        let yaml = try Data(contentsOf: TestSupport.corpus.appendingPathComponent(relative))
        let fromYAML = Linter.lint([InputFile(path: relative, bytes: Array(yaml))])
        guard let json = try Self.kubectlJSON(relative) else {
            #expect(!fromYAML.errors.isEmpty, "kubectl cannot read \(relative), but probelint can")
            return
        }
        let fromJSON = Linter.lint([InputFile(path: relative + ".json", bytes: json)])
        #expect(fromJSON.errors.isEmpty, "\(fromJSON.errors.map(\.message))")
        #expect(fromYAML.errors.isEmpty)
        #expect(Self.described(fromJSON) == Self.described(fromYAML))
        // Every object kubectl printed (each starts a line with `{`) is a document of its own.
        let objects = json.split(separator: UInt8(ascii: "\n")).filter { $0.first == UInt8(ascii: "{") }.count
        #expect(try Reader.readAll(json, file: "j").map(\.index) == Array(0..<objects))
        // The same objects as the items of a `kind: List`, as `kubectl get` prints them (live mode).
        let values = json.withUnsafeBufferPointer { JSONStream.values($0) }?.map { json[$0.range] } ?? [json[...]]
        let list = Array(#"{"apiVersion": "v1", "kind": "List", "items": ["#.utf8) + Array(values.joined(separator: Array(",".utf8)))
            + Array("]}\n".utf8)
        let fromList = Linter.lint([InputFile(path: relative + ".list.json", bytes: list)])
        #expect(fromList.errors.isEmpty, "\(fromList.errors.map(\.message))")
        #expect(Self.described(fromList) == Self.described(fromYAML))
    }
}

extension KubectlJSONTests {
    /// `kubectl annotate --local -o json | kubectl-probelint -f -`: the JSON of Rook's example
    /// operator, a stream of 6 objects on stdin, lints as the YAML file it came from.
    @Test func kubectlsJSONOnStdinLintsAsItsYAML() throws {
        let relative = "rook-v1.20.6/operator.yaml"
        let json = try #require(try Self.kubectlJSON(relative))
        let piped = try TestSupport.run(["-f", "-"], stdin: String(decoding: json, as: UTF8.self))
        let file = try TestSupport.run(["-f", TestSupport.corpus.appendingPathComponent(relative).path])
        #expect(piped.status == file.status, "\(piped.stderr)")
        func heads(_ run: TestSupport.Run) -> [String] {
            run.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map { $0.split(separator: " ", maxSplits: 1).last.map(String.init) ?? "" }
        }
        #expect(!heads(file).isEmpty && heads(piped) == heads(file))
        #expect(piped.stdout.hasPrefix("<stdin>:"), "\(piped.stdout)")
    }
}
