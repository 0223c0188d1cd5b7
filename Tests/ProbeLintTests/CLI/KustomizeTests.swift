import Foundation
import Testing
@testable import ProbeLint

/// `-k DIR` lints what the real `kubectl kustomize DIR` renders (/usr/bin/kubectl,
/// whose kustomize needs no cluster), and is refused beside -f, -R, paths and
/// resources as kubectl refuses `-k` there.
@Suite struct KustomizeTests {
    /// An RGW Deployment without Rook: liveness on the data port, timeout 1 s, no readiness probe.
    static let rgw = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: rgw
        spec:
          selector:
            matchLabels: {app: rgw}
          template:
            metadata:
              labels: {app: rgw}
            spec:
              containers:
                - name: rgw
                  image: quay.io/ceph/ceph:v18
                  args: ["radosgw"]
                  livenessProbe:
                    tcpSocket: {port: 8080}
                    timeoutSeconds: 1
                    periodSeconds: 10

        """

    /// A strategic-merge patch file of `rgw` that sets only its liveness timeout.
    static func livenessPatch(timeoutSeconds: Int) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: rgw
        spec:
          template:
            spec:
              containers:
                - name: rgw
                  livenessProbe:
                    timeoutSeconds: \(timeoutSeconds)

        """
    }

    /// A strategic-merge patch of rgw's container with `lines` (written at the container's indentation).
    static func containerPatch(_ lines: String) -> String {
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: rgw}\nspec:\n  template:\n    spec:\n      containers:\n      - name: rgw\n"
            + lines.split(separator: "\n").map { "        " + $0 + "\n" }.joined()
    }

    /// A kustomization of `resources` whose inline JSON 6902 patch sets rgw's liveness timeout.
    static func inlineTimeoutPatch(_ timeoutSeconds: Int, resources: String = "../../base", head: String = "") -> String {
        """
        \(head)resources:
        - \(resources)
        patches:
        - target: {kind: Deployment, name: rgw}
          patch: |-
            - op: replace
              path: /spec/template/spec/containers/0/livenessProbe/timeoutSeconds
              value: \(timeoutSeconds)

        """
    }

    /// A base with an RGW Deployment (liveness timeout 1 s) and an overlay that moves it to
    /// namespace `prod` and patches the timeout to 2 s: only a rendered stream has both.
    final class Kustomization {
        let dir: URL

        init() throws {
            dir = try OutputSupport.temporaryDirectory("kustomize")
            try write("base/kustomization.yaml", "resources:\n- rgw.yaml\n")
            try write("base/rgw.yaml", KustomizeTests.rgw)
            try write("overlays/prod/kustomization.yaml", KustomizeTests.inlineTimeoutPatch(2, head: "namespace: prod\n"))
            let bin = dir.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("kubectl-probelint"),
                                                       withDestinationURL: TestSupport.binary)
        }

        deinit { try? FileManager.default.removeItem(at: dir) }

        func write(_ path: String, _ text: String) throws {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }

        /// `kubectl-probelint ARGS` run in the folder, with only kubectl's folder on PATH besides ours.
        func probelint(_ arguments: [String], in sub: String = "") throws -> TestSupport.Run {
            try TestSupport.run(arguments, environment: environment, directory: sub.isEmpty ? dir : dir.appendingPathComponent(sub))
        }

        /// `kubectl probelint ARGS`: kubectl finds the plugin on PATH, as after a krew install.
        func kubectl(_ arguments: [String]) throws -> TestSupport.Run {
            try TestSupport.run(["probelint"] + arguments, environment: environment, executable: KubectlPluginTests.kubectl, directory: dir)
        }

        var environment: [String: String] {
            ["PATH": dir.appendingPathComponent("bin").path + ":/usr/bin:/bin", "HOME": dir.path, "GITHUB_WORKSPACE": dir.path]
        }
    }

    static let flags = ["--select", "PL101,PL105"] + OutputSupport.incidentFlags

    /// The overlay's namespace and patched timeout are what probelint judges: the findings read
    /// timeoutSeconds 2, above the loaded p99 of 1.08 s (no PL101), where the base alone reads 1
    /// (PL101). Each is shown at the probe in the base's file, where file mode shows it.
    @Test func lintsTheRenderedOverlay() throws {
        let k = try Kustomization()
        let overlay = try k.kubectl(["-k", "overlays/prod"] + Self.flags)
        #expect(overlay.status == 1, "\(overlay.stderr)")
        #expect(overlay.stderr.isEmpty)
        let heads = overlay.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(heads == ["base/rgw.yaml:16:11: error: livenessProbe can kill the rgw container 22 s after it starts, before its startup time of 30 s: a restart during recovery becomes a crash loop [PL105]"])
        #expect(overlay.stdout.contains("  object: Deployment/prod/rgw container rgw livenessProbe\n"))
        #expect(overlay.stdout.contains("  input: probe: timeoutSeconds 2, periodSeconds 10"))
        let base = try k.probelint(["--kustomize", "base"] + Self.flags)
        #expect(base.status == 1, "\(base.stderr)")
        #expect(base.stdout.contains("base/rgw.yaml:18:29: error: livenessProbe timeoutSeconds 1 "))
        #expect(base.stdout.contains("base/rgw.yaml:16:11: error: livenessProbe can kill the rgw container 21 s after"))
        let files = try k.probelint(["-f", "base/rgw.yaml"] + Self.flags)
        #expect(base.stdout == files.stdout)
        // As in kubectl, a second -k replaces the first.
        let last = try k.probelint(["-k", "overlays/prod", "-k", "base"] + Self.flags)
        #expect(last.stdout == base.stdout)
    }

    /// JSON and SARIF say where the objects came from, and locate findings in the file kustomize
    /// read each object from (`source.locatedIn`), named as DIR was: from the working directory.
    @Test func documentsNameTheKustomizeCommand() throws {
        let k = try Kustomization()
        let json = try k.probelint(["-k", "overlays/prod", "-o", "json"] + Self.flags)
        #expect(json.status == 1, "\(json.stderr)")
        #expect(try OutputSupport.schemaErrors(json.stdout, schema: OutputSupport.jsonSchema).isEmpty)
        let doc = try OutputSupport.parse(json.stdout)
        #expect(doc.object("source")?.string("type") == "kustomization")
        #expect(doc.object("source")?["command"] as? [String] == ["kubectl", "kustomize", "overlays/prod"])
        #expect(doc.object("source")?.string("file") == "overlays/prod/kustomization.yaml")
        let findings = doc.array("findings")
        #expect(findings.compactMap { $0.string("rule") } == ["PL105"])
        #expect(doc.object("source")?.string("locatedIn") == "files")
        #expect(findings.allSatisfy { $0.object("object")?.string("displayName") == "deployment/prod/rgw" && $0.string("file") == "base/rgw.yaml" })
        #expect(findings.first?.object("range")?.object("start")?.int("line") == 16)
        #expect(findings.first?.string("path") == "spec.template.spec.containers[0].livenessProbe")
        let sarif = try k.probelint(["-k", "overlays/prod", "-o", "sarif"] + Self.flags)
        #expect(sarif.status == 1)
        #expect(try OutputSupport.schemaErrors(sarif.stdout, schema: OutputSupport.sarifSchema).isEmpty)
        let run = try #require(try OutputSupport.parse(sarif.stdout).array("runs").first)
        #expect(run.array("invocations").first?.string("commandLine") == "kubectl kustomize overlays/prod")
        #expect(run.array("results").compactMap { $0.string("ruleId") } == ["PL105"])
        let physical = try #require(run.array("results").first?.array("locations").first?.object("physicalLocation"))
        #expect(physical.object("artifactLocation")?.string("uri") == "base/rgw.yaml")
        #expect(physical.object("region")?.int("startLine") == 16)
        #expect(run.array("results").first?.object("message")?.string("text")?.hasPrefix("livenessProbe can kill") == true)
        let github = try k.probelint(["-k", "overlays/prod", "-o", "github"] + Self.flags)
        #expect(github.status == 1)
        #expect(github.stdout.hasPrefix("::error file=base/rgw.yaml,line=16,endLine=16,col=11,"), "\(github.stdout)")
        // A kustomization named otherwise, and from inside its folder.
        try FileManager.default.moveItem(at: k.dir.appendingPathComponent("overlays/prod/kustomization.yaml"),
                                         to: k.dir.appendingPathComponent("overlays/prod/Kustomization"))
        let inside = try k.probelint(["-k", ".", "-o", "json"] + Self.flags, in: "overlays/prod")
        #expect(inside.status == 1, "\(inside.stderr)")
        let insideDoc = try OutputSupport.parse(inside.stdout)
        #expect(insideDoc.object("source")?.string("file") == "Kustomization")
        #expect(insideDoc.array("findings").first?.string("file") == "../../base/rgw.yaml")
    }

    /// The .probelint.yaml that covers the kustomization's folder applies, wherever probelint runs.
    @Test func readsTheConfigOfTheKustomizationFolder() throws {
        let k = try Kustomization()
        try k.write("overlays/prod/.probelint.yaml", "startup-time: 60s\n")
        let run = try k.probelint(["-k", "overlays/prod"] + Self.flags)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("before its startup time of 60 s"))
        #expect(run.stdout.contains("  input: Tstart = 60 s time the daemon needs to start and be healthy (from overlays/prod/.probelint.yaml:1:15)"))
        try k.write("overlays/prod/.probelint.yaml", "bandwidth: fast\n")
        let broken = try k.probelint(["-k", "prod"] + Self.flags, in: "overlays")
        #expect(broken.status == 2)
        #expect(broken.stdout.isEmpty)
        #expect(broken.stderr.hasPrefix("prod/.probelint.yaml:1:12: error: bandwidth 'fast' is not a rate"), "\(broken.stderr)")
    }

    /// -o patch prints kubectl patch commands for the rendered objects; --fix and --diff are refused.
    @Test func patchesButDoesNotFix() throws {
        let k = try Kustomization()
        let patch = try k.probelint(["-k", "overlays/prod", "-o", "patch"] + Self.flags)
        #expect(patch.status == 1, "\(patch.stderr)")
        let commands = patch.stdout.split(separator: "\n").filter { $0.hasPrefix("kubectl patch ") }
        #expect(commands.count == 1)
        #expect(commands.first?.hasPrefix(#"kubectl patch deployment/rgw -n prod --type=strategic -p '{"spec":{"template":{"spec":{"containers":[{"name":"rgw","livenessProbe":"#) == true, "\(commands)")
        for flag in ["--fix", "--diff"] {
            let refused = try k.probelint(["-k", "overlays/prod", flag] + Self.flags)
            #expect(refused.status == 2)
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr.hasPrefix("error: --fix and --diff edit files; -k lints what kustomize renders"))
        }
    }

    /// -k alone, as kubectl takes it: with -f, -R, a path or a resource it is a usage error.
    @Test func refusedBesideOtherInputs() throws {
        let k = try Kustomization()
        let cases: [([String], String)] = [
            (["-f", "base/rgw.yaml"], "error: only one of -f or -k can be specified\n"),
            // No -f: file names as pre-commit adds them to a hook's command.
            (["base/rgw.yaml"], "error: -k lints what kustomize renders and takes no file names (base/rgw.yaml); in a pre-commit hook that runs -k, set pass_filenames: false\n"),
            (["--", "base/rgw.yaml"], "error: -k lints what kustomize renders and takes no file names (base/rgw.yaml); in a pre-commit hook that runs -k, set pass_filenames: false\n"),
            (["-R"], "error: the -k flag can't be used with -f or -R\n"),
            (["deployments"], "error: give a kustomization or kubectl resources, not both (no such file: deployments)\n"),
            (["-n", "prod"], "error: --namespace applies to kubectl resources, not to -k\n"),
        ]
        for (extra, message) in cases {
            let run = try k.probelint(["-k", "overlays/prod"] + extra)
            #expect(run.status == 2, "\(extra)")
            #expect(run.stdout.isEmpty, "\(extra)")
            #expect(run.stderr == message, "\(extra)")
        }
    }

    /// A file that a kustomization in its folder or above names as a patch holds only the fields it
    /// changes: it is not linted as a whole object (its probe without a handler was PL202), and a
    /// note says so; the folder's other files, and a patch that no kustomization names, are linted.
    @Test func patchFilesOfAKustomizationAreNotLinted() throws {
        let k = try Kustomization()
        let patch = Self.livenessPatch(timeoutSeconds: 5)
        try k.write("overlays/staging/probe.yaml", patch)
        try k.write("overlays/staging/patches/more.yaml", patch)
        try k.write("overlays/staging/loose.yaml", patch)
        try k.write("overlays/staging/kustomization.yaml", """
            resources:
            - ../../base
            - extra.yaml
            patches:
            - path: probe.yaml
            patchesStrategicMerge:
            - patches/more.yaml

            """)
        try k.write("overlays/staging/extra.yaml", String(decoding: try Data(contentsOf: k.dir.appendingPathComponent("base/rgw.yaml")), as: UTF8.self))
        let run = try k.probelint(["-R", "-f", "overlays/staging", "--select", "PL202,PL105"] + OutputSupport.incidentFlags)
        #expect(run.status == 1, "\(run.stderr)")
        let heads = run.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map { $0.prefix { $0 != ":" } }
        #expect(heads == ["overlays/staging/extra.yaml", "overlays/staging/loose.yaml"], "\(run.stdout)")
        #expect(run.stdout.contains("overlays/staging/loose.yaml:10:11: error: livenessProbe has no handler"))
        #expect(run.stderr == """
            overlays/staging/patches/more.yaml: note: not linted: overlays/staging/kustomization.yaml names it as a patch, which holds only the fields it changes; lint what the kustomization renders with -k overlays/staging
            overlays/staging/probe.yaml: note: not linted: overlays/staging/kustomization.yaml names it as a patch, which holds only the fields it changes; lint what the kustomization renders with -k overlays/staging

            """)
        // A kustomization that writes `patches:` twice, which kustomize takes (the last list
        // applies): the walk reads it without a duplicate-key error, and passes over the files of
        // both lists, each a patch as written (the first list's was linted whole, PL202).
        try k.write("overlays/twice/p1.yaml", patch)
        try k.write("overlays/twice/p2.yaml", patch)
        try k.write("overlays/twice/kustomization.yaml", "resources: [../../base]\npatches:\n- path: p1.yaml\npatches:\n- path: p2.yaml\n")
        let twice = try k.probelint(["-R", "-f", "overlays/twice"])
        #expect(twice.status == 0 && twice.stdout.isEmpty, "\(twice.stdout)\(twice.stderr)")
        #expect(twice.stderr.contains("overlays/twice/p1.yaml: note: not linted") && twice.stderr.contains("overlays/twice/p2.yaml: note: not linted"), "\(twice.stderr)")
        #expect(!twice.stderr.contains("duplicate key"), "\(twice.stderr)")
        // As pre-commit passes them, from a folder below the kustomization's.
        let named = try k.probelint(["more.yaml"], in: "overlays/staging/patches")
        #expect(named.status == 0)
        #expect(named.stdout.isEmpty)
        #expect(named.stderr == "more.yaml: note: not linted: ../kustomization.yaml names it as a patch, which holds only the fields it changes; lint what the kustomization renders with -k ..\n")
        // A Component renders nothing alone (`-k` of it fails): the note sends to an overlay that
        // lists it; a folder whose name has a blank is one shell word.
        try k.write("components/probes/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n- path: probe.yaml\n")
        try k.write("components/probes/probe.yaml", KustomizeTests.livenessPatch(timeoutSeconds: 1))
        try k.write("my overlay/kustomization.yaml", "resources:\n- ../base\npatches:\n- path: probe.yaml\n")
        try k.write("my overlay/probe.yaml", KustomizeTests.livenessPatch(timeoutSeconds: 1))
        let component = try k.probelint(["components/probes/probe.yaml", "my overlay/probe.yaml"])
        #expect(component.stderr == """
            components/probes/probe.yaml: note: not linted: components/probes/kustomization.yaml names it as a patch, which holds only the fields it changes; it is a kustomize Component, which renders nothing alone: lint an overlay that lists it under components with -k DIR
            my overlay/probe.yaml: note: not linted: my overlay/kustomization.yaml names it as a patch, which holds only the fields it changes; lint what the kustomization renders with -k 'my overlay'

            """, "\(component.stderr)")
    }

    /// The bundled example (examples/README.md): the overlay's patch clears the base's PL101,
    /// PL102 and PL106; `-R -f` reads the base and passes over the patch.
    @Test func theBundledExample() throws {
        func rules(_ arguments: [String]) throws -> (rules: [String], run: TestSupport.Run) {
            let run = try TestSupport.run(arguments + OutputSupport.incidentFlags + ["-o", "json"])
            return (try OutputSupport.parse(run.stdout).array("findings").compactMap { $0.string("rule") }, run)
        }
        let base = try rules(["-k", "examples/kustomize/base"])
        #expect(base.rules.sorted() == ["PL101", "PL102", "PL106", "PL107"], "\(base.run.stderr)")
        let overlay = try rules(["-k", "examples/kustomize/overlays/prod"])
        #expect(overlay.rules == ["PL107"], "\(overlay.run.stderr)")
        // A field the patch sets is shown in the patch file (examples/README.md).
        let slow = try TestSupport.run(["-k", "examples/kustomize/overlays/prod", "--loaded-latency-p99", "6s", "--select", "PL101"])
        #expect(slow.stdout.hasPrefix("examples/kustomize/overlays/prod/rgw-probes.yaml:14:29: error: livenessProbe timeoutSeconds 5 is not above"), "\(slow.stdout)")
        let files = try rules(["-R", "-f", "examples/kustomize"])
        #expect(files.rules.sorted() == base.rules.sorted())
        #expect(files.run.stderr == "examples/kustomize/overlays/prod/rgw-probes.yaml: note: not linted: examples/kustomize/overlays/prod/kustomization.yaml names it as a patch, which holds only the fields it changes; lint what the kustomization renders with -k examples/kustomize/overlays/prod\n")
    }

    /// `-l` picks among the rendered objects, as `kubectl apply -k DIR -l` does: kustomize takes no
    /// selector, so probelint matches the overlay's objects (their labels as rendered) itself.
    @Test func selectorPicksAmongRenderedObjects() throws {
        func rules(_ selector: String) throws -> [String] {
            let run = try TestSupport.run(["-k", "examples/kustomize/overlays/prod", "-l", selector, "-o", "json"] + OutputSupport.incidentFlags)
            #expect(run.stderr.isEmpty, "\(selector): \(run.stderr)")
            return try OutputSupport.parse(run.stdout).array("findings").compactMap { $0.string("rule") }
        }
        #expect(try rules("app=rgw") == ["PL107"])
        // A selector that picks nothing says so (`kubectl apply -l` refuses to apply nothing).
        for selector in ["app in (web,db)", "!app"] {
            let run = try TestSupport.run(["-k", "examples/kustomize/overlays/prod", "-l", selector])
            #expect(run.status == 0 && run.stdout.isEmpty)
            #expect(run.stderr == "note: -l '\(selector)' selects no object of the inputs: nothing was linted\n")
        }
        let bad = try TestSupport.run(["-k", "examples/kustomize/overlays/prod", "-l", "app=rgw,"])
        #expect(bad.status == 2)
        #expect(bad.stderr == "error: the provided selector \"app=rgw,\" is not valid: found '', expected: identifier after ','\n")
    }

    /// kustomize's own message reaches stderr, then probelint's, exit 2; -o json is still a whole document.
    @Test func kustomizeFailureIsAnInputError() throws {
        let k = try Kustomization()
        let text = try k.probelint(["-k", "missing"])
        #expect(text.status == 2)
        #expect(text.stdout.isEmpty)
        #expect(text.stderr.contains("missing"))
        #expect(text.stderr.hasSuffix("error: kubectl kustomize missing failed (exit status 1)\n"), "\(text.stderr)")
        let json = try k.probelint(["-k", "base/rgw.yaml", "-o", "json"])
        #expect(json.status == 2)
        #expect(try OutputSupport.schemaErrors(json.stdout, schema: OutputSupport.jsonSchema).isEmpty)
        let error = try #require(try OutputSupport.parse(json.stdout).array("inputErrors").first)
        #expect(error.string("file") == "kubectl kustomize base/rgw.yaml")
        #expect(error.string("message")?.hasPrefix("kubectl kustomize base/rgw.yaml failed") == true)
    }
}
