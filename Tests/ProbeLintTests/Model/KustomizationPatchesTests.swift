import Testing
@testable import ProbeLint

/// What probelint reads of a kustomization file: the paths it names as patches.
@Suite struct KustomizationPatchesTests {
    @Test func pathsOfEveryPatchKey() {
        let text = """
            resources: [deploy.yaml]
            patches:
            - path: probe.yaml
              target: {kind: Deployment}
            - patch: |-
                - op: remove
                  path: /spec/replicas
            patchesStrategicMerge:
            - sub/resources.yaml
            - |-
              apiVersion: apps/v1
              kind: Deployment
            patchesJson6902:
            - target: {kind: Deployment, name: web}
              path: ops.yaml

            """
        #expect(KustomizationPatches.paths(in: Array(text.utf8), file: "kustomization.yaml")
                == ["sub/resources.yaml", "probe.yaml", "ops.yaml"])
    }

    /// A key written twice, which kustomize takes (the last value), is no YAML error: the files of
    /// both lists are patches as written (they were linted as whole objects), and the patches
    /// kustomize applies are the last list's.
    @Test func aKeyWrittenTwice() throws {
        let text = "patches:\n- path: p1.yaml\nresources: [d.yaml]\npatches:\n- path: p2.yaml\n"
        #expect(KustomizationPatches.paths(in: Array(text.utf8), file: "kustomization.yaml") == ["p1.yaml", "p2.yaml"])
        let document = try #require(try Reader.readAll(Array(text.utf8), file: "k", limits: KustomizationPatches.readerLimits()).first)
        #expect(KustomizationPatches.entries(of: document, try #require(document.root)).compactMap(\.path) == ["p2.yaml"])
    }

    @Test func noPatchesAndBrokenFiles() {
        #expect(KustomizationPatches.paths(in: Array("resources: [a.yaml]\n".utf8), file: "k") == [])
        #expect(KustomizationPatches.paths(in: Array("patches: {path: a.yaml}\n".utf8), file: "k") == [])
        #expect(KustomizationPatches.paths(in: Array("- a.yaml\n".utf8), file: "k") == nil)
        #expect(KustomizationPatches.paths(in: Array("patches: [\n".utf8), file: "k") == nil)
    }
}
