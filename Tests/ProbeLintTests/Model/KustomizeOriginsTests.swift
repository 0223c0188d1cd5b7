import Foundation
import Testing
@testable import ProbeLint

/// `KustomizeOrigins` on rendered streams written here as kustomize writes them, with the
/// origin files read from a dictionary: where each finding goes, and when it falls back to
/// DIR's kustomization file.
@Suite struct KustomizeOriginsTests {
    /// Two Deployments, `rgw` and `rgw-canary`, each with the RGW incident's liveness probe.
    static let base = deployment("rgw") + "---\n" + deployment("rgw-canary")

    static func deployment(_ name: String) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \(name)
        spec:
          template:
            spec:
              containers:
                - name: rgw
                  image: quay.io/ceph/ceph:v18
                  args: ["radosgw"]
                  livenessProbe:
                    tcpSocket: {port: 8080}
                    timeoutSeconds: 1

        """
    }

    /// A rendered object: `annotations` under metadata, `containers` as rendered.
    static func rendered(name: String, annotations: String, containers: String) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          annotations:
        \(annotations)
          name: \(name)
          namespace: prod
        spec:
          template:
            spec:
              containers:
        \(containers)
        """
    }

    static let rgwContainer = """
                - args: ["radosgw"]
                  image: quay.io/ceph/ceph:v18
                  livenessProbe:
                    tcpSocket: {port: 8080}
                    timeoutSeconds: 1
                  name: rgw
        """

    static let origin = """
            config.kubernetes.io/origin: |
              path: ../app/base/rgw.yaml
        """

    /// Lints `stream` (as `kubectl kustomize app/overlay` rendered it into /w) and locates the findings.
    static func locate(_ stream: String, files: [String: String]) throws -> [Finding] {
        let name = "kubectl kustomize app/overlay"
        var findings = Self.pl101(stream, file: name)
        #expect(!findings.isEmpty)
        var origins = KustomizeOrigins(rendered: try Reader.readAll(Array(stream.utf8), file: name), base: "/w/tmp",
                                       anchor: "app/overlay/kustomization.yaml", present: { $0 },
                                       read: { files[$0].map { Array($0.utf8) } })
        var errors: [LintError] = [], warnings: [LintError] = []
        origins.locate(&findings, errors: &errors, warnings: &warnings)
        #expect(errors.isEmpty && warnings.isEmpty, "\(errors) \(warnings)")
        return findings
    }

    /// PL101 (the timeout of 1 s against a loaded p99 of 3 s) in `yaml`.
    static func pl101(_ yaml: String, file: String) -> [Finding] {
        TestSupport.lint(yaml, file: file, flags: [.loadedLatencyP99: "3s"]).findings.filter { $0.rule.rawValue == "PL101" }
    }

    /// The same findings as file mode gives for the base, at the same places: the prefixed name
    /// picks `rgw-canary` (the longest name the rendered one holds), not `rgw`.
    @Test func anUnchangedObjectIsShownWhereFileModeShowsIt() throws {
        let stream = Self.rendered(name: "prod-rgw-canary", annotations: Self.origin, containers: Self.rgwContainer)
        let findings = try Self.locate(stream, files: ["/w/app/base/rgw.yaml": Self.base])
        let inFile = Self.pl101(Self.base, file: "/w/app/base/rgw.yaml").filter { $0.object.name == "rgw-canary" }
        #expect(inFile.count == 1)
        #expect(findings.map(\.file) == inFile.map(\.file))
        #expect(findings.map(\.range) == inFile.map(\.range))
        #expect(findings.map(\.message) == inFile.map(\.message))
        #expect(findings.first?.range.start.line == 29)
    }

    /// A container put before the base's by a patch is matched by name: `containers[1]` here is
    /// `containers[0]` there.
    @Test func containersAreMatchedByName() throws {
        let sidecar = "        - {name: log, image: busybox}\n" + Self.rgwContainer
        let stream = Self.rendered(name: "rgw", annotations: Self.origin, containers: sidecar)
        let findings = try Self.locate(stream, files: ["/w/app/base/rgw.yaml": Self.base])
        #expect(findings.first?.path == "spec.template.spec.containers[1].livenessProbe.timeoutSeconds")
        #expect(findings.first?.file == "/w/app/base/rgw.yaml")
        #expect(findings.first?.range.start.line == 14)
    }

    /// A value the base does not hold, changed by a patch the kustomization writes inline: at its
    /// `patches` key, with the object and field path in the message.
    @Test func aPatchedValueIsShownAtThePatches() throws {
        let transformations = """
                alpha.config.kubernetes.io/transformations: |
                  - configuredIn: ../app/overlay/kustomization.yaml
                    configuredBy: {apiVersion: builtin, kind: NamespaceTransformer}
                  - configuredIn: ../app/overlay/kustomization.yaml
                    configuredBy: {apiVersion: builtin, kind: PatchTransformer}
            """
        let base = Self.base.replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 5")
        let stream = Self.rendered(name: "rgw", annotations: Self.origin + "\n" + transformations, containers: Self.rgwContainer)
        let kustomization = "# prod\nresources: [../base]\npatches:\n- target: {kind: Deployment}\n  patch: '[]'\n"
        let findings = try Self.locate(stream, files: ["/w/app/base/rgw.yaml": base, "/w/app/overlay/kustomization.yaml": kustomization])
        let f = try #require(findings.first)
        #expect(f.file == "/w/app/overlay/kustomization.yaml")
        #expect(f.range.start.line == 3)
        #expect(f.message.hasPrefix("deployment/prod/rgw spec.template.spec.containers[0].livenessProbe.timeoutSeconds: livenessProbe timeoutSeconds 1 "))
        // No transformation names a patch: the base's key, still with the object and path.
        let unexplained = try Self.locate(Self.rendered(name: "rgw", annotations: Self.origin, containers: Self.rgwContainer),
                                          files: ["/w/app/base/rgw.yaml": base])
        #expect(unexplained.first?.file == "/w/app/base/rgw.yaml")
        #expect(unexplained.first?.range.start.line == 14)
        #expect(unexplained.first?.message.hasPrefix("deployment/prod/rgw spec.") == true)
    }

    /// What no local file shows goes to line 1 of DIR's kustomization, with the object and path:
    /// an object without an origin (generated), one from a remote base, one whose file is gone.
    @Test func unplacedFindingsGoToTheKustomization() throws {
        let remote = """
                config.kubernetes.io/origin: |
                  path: examples/rgw.yaml
                  repo: https://github.com/example/app
                  ref: v1
            """
        for annotations in ["    a: b", remote, Self.origin] {
            let stream = Self.rendered(name: "rgw", annotations: annotations, containers: Self.rgwContainer)
            let f = try #require(try Self.locate(stream, files: [:]).first)
            #expect(f.file == "app/overlay/kustomization.yaml")
            #expect(f.range.start.line == 1 && f.range.start.column == 1)
            #expect(f.message.hasPrefix("deployment/prod/rgw spec.template.spec.containers[0].livenessProbe.timeoutSeconds: "))
        }
    }

    /// An object traced to itself: for every finding on the corpus, the walk of its field path
    /// through its own document ends at the node the finding points at.
    @Test func everyCorpusFindingWalksToItself() throws {
        var walked = 0
        for relative in CorpusGoldenTests.files {
            guard let data = FileManager.default.contents(atPath: TestSupport.corpus.path + "/" + relative),
                  let documents = try? Reader.readAll(Array(data), file: relative) else { continue }
            let report = Linter.lint([InputFile(path: relative, bytes: Array(data))])
            for f in report.findings {
                guard let path = f.path,
                      let document = documents.last(where: { $0.range.start.offset <= f.range.start.offset }),
                      let root = document.root else { continue }
                let walk = KustomizeOrigins.Walk(path, rendered: document, root: root, original: document, originalRoot: root,
                                                 at: f.range.start.offset)
                #expect(walk.complete, "\(relative) \(f.rule) \(path)")
                #expect(walk.originalRange.start == f.range.start, "\(relative) \(f.rule) \(path)")
                walked += 1
            }
        }
        #expect(walked >= 40)  // 44 findings with a path on the corpus
    }

    /// A path's parts: list indices come off a key; a bracket that is no index stays in the key.
    @Test func pathPartsAndIndices() {
        #expect(KustomizeOrigins.Walk.indices(of: "containers[0]") == ("containers", [0]))
        #expect(KustomizeOrigins.Walk.indices(of: "a[1][12]") == ("a", [1, 12]))
        #expect(KustomizeOrigins.Walk.indices(of: "plain") == ("plain", []))
        #expect(KustomizeOrigins.Walk.indices(of: "odd[x]") == ("odd[x]", []))
    }
}
