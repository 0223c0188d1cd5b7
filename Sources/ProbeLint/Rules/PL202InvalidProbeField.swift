/// What the API server would reject or silently change in a probe: wrong
/// types, values below their minimum, successThreshold other than 1 where it
/// must be 1, a probe with no handler or with two.
struct InvalidProbeField: Rule {
    static let info = RuleInfo(
        id: "PL202", name: "invalid-probe-field",
        summary: "A probe field has a value the API server rejects: a wrong type, a value below its minimum, or no single handler.",
        defaultSeverity: .error, fix: .sometimes, tags: ["correctness", "probes"])

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        // Only a model problem can have a quoted number's fix: most objects have none.
        let quoted = object.problems.isEmpty ? [:] : Self.quotedNumbers(object)
        for problem in object.problems {
            findings.append(object.finding(Self.info, problem.message, at: problem.range, object: problem.object ?? object.manifest.ref,
                                           suggestions: quoted[problem.path].map { [$0] } ?? []))
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
            if handlerCount == 0 {
                findings.append(object.finding(Self.info, "\(kind.fieldName) has no handler: set exactly one of exec, httpGet, tcpSocket or grpc",
                                               at: object.probes[index].probe.key, object: object.probes[index].ref))
            } else if handlerCount > 1 {
                let handlers = object.probes[index].probe.handlers
                let kinds = handlers.map(\.kind.rawValue).joined(separator: " and ")
                findings.append(object.finding(Self.info, "\(kind.fieldName) has more than one handler (\(kinds)): the API server accepts exactly one",
                                               at: handlers[1].key, object: object.probes[index].ref))
            }
            if kind == .readiness, case .written(_, let key, _) = object.probes[index].probe.terminationGracePeriodSeconds {
                findings.append(object.finding(Self.info, "readinessProbe must not set terminationGracePeriodSeconds: the API server rejects it",
                                               at: key, object: object.probes[index].ref))
            }
            for field in ProbeField.allCases {
                guard case .written(let value, _, let range) = object.probes[index].probe.field(field) else { continue }
                let minimum = ProbeDefaults.minimum(of: field)
                if value < minimum {
                    let probe = object.probes[index].probe
                    findings.append(object.finding(Self.info, "\(kind.fieldName) \(field.rawValue) \(value) is below its minimum of \(minimum)",
                                                   at: range, object: object.probes[index].ref,
                                                   suggestions: [Suggestion(field: field, owner: probe.location, current: probe.field(field),
                                                                            value: max(minimum, ProbeDefaults.value(of: field)), reason: "the API server's minimum is \(minimum)")]))
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

    /// A probe field written as a quoted integer (`timeoutSeconds: "5"`): the
    /// number without quotes, by the field's path.
    static func quotedNumbers(_ object: ObjectContext) -> [String: Suggestion] {
        var out: [String: Suggestion] = [:]
        for subject in object.probes {
            for field in ProbeField.allCases {
                let current = subject.probe.field(field)
                guard case .invalid(let written, _, _) = current, case let text = object.document.asWritten(written), text.count > 2,
                      let quote = text.first, quote == "\"" || quote == "'", text.last == quote,
                      let value = Int(text.dropFirst().dropLast()),
                      value >= ProbeDefaults.minimum(of: field), value <= Int(Int32.max) else { continue }
                let suggestion = Suggestion(field: field, owner: subject.probe.location, current: current, value: value,
                                            reason: "the same number without quotes: the API server takes an integer, not a string")
                out[suggestion.path] = suggestion
            }
        }
        return out
    }
}
