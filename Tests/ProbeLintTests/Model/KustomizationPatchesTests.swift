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

    /// A key written twice is read as kustomize reads it, the last value winning: its patch
    /// files are still passed over (they were linted as whole objects).
    @Test func aKeyWrittenTwiceIsItsLastValue() {
        let text = "patches:\n- path: p1.yaml\nresources: [d.yaml]\npatches:\n- path: p2.yaml\n"
        #expect(KustomizationPatches.paths(in: Array(text.utf8), file: "kustomization.yaml") == ["p2.yaml"])
    }

    @Test func noPatchesAndBrokenFiles() {
        #expect(KustomizationPatches.paths(in: Array("resources: [a.yaml]\n".utf8), file: "k") == [])
        #expect(KustomizationPatches.paths(in: Array("patches: {path: a.yaml}\n".utf8), file: "k") == [])
        #expect(KustomizationPatches.paths(in: Array("- a.yaml\n".utf8), file: "k") == nil)
        #expect(KustomizationPatches.paths(in: Array("patches: [\n".utf8), file: "k") == nil)
    }
}
