import Testing
@testable import ProbeLint

@Suite struct AnnotationsTests {
    /// Written annotations answer `hasKey(withPrefix:)` as the map decoded from them does,
    /// merged keys included, and also for a key whose value is a list (no annotation, which
    /// kubectl refuses: `unknownAnnotations` reports it).
    @Test(arguments: ["{probelint.io/queue: 1MB}", "{}", "{a: b}", "{probelint.io/queue: [1MB]}",
                      "{base: &b {probelint.io/queue: 1MB}, m: {<<: *b, a: b}}",
                      "{base: &b {a: b}, m: {<<: *b, probelint.io/x: [y]}}"])
    func writtenAnnotationsReadAsTheirMap(yaml: String) throws {
        try Reader.read(Array("annotations: \(yaml)\n".utf8), file: "t.yaml") { doc in
            var node = doc.lookup("annotations", in: doc.root!)!.value
            if let merged = doc.lookup("m", in: node) { node = merged.value }
            let map = Annotations(doc.scalarMap(node) { Located(doc.string($0), doc.range($0)) })
            for prefix in ["probelint.io/", "a", "absent"] {
                let listed = prefix == "probelint.io/" && yaml.contains("probelint.io/queue: [") || prefix == "probelint.io/" && yaml.contains("probelint.io/x: [")
                #expect(Annotations(doc, node).hasKey(withPrefix: prefix) == (map.hasKey(withPrefix: prefix) || listed), "\(yaml) \(prefix)")
                #expect(Annotations(doc, node).keys(withPrefix: prefix).map(\.value).sorted() == map.keys(withPrefix: prefix).map(\.value), "\(yaml) \(prefix)")
            }
        }
    }

    /// A key with probelint's prefix that is none of its annotations (a typo) is an input
    /// error at the key; the annotations it knows are not.
    @Test func anUnknownProbelintAnnotationIsAnInputError() throws {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    probelint.io/bandwith: 10MB/s\n    probelint.io/queue: 1MB\n    probelint.io/ignore: PL204 -- checked\n    example.com/other: x\nspec:\n  containers:\n  - name: c\n    image: x\n"
        let report = Linter.lint(InputFile(path: "a.yaml", bytes: Array(text.utf8)))
        #expect(report.errors.map(\.description) == ["a.yaml:6:5: error: annotation probelint.io/bandwith is not one of probelint's: did you mean probelint.io/bandwidth? use \(Environment.annotationKeys.sorted().joined(separator: ", "))"])
        let known = Linter.lint(InputFile(path: "a.yaml", bytes: Array(text.replacingOccurrences(of: "bandwith", with: "bandwidth").utf8)))
        #expect(known.errors.isEmpty)
        // Once per object, of any kind: a Service has no container, and it is checked too.
        let service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations: {probelint.io/ignor: PL205}\nspec: {}\n"
        #expect(Linter.lint(InputFile(path: "s.yaml", bytes: Array(service.utf8))).errors.map(\.position?.line) == [5])
    }

    /// A word of `probelint.io/ignore` that names no rule (a typo, a later version's rule)
    /// silences nothing: an input error at the value, one per word; IDs in any case and rule
    /// names are rules, and the reason after `--` is not read as rules.
    @Test func anIgnoreListWordThatIsNoRuleIsAnInputError() throws {
        func errors(_ value: String) -> [String] {
            let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    probelint.io/ignore: \(value)\nspec:\n  containers:\n  - name: c\n    image: x\n"
            return Linter.lint(InputFile(path: "a.yaml", bytes: Array(text.utf8))).errors.map(\.description)
        }
        #expect(errors("PL1O4, PL204 -- PL999 is not read") == ["a.yaml:6:26: error: annotation probelint.io/ignore: 'PL1O4' is not a rule of this version of probelint (did you mean PL104, detection-time-too-long? kubectl-probelint rules lists them); write rule IDs or names, then an optional '-- reason'"])
        #expect(errors("'pl204 missing-liveness-probe PL1O9 nosuch'").count == 2)
        #expect(errors("pl204,missing-readiness-probe -- reason").isEmpty)
        // A null value is the empty string, as Kubernetes stores it, and so is a chart's empty
        // default: no list. A reason alone is one that names no rule.
        for null in ["~", "null", "", "Null", "\"\"", "' '"] { #expect(errors(null).isEmpty, "\(null)") }
        #expect(errors("'~'").count == 1)
        #expect(errors("'-- checked by hand'") == ["a.yaml:6:26: error: annotation probelint.io/ignore names no rule and silences nothing: write rule IDs or names, then an optional '-- reason'"])
        // Still silenced: the known rules of a list with an unknown word.
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {probelint.io/ignore: PL204 PL1O9}\nspec:\n  containers:\n  - name: c\n    image: x\n"
        let report = Linter.lint(InputFile(path: "a.yaml", bytes: Array(text.utf8)))
        #expect(report.errors.count == 1)
        #expect(!report.findings.contains { $0.rule.rawValue == "PL204" })
    }

    /// kubectl refuses an object whose annotation is a number or a bool (annotations are
    /// strings): an input error at the value, on the object and on its template; null and
    /// quoted values are strings. Other annotations are not probelint's to check.
    @Test func aProbelintAnnotationThatIsNoStringIsAnInputError() {
        func errors(_ object: String, template: String = "{}") -> [String] {
            let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations: \(object)\nspec:\n  template:\n    metadata:\n      annotations: \(template)\n    spec:\n      containers:\n        - name: web\n          image: nginx\n"
            return Linter.lint(InputFile(path: "a.yaml", bytes: Array(text.utf8))).errors.map(\.description)
        }
        #expect(errors("{probelint.io/latency-p99: 3}") == ["a.yaml:5:43: error: annotation probelint.io/latency-p99: 3 is an integer, and annotations are strings (kubectl refuses the object: cannot unmarshal number into a string): quote it"])
        #expect(errors("{}", template: "{probelint.io/queue: 1.5}") == ["a.yaml:9:41: error: annotation probelint.io/queue on the pod template: 1.5 is a float, and annotations are strings (kubectl refuses the object: cannot unmarshal number into a string): quote it"])
        #expect(errors("{probelint.io/data-ports: yes}").first?.hasSuffix("yes is a bool, and annotations are strings (kubectl refuses the object: cannot unmarshal bool into a string): quote it") == true)
        for string in ["\"3s\"", "'3s'", "3s", "!!str 3"] { #expect(errors("{probelint.io/latency-p99: \(string)}").isEmpty, "\(string)") }
        #expect(errors("{example.com/replicas: 3}").isEmpty)
        // Nor is the refused value applied: the findings are those without it (PL101 and PL103
        // judged the probe against an L99 of 3 s).
        func findings(_ annotations: String) -> [String] {
            let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations: \(annotations)\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          livenessProbe: {httpGet: {path: /, port: 80}, timeoutSeconds: 1}\n"
            return Linter.lint(InputFile(path: "a.yaml", bytes: Array(text.utf8))).findings.map { "\($0.rule) \($0.message)" }
        }
        #expect(findings("{probelint.io/latency-p99: 3}") == findings("{}"))
        #expect(findings("{probelint.io/latency-p99: \"3\"}") != findings("{}"))
    }

    /// `probelint.io/data-ports` names ports as Kubernetes does: a number from 1 to 65535 or an
    /// IANA service name. Any other word is an input error (it turned PL107 off unseen).
    @Test func dataPortsThatAreNoPortsAreInputErrors() {
        func errors(_ value: String) -> [String] {
            let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    probelint.io/data-ports: \(value)\nspec:\n  containers:\n  - name: c\n    image: x\n"
            return Linter.lint(InputFile(path: "a.yaml", bytes: Array(text.utf8))).errors.map(\.description)
        }
        for good in ["\"8080\"", "http", "\"1, 65535\"", "\"8080,http, s3-api\"", "abcdefghijklmno", "a-1"] {
            #expect(errors(good).isEmpty, "\(good)")
        }
        for bad in ["\"0\"", "\"65536\"", "\"-1\"", "Http", "a--b", "-a", "a-", "abcdefghijklmnop", "\"8080;http\"", "\"123456\""] {
            #expect(errors(bad).count == 1, "\(bad)")
        }
        #expect(errors("\"99999, http\"") == ["a.yaml:6:30: error: annotation probelint.io/data-ports: '99999' is no port: a number from 1 to 65535, or a port's name (lowercase letters, digits and '-', at most 15, as Kubernetes names ports)"])
        #expect(errors("\", \"") == ["a.yaml:6:30: error: annotation probelint.io/data-ports names no port: write port numbers or names, separated by commas (\"8080, http\")"])
        // A blank value is not set, as every other input annotation's (a chart's default `""`).
        #expect(errors("\"\"").isEmpty && errors("\"  \"").isEmpty)
    }

    /// A blank `probelint.io/data-ports` on the object (a chart's default) leaves its template's
    /// in force, as the inputs' annotations do: PL107 fires on the port the template names.
    @Test func aBlankDataPortsOnTheObjectLeavesTheTemplates() {
        func rules(object: String) -> [String] {
            let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations: {probelint.io/data-ports: \(object)}\nspec:\n  template:\n    metadata:\n      annotations: {probelint.io/data-ports: http}\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          ports: [{name: http, containerPort: 80}]\n          livenessProbe: {httpGet: {path: /, port: http}}\n"
            let report = Linter.lint(InputFile(path: "a.yaml", bytes: Array(text.utf8)))
            return report.errors.map(\.message) + report.findings.map { "\($0.rule)" }.filter { $0 == "PL107" }
        }
        #expect(rules(object: "\"\"") == ["PL107"])
        #expect(rules(object: "\"9090\"") == [])
    }

    /// An object's annotation errors come in the order they are written, whichever check finds them.
    @Test func annotationErrorsAreInTheirOrder() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations:\n    probelint.io/bandwidth: \"10\"\n    probelint.io/ignore: nosuch\n    probelint.io/bandwith: 10MB/s\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          livenessProbe:\n            httpGet: {port: 80}\n"
        let report = Linter.lint(InputFile(path: "a.yaml", bytes: Array(text.utf8)))
        #expect(report.errors.compactMap(\.position?.line) == [6, 7, 8])
    }

    /// An input annotation's value is checked on every object that has it, whatever the object's
    /// containers resolve: when a flag wins, on a ConfigMap, and for the MDS's inputs on a web
    /// server (each passed without a word). An empty one is not set, as a Helm chart's default.
    @Test func inputValuesAreCheckedWhereverTheyAreWritten() throws {
        func errors(_ annotations: String, kind: String = "Deployment", flags: [InputKey: String] = [:]) -> [String] {
            let yaml = kind == "Deployment"
                ? TestSupport.deployment(probe: "httpGet: {path: /, port: 80}").replacingOccurrences(of: "  name: web\n", with: "  name: web\n  annotations:\n" + annotations)
                : "apiVersion: v1\nkind: \(kind)\nmetadata:\n  name: c\n  annotations:\n" + annotations
            return TestSupport.lint(yaml, flags: flags, readable: false).errors.map { "\($0.position.map { "\($0.line):\($0.column)" } ?? "") \($0.message)" }
        }
        let banana = "    probelint.io/latency-p99: \"banana\"\n"
        let expected = ["6:31 annotation probelint.io/latency-p99: 'banana' is not a duration above 0 such as 500ms, 1.5s or 2m"]
        #expect(errors(banana) == expected)
        #expect(errors(banana, flags: [.latencyP99: "1s"]) == expected)
        #expect(errors(banana, kind: "ConfigMap") == expected)
        #expect(errors("    probelint.io/journal-size: banana\n") == ["6:32 annotation probelint.io/journal-size: 'banana' is not a size such as 700MB, 5Gi or 4GiB"])
        #expect(errors("    probelint.io/bandwidth: \"\"\n    probelint.io/drain-time: ~\n").isEmpty)
        // The median above the 99th percentile of two annotations.
        #expect(errors("    probelint.io/latency-p50: 2s\n    probelint.io/latency-p99: 900ms\n") == ["6:31 annotation probelint.io/latency-p50: '2s' is above probelint.io/latency-p99 '900ms': a median cannot exceed the 99th percentile (PL103 models the idle latency from the two)"])
        // One against a built-in value is PL103's finding on the probe that meets it (`PL103Tests`).
        #expect(errors("    probelint.io/latency-p50: 2s\n").isEmpty)
        // The two from annotations are the error alone: PL103 does not say it again, with advice
        // to give the two that were given.
        func pl103(_ annotations: String) -> [String] {
            let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 80}").replacingOccurrences(of: "  name: web\n", with: "  name: web\n  annotations:\n" + annotations)
            return TestSupport.lint(yaml, readable: false).findings.filter { $0.rule == "PL103" }.map(\.message)
        }
        #expect(pl103("    probelint.io/latency-p50: 2s\n    probelint.io/latency-p99: 900ms\n").isEmpty)
        #expect(pl103("    probelint.io/latency-p50: 2s\n").first?.contains("is above its 99th percentile L99 = 100 ms") == true)
    }

    /// A list or a mapping is no annotation value: kubectl refuses the object, and the ignore
    /// list in it silenced nothing without a word.
    @Test func aListOrAMappingIsNoAnnotationValue() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 80}")
            .replacingOccurrences(of: "  name: web\n", with: "  name: web\n  annotations:\n    probelint.io/ignore: [PL204]\n    probelint.io/bandwidth: {value: 10MB/s}\n")
        #expect(TestSupport.lint(yaml, readable: false).errors.map(\.message) == [
            "annotation probelint.io/ignore is a list, and annotations are strings (kubectl refuses the object: cannot unmarshal array into a string): write one string (\"PL204, PL205\")",
            "annotation probelint.io/bandwidth is a mapping, and annotations are strings (kubectl refuses the object: cannot unmarshal object into a string): write one string",
        ])
    }
}
