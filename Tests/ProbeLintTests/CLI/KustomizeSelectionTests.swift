import Foundation
import Testing
@testable import ProbeLint

/// `-k DIR`: a finding goes to a patch only when the patch selects the object and sets the
/// field (a `-k` review found each of these placed in a patch that did neither): a target's
/// `labelSelector` and `namespace`, a replacement's `[name=...]` path, a container's `name`
/// that a strategic-merge patch repeats only to pick the container; and a probe a patch adds,
/// or a field a local patch sets on a remote base, is placed in that patch.
@Suite struct KustomizeSelectionTests {
    typealias Kustomization = KustomizeTests.Kustomization
    static let places = KustomizePatchTraceTests.places

    /// A Deployment whose container `main` has an exec liveness probe that takes 301 s to
    /// notice a hang (PL104 at its periodSeconds, line 18, column 28; 19 with a namespace).
    static func deployment(_ name: String, labels: String = "", namespace: String? = nil, period: Int = 100, failures: Int = 3) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \(name)\(namespace.map { "\n  namespace: \($0)" } ?? "")
          labels: {app: \(name)\(labels)}
        spec:
          selector:
            matchLabels: {app: \(name)}
          template:
            metadata:
              labels: {app: \(name)}
            spec:
              containers:
                - name: main
                  image: nginx
                  livenessProbe:
                    exec: {command: ["true"]}
                    periodSeconds: \(period)
                    failureThreshold: \(failures)

        """
    }

    /// A strategic-merge patch of `web`'s container `container` with `lines` (at the container's
    /// indentation: the first at line 9, column 9).
    static func webPatch(container: String, _ lines: String) -> String {
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - name: \(container)\n"
            + lines.split(separator: "\n").map { "        " + $0 + "\n" }.joined()
    }

    /// A JSON 6902 operation that sets container 0's liveness period to 100, as the base has it.
    static let periodOperation = "- op: replace\n  path: /spec/template/spec/containers/0/livenessProbe/periodSeconds\n  value: 100\n"

    /// A target's labelSelector and namespace: the patch of `api` (or of namespace a's `web`)
    /// is not where `web` (namespace b's) gets its value; both were placed in the patch.
    @Test func aTargetsLabelSelectorAndNamespaceDecideWhatItPatches() throws {
        let k = try Kustomization()
        try k.write("base/kustomization.yaml", "resources: [apps.yaml]\n")
        try k.write("base/apps.yaml", Self.deployment("web", namespace: "a") + "---\n" + Self.deployment("api", namespace: "a")
            + "---\n" + Self.deployment("web", namespace: "b"))
        try k.write("overlays/label/kustomization.yaml", "resources: [../../base]\npatches:\n- path: op.yaml\n  target: {labelSelector: app=api}\n")
        try k.write("overlays/label/op.yaml", Self.periodOperation)
        let labelled = try k.probelint(["-k", "overlays/label", "-o", "json", "--select", "PL104"])
        #expect(try Set(Self.places(labelled)) == ["base/apps.yaml:19:28 PL104", "overlays/label/op.yaml:3:10 PL104", "base/apps.yaml:61:28 PL104"],
                "\(labelled.stdout)")
        try k.write("overlays/ns/kustomization.yaml", "resources: [../../base]\npatches:\n- path: op.yaml\n  target: {kind: Deployment, name: web, namespace: a}\n")
        try k.write("overlays/ns/op.yaml", Self.periodOperation)
        let namespaced = try k.probelint(["-k", "overlays/ns", "-o", "json", "--select", "PL104"])
        #expect(try Set(Self.places(namespaced)) == ["overlays/ns/op.yaml:3:10 PL104", "base/apps.yaml:40:28 PL104", "base/apps.yaml:61:28 PL104"],
                "\(namespaced.stdout)")
        // The overlay's own namespace, which kustomize sets after the patches ran, still lets
        // the target's namespace pick the object by the namespace its file writes.
        try k.write("one/kustomization.yaml", "resources: [api.yaml]\n")
        try k.write("one/api.yaml", Self.deployment("api", namespace: "a"))
        try k.write("overlays/moved/kustomization.yaml", "namespace: prod\nresources: [../../one]\npatches:\n- path: op.yaml\n  target: {kind: Deployment, name: api, namespace: a}\n")
        try k.write("overlays/moved/op.yaml", Self.periodOperation)
        let moved = try k.probelint(["-k", "overlays/moved", "-o", "json", "--select", "PL104"])
        #expect(try Self.places(moved).contains("overlays/moved/op.yaml:3:10 PL104"), "\(moved.stdout)")
    }

    /// A replacement whose path picks container `main` by name writes only its field: the
    /// sidecar's failureThreshold is its own file's. Any field path that ended in the same key
    /// was taken as the replacement's.
    @Test func aReplacementWritesOnlyTheContainerItsPathPicks() throws {
        let k = try Kustomization()
        let sidecar = "        - name: sidecar\n          image: busybox\n          livenessProbe:\n            exec: {command: [\"true\"]}\n            periodSeconds: 60\n            failureThreshold: 30\n"
        try k.write("base/kustomization.yaml", "resources: [web.yaml]\n")
        try k.write("base/web.yaml", Self.deployment("web", period: 60, failures: 30) + sidecar)
        try k.write("overlays/x/kustomization.yaml", """
            resources: [../../base]
            replacements:
              - source:
                  kind: Deployment
                  name: web
                  fieldPath: spec.template.spec.containers.[name=sidecar].livenessProbe.failureThreshold
                targets:
                  - select: {kind: Deployment, name: web}
                    fieldPaths:
                      - spec.template.spec.containers.[name=main].livenessProbe.failureThreshold

            """)
        let run = try k.probelint(["-k", "overlays/x", "-o", "json", "--select", "PL104"])
        #expect(try Set(Self.places(run)) == ["overlays/x/kustomization.yaml:2:1 PL104", "base/web.yaml:25:31 PL104"], "\(run.stdout)")
        #expect(KustomizeOrigins.replacementSegments("metadata.labels.[app.kubernetes.io/name]") == ["metadata", "labels", "app.kubernetes.io/name"])
    }

    /// A strategic-merge patch names a container to pick it: PL204's finding, at the container's
    /// name, stays in the file that defines the container, where its ignore comment silences
    /// it. A container the patch adds is its own, and so is a probe it adds.
    @Test func aContainersNameInAPatchPicksItAndAnAddedProbeIsThePatchs() throws {
        let k = try Kustomization()
        let worker = "        - name: worker   # probelint ignore=PL204\n          image: busybox\n"
        try k.write("base/kustomization.yaml", "resources: [web.yaml]\n")
        try k.write("base/web.yaml", Self.deployment("web") + worker)
        try k.write("overlays/prod/kustomization.yaml", "resources: [../../base]\npatches:\n- path: limits.yaml\n- path: proxy.yaml\n")
        try k.write("overlays/prod/limits.yaml", Self.webPatch(container: "worker", "resources: {limits: {memory: 64Mi}}"))
        try k.write("overlays/prod/proxy.yaml", Self.webPatch(container: "proxy", "image: envoyproxy/envoy:v1.31\nlivenessProbe:\n  httpGet: {path: /ready, port: 9901}"))
        let run = try k.probelint(["-k", "overlays/prod", "-o", "json", "--select", "PL101,PL204", "--latency-p99", "2s"])
        let found = try Self.places(run)
        #expect(!found.contains { $0.hasPrefix("overlays/prod/limits.yaml") && $0.hasSuffix("PL204") }, "\(run.stdout)")
        #expect(found.contains("overlays/prod/proxy.yaml:10:9 PL101"), "\(run.stdout)")
        // Without its comment the worker's finding is at its name in the base.
        try k.write("base/web.yaml", Self.deployment("web") + worker.replacingOccurrences(of: "   # probelint ignore=PL204", with: ""))
        let again = try k.probelint(["-k", "overlays/prod", "-o", "json", "--select", "PL204"])
        #expect(try Self.places(again).contains("base/web.yaml:20:17 PL204"), "\(again.stdout)")
    }

    /// A probe one patch replaces whole (`$patch: replace`) and a later one only tweaks is the
    /// first one's: the later patch ended the search, and the finding went to the base's probe,
    /// which kustomize no longer renders. A container list replaced by `- $patch: replace`
    /// names its containers itself: PL204 goes to the patch, not to the base's container.
    @Test func aPatchThatReplacesWholeComesBeforeALaterTweak() throws {
        let k = try Kustomization()
        try k.write("base/kustomization.yaml", "resources: [web.yaml]\n")
        try k.write("base/web.yaml", Self.deployment("web"))
        try k.write("overlays/prod/kustomization.yaml", "resources: [../../base]\npatches:\n- path: replace.yaml\n- path: period.yaml\n")
        try k.write("overlays/prod/replace.yaml", Self.webPatch(container: "main", "livenessProbe:\n  $patch: replace\n  tcpSocket: {port: 8080}\n  periodSeconds: 10"))
        try k.write("overlays/prod/period.yaml", Self.webPatch(container: "main", "livenessProbe:\n  periodSeconds: 10"))
        let run = try k.probelint(["-k", "overlays/prod", "-o", "json", "--select", "PL101", "--latency-p99", "2s"])
        #expect(try Self.places(run) == ["overlays/prod/replace.yaml:9:9 PL101"], "\(run.stdout)")
        try k.write("overlays/list/kustomization.yaml", "resources: [../../base]\npatches:\n- path: p.yaml\n")
        try k.write("overlays/list/p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - $patch: replace\n      - name: main\n        image: busybox\n")
        let list = try k.probelint(["-k", "overlays/list", "-o", "json", "--select", "PL204"])
        #expect(try Self.places(list) == ["overlays/list/p.yaml:9:15 PL204"], "\(list.stdout)")
    }

    /// A target's namespace is a regular expression, and one a base's namespace transformer
    /// set (which the object's file does not write) may be what the patch saw: both were
    /// placed in the kustomization, not in the operation.
    @Test func aTargetsNamespaceIsAPatternAndMayBeABasesTransform() throws {
        let k = try Kustomization()
        try k.write("base/kustomization.yaml", "namespace: a\nresources: [web.yaml]\n")
        try k.write("base/web.yaml", Self.deployment("web"))
        try k.write("overlays/pattern/kustomization.yaml", "resources: [../../base]\npatches:\n- path: op.yaml\n  target: {kind: Deployment, namespace: \"a|b\"}\n")
        try k.write("overlays/pattern/op.yaml", Self.periodOperation)
        #expect(try Self.places(k.probelint(["-k", "overlays/pattern", "-o", "json", "--select", "PL104"])) == ["overlays/pattern/op.yaml:3:10 PL104"])
        try k.write("overlays/moved/kustomization.yaml", "namespace: prod\nresources: [../../base]\npatches:\n- path: op.yaml\n  target: {kind: Deployment, name: web, namespace: a}\n")
        try k.write("overlays/moved/op.yaml", Self.periodOperation)
        #expect(try Self.places(k.probelint(["-k", "overlays/moved", "-o", "json", "--select", "PL104"])) == ["overlays/moved/op.yaml:3:10 PL104"])
        // A namespace that matches nothing the object had still leaves the patch out.
        try k.write("overlays/other/kustomization.yaml", "resources: [../../base]\npatches:\n- path: op.yaml\n  target: {kind: Deployment, namespace: c}\n")
        try k.write("overlays/other/op.yaml", Self.periodOperation)
        #expect(try Self.places(k.probelint(["-k", "overlays/other", "-o", "json", "--select", "PL104"])) == ["base/web.yaml:18:28 PL104"])
    }

    /// A remote base (a git repository kustomize clones): the field a local patch sets is
    /// placed in the patch, where its comment silences it; it was line 1 of the kustomization.
    @Test func aLocalPatchOfARemoteBasePlacesItsField() throws {
        let k = try Kustomization()
        try k.write("upstream/base/kustomization.yaml", "resources: [web.yaml]\n")
        try k.write("upstream/base/web.yaml", Self.deployment("web"))
        let upstream = k.dir.appendingPathComponent("upstream").path
        for git in [["init", "-q", "-b", "main"], ["add", "."], ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "base"]] {
            let run = try TestSupport.run(["-C", upstream] + git, executable: URL(fileURLWithPath: "/usr/bin/git"))
            try #require(run.status == 0, "\(run.stderr)")
        }
        try k.write("overlays/prod/kustomization.yaml", "resources: [\"file://\(upstream)//base?ref=main\"]\npatches:\n- path: p.yaml\n")
        try k.write("overlays/prod/p.yaml", Self.webPatch(container: "main", "livenessProbe:\n  periodSeconds: 150"))
        let run = try k.probelint(["-k", "overlays/prod", "-o", "json", "--select", "PL104"])
        #expect(try Self.places(run) == ["overlays/prod/p.yaml:10:26 PL104"], "\(run.stdout) \(run.stderr)")
        try k.write("overlays/prod/p.yaml", try String(contentsOf: k.dir.appendingPathComponent("overlays/prod/p.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "periodSeconds: 150", with: "periodSeconds: 150  # probelint ignore=PL104 -- tolerated"))
        #expect(try Self.places(k.probelint(["-k", "overlays/prod", "-o", "json", "--select", "PL104"])).isEmpty)
    }

    /// kustomize's error is a klog value over several lines (`err=<` ... `>`): the reports
    /// carry its text, not the closing '>'.
    @Test func kustomizesMultiLineErrorReachesTheReports() throws {
        let k = try Kustomization()
        try k.write("overlays/bad/kustomization.yaml", "resources: [../../base]\npatches:\n- path: p.yaml\n")
        try k.write("overlays/bad/p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: rgw\n")
        let run = try k.probelint(["-k", "overlays/bad", "-o", "json"])
        #expect(run.status == 2)
        let message = try #require(OutputSupport.parse(run.stdout).array("inputErrors").first?.string("message"))
        #expect(message.contains("unable to parse SM or JSON patch"), "\(message)")
        #expect(!message.hasSuffix(": >"))
        // kustomize names no place in the patch; probelint reads it and does.
        #expect(message.hasSuffix("; overlays/bad/p.yaml:4:1: did not find expected ',' or '}'"), "\(message)")
    }

    /// The hints after kustomize's failure: none for a key written twice, which kustomize takes
    /// (the last wins) and had been named as the cause of another error; `--enable-helm` for
    /// `helmCharts` in a base that `resources` reach, not only in DIR's own kustomization.
    @Test func kustomizesFailureHintsNameTheirCause() throws {
        let k = try Kustomization()
        try k.write("overlays/twice/kustomization.yaml", "resources: [../../base]\nnamePrefix: a-\nnamePrefix: b-\nreplicas:\n- name: rgw\n  count: two\n")
        let twice = try k.probelint(["-k", "overlays/twice"])
        #expect(twice.status == 2)
        #expect(!twice.stderr.contains("duplicate key"), "\(twice.stderr)")
        // A failure that is no YAML error (a missing resource) blames no file that kustomize
        // reads well (content on a '---' line, which kubectl refuses and kustomize takes).
        try k.write("overlays/missing/kustomization.yaml", "resources: [cm.yaml, missing.yaml]\n")
        try k.write("overlays/missing/cm.yaml", "--- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n")
        let missing = try k.probelint(["-k", "overlays/missing"])
        #expect(missing.status == 2 && missing.stderr.hasSuffix("error: kubectl kustomize overlays/missing failed (exit status 1)\n"), "\(missing.stderr)")
        try k.write("charts/kustomization.yaml", "helmCharts:\n- name: podinfo\n  repo: https://example.invalid/charts\n  version: 6.5.0\n")
        try k.write("overlays/helm/kustomization.yaml", "resources: [../../charts]\n")
        let helm = try k.probelint(["-k", "overlays/helm"])
        #expect(helm.stderr.hasSuffix("; charts/kustomization.yaml inflates helmCharts, which kustomize does only with --enable-helm: render it with 'kubectl kustomize --enable-helm overlays/helm | kubectl probelint -f -'\n"), "\(helm.stderr)")
    }
}
