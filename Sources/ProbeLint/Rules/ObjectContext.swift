/// One probe with everything a rule needs to judge it.
public struct ProbeSubject: Sendable {
    public var container: Container
    public var probe: Probe
    public var detection: ComponentDetection
    public var inputs: Inputs
    public var ref: ObjectRef
}

/// What rules see of one object: the manifest, its probes with their inputs,
/// and the environment.
public struct ObjectContext: Sendable {
    public let manifest: Manifest
    public let document: Document
    public let environment: Environment
    public let probes: [ProbeSubject]
    public let inputProblems: [InputProblem]
    public let problems: [ModelProblem]

    public init(manifest: Manifest, document: Document, environment: Environment, problems: [ModelProblem] = []) {
        self.manifest = manifest
        self.document = document
        self.environment = environment
        self.problems = problems
        var subjects: [ProbeSubject] = []
        var inputProblems: [InputProblem] = []
        if let pod = manifest.podSpec {
            let main = pod.containers.first?.name
            for container in pod.probedContainers {
                let detection = Component.detect(container, podLabels: pod.labels, objectLabels: manifest.metadata.labels,
                                                 isMainContainer: container.name == main && !container.isInit)
                for probe in container.probes {
                    let (inputs, issues) = environment.inputs(for: detection, handler: probe.handler,
                                                              annotations: manifest.metadata.annotations)
                    for issue in issues where !inputProblems.contains(issue) { inputProblems.append(issue) }
                    var ref = manifest.ref
                    ref.container = container.name
                    ref.probe = probe.kind
                    subjects.append(ProbeSubject(container: container, probe: probe, detection: detection,
                                                 inputs: inputs, ref: ref))
                }
            }
        }
        probes = subjects
        self.inputProblems = inputProblems
    }

    public var file: String { document.file }

    public func finding(_ info: RuleInfo, severity: Severity? = nil, _ message: String, at range: SourceRange,
                        object: ObjectRef, notes: [Note] = [], suggestions: [Suggestion] = []) -> Finding {
        Finding(rule: info.id, severity: severity ?? info.defaultSeverity, message: message, file: file,
                range: range, object: object, notes: notes, suggestions: suggestions)
    }
}
