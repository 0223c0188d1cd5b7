import Testing
@testable import ProbeLint

@Suite struct PL202Tests {
    /// kubernetes-website's old grpc-liveness.yaml writes `gRPC:`: one typo, one error, which
    /// says that the probe has no handler (no second "no handler" error on the probe's key).
    @Test func handlerKeyInTheWrongCase() {
        let yaml = TestSupport.deployment(probe: "gRPC:\n  port: 2379\ninitialDelaySeconds: 10")
        let found = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
        #expect(found.map(\.message) == ["gRPC is not a probe field: did you mean grpc? Without it livenessProbe has no handler, which the API server rejects"])
        #expect(found.map(\.range.start.line) == [15])
        #expect(found.map(\.range.start.column) == [13])
        // Beside a handler, the key in the wrong case is only an unknown field.
        let beside = TestSupport.deployment(probe: "exec: {command: [\"true\"]}\nHTTPGet:\n  port: 80")
        #expect(TestSupport.lint(beside).findings.filter { $0.rule == "PL202" }.map(\.message) == ["HTTPGet is not a probe field: did you mean httpGet?"])
        // A handler in the right case but of the wrong type: the probe has no handler, and says so.
        let wrongType = TestSupport.deployment(probe: "grpc: 5")
        #expect(TestSupport.lint(wrongType).findings.filter { $0.rule == "PL202" }.map(\.message)
                .contains("livenessProbe has no handler: set exactly one of exec, httpGet, tcpSocket or grpc"))
        // Another unknown key is no handler: the probe's own error stays, and the key is named
        // with the field it is nearest to.
        let other = TestSupport.deployment(probe: "gRPC:\n  port: 2379")
            .replacingOccurrences(of: "gRPC:", with: "grpcc:")
        #expect(TestSupport.lint(other).findings.filter { $0.rule == "PL202" }.map(\.message)
                == ["livenessProbe has no handler: set exactly one of exec, httpGet, tcpSocket or grpc",
                    "grpcc is not a probe field (did you mean grpc?): the API server's strict field validation rejects it, and its value is not read"])
    }

    /// Keys the API server's strict field validation rejects: a probe's key in the wrong case on
    /// the container (`LivenessProbe`: the container has no liveness probe), a misspelled probe
    /// field (`periodSecond`), and any other key in a probe.
    @Test func unknownProbeAndContainerKeys() throws {
        let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}\nperiodSecond: 3\nfoo: 1")
            .replacingOccurrences(of: "livenessProbe:", with: "LivenessProbe:")
        let found = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
        #expect(found.map(\.message) == [
            "LivenessProbe is not a container field (did you mean livenessProbe?): the API server's strict field validation rejects it, and without it the container has no livenessProbe",
        ], "the probe under the wrong key is not read, so neither are its fields")
        let inProbe = TestSupport.lint(TestSupport.deployment(probe: "tcpSocket: {port: 80}\nperiodSecond: 3\nfoo: 1")).findings
            .filter { $0.rule == "PL202" }
        #expect(inProbe.map(\.message) == [
            "periodSecond is not a probe field (did you mean periodSeconds?): the API server's strict field validation rejects it, and its value is not read",
            "foo is not a probe field: the API server's strict field validation rejects it, and its value is not read",
        ])
        #expect(inProbe.first?.path == "spec.template.spec.containers[0].livenessProbe.periodSecond")
        #expect(ManifestDecoder.editDistance("periodSecond", "periodSeconds") == 1)
        #expect(ManifestDecoder.editDistance("", "abc") == 3 && ManifestDecoder.editDistance("abc", "") == 3)
        #expect(ManifestDecoder.editDistance("kitten", "sitting") == 3)
    }

    @Test func rightCaseIsFine() {
        let yaml = TestSupport.deployment(probe: "grpc:\n  port: 2379\nhttpGet:\n  port: 80")
        let found = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
        #expect(found.map(\.message) == ["livenessProbe has more than one handler (httpGet and grpc): the API server accepts exactly one"])
    }

    /// Handlers the API server rejects were read as valid: a quoted port number (a port name
    /// without a letter, which PL203 called a name the kubelet cannot resolve), a grpc port
    /// name, a port out of range, a missing port or command.
    @Test(arguments: [
        ("httpGet: {path: /, port: \"8082\"}", "httpGet.port: \"8082\" must be a port number, not a string (write it without quotes): a port name needs a letter", 16, 38),
        ("tcpSocket: {port: '80'}", "tcpSocket.port: '80' must be a port number, not a string (write it without quotes): a port name needs a letter", 16, 31),
        ("grpc: {port: http}", "grpc.port: http must be a port number, not a string: a grpc probe takes no port name", 16, 26),
        ("grpc: {port: \"2379\"}", "grpc.port: \"2379\" must be a port number, not a string (write it without quotes)", 16, 26),
        ("httpGet: {port: HTTP}", "httpGet.port: HTTP is not a port name the API server takes: at most 15 characters of a-z, 0-9 and '-', with a letter, no '-' at either end and no '--'", 16, 29),
        ("httpGet: {port: 0.0.0.0:8091}", "httpGet.port: 0.0.0.0:8091 is not a port name the API server takes: at most 15 characters of a-z, 0-9 and '-', with a letter, no '-' at either end and no '--'", 16, 29),
        ("httpGet: {port: a-very-long-port-name}", "httpGet.port: a-very-long-port-name is not a port name the API server takes: at most 15 characters of a-z, 0-9 and '-', with a letter, no '-' at either end and no '--'", 16, 29),
        ("tcpSocket: {port: 70000}", "tcpSocket.port 70000 is not a port number: the API server takes 1 to 65535", 16, 31),
        ("tcpSocket: {port: 0}", "tcpSocket.port 0 is not a port number: the API server takes 1 to 65535", 16, 31),
        // Past Int's range, and a collection: said as the other ports' are (a review found the full
        // path and "not an integer" for the one, and a port name's rules for the other).
        ("tcpSocket: {port: 99999999999999999999}", "tcpSocket.port 99999999999999999999 is not a port number: the API server takes 1 to 65535", 16, 31),
        ("httpGet: {port: [80]}", "httpGet.port must be a port number or name, not a list", 16, 29),
        ("httpGet: {path: /}", "httpGet has no port: the API server requires one", 16, 13),
        ("grpc: {service: x}", "grpc has no port: the API server requires one", 16, 13),
        ("exec: {}", "exec has no command: the API server requires one", 16, 13),
        ("httpGet: {port: 8080, scheme: https}", "httpGet.scheme: https is not HTTP or HTTPS, the only schemes the API server takes (in capitals)", 16, 43),
        ("httpGet: {port: 8080, scheme: \"HTTP \"}", "httpGet.scheme: \"HTTP \" is not HTTP or HTTPS, the only schemes the API server takes (in capitals)", 16, 43),
        // What the API server's JSON decoding refuses: a []string given text or a number, a
        // *string given a number, a list given a mapping; and a timing key in the wrong case,
        // an unknown field that strict decoding rejects (the value was taken as not written).
        ("exec: {command: cat /tmp/healthy}", "command must be a list of strings, not a string: one word per item, [\"cat\", \"/tmp/healthy\"]", 16, 29),
        // Quoted words: `10` and `true` would be a number and a boolean, `@x` no plain scalar at all.
        ("exec: {command: sleep 10 true @x}", "command must be a list of strings, not a string: one word per item, [\"sleep\", \"10\", \"true\", \"@x\"]", 16, 29),
        ("exec: {command: \"test -f /x && echo ok\"}", "command must be a list of strings, not a string: one word per item, or a shell line as [\"sh\", \"-c\", \"...\"]", 16, 29),
        ("exec: {command: [cat, 5]}", "command[1]: 5 must be a string, not an integer (quote it)", 16, 35),
        ("exec: {command: [true]}", "command[0]: true must be a string, not a bool (quote it)", 16, 30),
        // One problem, not "exec has no command" beside it; the list named once.
        ("exec: {command: [[x]]}", "command[0]: a list must be a string", 16, 30),
        ("grpc: {port: 8080, service: 5}", "grpc.service must be a string, not an integer", 16, 41),
        ("httpGet: {port: 8080, httpHeaders: {X-Probe: y}}", "httpHeaders must be a list, not a mapping", 16, 48),
        ("tcpSocket: {port: 8080}\nTimeoutSeconds: 5", "TimeoutSeconds is not a probe field: did you mean timeoutSeconds?", 17, 13),
    ])
    func handlerTheAPIServerRejects(handler: String, message: String, line: Int, column: Int) {
        let yaml = TestSupport.deployment(probe: handler, ports: "\n          ports: [{name: http, containerPort: 8080}]")
        let found = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" || $0.rule == "PL203" }
        #expect(found.map(\.message) == [message])
        #expect(found.map(\.rule) == ["PL202"])
        #expect(found.map(\.range.start.line) == [line])
        #expect(found.map(\.range.start.column) == [column])
    }

    @Test(arguments: ["httpGet: {port: http}", "httpGet: {port: 8080}", "tcpSocket: {port: web-2}", "grpc: {port: 65535}",
                      "exec: {command: [\"true\"]}", "exec: {command: [sh, -c, ~]}", "tcpSocket: {port: 0x1F90}",
                      "httpGet: {port: 8080, scheme: HTTPS}", "httpGet: {port: 8080, scheme: ~}"])
    func handlerTheAPIServerTakes(handler: String) {
        let yaml = TestSupport.deployment(probe: handler, ports: "\n          ports: [{name: http, containerPort: 8080}]")
        #expect(TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }.map(\.message) == [])
    }

    @Test func quotedNumberSuggestsTheNumber() throws {
        let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}\ntimeoutSeconds: \"5\"\nperiodSeconds: \"0\"\nfailureThreshold: 2.5")
        let found = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
        #expect(found.map(\.message) == ["timeoutSeconds: \"5\" must be an integer, not a string (write it without quotes)",
                                         "periodSeconds: \"0\" must be an integer, not a string (write it without quotes)",
                                         "failureThreshold: 2.5 must be a whole number, not a float"])
        // A quoted 0 is the default the API server would put in its place; a float has no fix.
        #expect(found.map { $0.suggestions.map(\.value) } == [[5], [10], []])
        let s = try #require(found.first?.suggestions.first)
        #expect(s.path == "spec.template.spec.containers[0].livenessProbe.timeoutSeconds")
        #expect(s.field == .timeoutSeconds)
    }

    /// A container's command, args and ports as the API server decodes them: the same []string
    /// and port checks as a probe's. A port without a number it takes leaves PL203 silent on a
    /// probe's number (it cannot tell whether that port is the one).
    @Test func containerFieldsTheAPIServerRejects() {
        let yaml = TestSupport.deployment(command: "\"radosgw\", 5", probe: "tcpSocket: {port: 8080}",
                                          ports: "\n          ports: [{name: http, containerPort: \"8080\"}, {name: m, containerPort: 70000}, {name: x}]")
        let found = TestSupport.lint(yaml).findings
        #expect(found.filter { $0.rule == "PL202" }.map(\.message) == [
            "command[1]: 5 must be a string, not an integer (quote it)",
            "containerPort: \"8080\" must be a port number, not a string (write it without quotes)",
            "containerPort 70000 is not a port number: the API server takes 1 to 65535",
            "a port has no containerPort: the API server requires one",
        ])
        #expect(found.filter { $0.rule == "PL203" }.isEmpty)
        // With every port's number readable, the probe's undeclared number is PL203's again.
        let readable = yaml.replacingOccurrences(of: "\"8080\"", with: "8081").replacingOccurrences(of: "70000", with: "9000")
            .replacingOccurrences(of: ", {name: x}", with: "")
        #expect(TestSupport.lint(readable).findings.filter { $0.rule == "PL203" }.count == 1)
    }

    /// A pod's grace period written as a quoted number gets the number, as a probe field does.
    @Test func quotedPodGraceSuggestsTheNumber() throws {
        let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}") + "      terminationGracePeriodSeconds: \"130\"\n"
        let found = try #require(TestSupport.lint(yaml).findings.first { $0.rule == "PL202" })
        #expect(found.suggestions.map(\.value) == [130])
        #expect(found.suggestions.first?.path == "spec.template.spec.terminationGracePeriodSeconds")
        let (result, fixed) = FixSupport.fix(yaml, only: ["PL202"])
        #expect(result.outcomes[0].error == nil)
        #expect(fixed == yaml.replacingOccurrences(of: "\"130\"", with: "130"))
    }

    /// A pod's grace period is an int64, and a negative one is taken with a warning and used as
    /// 1 (pkg/api/pod/warnings.go): a PL202 warning, and PL106 judges the 1 s. A probe's grace
    /// period is an int64 too; below 1 it is rejected.
    @Test func gracePeriodsAreInt64AndANegativePodGraceIsOne() throws {
        let pod = TestSupport.deployment(probe: "tcpSocket: {port: 80}") + "      terminationGracePeriodSeconds: -1\n"
        let found = TestSupport.lint(pod, flags: [.drainTime: "10s"]).findings
        let warning = try #require(found.first { $0.rule == "PL202" })
        #expect(warning.severity == .warning)
        #expect(warning.message == "terminationGracePeriodSeconds: -1 is negative: the API server warns and uses 1, and the kubelet sends SIGKILL 2 s after SIGTERM, its least grace (minimumGracePeriodInSeconds)")
        #expect(found.first { $0.rule == "PL106" }?.suggestions.map(\.value) == [15])
        let huge = TestSupport.deployment(probe: "tcpSocket: {port: 80}\nterminationGracePeriodSeconds: 3000000000")
            + "      terminationGracePeriodSeconds: 3000000000\n"
        #expect(TestSupport.lint(huge).findings.filter { $0.rule == "PL202" }.isEmpty)
        let past = huge.replacingOccurrences(of: "3000000000", with: "9223372036854775808")
        #expect(TestSupport.lint(past).findings.filter { $0.rule == "PL202" }.map(\.message) == [
            "terminationGracePeriodSeconds: 9223372036854775808 is out of range for an int64",
            "terminationGracePeriodSeconds: 9223372036854775808 is out of range for an int64",
        ])
        let probeNegative = TestSupport.deployment(probe: "tcpSocket: {port: 80}\nterminationGracePeriodSeconds: -1")
        #expect(TestSupport.lint(probeNegative).findings.filter { $0.rule == "PL202" }.map(\.severity) == [.error])
    }

    /// A key is checked under its own handler only (under another it is an unknown field, not
    /// that one), a container's problems name the container, and a preStop sleep longer than
    /// the pod's grace period is rejected by the API server.
    @Test func containerProblemsNameTheContainerAndKeysTheirHandler() throws {
        let other = TestSupport.deployment(probe: "httpGet: {port: 80, service: 5, command: run me}", ports: "\n          ports: [{containerPort: 80}]")
        #expect(TestSupport.lint(other).findings.filter { $0.rule == "PL202" }.map(\.message) == [
            "service is not a field of httpGet: the API server's strict field validation rejects it, and its value is not read",
            "command is not a field of httpGet: the API server's strict field validation rejects it, and its value is not read",
        ])
        let args = TestSupport.deployment(command: "\"radosgw\", 5", probe: "tcpSocket: {port: 80}", ports: "\n          ports: [{containerPort: 80}]")
        let found = try #require(TestSupport.lint(args).findings.first { $0.rule == "PL202" })
        #expect(found.object.container == "web" && found.object.probe == nil)
        let sleep = TestSupport.deployment(probe: "tcpSocket: {port: 80}", ports: "\n          ports: [{containerPort: 80}]\n          lifecycle: {preStop: {sleep: {seconds: 90}}}")
            + "      terminationGracePeriodSeconds: 60\n"
        #expect(TestSupport.lint(sleep).findings.filter { $0.rule == "PL202" }.map(\.message)
                == ["lifecycle.preStop.sleep.seconds 90 is above the pod's terminationGracePeriodSeconds 60: the API server rejects a sleep longer than the grace period"])
        #expect(TestSupport.lint(sleep.replacingOccurrences(of: "seconds: 90", with: "seconds: 60")).findings.filter { $0.rule == "PL202" }.isEmpty)
    }

    /// A pod grace period under the non-specific tag gets the number too.
    @Test func nonSpecificPodGraceSuggestsTheNumber() throws {
        let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}") + "      terminationGracePeriodSeconds: ! 45\n"
        let found = try #require(TestSupport.lint(yaml).findings.first { $0.rule == "PL202" })
        #expect(found.suggestions.map(\.value) == [45])
        let (_, fixed) = FixSupport.fix(yaml, only: ["PL202"])
        #expect(fixed == yaml.replacingOccurrences(of: "! 45", with: "45"))
    }

    /// The non-specific tag keeps a number a string to kubectl (`! 5`, `! "5"`): PL202, and the
    /// fix writes the number without the tag, which `--fix` takes out with the value.
    @Test(arguments: ["! 5", "! \"5\"", "!<!> 5"])
    func nonSpecificTagIsAStringAndTheFixDropsIt(spelling: String) throws {
        let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}\ntimeoutSeconds: \(spelling)")
        let found = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
        #expect(found.map(\.message) == ["timeoutSeconds: \(spelling.split(separator: " ").last!) must be an integer, not a string (the non-specific tag ! keeps any value a string: remove it)"])
        #expect(found.map { $0.suggestions.map(\.value) } == [[5]])
        let (result, fixed) = FixSupport.fix(yaml, only: ["PL202"])
        #expect(result.outcomes[0].error == nil)
        #expect(fixed == yaml.replacingOccurrences(of: "timeoutSeconds: \(spelling)", with: "timeoutSeconds: 5"), "\(fixed)")
    }

    /// Wrong types in a Rook CR are PL202 findings too, and a quoted probe number in the
    /// CR gets the same fix, keyed by the field's path in the CR.
    @Test func rookCRFieldsOfTheWrongType() throws {
        let yaml = """
            apiVersion: ceph.rook.io/v1
            kind: CephObjectStore
            metadata: {name: s, namespace: rook-ceph}
            spec:
              gateway: {port: "80", securePort: x, instances: 1.5, resources: []}
              healthCheck:
                readinessProbe:
                  disabled: maybe
                  probe: {timeoutSeconds: "5", periodSeconds: -1}
            """
        let found = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
        #expect(found.map(\.message) == [
            "port must be an integer, not a string", "securePort must be an integer, not a string",
            "instances must be an integer, not a float", "resources must be a mapping, not a list",
            "disabled must be true or false, not a string",
            "timeoutSeconds: \"5\" must be an integer, not a string (write it without quotes)",
            "periodSeconds: -1 must not be negative (Kubernetes rejects it)",
        ])
        let fix = try #require(found.first { $0.message.hasPrefix("timeoutSeconds") }?.suggestions.first)
        #expect(fix.path == "spec.healthCheck.readinessProbe.probe.timeoutSeconds")
        #expect(fix.value == 5)
        // A negative value in the CR becomes 0, which Rook replaces with its own default.
        let negative = try #require(found.first { $0.message.hasPrefix("periodSeconds") }?.suggestions.first)
        #expect(negative.value == 0 && negative.reason.hasPrefix("Rook replaces 0 with its own default"))
    }

    /// The fixed period shows a timeout that alone breaks the detection budget (PL104, no fix):
    /// revealed, not caused by the fix, which is written. `--fix` refused the file ("would cause PL104").
    @Test func aFindingTheInvalidFieldHidIsNoReasonToRefuse() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}\ntimeoutSeconds: 120\nperiodSeconds: -10\n")
        #expect(!TestSupport.lint(yaml).findings.contains { $0.rule == "PL104" })
        let fixed = try TestSupport.run(["--fix", "-"], stdin: yaml)
        #expect(fixed.stdout.contains("periodSeconds: 10\n") && !fixed.stderr.contains("would cause"), "\(fixed.stderr)")
        #expect(TestSupport.lint(fixed.stdout).findings.contains { $0.rule == "PL104" })
    }

    /// A negative timing field is Kubernetes' default after the fix, and the fixed file is
    /// valid; a negative probe-level terminationGracePeriodSeconds has no default to take.
    @Test func aNegativeNumberBecomesTheDefault() throws {
        let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}\ninitialDelaySeconds: -5\nfailureThreshold: '-1'\nterminationGracePeriodSeconds: -3")
        let found = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
        #expect(found.map { $0.suggestions.map { "\($0.field.rawValue) \($0.value)" } }
            == [["initialDelaySeconds 0"], ["failureThreshold 3"], ["terminationGracePeriodSeconds 30"]])
        #expect(found[1].message == "failureThreshold: '-1' must be an integer, not a string, and not negative")
        let fixed = try TestSupport.run(["--fix", "-"], stdin: yaml)
        #expect(fixed.stdout.contains("initialDelaySeconds: 0\n") && fixed.stdout.contains("failureThreshold: 3\n"), "\(fixed.stderr)")
        #expect(fixed.stdout.contains("terminationGracePeriodSeconds: 30\n"), "\(fixed.stdout)")
        #expect(TestSupport.lint(fixed.stdout).findings.filter { $0.rule == "PL202" }.isEmpty)
    }

    /// A probe's terminationGracePeriodSeconds below 1 becomes the pod's, which the probe takes
    /// when the field is not set: Kubernetes' 30 would cut a longer pod grace period for the
    /// probe's kills. PL106 leaves the rejected value to PL202.
    @Test func aProbeGraceBelowOneBecomesThePods() throws {
        let probe = "tcpSocket: {port: 80}\nterminationGracePeriodSeconds: 0"
        func fixes(_ yaml: String) -> [String] {
            TestSupport.lint(yaml, flags: [.drainTime: "100s"]).findings.filter { $0.rule != "PL204" && $0.rule != "PL106" || $0.object.probe != nil }
                .map { "\($0.rule) \($0.suggestions.map { "\($0.field.rawValue) \($0.value)" })" }
        }
        let written = TestSupport.deployment(probe: probe) + "      terminationGracePeriodSeconds: 200\n"
        #expect(fixes(written) == ["PL202 [\"terminationGracePeriodSeconds 200\"]"])
        let finding = try #require(TestSupport.lint(written).findings.first { $0.rule == "PL202" })
        #expect(finding.suggestions.first?.reason == "the API server's minimum is 1; 200 is the pod's terminationGracePeriodSeconds, what the probe takes when the field is not set")
        #expect(fixes(TestSupport.deployment(probe: probe)) == ["PL202 [\"terminationGracePeriodSeconds 30\"]"])
        // A negative pod value is used as 1.
        #expect(fixes(TestSupport.deployment(probe: probe) + "      terminationGracePeriodSeconds: -4\n").first == "PL202 [\"terminationGracePeriodSeconds 1\"]")
        // Quoted, the same.
        #expect(fixes(written.replacingOccurrences(of: "terminationGracePeriodSeconds: 0", with: "terminationGracePeriodSeconds: \"-2\"")) == ["PL202 [\"terminationGracePeriodSeconds 200\"]"])
    }

    /// A handler's key that is no field of it (`headers`, a typo of a field, another handler's
    /// field) is an error at the key, with the nearest field: strict field validation rejects it,
    /// and without it the key is dropped unread (a probe sends no header).
    @Test func aKeyThatIsNoFieldOfItsHandler() {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /ready, port: 80, headers: [{name: a, value: b}], Scheme: HTTPS}", ports: "\n          ports: [{containerPort: 80}]")
        let found = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
        #expect(found.map(\.message) == [
            "headers is not a field of httpGet (did you mean httpHeaders?): the API server's strict field validation rejects it, and its value is not read",
            "Scheme is not a field of httpGet (did you mean scheme?): the API server's strict field validation rejects it, and its value is not read",
        ])
        #expect(found.map { "\($0.range.start)" } == ["16:47", "16:79"])
        #expect(found.first?.path == "spec.template.spec.containers[0].livenessProbe.httpGet.headers")
        let tcp = TestSupport.deployment(probe: "tcpSocket: {port: 80, path: /healthz}\nexec: {comand: [true]}")
        #expect(TestSupport.lint(tcp).findings.filter { $0.rule == "PL202" }.map(\.message).contains(
            "comand is not a field of exec (did you mean command?): the API server's strict field validation rejects it, and its value is not read"))
        #expect(TestSupport.lint(tcp).findings.filter { $0.rule == "PL202" }.map(\.message).contains(
            "path is not a field of tcpSocket: the API server's strict field validation rejects it, and its value is not read"))
        // Every field of each handler is taken.
        let valid = TestSupport.deployment(probe: "httpGet: {path: /, port: 80, host: a, scheme: HTTP, httpHeaders: [{name: a, value: b}]}", ports: "\n          ports: [{containerPort: 80}]")
        #expect(TestSupport.lint(valid).findings.filter { $0.rule == "PL202" }.isEmpty)
    }

    /// A readiness probe may set no terminationGracePeriodSeconds, at any value, quoted or not: one
    /// error, and no fix writes a value the API server still rejects (a 0 had become the pod's 30).
    /// A quoted liveness successThreshold other than 1 becomes 1, not the same number unquoted, and
    /// its message says so: neither tells the user to write a rejected value without quotes.
    @Test func aFixTakesTheKindsRulesIntoAccount() throws {
        func found(_ yaml: String) -> [String] {
            TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
                .map { "\($0.message) \($0.suggestions.map { "\($0.field.rawValue) \($0.value)" })" }
        }
        let mustNot = "readinessProbe must not set terminationGracePeriodSeconds: the API server rejects it []"
        for value in ["0", "10", "\"10\"", "-3"] {
            let yaml = TestSupport.deployment(probeKind: .readiness, probe: "tcpSocket: {port: 80}\nterminationGracePeriodSeconds: \(value)")
            // The value's own problem (a quoted number, a negative one) is not another error: the field goes.
            #expect(found(yaml) == [mustNot], "\(value)")
        }
        let liveness = TestSupport.deployment(probe: "tcpSocket: {port: 80}\nsuccessThreshold: \"2\"")
        #expect(found(liveness) == ["livenessProbe successThreshold must be 1, not \"2\" [\"successThreshold 1\"]"])
        // A quoted 1 is the number without quotes.
        let one = TestSupport.deployment(probe: "tcpSocket: {port: 80}\nsuccessThreshold: '1'")
        #expect(found(one) == ["successThreshold: '1' must be an integer, not a string (write it without quotes) [\"successThreshold 1\"]"])
        let fixed = try TestSupport.run(["--fix", "-"], stdin: liveness)
        #expect(fixed.stdout.contains("successThreshold: 1\n"), "\(fixed.stdout)")
        #expect(TestSupport.lint(fixed.stdout).findings.filter { $0.rule == "PL202" }.isEmpty)
        // A readiness probe takes any successThreshold of at least 1.
        let readiness = TestSupport.deployment(probeKind: .readiness, probe: "tcpSocket: {port: 80}\nsuccessThreshold: \"2\"")
        #expect(found(readiness) == ["successThreshold: \"2\" must be an integer, not a string (write it without quotes) [\"successThreshold 2\"]"])
    }

    /// A number written as a block scalar (`|-` then `5`) is a string with no fix: shown quoted
    /// as JSON, it was taken for a quoted number, and the edit replaced the scalar with its line
    /// break, joining the next key onto its line (the fixed text did not parse).
    @Test func aBlockScalarNumberHasNoFix() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 80}\ntimeoutSeconds: |-\n  5\nperiodSeconds: >\n  10")
        let found = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
        #expect(found.map(\.message) == ["timeoutSeconds: \"5\" must be an integer, not a string", "periodSeconds: \"10\\n\" must be an integer, not a string"])
        #expect(found.allSatisfy { $0.suggestions.isEmpty })
        let (result, text) = FixSupport.fix(yaml)
        #expect(result.outcomes[0].error == nil && text == yaml)
    }

    /// A tag whose type does not take the text (`!!bool 1`) leaves a string: the message names the tag.
    @Test func aTagThatIsNoIntegerIsNamed() {
        let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}\ntimeoutSeconds: !!bool 1\nperiodSeconds: !!str 5")
        #expect(TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }.map(\.message) == [
            "timeoutSeconds: 1 must be an integer, not a value under the tag !!bool",
            "periodSeconds: 5 must be an integer, not a string (the tag !!str makes it one: remove it)",
        ])
        let fixes = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }.map { $0.suggestions.map { "\($0.field.rawValue) \($0.value)" } }
        #expect(fixes == [[], ["periodSeconds 5"]])
        // A tagged port number has no quotes to drop; a tagged negative number is not made valid by dropping the tag.
        let more = TestSupport.deployment(probe: "tcpSocket: {port: !!str 80}\nperiodSeconds: !!str -1")
        #expect(TestSupport.lint(more).findings.filter { $0.rule == "PL202" }.map(\.message) == [
            "tcpSocket.port: 80 must be a port number, not a string (the tag !!str makes it one: remove it): a port name needs a letter",
            "periodSeconds: -1 must be an integer, not a string, and not negative",
        ])
    }

    /// A Go template (Helm's `{{ .Values.x }}`) in quotes is a string to YAML: the message says to
    /// render it, not to drop the quotes (which would make the line a flow mapping).
    @Test func aQuotedTemplateIsToRender() {
        let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}\ntimeoutSeconds: \"{{ .Values.timeout }}\"")
        #expect(TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }.map(\.message)
            == ["timeoutSeconds: \"{{ .Values.timeout }}\" must be an integer, not a Go template: render it to YAML first (a Helm chart's: helm template RELEASE CHART | kubectl probelint -f -)"])
    }

    /// A probe on an init container that is not a sidecar is rejected by the API server
    /// (pkg/apis/core/validation, validateInitContainers); a sidecar's probes are fine. These
    /// probes were skipped without a word.
    @Test func probesOnAPlainInitContainerAreRejected() throws {
        func findings(_ restartPolicy: String) -> [Finding] {
            let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - name: setup\n    image: x\n\(restartPolicy)    startupProbe: {tcpSocket: {port: 80}}\n    livenessProbe: {tcpSocket: {port: 80}}\n  containers:\n  - name: c\n    image: x\n"
            return TestSupport.lint(yaml).findings.filter { $0.rule.rawValue == "PL202" }
        }
        let plain = findings("")
        #expect(Set(plain.map(\.message)) == Set(["livenessProbe", "startupProbe"].map {
            "init container setup must not set \($0): the API server rejects probes on an init container that is not a sidecar (restartPolicy: Always)"
        }))
        #expect(Set(plain.map(\.range.start.line)) == [8, 9])
        #expect(plain.allSatisfy { $0.object.container == "setup" })
        #expect(findings("    restartPolicy: Always\n").isEmpty)
        #expect(findings("    restartPolicy: OnFailure\n").count == 2)
    }
}
