import Foundation
import Testing
@testable import ProbeLint

/// `-o patch` and `--fix` apply one plan two ways: the `kubectl patch` commands, applied by the
/// real kubectl (`patch --local`, no cluster) to the objects as kubectl reads them, leave the
/// findings that `--fix` leaves in the file. Checked on every example and corpus file that
/// `--fix` edits, under three sets of inputs, for each object whose every planned field
/// `--fix` writes (a field it only shows, because it cannot be written into the file, may be
/// in the patch: a merge patch creates the keys it needs).
@Suite struct PatchMatchesFixTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var file: URL
        var flags: [InputKey: String]
        var testDescription: String { "\(file.lastPathComponent) \(flags.keys.map(\.rawValue).sorted().joined(separator: ","))" }
        var arguments: [String] { flags.sorted { $0.key.rawValue < $1.key.rawValue }.flatMap { ["--" + $0.key.rawValue, $0.value] } }
    }

    static let flagSets: [[InputKey: String]] = [
        FixSupport.flags,                                                     // timeouts (PL101)
        [.bandwidth: "10MB/s", .largestTransfer: "700MB"],                    // the incident's link (PL102)
        [.loadedLatencyP99: "5s", .startupTime: "300s", .drainTime: "200s"],  // start-up and drain (PL105, PL106)
    ]

    /// Whether the kustomization beside `file` names it as a patch: the command line does not
    /// lint such a file (`KustomizationPatches`), the library does.
    static func isKustomizePatch(_ file: URL) -> Bool {
        let folder = file.deletingLastPathComponent()
        return KustomizationPatches.fileNames.contains { name in
            let kustomization = folder.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: kustomization),
                  let paths = KustomizationPatches.paths(in: Array(data), file: kustomization.path) else { return false }
            return paths.contains { folder.appendingPathComponent($0).standardizedFileURL == file.standardizedFileURL }
        }
    }

    /// Every example and corpus YAML file in which `--fix` writes a field, with each flag set.
    static let cases: [Case] = {
        let examples = FileManager.default.enumerator(at: TestSupport.packageRoot.appendingPathComponent("examples"), includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? []
        let corpus = CorpusGoldenTests.files.map { TestSupport.corpus.appendingPathComponent($0) }
        let files = (examples + corpus).filter { $0.pathExtension == "yaml" && !isKustomizePatch($0) }.sorted { $0.path < $1.path }
        return flagSets.flatMap { flags in
            files.compactMap { file -> Case? in
                guard let data = try? Data(contentsOf: file) else { return nil }
                let result = Fixer.fix([InputFile(path: file.path, bytes: Array(data))], options: FixSupport.options(flags))
                return result.outcomes.contains { !$0.applied.isEmpty } ? Case(file: file, flags: flags) : nil
            }
        }
    }()

    @Test func everyFlagSetHasCases() {
        for flags in Self.flagSets { #expect(Self.cases.filter { $0.flags == flags }.count >= 2, "\(flags)") }
    }

    /// A finding as both runs must share it, and its object's identity.
    static func described(_ f: Finding) -> String { "\(f.rule) \(f.severity) \(f.object) \(f.path ?? "-"): \(f.message)" }
    static func identity(kind: String, namespace: String?, name: String) -> String { "\(kind.lowercased())/\(namespace ?? "")/\(name)" }

    @Test(arguments: cases)
    func kubectlApplyingThePatchesLeavesWhatFixLeaves(_ c: Case) throws {
        let options = FixSupport.options(c.flags)
        let result = Fixer.fix([InputFile(path: c.file.path, bytes: Array(try Data(contentsOf: c.file)))], options: options)
        // Pods and Jobs get no command to run (the API server refuses the change), only a
        // commented one: their findings are --fix's alone.
        let immutable = result.outcomes[0].applied.filter { PatchReporter.immutable[$0.object.kind] != nil }
        let shownOnly = Set((result.displayOnly + immutable).map { Self.identity(kind: $0.object.kind, namespace: $0.object.namespace, name: $0.object.name) })

        // The objects as kubectl reads them, one JSON value each, patched as the commands say.
        let kubectl = try #require(PatchOutputTests.kubectl)
        let stream = try #require(try KubectlJSONTests.kubectlJSON(c.file))
        let values = try #require(stream.withUnsafeBufferPointer { JSONStream.values($0) }?.map { Array(stream[$0.range]) }
                                  ?? [stream])
        var objects = try values.map { try PatchOutputTests.json(String(decoding: $0, as: UTF8.self)) }
        let run = try TestSupport.run(c.arguments + ["-o", "patch", c.file.path])
        let commands = PatchOutputTests.commands(run.stdout)
        #expect(!commands.isEmpty || immutable.count == result.outcomes[0].applied.count, "\(run.stdout)")
        #expect(immutable.isEmpty || run.stdout.contains("# not patchable: a "), "\(run.stdout)")
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (line, patch) in commands {
            let words = line.split(separator: " ")
            let target = words[2].split(separator: "/", maxSplits: 1).map(String.init)
            let namespace = words.firstIndex(of: "-n").map { String(words[$0 + 1]) }
            let type = try #require(words.first { $0.hasPrefix("--type=") })
            let matching = objects.indices.filter { i in
                let metadata = objects[i]["metadata"] as? [String: Any]
                return Self.identity(kind: objects[i]["kind"] as? String ?? "", namespace: metadata?["namespace"] as? String,
                                     name: metadata?["name"] as? String ?? "") == Self.identity(kind: target[0], namespace: namespace, name: target[1])
            }
            let index = try #require(matching.count == 1 ? matching.first : nil, "\(line)")
            let object = dir.appendingPathComponent("object.json")
            try JSONSerialization.data(withJSONObject: objects[index]).write(to: object)
            let patched = try TestSupport.run(["patch", "--local", "-f", object.path, String(type), "-p", patch, "-o", "json"],
                                              executable: kubectl)
            #expect(patched.status == 0, "\(line): \(patched.stderr)")
            objects[index] = try PatchOutputTests.json(patched.stdout)
        }
        let patchedStream = try objects.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }.joined(separator: "\n")

        let afterPatch = Linter.lint([InputFile(path: "patched.json", bytes: Array(patchedStream.utf8))], options: options)
        let afterFix = Linter.lint([InputFile(path: c.file.path, bytes: result.outcomes[0].fixed)], options: options)
        #expect(afterPatch.errors.isEmpty && afterFix.errors.isEmpty)
        func compared(_ report: LintReport) -> [String] {
            report.findings.filter { !shownOnly.contains(Self.identity(kind: $0.object.kind, namespace: $0.object.namespace, name: $0.object.name)) }
                .map(Self.described).sorted()
        }
        #expect(compared(afterPatch) == compared(afterFix))
    }
}
