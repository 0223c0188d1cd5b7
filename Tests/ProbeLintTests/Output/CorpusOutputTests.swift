import Foundation
import Testing
@testable import ProbeLint

/// The machine formats over every real manifest in shared/corpus (76 files,
/// 328 objects, one Go template that is not YAML): both stay schema-valid
/// whatever the rules find, and the template's error is reported in both.
@Suite struct CorpusOutputTests {
    static let arguments = ["-R", "-f", TestSupport.corpus.path, "--fail-on", "never"] + OutputSupport.incidentFlags

    @Test func sarifOverTheCorpusIsValid() throws {
        let run = try TestSupport.run(Self.arguments + ["-o", "sarif"])
        #expect(run.status == 2)  // the Go template
        #expect(try OutputSupport.schemaErrors(run.stdout, schema: OutputSupport.sarifSchema).isEmpty)
        let r = try #require(try OutputSupport.parse(run.stdout).array("runs").first)
        let notes = r.array("invocations").first?.array("toolExecutionNotifications") ?? []
        // Outside the working folder the path stays absolute, as given (shared/ may be reached through a link).
        let uris = notes.compactMap { $0.array("locations").first?.object("physicalLocation")?.object("artifactLocation")?.string("uri") }
        let template = "/rook-v1.20.6/templates/floating-mon-drbd-deployment.yaml"
        #expect(uris == ["file://" + TestSupport.corpus.path + template]
                || uris == ["file://" + TestSupport.corpus.resolvingSymlinksInPath().path + template])
        let fingerprints = r.array("results").compactMap { $0.object("partialFingerprints")?.string(SARIFReporter.fingerprintKey) }
        #expect(fingerprints.count == r.array("results").count)
    }

    @Test func jsonOverTheCorpusIsValid() throws {
        let run = try TestSupport.run(Self.arguments + ["-o", "json"])
        #expect(run.status == 2)
        #expect(try OutputSupport.schemaErrors(run.stdout, schema: OutputSupport.jsonSchema).isEmpty)
        let summary = try #require(try OutputSupport.parse(run.stdout).object("summary"))
        #expect(summary.int("files") == 76)
        #expect((summary.int("objects") ?? 0) >= 300)  // 328 on main; decoding more kinds may change it
        #expect(summary.int("inputErrors") == 1)
    }
}
