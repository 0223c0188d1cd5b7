/// What the API server would reject or silently change in a probe: wrong
/// types, values below their minimum, successThreshold other than 1 where it
/// must be 1, a probe with no handler or with two.
struct InvalidProbeField: Rule {
    static let info = RuleInfo(
        id: "PL202", name: "invalid-probe-field",
        summary: "A probe or container field has a value the API server rejects: a wrong type, a value below its minimum, or no single handler.",
        defaultSeverity: .error, fix: .sometimes, tags: ["correctness", "probes"])

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        // Only a model problem can have a quoted number's fix: most objects have none.
        let quoted = object.problems.isEmpty ? IntegerFixes() : Self.integerFixes(object)
        for problem in object.problems {
            let message: String
            switch quoted.messages[problem.path] {
            case .dropped?: continue
            case .message(let text)?: message = text
            case nil: message = problem.message
            }
            findings.append(object.finding(Self.info, severity: problem.severity, message, at: problem.range,
                                           object: problem.object ?? object.manifest.ref, suggestions: quoted.suggestions[problem.path].map { [$0] } ?? []))
        }
        // An init container that is not a sidecar runs to completion before the pod starts:
        // the API server rejects any probe on it (its probes are no subjects of the timing rules).
        if let pod = object.manifest.podSpec, !pod.initContainers.isEmpty {
            for container in pod.initContainers where !container.isSidecar {
                for kind in ProbeKind.allCases {
                    guard let probe = container.probe(kind) else { continue }
                    findings.append(object.finding(Self.info, "init container \(container.name) must not set \(kind.fieldName): the API server rejects probes on an init container that is not a sidecar (restartPolicy: Always)",
                                                   at: probe.key, object: object.manifest.ref(container: container.name, probe: kind)))
                }
            }
        }
        // By index, each probe read in place (`ObjectContext.probes`): nearly every probe is
        // valid, and binding each subject and its probe retained and released both.
        for index in object.probes.indices {
            let kind = object.probes[index].probe.kind
            // Counted, not read as `handlers`: that built an array of the one handler for every probe.
            let handlerCount = object.probes[index].probe.handlerCount
            // A handler key in another case (`gRPC:`) has its own problem, which says it: one typo, one error.
            if handlerCount == 0 && !object.probes[index].probe.handlerKeyInAnotherCase {
                findings.append(object.finding(Self.info, "\(kind.fieldName) has no handler: set exactly one of exec, httpGet, tcpSocket or grpc",
                                               at: object.probes[index].probe.key, object: object.probes[index].ref))
            } else if handlerCount > 1 {
                let handlers = object.probes[index].probe.handlers
                let kinds = handlers.map(\.kind.rawValue).joined(separator: " and ")
                // At the probe's key, as "has no handler" is: at a handler's, it shared that handler's
                // path, and so its fingerprint, with the handler's own problem (httpGet with no port).
                findings.append(object.finding(Self.info, "\(kind.fieldName) has more than one handler (\(kinds)): the API server accepts exactly one",
                                               at: object.probes[index].probe.key, object: object.probes[index].ref))
            }
            // Any value, valid or not: the field must go, so its value's minimum is not asked.
            let readinessGrace = kind == .readiness ? object.probes[index].probe.terminationGracePeriodSeconds.writtenKey : nil
            if let key = readinessGrace {
                findings.append(object.finding(Self.info, "readinessProbe must not set terminationGracePeriodSeconds: the API server rejects it",
                                               at: key, object: object.probes[index].ref))
            }
            for field in ProbeField.allCases where field != .terminationGracePeriodSeconds || readinessGrace == nil {
                guard case .written(let value, _, let range) = object.probes[index].probe.field(field) else { continue }
                let minimum = ProbeDefaults.minimum(of: field)
                if value < minimum {
                    let probe = object.probes[index].probe
                    let (fixed, reason) = field == .terminationGracePeriodSeconds
                        ? Self.podGrace(object)
                        : (max(minimum, ProbeDefaults.value(of: field)), MessageText.string("the API server's minimum is \(minimum)"))
                    findings.append(object.finding(Self.info, "\(kind.fieldName) \(field.rawValue) \(value) is below its minimum of \(minimum)",
                                                   at: range, object: object.probes[index].ref,
                                                   suggestions: [Suggestion(field: field, owner: probe.location, current: probe.field(field),
                                                                            value: fixed, reason: reason)]))
                } else if field == .successThreshold, value != 1, kind != .readiness {
                    let probe = object.probes[index].probe
                    findings.append(object.finding(Self.info, "\(kind.fieldName) successThreshold must be 1, not \(value)", at: range,
                                                   object: object.probes[index].ref,
                                                   suggestions: [Suggestion(field: field, owner: probe.location, current: probe.successThreshold,
                                                                            value: 1, reason: "liveness and startup probes require 1")]))
                }
            }
        }
    }

    /// What a probe's terminationGracePeriodSeconds below 1 becomes: the pod's grace period, which
    /// the probe takes when the field is not set (at least 1, which the API server uses for a
    /// negative pod value). Not Kubernetes' 30: that would cut a longer pod grace period for the
    /// probe's kills.
    static func podGrace(_ object: ObjectContext) -> (Int, String) {
        let pod = object.manifest.podSpec?.terminationGracePeriodSeconds
        let grace = max(1, pod?.value ?? ProbeDefaults.terminationGracePeriodSeconds)
        let origin = pod?.isWritten == true ? "the pod's terminationGracePeriodSeconds" : "the pod's terminationGracePeriodSeconds (default)"
        return (grace, "the API server's minimum is 1; \(grace) is \(origin), what the probe takes when the field is not set")
    }

    /// A probe field written as an integer the API server rejects, by the field's path: a quoted
    /// one (`timeoutSeconds: "5"`) is the number without quotes; a negative one, or a quoted 0
    /// that is below the field's minimum, is Kubernetes' default, what the field gets when it
    /// is not set (0 in a Rook CR, which Rook reads as its own default; a probe's
    /// terminationGracePeriodSeconds takes the pod's, `podGrace`). A liveness or startup
    /// successThreshold is 1, the only value it takes; a readiness probe's
    /// terminationGracePeriodSeconds has none, as no value is valid there.
    ///
    /// Where the value's own problem would mislead, its message too: a quoted liveness
    /// successThreshold other than 1 is not mended by dropping the quotes, and a readiness
    /// probe's terminationGracePeriodSeconds has "must not set" already.
    static func integerFixes(_ object: ObjectContext) -> IntegerFixes {
        var out = IntegerFixes()
        for subject in object.probes {
            for field in ProbeField.allCases {
                let current = subject.probe.field(field)
                guard case .invalid(let written, _, _) = current else { continue }
                let path = subject.probe.location.string(field: field.rawValue)
                if field == .terminationGracePeriodSeconds, subject.probe.kind == .readiness {
                    out.messages[path] = .dropped
                    continue
                }
                guard let (number, asString) = writtenNumber(written, object.document),
                      number <= Int(Int32.max), number >= Int(Int32.min) else { continue }
                let value: Int, reason: String
                if field == .successThreshold, subject.probe.kind != .readiness, number != 1 {
                    out.messages[path] = .message("\(subject.probe.kind.fieldName) successThreshold must be 1, not \(object.document.asWritten(written))")
                    (value, reason) = (1, "the API server takes an integer, and liveness and startup probes require 1")
                } else if number >= ProbeDefaults.minimum(of: field) {
                    guard let why = asString else { continue }
                    (value, reason) = (number, why)
                } else if subject.probe.generatedBy != nil, field != .terminationGracePeriodSeconds {
                    // A Rook CR: Rook replaces a 0 with its own default, which may not be Kubernetes'.
                    (value, reason) = (0, "Rook replaces 0 with its own default for the probe, what it sets when the field is not written")
                } else if field == .terminationGracePeriodSeconds {
                    (value, reason) = podGrace(object)
                } else if number < 0 || ProbeDefaults.zeroMeansDefault(field) {
                    value = ProbeDefaults.value(of: field)
                    reason = number < 0
                        ? MessageText.string("the API server rejects a negative value; \(value) is Kubernetes' default, what the field gets when it is not set")
                        : MessageText.string("the API server takes an integer, not a string, and replaces 0 with Kubernetes' default \(value)")
                } else { continue }
                out.suggestions[path] = Suggestion(field: field, owner: subject.probe.location, current: current, value: value, reason: reason)
            }
        }
        // The pod's grace period written as a quoted number (`"30"`) or under the non-specific tag
        // (`! 30`): the number.
        if let pod = object.manifest.podSpec, case .invalid(let written, _, _) = pod.terminationGracePeriodSeconds,
           let (number, asString) = writtenNumber(written, object.document), let why = asString, number >= 0 {
            let suggestion = Suggestion(field: .terminationGracePeriodSeconds, owner: .joined(pod.path), current: pod.terminationGracePeriodSeconds,
                                        value: number, reason: why, scope: .pod)
            out.suggestions[suggestion.path] = suggestion
        }
        return out
    }

    /// `integerFixes`: by the field's path, its fix, and its message where the value's own
    /// problem would mislead (or `dropped`, where another finding says it).
    struct IntegerFixes {
        enum Message { case message(String), dropped }
        var suggestions: [String: Suggestion] = [:]
        var messages: [String: Message] = [:]
    }

    /// The integer an invalid value's text holds, inside quotes or not, and when it was written as
    /// a string (quoted, under the non-specific tag `! 5`, which keeps any value a string to
    /// kubectl: `Document.scalarValue`, or under `!!str`) the fix's reason for the bare number;
    /// nil for no integer.
    static func writtenNumber(_ written: NodeID, _ document: Document) -> (number: Int, asString: String?)? {
        // Quoted by its style, not by the quotes `asWritten` shows: a block scalar (`|-` then `5`)
        // is shown quoted as JSON, and the edit that replaced it with the bare number took its
        // line break too, joining the next key onto its line. Such a value gets no fix.
        let style = document.style(written)
        guard style != .literal && style != .folded else { return nil }
        var text = Substring(document.asWritten(written))
        let quoted = style == .singleQuoted || style == .doubleQuoted
        if quoted { text = text.dropFirst().dropLast() }
        guard let number = Int(text) else { return nil }
        switch document.tag(written) {
        case "!":
            return (number, "the same number without the tag !, which keeps any value a string: the API server takes an integer")
        case "tag:yaml.org,2002:str" where !quoted:
            return (number, "the same number without the tag !!str, which makes it a string: the API server takes an integer")
        default: break
        }
        return (number, quoted ? "the same number without quotes: the API server takes an integer, not a string" : nil)
    }
}
