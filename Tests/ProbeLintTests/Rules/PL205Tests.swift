import Foundation
import Testing
@testable import ProbeLint

/// Cross-object: a Service in the same run and namespace selects the pod.
@Suite struct PL205Tests {
    static func deployment(namespace: String? = nil, readiness: Bool = false) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web\(namespace.map { "\n  namespace: \($0)" } ?? "")
        spec:
          template:
            metadata:
              labels: {app: web, tier: front}
            spec:
              containers:
                - name: web
                  image: example/web:1\(readiness ? "\n          readinessProbe: {httpGet: {path: /ready, port: 8080}}" : "")

        """
    }

    static func service(namespace: String? = nil, selector: String = "{app: web}",
                        ports: String = "[{port: 80, targetPort: 8080}]") -> String {
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: web\(namespace.map { "\n  namespace: \($0)" } ?? "")
        spec:
          selector: \(selector)
          ports: \(ports)

        """
    }

    /// A Service whose every port is named for metrics carries scrapes, not client traffic
    /// (ceph-csi's csi-metrics-rbdplugin: port http-metrics to 8680): it does not count. One
    /// port of another name, or an unnamed one, and it does.
    @Test(arguments: [("[{name: http-metrics, port: 8080, targetPort: 8680}]", false),
                      ("[{name: metrics, port: 9090}, {name: HTTP-Metrics, port: 9091}]", false),
                      ("[{name: http-metrics, port: 8080}, {name: http, port: 80}]", true),
                      ("[{name: http-metrics, port: 8080}, {port: 80}]", true),
                      ("[]", true)])
    func metricsOnlyServicesCarryNoTraffic(ports: String, fires: Bool) {
        #expect(!findings([("a.yaml", Self.deployment() + "---\n" + Self.service(ports: ports))]).isEmpty == fires, "\(ports)")
    }

    func findings(_ files: [(String, String)]) -> [Finding] {
        let inputs = files.map { InputFile(path: $0.0, bytes: Array($0.1.utf8)) }
        return Linter.lint(inputs).findings.filter { $0.rule == "PL205" }
    }

    @Test func firesWhenAServiceSelectsThePod() throws {
        let f = try #require(findings([("a.yaml", Self.deployment() + "---\n" + Self.service())]).first)
        #expect(f.severity == .info)
        #expect(f.message == "container web has no readinessProbe, but a Service selects the pod: it gets traffic before it can serve and while it is overloaded")
        #expect(f.range.start.line == 11)
        #expect(f.range.start.column == 17)
        #expect(f.notes.map(\.text) == ["selected by Service web (a.yaml:14) with selector app=web"])
        // Like every finding, it names the field it points at (JSON, SARIF and GitHub output read it).
        #expect(f.path == "spec.template.spec.containers[0].name")
    }

    /// A Rollout's or DeploymentConfig's pod template is a Deployment's, and a Service selects its pods the same way.
    @Test(arguments: [("argoproj.io/v1alpha1", "Rollout"), ("apps.openshift.io/v1", "DeploymentConfig")])
    func firesForRolloutsAndDeploymentConfigs(apiVersion: String, kind: String) throws {
        let workload = Self.deployment().replacingOccurrences(of: "apiVersion: apps/v1\nkind: Deployment", with: "apiVersion: \(apiVersion)\nkind: \(kind)")
        let found = findings([("a.yaml", workload + "---\n" + Self.service())])
        #expect(found.map(\.object.objectName) == ["\(kind)/web"])
        #expect(found.first?.path == "spec.template.spec.containers[0].name")
        #expect(found.first?.range.start.line == 11)
    }

    /// A readinessProbe that is no mapping is PL202's error, not a probe missing: a container's or
    /// a sidecar's. A livenessProbe that is none is no readiness probe.
    @Test func aReadinessProbeThatIsNoMappingIsPL202s() {
        let written = Self.deployment().replacingOccurrences(of: "image: example/web:1\n", with: "image: example/web:1\n          readinessProbe: 5\n")
        #expect(written != Self.deployment())
        let all = Linter.lint([InputFile(path: "a.yaml", bytes: Array((written + "---\n" + Self.service()).utf8))]).findings
        #expect(all.filter { $0.rule == "PL205" }.isEmpty, "\(all.map(\.message))")
        #expect(all.contains { $0.rule == "PL202" && $0.message == "readinessProbe must be a mapping, not an integer" })
        let sidecar = Self.deployment().replacingOccurrences(of: "      containers:\n", with: """
                  initContainers:
                    - {name: proxy, image: example/proxy:1, restartPolicy: Always, readinessProbe: [httpGet]}
                  containers:

            """)
        #expect(sidecar != Self.deployment())
        #expect(findings([("a.yaml", sidecar + "---\n" + Self.service())]).isEmpty)
        let liveness = written.replacingOccurrences(of: "readinessProbe: 5", with: "livenessProbe: 5")
        #expect(findings([("a.yaml", liveness + "---\n" + Self.service())]).count == 1)
    }

    @Test func serviceInAnotherFileOfTheRunCounts() {
        let found = findings([("svc.yaml", Self.service()), ("deploy.yaml", Self.deployment())])
        #expect(found.map(\.file) == ["deploy.yaml"])
        #expect(found.first?.notes.first?.text == "selected by Service web (svc.yaml:1) with selector app=web")
    }

    /// A Pod that runs to completion is no server: PL204 skipped it, PL205 did not.
    @Test(arguments: [("Never", false), ("OnFailure", false), ("Always", true), (nil, true)])
    func podThatRunsToCompletion(restartPolicy: String?, fires: Bool) {
        let pod = """
            apiVersion: v1
            kind: Pod
            metadata: {name: once, labels: {app: web}}
            spec:\(restartPolicy.map { "\n  restartPolicy: \($0)" } ?? "")
              containers: [{name: c, image: example/c:1}]

            """
        #expect(findings([("pod.yaml", pod), ("svc.yaml", Self.service())]).count == (fires ? 1 : 0))
    }

    /// A native sidecar's readiness probe gates the pod's readiness (KEP-753): the pod has one.
    @Test func aSidecarsReadinessProbeCounts() {
        let sidecar = Self.deployment().replacingOccurrences(of: "      containers:\n", with: """
                  initContainers:
                    - name: proxy
                      image: example/proxy:1
                      restartPolicy: Always
                      readinessProbe: {tcpSocket: {port: 15021}}
                  containers:

            """)
        let pl205 = { (yaml: String) in TestSupport.lint(yaml + "---\n" + Self.service()).findings.filter { $0.rule == "PL205" } }
        #expect(pl205(sidecar).isEmpty)
        // A plain init container's probe is no readiness (the API server rejects it: PL202).
        #expect(pl205(sidecar.replacingOccurrences(of: "          restartPolicy: Always\n", with: "")).count == 1)
    }

    /// An ExternalName Service has no endpoints, whatever its selector.
    @Test func anExternalNameServiceSelectsNothing() {
        let external = Self.service().replacingOccurrences(of: "spec:\n", with: "spec:\n  type: ExternalName\n  externalName: db.example.com\n")
        #expect(TestSupport.lint(Self.deployment() + "---\n" + external).findings.filter { $0.rule == "PL205" }.isEmpty)
        #expect(TestSupport.lint(Self.deployment() + "---\n" + Self.service()).findings.filter { $0.rule == "PL205" }.count == 1)
    }

    /// A Service that publishes not-ready addresses (a StatefulSet's headless Service) sends
    /// traffic to a pod whatever its readiness: a readiness probe would change nothing there.
    @Test func aServiceThatPublishesNotReadyAddressesDoesNotCount() {
        func publishing(_ value: String) -> String {
            Self.service().replacingOccurrences(of: "spec:\n", with: "spec:\n  publishNotReadyAddresses: \(value)\n")
        }
        #expect(TestSupport.lint(Self.deployment() + "---\n" + publishing("true")).findings.filter { $0.rule == "PL205" }.isEmpty)
        #expect(TestSupport.lint(Self.deployment() + "---\n" + publishing("false")).findings.filter { $0.rule == "PL205" }.count == 1)
        // A string is no boolean: the API server rejects it, and it publishes nothing.
        #expect(TestSupport.lint(Self.deployment() + "---\n" + publishing("\"true\"")).findings.filter { $0.rule == "PL205" }.count == 1)
    }

    @Test func noServiceNoFinding() {
        #expect(findings([("a.yaml", Self.deployment())]).isEmpty)
    }

    @Test func readinessProbePasses() {
        #expect(findings([("a.yaml", Self.deployment(readiness: true) + "---\n" + Self.service())]).isEmpty)
    }

    @Test(arguments: [(String?.none, String?.none, true), ("shop", "shop", true), ("shop", nil, false), (nil, "shop", false),
                      ("shop", "blog", false)])
    func namespaces(deployment: String?, service: String?, fires: Bool) {
        let found = findings([("a.yaml", Self.deployment(namespace: deployment) + "---\n" + Self.service(namespace: service))])
        #expect(found.isEmpty != fires)
    }

    @Test(arguments: [("{app: web}", true), ("{app: web, tier: front}", true), ("{app: web, tier: back}", false),
                      ("{}", false), ("{app: api}", false)])
    func selectors(selector: String, fires: Bool) {
        #expect(findings([("a.yaml", Self.deployment() + "---\n" + Self.service(selector: selector))]).isEmpty != fires)
    }

    @Test func ignoreAnnotationAndSeverityOverrideApplyBeforeResolve() {
        let ignored = Self.deployment().replacingOccurrences(of: "  name: web\n", with: "  name: web\n  annotations: {probelint.io/ignore: PL205}\n")
        #expect(findings([("a.yaml", ignored + "---\n" + Self.service())]).isEmpty)
        var options = LintOptions()
        options.severities["PL205"] = .warning
        let report = Linter.lint([InputFile(path: "a.yaml", bytes: Array((Self.deployment() + "---\n" + Self.service()).utf8))], options: options)
        #expect(report.findings.filter { $0.rule == "PL205" }.map(\.severity) == [.warning])
    }

    /// The parallel runner's contract: per-file reports merged in input order,
    /// then one resolve, equal the sequential run.
    @Test func mergeThenResolveMatchesOneRun() {
        let files = [InputFile(path: "z.yaml", bytes: Array(Self.deployment().utf8)),
                     InputFile(path: "a.yaml", bytes: Array(Self.service().utf8)),
                     InputFile(path: "m.yaml", bytes: Array((Self.deployment(namespace: "x") + "---\n" + Self.service(namespace: "x")).utf8))]
        var merged = LintReport()
        for file in files { merged.merge(Linter.lint(file)) }
        let resolved = Linter.resolve(merged)
        let sequential = Linter.lint(files)
        let key = { (f: Finding) in "\(f.file):\(f.range.start.line):\(f.range.start.column) \(f.rule)" }
        #expect(resolved.findings.map(key) == sequential.findings.map(key))
        // Input order of files, not alphabetical.
        #expect(resolved.findings.filter { $0.rule == "PL205" }.map(\.file) == ["z.yaml", "m.yaml"])
        #expect(resolved.crossObject.pending.isEmpty)
    }

    @Test func oneReadinessProbeInThePodIsEnough() {
        let two = Self.deployment().replacingOccurrences(of: "          image: example/web:1\n",
            with: "          image: example/web:1\n        - name: exporter\n          image: example/exporter:1\n")
        let found = findings([("a.yaml", two + "---\n" + Self.service())])
        #expect(found.map(\.message) == ["none of the 2 containers has a readinessProbe, but a Service selects the pod: it gets traffic before it can serve and while it is overloaded"])
        let withReadiness = Self.deployment(readiness: true).replacingOccurrences(of: "  containers:\n",
            with: "  containers:\n        - name: exporter\n          image: example/exporter:1\n")
        #expect(findings([("a.yaml", withReadiness + "---\n" + Self.service())]).isEmpty)
    }

    /// A run keeps the first four Services of each namespace and selector: the
    /// finding names the first three in input order and says there are more, as
    /// it would with every Service held.
    @Test func servicesWithOneSelectorAreKeptUpToWhatTheFindingNeeds() throws {
        func services(_ names: ClosedRange<Int>, selector: String = "{app: web}") -> String {
            names.map { Self.service(selector: selector).replacingOccurrences(of: "name: web", with: "name: s\($0)") }
                .joined(separator: "---\n")
        }
        let files = [("a.yaml", services(1...5)), ("b.yaml", services(6...9) + "---\n" + services(10...10, selector: "{tier: front}")),
                     ("c.yaml", Self.deployment())]
        let inputs = files.map { InputFile(path: $0.0, bytes: Array($0.1.utf8)) }
        var merged = LintReport()
        for input in inputs { merged.merge(Linter.lint(input)) }
        #expect(merged.crossObject.services.map(\.name) == ["s1", "s2", "s3", "s4", "s10"])
        let f = try #require(findings(files).first)
        #expect(f.notes.map(\.text) == ["selected by Service s1 (a.yaml:1) with selector app=web",
                                        "selected by Service s2 (a.yaml:9) with selector app=web",
                                        "selected by Service s3 (a.yaml:17) with selector app=web",
                                        "and more Services select it"])
        // Without the first file, the second file's Services of that selector are the first.
        let last = try #require(findings([files[1], files[2]]).first)
        #expect(last.notes.map(\.text).prefix(2) == ["selected by Service s6 (b.yaml:1) with selector app=web",
                                                     "selected by Service s7 (b.yaml:9) with selector app=web"])
    }

    @Test func serviceIndexMatchesLikeALinearScan() {
        typealias Fact = CrossObjectFacts.ServiceFact
        let services = [
            Fact(name: "b", namespace: nil, selector: ["tier": "front", "app": "web"], file: "z.yaml", line: 9),
            Fact(name: "a", namespace: nil, selector: ["app": "web"], file: "a.yaml", line: 1),
            Fact(name: "empty", namespace: nil, selector: [:], file: "a.yaml", line: 5),
            Fact(name: "other-ns", namespace: "x", selector: ["app": "web"], file: "a.yaml", line: 7),
            Fact(name: "mismatch", namespace: nil, selector: ["app": "web", "tier": "back"], file: "a.yaml", line: 11),
        ]
        let index = CrossObjectFacts.ServiceIndex(services)
        let labels = ["app": "web", "tier": "front", "version": "2"]
        // Input order of the facts, not file order.
        #expect(index.selecting(labels, in: nil).map(\.name) == ["b", "a"])
        #expect(index.selecting(labels, in: "x").map(\.name) == ["other-ns"])
        #expect(index.selecting([:], in: nil).isEmpty)
        let linear = services.filter { svc in
            svc.namespace == nil && !svc.selector.isEmpty && svc.selector.allSatisfy { labels[$0.key] == $0.value }
        }
        #expect(index.selecting(labels, in: nil).map(\.name) == linear.map(\.name))
    }

    /// A Helm release's Services all select `app.kubernetes.io/instance: <release>` beside their
    /// own name: each is indexed by its rarest pair (the name), so a pod meets one candidate, not
    /// every Service of the release; and the Services still select as a linear scan does.
    @Test func serviceIndexBucketsByTheRarestPair() {
        typealias Fact = CrossObjectFacts.ServiceFact
        let services = (0..<50).map { i in
            Fact(name: "s\(i)", namespace: "shop", selector: ["app.kubernetes.io/instance": "rel", "app.kubernetes.io/name": "n\(i)"],
                 file: "a.yaml", line: i)
        } + [Fact(name: "all", namespace: "shop", selector: ["app.kubernetes.io/instance": "rel"], file: "a.yaml", line: 99)]
        let index = CrossObjectFacts.ServiceIndex(services)
        #expect(index.buckets.count == 51)
        #expect(index.buckets.values.map(\.count).max() == 1)
        for i in [0, 17, 49] {
            let labels = ["app.kubernetes.io/instance": "rel", "app.kubernetes.io/name": "n\(i)"]
            #expect(index.selecting(labels, in: "shop").map(\.name) == ["s\(i)", "all"])
        }
        #expect(index.selecting(["app.kubernetes.io/instance": "rel", "app.kubernetes.io/name": "other"], in: "shop").map(\.name) == ["all"])
    }

    @Test func selectorTextIsSortedByKey() {
        func text(_ selector: [String: String]) -> String {
            CrossObjectFacts.ServiceFact(name: "s", namespace: nil, selector: selector, file: "f.yaml", line: 1).selectorText
        }
        #expect(text([:]) == "")
        #expect(text(["app": "web"]) == "app=web")
        #expect(text(["tier": "front", "app": "web", "app.kubernetes.io/name": "a-long-name-over-fifteen-bytes"])
                == "app=web,app.kubernetes.io/name=a-long-name-over-fifteen-bytes,tier=front")
        #expect(text(["": "", "b": ""]) == "=,b=")
    }
}

/// Pending findings and Service facts are held to the end of a run: equal messages
/// and label sets share storage through a small bounded cache, values unchanged.
@Suite struct CrossObjectInterningTests {
    func pending(_ i: Int, labels: [String: String]) -> CrossObjectFacts.PendingFinding {
        let finding = Finding(rule: "PL205", severity: .info, message: "message \(i % 3)", file: "f.yaml",
                              range: SourceRange(point: .start), object: ObjectRef(kind: "Deployment", name: "d\(i)"))
        return CrossObjectFacts.PendingFinding(finding: finding, namespace: "ns", podLabels: labels)
    }

    @Test func valuesAreKeptAndTheCacheIsBounded() {
        var file = CrossObjectFacts()
        for i in 0..<40 { file.add(pending(i, labels: ["app": "a\(i % 20)", "tier": i.isMultiple(of: 2) ? "x" : "y"])) }
        for i in 0..<10 {
            file.add(CrossObjectFacts.ServiceFact(name: "s\(i)", namespace: "ns", selector: ["app": "a\(i)"], file: "f.yaml", line: i))
        }
        // A file's facts are held as given; the run interns what it keeps.
        #expect(file.recentTexts.isEmpty && file.recentLabels.isEmpty)
        var facts = CrossObjectFacts()
        facts.merge(moving: &file)
        #expect(facts.pending.count == 40 && facts.services.count == 10)
        #expect(file.pending.isEmpty)  // moved, not copied
        for (i, p) in facts.pending.enumerated() {
            #expect(p.finding.message == "message \(i % 3)")
            #expect(p.podLabels == ["app": "a\(i % 20)", "tier": i.isMultiple(of: 2) ? "x" : "y"])
            #expect(p.finding.object.name == "d\(i)")
        }
        #expect(facts.services.map(\.selector) == (0..<10).map { ["app": "a\($0)"] })
        #expect(facts.recentTexts.count == 3 + 10)  // the messages, then the Services' selector texts
        #expect(facts.recentLabels.count == CrossObjectFacts.recentLimit)
    }
}

/// `Linter.confirm`: a batch of pending findings, moved out one at a time, in order.
@Suite struct ConfirmBatchTests {
    @Test func keepsThoseAServiceSelectsInOrderWithTheirNotes() {
        let services = CrossObjectFacts.ServiceIndex([
            CrossObjectFacts.ServiceFact(name: "web", namespace: "ns", selector: ["app": "web"], file: "svc.yaml", line: 3),
        ])
        let make = CrossObjectInterningTests().pending
        var first = make(0, ["app": "web", "tier": "x"])
        first.finding.notes = [Note(.note, "earlier")]
        let batch = [first, make(1, ["app": "db"]), make(2, ["app": "web"])]
        let confirmed = Linter.confirm(batch, services)
        #expect(confirmed.map(\.object.name) == ["d0", "d2"])
        let selected = "selected by Service ns/web (svc.yaml:3) with selector app=web"
        #expect(confirmed.map { $0.notes.map(\.text) } == [["earlier", selected], [selected]])
        // The caller's batch is its own: what it still holds is unchanged.
        #expect(batch.map(\.finding.notes.count) == [1, 0, 0])
    }
}
