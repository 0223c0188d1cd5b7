import Testing
@testable import ProbeLint

/// `probelint.io/*` annotations on the pod template (a Helm chart's `podAnnotations`) count
/// as the object's own do; where both write an input, the object's wins.
@Suite struct TemplateAnnotationsTests {
    let probe = "tcpSocket: {port: 8080}\ntimeoutSeconds: 1"

    /// The text of the note that gives L99load, which names the input's origin.
    func loadedLatencyNote(_ report: LintReport) -> String? {
        report.findings.first { $0.rule.rawValue == "PL101" }?.notes.first { $0.text.hasPrefix("L99load = ") }?.text
    }

    /// An input on the template is used, and its origin says it came from there; the
    /// object's own value wins over the template's.
    @Test func anInputOnTheTemplateCountsAndTheObjectsWins() throws {
        let template = TestSupport.lint(TestSupport.deployment(probe: probe, templateAnnotations: ["probelint.io/loaded-latency-p99": "5s"]))
        #expect(template.errors.isEmpty)
        #expect(loadedLatencyNote(template) == "L99load = 5 s p99 latency of the probed endpoint while the link is saturated (from annotation probelint.io/loaded-latency-p99 on the pod template)")
        let both = TestSupport.lint(TestSupport.deployment(probe: probe, annotations: ["probelint.io/loaded-latency-p99": "3s"],
                                                           templateAnnotations: ["probelint.io/loaded-latency-p99": "5s"]))
        #expect(loadedLatencyNote(both) == "L99load = 3 s p99 latency of the probed endpoint while the link is saturated (from annotation probelint.io/loaded-latency-p99)")
        #expect(Origin.annotation("probelint.io/queue", on: .podTemplate).description == "from annotation probelint.io/queue on the pod template")
        #expect(Origin.annotation("probelint.io/queue").description == "from annotation probelint.io/queue")
    }

    /// `probelint.io/ignore` on the template silences its rules; with one on the object as
    /// well, the rules of both are silenced.
    @Test func ignoreListsOfTheObjectAndItsTemplateAreJoined() {
        let flags: [InputKey: String] = [.loadedLatencyP99: "280s", .bandwidth: "10MB/s", .largestTransfer: "1GB"]
        func rules(object: String?, template: String?) -> Set<String> {
            let yaml = TestSupport.deployment(probe: probe, annotations: object.map { ["probelint.io/ignore": $0] } ?? [:],
                                              templateAnnotations: template.map { ["probelint.io/ignore": $0] } ?? [:])
            return Set(TestSupport.lint(yaml, flags: flags).findings.map(\.rule.rawValue))
        }
        #expect(rules(object: nil, template: nil).isSuperset(of: ["PL101", "PL102"]))
        #expect(!rules(object: nil, template: "PL101 -- chart podAnnotations").contains("PL101"))
        let joined = rules(object: "PL102", template: "PL101")
        #expect(!joined.contains("PL101") && !joined.contains("PL102"))
    }

    /// The template's annotations are checked as the object's are: unknown keys and
    /// malformed values are input errors at their own positions, in the order written, and
    /// say they are on the template.
    @Test func templateAnnotationErrorsAreAtTheirPositions() {
        let text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              annotations:
                probelint.io/bandwidth: "10"
            spec:
              template:
                metadata:
                  annotations:
                    probelint.io/queue: lots
                    probelint.io/bandwith: 10MB/s
                    probelint.io/ignore: nosuch
                    probelint.io/bandwidth: 10MB/s
                spec:
                  containers:
                    - name: web
                      image: nginx
                      livenessProbe:
                        tcpSocket: {port: 80}

            """
        let report = Linter.lint(InputFile(path: "a.yaml", bytes: Array(text.utf8)))
        #expect(report.errors.compactMap { $0.position.map { "\($0.line):\($0.column)" } } == ["6:29", "11:29", "12:9", "13:30"])
        let messages = report.errors.map(\.message)
        #expect(messages.count == 4)
        #expect(messages.dropFirst().allSatisfy { $0.contains(" on the pod template") } && !messages[0].contains("pod template"))
        #expect(messages.dropFirst().first == "annotation probelint.io/queue on the pod template: 'lots' is not a size such as 700MB, 5Gi or 4GiB")
    }

    /// A CronJob whose CronJob, job template and pod template write these annotations.
    static func cronJob(object: String = "{}", job: String = "{}", template: String) -> String {
        """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly, annotations: \(object)}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            metadata:
              annotations: \(job)
            spec:
              template:
                metadata:
                  annotations: \(template)
                spec:
                  restartPolicy: OnFailure
                  containers:
                    - name: job
                      image: busybox
                      livenessProbe: {tcpSocket: {port: 80}, timeoutSeconds: 1}

        """
    }

    /// A CronJob's pod template is under its job template.
    @Test func aCronJobsPodTemplateCounts() {
        let text = Self.cronJob(template: "{probelint.io/ignore: PL101, probelint.io/bandwith: x}")
        let report = TestSupport.lint(text, flags: [.loadedLatencyP99: "5s"], readable: false)
        #expect(!report.findings.contains { $0.rule.rawValue == "PL101" })
        #expect(report.errors.map { $0.position?.line } == [12])
        #expect(TestSupport.lint(text.replacingOccurrences(of: "probelint.io/ignore", with: "example.com/x"),
                                 flags: [.loadedLatencyP99: "5s"], readable: false).findings.contains { $0.rule.rawValue == "PL101" })
    }

    /// A CronJob's job template's annotations are its Jobs' own: read after the CronJob's and
    /// before its pod template's, checked at their positions, and named as on the job template.
    @Test func aCronJobsJobTemplateCounts() throws {
        func cronJob(_ job: String, object: String = "{}") -> String {
            Self.cronJob(object: object, job: job, template: "{probelint.io/loaded-latency-p99: 5s}")
        }
        let job = TestSupport.lint(cronJob("{probelint.io/loaded-latency-p99: 3s}"))
        #expect(job.errors.isEmpty)
        #expect(loadedLatencyNote(job) == "L99load = 3 s p99 latency of the probed endpoint while the link is saturated (from annotation probelint.io/loaded-latency-p99 on the job template)")
        let object = TestSupport.lint(cronJob("{probelint.io/loaded-latency-p99: 3s}", object: "{probelint.io/loaded-latency-p99: 2s}"))
        #expect(loadedLatencyNote(object) == "L99load = 2 s p99 latency of the probed endpoint while the link is saturated (from annotation probelint.io/loaded-latency-p99)")
        let bad = TestSupport.lint(cronJob("{probelint.io/ignore: PL101, probelint.io/bandwith: x}"), readable: false)
        #expect(!bad.findings.contains { $0.rule.rawValue == "PL101" })
        #expect(bad.errors.map(\.description).first?.hasPrefix("test.yaml:8:49: error: annotation probelint.io/bandwith on the job template is not one of probelint's") == true,
                "\(bad.errors.map(\.description))")
        #expect(Origin.annotation("probelint.io/queue", on: .jobTemplate).description == "from annotation probelint.io/queue on the job template")
        // Annotations that are no mapping are a wrong type, as a pod template's are.
        #expect(try decoded(cronJob("[x]")).problems.map(\.path) == ["spec.jobTemplate.metadata.annotations"])
    }

    /// A live object (`kubectl get -o json`) is read alike: PL107's data ports from the
    /// template, named as such in the note, and an error at the template's value.
    @Test func aLiveObjectsTemplateAnnotationsCount() throws {
        func json(_ ports: String) -> String {
            """
            {
              "apiVersion": "apps/v1",
              "kind": "Deployment",
              "metadata": {"name": "web", "namespace": "default", "annotations": {"deployment.kubernetes.io/revision": "1"}},
              "spec": {
                "template": {
                  "metadata": {"labels": {"app": "web"}, "annotations": {"probelint.io/data-ports": "\(ports)", "probelint.io/queue": "lots"}},
                  "spec": {"containers": [{"name": "web", "image": "nginx", "ports": [{"name": "http", "containerPort": 8080}],
                    "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http"}}}]}
                }
              }
            }

            """
        }
        let report = TestSupport.lint(json("8080"), file: "live.json", readable: false)
        let pl107 = try #require(report.findings.first { $0.rule.rawValue == "PL107" })
        #expect(pl107.notes.contains { $0.text == "port http is a data port (listed in probelint.io/data-ports on the pod template: 8080)" })
        #expect(report.errors.map(\.description) == ["live.json:7:119: error: annotation probelint.io/queue on the pod template: 'lots' is not a size such as 700MB, 5Gi or 4GiB"])
        #expect(!TestSupport.lint(json("9000"), file: "live.json", readable: false).findings.contains { $0.rule.rawValue == "PL107" })
    }

    /// The decoder keeps a workload's template annotations with its pod spec, and none for a
    /// Pod, whose template is the Pod: its annotations are checked once, as the object's.
    @Test func aPodsAnnotationsAreReadOnce() throws {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {probelint.io/bandwith: 1MB/s}\nspec:\n  containers:\n  - name: c\n    image: x\n"
        #expect(Linter.lint(InputFile(path: "p.yaml", bytes: Array(pod.utf8))).errors.count == 1)
        #expect(try !#require(decoded(pod).manifests.first?.podSpec).annotations.hasKey(withPrefix: ""))
        let deployment = TestSupport.deployment(probe: probe, templateAnnotations: ["example.com/x": "y"])
        #expect(try #require(decoded(deployment).manifests.first?.podSpec).annotations["example.com/x"]?.value == "y")
    }

    func decoded(_ yaml: String) throws -> DecodedDocument {
        ManifestDecoder.decode(try #require(try Reader.readAll(yaml, file: "m.yaml").first))
    }

    /// Template annotations that are no mapping are a model problem (PL202), as the object's are.
    @Test func templateAnnotationsOfTheWrongTypeAreAProblem() throws {
        let yaml = TestSupport.deployment(probe: probe).replacingOccurrences(of: "      labels:\n", with: "      annotations: [a]\n      labels:\n")
        let problems = try decoded(yaml).problems
        #expect(problems.map(\.path) == ["spec.template.metadata.annotations"])
        #expect(problems.first?.message == "annotations must be a mapping, not a list")
    }

    /// `--fix` leaves alone what the template's ignore list silences.
    @Test func fixSkipsRulesTheTemplateIgnores() throws {
        let yaml = TestSupport.deployment(probe: probe, templateAnnotations: ["probelint.io/ignore": "PL101"])
        let fixed = try TestSupport.run(["--loaded-latency-p99", "5s", "--fix", "-"], stdin: yaml)
        #expect(fixed.stdout == yaml, "\(fixed.stderr)")
        let unignored = try TestSupport.run(["--loaded-latency-p99", "5s", "--fix", "-"], stdin: TestSupport.deployment(probe: probe))
        #expect(unignored.stdout.contains("timeoutSeconds: 10"), "\(unignored.stderr)")
    }
}
