import Foundation
import Testing
@testable import ProbeLint

/// `-l` with files: the selector is parsed and matched as kubectl does, and only the selected
/// objects are linted. The unit tests pin the semantics; `LabelSelectorKubectlTests` holds
/// them against the real kubectl.
@Suite struct LabelSelectorTests {
    static func labels(_ map: [String: String]) -> Labels { Labels(map) }

    @Test(arguments: [
        ("app=x", [true, false, false, false]),
        ("app==x", [true, false, false, false]),
        ("app!=x", [false, true, true, true]),
        ("app", [true, true, false, true]),
        ("!app", [false, false, true, false]),
        ("app in (x,z)", [true, true, false, false]),
        ("app notin (x,z)", [false, false, true, true]),
        ("app=,num", [false, false, false, true]),
        ("num>4", [false, false, false, true]),
        ("num<5", [false, false, false, false]),
        ("app=x,tier=web", [true, false, false, false]),
        ("", [true, true, true, true]),
    ])
    func matchesAsKubernetesDoes(selector: String, expected: [Bool]) throws {
        let objects: [[String: String]] = [["app": "x", "tier": "web"], ["app": "z"], [:], ["app": "", "num": "5"]]
        let parsed = try LabelSelector(parsing: selector)
        #expect(objects.map { parsed.matches(Self.labels($0)) } == expected)
    }

    @Test func valuesAreSortedWithoutRepeatsAndEmptyListsMeanTheEmptyValue() throws {
        #expect(try LabelSelector(parsing: "k in (b,a,b)").requirements == [.init(key: "k", op: .in, values: ["a", "b"])])
        #expect(try LabelSelector(parsing: "k notin ()").requirements == [.init(key: "k", op: .notIn, values: [""])])
        #expect(try LabelSelector(parsing: "k in (x,,y)").requirements == [.init(key: "k", op: .in, values: ["", "x", "y"])])
        #expect(try LabelSelector(parsing: "k in (,x)").requirements == [.init(key: "k", op: .in, values: ["", "x"])])
        // `in` and `notin` are keywords only after a key.
        #expect(try LabelSelector(parsing: "in=notin").requirements == [.init(key: "in", op: .equals, values: ["notin"])])
    }

    @Test(arguments: [
        ("app in x", "unable to parse requirement: found 'x' expected: '('"),
        ("app=x,,", "found ',', expected: identifier after ','"),
        ("!app=x", "found '=', expected: ',' or 'end of string'"),
        ("app===x", "unable to parse requirement: found '=', expected: identifier"),
        ("num>1.5", "unable to parse requirement: values[0]: Invalid value: \"1.5\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ("/app=1", "unable to parse requirement: <nil>: Invalid value: \"/app\": prefix part must be non-empty"),
    ])
    func refusedInKubectlsWords(selector: String, message: String) {
        #expect(throws: LabelSelector.ParseError.self) { try LabelSelector(parsing: selector) }
        do {
            _ = try LabelSelector(parsing: selector)
        } catch let error as LabelSelector.ParseError {
            #expect(error.message == message)
            #expect(error.description == "the provided selector \(LabelSyntax.quoted(selector)) is not valid: \(message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    static let file = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, labels: {app: web}}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: selected, labels: {tier: web, app: web}}
        spec:
          containers:
          - name: web
            image: nginx
            ports: [{name: http, containerPort: 8080}]
            readinessProbe: {httpGet: {path: /, port: http}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: other, labels: {tier: db}}
        spec:
          containers:
          - {name: db, image: postgres}

        """

    /// Only the selected Pod is linted, with the unselected Service still resolving its named port
    /// (no PL203); the summary counts the selected objects only.
    @Test func onlySelectedObjectsAreLintedWithTheOthersAsFacts() throws {
        let run = try TestSupport.run(["-o", "json", "-l", "tier=web", "-"], stdin: Self.file)
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try OutputSupport.parse(run.stdout)
        let findings = doc["findings"] as? [[String: Any]] ?? []
        #expect(findings.compactMap { ($0["object"] as? [String: Any])?["name"] as? String } == ["selected"])
        #expect(findings.compactMap { $0["rule"] as? String } == ["PL204"])
        #expect((doc["summary"] as? [String: Any])?["objects"] as? Int == 1)

        let all = try TestSupport.run(["-o", "json", "-"], stdin: Self.file)
        let names = Set(((try OutputSupport.parse(all.stdout))["findings"] as? [[String: Any]] ?? [])
            .compactMap { ($0["object"] as? [String: Any])?["name"] as? String })
        #expect(names == ["selected", "other"])
    }

    @Test func aBadSelectorIsAnInputErrorBeforeAnyFileIsRead() throws {
        let run = try TestSupport.run(["-l", "tier in web", "no-such-file.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr == "error: the provided selector \"tier in web\" is not valid: unable to parse requirement: found 'web' expected: '('\n")
        #expect(run.stdout.isEmpty)
    }
}

/// The real kubectl as the reference: `kubectl apply --dry-run=client -f FILE -l SELECTOR -o name`
/// (against the recorded API server, which answers 404 to every object, so apply would create
/// them all) names the objects it selects, and refuses a bad selector before it reads a file.
/// probelint must select the same objects and refuse with the same words.
extension LabelSelectorTests {
    /// `--fix`, `--diff` and `-o patch` with a selector that picks nothing: the file is left as
    /// it is, and the run notes that it linted nothing, as a lint run does.
    @Test(arguments: [["--fix"], ["--diff"], ["-o", "patch"]])
    func fixingWithASelectorThatPicksNothingNotesIt(_ mode: [String]) throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("d.yaml")
        try Self.file.write(to: path, atomically: true, encoding: .utf8)
        let run = try TestSupport.run(mode + ["-l", "app=nothing", path.path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("note: -l 'app=nothing' selects no object of the inputs: nothing was linted\n"), "\(run.stderr)")
        #expect(try String(contentsOf: path, encoding: .utf8) == Self.file)
    }
}

@Suite struct LabelSelectorKubectlTests {
    static let labelSets = [
        "a": "{app: x, tier: web}", "b": "{app: z}", "c": "{}", "d": "{num: '5', ex.com/app: x}",
        "e": "{app: '', tier: db}", "f": "{num: '-3', app: x}",
    ]

    /// One Deployment per label set, each with a container without probes (PL204 names it).
    static var file: String {
        labelSets.keys.sorted().map { name in
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: \(name), namespace: default, labels: \(labelSets[name]!)}
            spec:
              selector: {matchLabels: {pod: \(name)}}
              template:
                metadata: {labels: {pod: \(name)}}
                spec:
                  containers: [{name: c, image: nginx}]

            """
        }.joined(separator: "---\n")
    }

    static let selectors = [
        "app=x", "app==x", "app!=x", "!tier", "tier", "app in (x,z)", "app notin (x)", "num>1", "num<0", "num>-4",
        "app=", "app!=", "app in ()", "app notin ()", "app in (,x)", "ex.com/app=x", "tier,!app", " app = x , tier ",
        "\tapp\t=\tx", "in=1", "notin", "", "app=x,app=z", "num>4,num<6", "app in (x, z),tier notin (db)",
        // refused
        "app in x", "Bad Key=1", "app=x,,", "Bad_=1", "-a=1", "a/b/c=1", "app=-x", "app=x y", "app in (x", "app in (x,",
        "!app=x", "app,", ",app", "(", "app=(x)", "EX_/app=1", "/app=1", "app/=1", "app in (x y)", "app=x)", "<",
        "app===x", "app=!x", "num>x", "num>-x", "num>1.5", "num>99999999999999999999", "num<-3", "a\"b=1",
        "app in (z,-x,-y)", "num>", "app in", "!", "!!app", "app!x", "app=é", "é=1", "app in (x)(y)",
        String(repeating: "k", count: 64) + "=1", "app=" + String(repeating: "v", count: 64),
        String(repeating: "p", count: 254) + "/app=1",
    ]

    @Test func probelintSelectsAndRefusesAsKubectlApplyDoes() throws {
        let cluster = try KubectlPluginTests.Cluster()
        let path = cluster.dir.appendingPathComponent("deployments.yaml")
        try Self.file.write(to: path, atomically: true, encoding: .utf8)
        for selector in Self.selectors {
            // `--selector=-a=1`: after a bare -l, a value that starts with '-' is an option to the argument parser.
            let flag = selector.isEmpty ? ["-l", ""] : ["--selector=" + selector]
            let kubectl = try cluster.kubectl(["apply", "--dry-run=client", "--validate=false", "--context", "recorded",
                                               "-f", path.path, "-o", "name"] + flag)
            let probelint = try TestSupport.run(["-o", "json", "-f", path.path] + flag)
            if kubectl.stderr.hasPrefix("error: the provided selector") {
                #expect(probelint.status == 2, "\(selector)")
                #expect(probelint.stderr == kubectl.stderr, "\(selector)")
                continue
            }
            let selected = kubectl.stdout.split(separator: "\n").map { $0.replacingOccurrences(of: "deployment.apps/", with: "") }
            if selected.isEmpty {
                // kubectl refuses to apply nothing; probelint notes that it linted nothing.
                #expect(kubectl.stderr == "error: no objects passed to apply\n", "\(selector): \(kubectl.stderr)")
                #expect(probelint.stderr.contains("selects no object of the inputs: nothing was linted"), "\(selector): \(probelint.stderr)")
            }
            #expect(probelint.status == 0, "\(selector): \(probelint.stderr)")  // PL204 is an info: no failure
            let findings = (try OutputSupport.parse(probelint.stdout))["findings"] as? [[String: Any]] ?? []
            let linted = findings.compactMap { ($0["object"] as? [String: Any])?["name"] as? String }
            #expect(linted == selected.sorted(), "\(selector)")
        }
    }
}
