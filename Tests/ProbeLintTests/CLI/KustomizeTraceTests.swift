import Foundation
import Testing
@testable import ProbeLint

/// `-k DIR` shows each finding at its field in the file kustomize read it from (the real
/// kubectl's kustomize, with `buildMetadata: [originAnnotations, transformerAnnotations]` in a
/// kustomization of probelint's own): the base's file, or the overlay's patch file that set the
/// value the rules judged, or the patching kustomization's `patches` key.
@Suite struct KustomizeTraceTests {
    typealias Kustomization = KustomizeTests.Kustomization
    static let flags = ["--select", "PL101,PL105"] + OutputSupport.incidentFlags

    /// The first line of each finding.
    static func heads(_ run: TestSupport.Run) -> [String] {
        run.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map(String.init)
    }

    /// The fixture with the base's liveness timeout at 5 s (no PL101) for an overlay to patch.
    static func baseWithATimeoutOf5s() throws -> Kustomization {
        let k = try Kustomization()
        try k.write("base/rgw.yaml", KustomizeTests.rgw.replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 5"))
        return k
    }

    /// The render is read for the findings' places with the lint's limits: an object nested
    /// deeper than the default limit, linted under `--max-depth`, does not move the findings of
    /// the others to the kustomization file.
    @Test func theLintsLimitsPlaceTheFindings() throws {
        let k = try Kustomization()
        try k.write("base/rgw.yaml", KustomizeTests.rgw)
        let nested = (0..<600).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " leaf\n"
        try k.write("base/deep.yaml", "apiVersion: example.com/v1\nkind: Deep\nmetadata:\n  name: deep\nspec:\n" + nested.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n")
        try k.write("base/kustomization.yaml", "resources:\n- rgw.yaml\n- deep.yaml\n")
        let run = try k.probelint(["-k", "base", "--max-depth", "1000"] + Self.flags)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(Self.heads(run).map { $0.prefix { $0 != " " } } == ["base/rgw.yaml:16:11:", "base/rgw.yaml:18:29:"], "\(run.stdout)")
    }

    /// A patch that writes the value the base holds too decides it: the finding is shown in the
    /// patch (editing the base would change nothing); the probe's unset fields stay in the base.
    @Test func aPatchThatRepeatsTheBasesValueIsWhereItIsSet() throws {
        let k = try Kustomization()
        try k.write("base/rgw.yaml", KustomizeTests.rgw)
        try k.write("overlays/pinned/probes.yaml", KustomizeTests.livenessPatch(timeoutSeconds: 1))
        try k.write("overlays/pinned/kustomization.yaml", "resources:\n- ../../base\npatches:\n- path: probes.yaml\n")
        let run = try k.probelint(["-k", "overlays/pinned"] + Self.flags)
        #expect(Self.heads(run).map { $0.prefix { $0 != " " } } == ["base/rgw.yaml:16:11:", "overlays/pinned/probes.yaml:11:29:"], "\(run.stdout)")
    }

    /// An overlay whose patch file sets the timeout to 1 (the base has 5): PL101 is shown at that
    /// value in the patch file; an inline patch has no file, so it is shown at its entry under the
    /// kustomization's `patches` key with its object and field path. The base's own fields stay in the base.
    @Test func patchedFieldsAreShownWhereThePatchSetsThem() throws {
        let k = try Self.baseWithATimeoutOf5s()
        try k.write("overlays/file/probes.yaml", KustomizeTests.livenessPatch(timeoutSeconds: 1))
        try k.write("overlays/file/kustomization.yaml", """
            namePrefix: prod-
            resources:
            - ../../base
            patches:
            - path: probes.yaml

            """)
        let file = try k.probelint(["-k", "overlays/file"] + Self.flags)
        #expect(file.status == 1, "\(file.stderr)")
        #expect(Self.heads(file) == [
            "base/rgw.yaml:16:11: error: livenessProbe can kill the rgw container 21 s after it starts, before its startup time of 30 s: a restart during recovery becomes a crash loop [PL105]",
            "overlays/file/probes.yaml:11:29: error: livenessProbe timeoutSeconds 1 is not above the rgw endpoint's loaded p99 latency of 1.08 s: probes fail whenever it is under load [PL101]",
        ], "\(file.stdout)")
        #expect(file.stdout.contains("  object: Deployment/prod-rgw container rgw livenessProbe\n"))
        // An overlay of that overlay with a patch file of its own: the timeout is still the first's.
        try k.write("overlays/outer/period.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: rgw\nspec:\n  replicas: 2\n")
        try k.write("overlays/outer/kustomization.yaml", "resources:\n- ../file\npatches:\n- path: period.yaml\n")
        let outer = try k.probelint(["-k", "overlays/outer"] + Self.flags)
        #expect(Self.heads(outer).last?.hasPrefix("overlays/file/probes.yaml:11:29: error: livenessProbe timeoutSeconds 1 ") == true, "\(outer.stdout)")

        try k.write("overlays/inline/kustomization.yaml", KustomizeTests.inlineTimeoutPatch(1, head: "# The timeout, inline.\n"))
        let inline = try k.probelint(["-k", "overlays/inline", "-o", "json"] + Self.flags)
        #expect(inline.status == 1, "\(inline.stderr)")
        #expect(try OutputSupport.schemaErrors(inline.stdout, schema: OutputSupport.jsonSchema).isEmpty)
        let findings = try OutputSupport.parse(inline.stdout).array("findings")
        let pl101 = try #require(findings.first { $0.string("rule") == "PL101" })
        #expect(pl101.string("file") == "overlays/inline/kustomization.yaml")
        // At the patch's entry under `patches` (the key is line 4).
        #expect(pl101.object("range")?.object("start")?.int("line") == 5)
        #expect(pl101.string("message")?.hasPrefix("deployment/rgw spec.template.spec.containers[0].livenessProbe.timeoutSeconds: livenessProbe timeoutSeconds 1 ") == true)
        #expect(findings.first { $0.string("rule") == "PL105" }?.string("file") == "base/rgw.yaml")
    }

    /// kustomize's warnings reach stderr once, as without the trace; a `patchesStrategicMerge`
    /// file is a patch file like `patches[].path`.
    @Test func kustomizeWarningsReachTheUser() throws {
        let k = try Self.baseWithATimeoutOf5s()
        try k.write("overlays/old/probe.yaml", KustomizeTests.containerPatch("livenessProbe: {timeoutSeconds: 1, periodSeconds: 10}"))
        try k.write("overlays/old/kustomization.yaml", "resources:\n- ../../base\npatchesStrategicMerge:\n- probe.yaml\n")
        let run = try k.probelint(["-k", "overlays/old"] + Self.flags)
        #expect(run.status == 1)
        #expect(run.stderr == "# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n")
        #expect(Self.heads(run).contains { $0.hasPrefix("overlays/old/probe.yaml:9:41: error: livenessProbe timeoutSeconds 1 ") }, "\(run.stdout)")
    }

    /// DIR's name goes into probelint's kustomization quoted: a folder named with `#`, `: `, a
    /// quote and a line break is traced like any other.
    @Test func anOddFolderNameIsTraced() throws {
        let k = try Kustomization()
        let odd = "a #b: \"c\"\nd"
        try k.write(odd + "/rgw.yaml", KustomizeTests.rgw)
        try k.write(odd + "/kustomization.yaml", "resources:\n- rgw.yaml\n")
        let run = try k.probelint(["-k", odd, "-o", "json"] + Self.flags)
        #expect(run.status == 1, "\(run.stderr)")
        let doc = try OutputSupport.parse(run.stdout)
        #expect(doc.object("source")?.string("locatedIn") == "files")
        #expect(doc.array("findings").map { $0.string("file") } == [odd + "/rgw.yaml", odd + "/rgw.yaml"])
    }

    /// A patch that puts a container before the base's: the finding's `containers[1]` is the
    /// base's `containers[0]`, matched by name.
    @Test func containersAreMatchedByName() throws {
        let k = try Kustomization()
        try k.write("overlays/sidecar/kustomization.yaml", """
            resources:
            - ../../base
            patches:
            - target: {kind: Deployment, name: rgw}
              patch: |-
                - op: add
                  path: /spec/template/spec/containers/0
                  value: {name: log, image: busybox}

            """)
        let run = try k.probelint(["-k", "overlays/sidecar", "-o", "json"] + Self.flags)
        #expect(run.status == 1, "\(run.stderr)")
        let findings = try OutputSupport.parse(run.stdout).array("findings")
        #expect(findings.compactMap { $0.string("path") }.contains("spec.template.spec.containers[1].livenessProbe.timeoutSeconds"))
        for finding in findings {
            #expect(finding.string("file") == "base/rgw.yaml", "\(finding)")
            #expect(finding.string("message")?.hasPrefix("deployment/") == false)
        }
        #expect(findings.map { $0.object("range")?.object("start")?.int("line") } == [16, 18])
    }

    /// A `kind: Component` cannot be a resource of another kustomization, so it is not traced:
    /// its findings are located by object and field path, as for live objects, and SARIF and
    /// `-o github` show them on the kustomization's first line.
    @Test func aComponentIsLocatedByObject() throws {
        let k = try Kustomization()
        // A Component's resources may not leave its folder: a copy of the base's file.
        try k.write("component/rgw.yaml", KustomizeTests.rgw)
        try k.write("component/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1alpha1
            kind: Component
            resources:
            - rgw.yaml

            """)
        let text = try k.probelint(["-k", "component"] + Self.flags)
        #expect(text.status == 1, "\(text.stderr)")
        #expect(text.stderr.isEmpty, "\(text.stderr)")
        #expect(Self.heads(text).contains("deployment/rgw: spec.template.spec.containers[0].livenessProbe.timeoutSeconds: error: livenessProbe timeoutSeconds 1 is not above the rgw endpoint's loaded p99 latency of 1.08 s: probes fail whenever it is under load [PL101]"), "\(text.stdout)")
        let json = try OutputSupport.parse(try k.probelint(["-k", "component", "-o", "json"] + Self.flags).stdout)
        #expect(json.object("source")?["locatedIn"] == nil)
        #expect(json.array("findings").allSatisfy { $0["file"] == nil && $0["range"] == nil })
        let sarif = try k.probelint(["-k", "component", "-o", "sarif"] + Self.flags)
        #expect(try OutputSupport.schemaErrors(sarif.stdout, schema: OutputSupport.sarifSchema).isEmpty)
        let result = try #require(try OutputSupport.parse(sarif.stdout).array("runs").first?.array("results").first)
        let physical = result.array("locations").first?.object("physicalLocation")
        #expect(physical?.object("artifactLocation")?.string("uri") == "component/kustomization.yaml")
        #expect(physical?.object("region")?.int("startLine") == 1)
        #expect(result.object("message")?.string("text")?.hasPrefix("deployment/rgw spec.template.spec.containers[0].livenessProbe") == true)
        let github = try k.probelint(["-k", "component", "-o", "github"] + Self.flags)
        #expect(github.stdout.hasPrefix("::error file=component/kustomization.yaml,line=1,title=PL10"), "\(github.stdout)")
    }

    /// The findings that look across objects (PL205: a Service selects a pod without a readiness
    /// probe) are reported for a kustomization, traced or not, as for files.
    @Test func crossObjectFindingsAreReported() throws {
        let k = try Kustomization()
        try k.write("base/service.yaml", """
            apiVersion: v1
            kind: Service
            metadata:
              name: rgw
            spec:
              selector: {app: rgw}
              ports: [{port: 8080}]

            """)
        try k.write("base/kustomization.yaml", "resources:\n- rgw.yaml\n- service.yaml\n")
        try k.write("component/rgw.yaml", KustomizeTests.rgw)
        try k.write("component/service.yaml", try String(contentsOf: k.dir.appendingPathComponent("base/service.yaml"), encoding: .utf8))
        try k.write("component/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1alpha1
            kind: Component
            resources: [rgw.yaml, service.yaml]

            """)
        let files = try k.probelint(["-f", "base/rgw.yaml", "-f", "base/service.yaml", "--select", "PL205"])
        #expect(Self.heads(files) == ["base/rgw.yaml:13:17: info: container rgw has no readinessProbe, but a Service selects the pod: it gets traffic before it can serve and while it is overloaded [PL205]"], "\(files.stdout)")
        let traced = try k.probelint(["-k", "base", "--select", "PL205"])
        #expect(traced.stdout == files.stdout)
        let component = try k.probelint(["-k", "component", "--select", "PL205"])
        #expect(Self.heads(component) == ["deployment/rgw: spec.template.spec.containers[0].name: info: container rgw has no readinessProbe, but a Service selects the pod: it gets traffic before it can serve and while it is overloaded [PL205]"], "\(component.stdout)")
    }

    /// Every file of ../shared/corpus (real manifests nobody here wrote), each the one resource of
    /// a kustomization: `-k` shows every finding at the file, line and column, and with the rule
    /// and message, that `-f` gives for the file; the Go template that is no YAML fails both.
    @Test(arguments: CorpusGoldenTests.files)
    func eachCorpusFileIsShownWhereFileModeShowsIt(_ relative: String) throws {
        let k = try Kustomization()
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        let data = try Data(contentsOf: TestSupport.corpus.appendingPathComponent(relative))
        try k.write("real/kustomization.yaml", "resources:\n- \(JSONValue.string(name).serialized())\n")
        try data.write(to: k.dir.appendingPathComponent("real").appendingPathComponent(name, isDirectory: false))
        func located(_ run: TestSupport.Run) throws -> [String] {
            try OutputSupport.parse(run.stdout).array("findings").map { f in
                let start = f.object("range")?.object("start")
                return "\(f.string("file") ?? "-"):\(start?.int("line") ?? 0):\(start?.int("column") ?? 0) \(f.string("rule") ?? "") \(f.string("message") ?? "")"
            }.sorted()
        }
        let files = try k.probelint(["-f", "real/" + name, "-o", "json"])
        let traced = try k.probelint(["-k", "real", "-o", "json"])
        if files.status == 2 {
            #expect(traced.status == 2, "\(traced.stdout)")
            #expect(traced.stderr.contains("kubectl kustomize real failed"), "\(traced.stderr)")
            return
        }
        #expect(traced.status == files.status, "\(traced.stderr)")
        #expect(try located(traced) == located(files))
    }
}
