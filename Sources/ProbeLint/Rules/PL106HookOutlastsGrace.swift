extension GracePeriodBelowDrainTime {
    /// A preStop hook whose sleep reaches the pod's grace period (Tpre >= G), in a container with
    /// no drain time (the others' findings count the sleep already, `check`): the kubelet cuts
    /// the hook at G and gives the container its least 2 s after SIGTERM, so what an exec hook
    /// runs after its sleep (`nginx -s quit`) never runs, and the daemon has 2 s to stop. Rule 6
    /// with the drain unknown: max(2, G - min(Tpre, G)) = 2 s is all that follows the sleep. The
    /// API server refuses a `sleep` action longer than G (PL202); one of exactly G is judged here.
    /// A pod that already has a finding on its grace period (a drain time's) gets none more.
    /// One finding for the pod's one grace period, on the container whose sleep is longest.
    static func hookFinding(_ object: ObjectContext) -> Finding? {
        var longest: (index: Int, seconds: Int)?
        var others: [String] = []
        for index in object.containers.indices where object.containers[index].inputs.drainTime == nil && !object.containers[index].isRendered {
            // A G of the kubelet's least (2 s) or less is a stop that wants no wait: the container
            // gets those 2 s with a hook or without (and at 0 the kubelet runs no hook). A `sleep`
            // action longer than G is the API server's refusal (PL202), not judged twice.
            guard let hook = object.containers[index].container.preStop, let seconds = hook.seconds,
                  let grace = object.containers[index].pod.terminationGracePeriodSeconds.value, grace > minimumGrace,
                  hook.action == .exec ? seconds >= grace : seconds == grace else { continue }
            if let found = longest, found.seconds >= seconds {
                others.append(object.containers[index].container.name)
            } else {
                if let found = longest { others.append(object.containers[found.index].container.name) }
                longest = (index, seconds)
            }
        }
        guard let (index, seconds) = longest, let hook = object.containers[index].container.preStop else { return nil }
        let container = object.containers[index]
        let field = container.pod.terminationGracePeriodSeconds
        let grace = field.value ?? ProbeDefaults.terminationGracePeriodSeconds
        let message: MessageText = "terminationGracePeriodSeconds \(grace)\(field.isWritten ? "" : " (default)") does not outlast container \(container.container.name)'s \(seconds == PreStopSleep.endless ? "endless preStop sleep" : "preStop sleep of \(seconds) s"): the kubelet cuts the hook at \(grace) s, and the container then has \(minimumGrace) s after SIGTERM to stop"
        var notes = Notes()
        graceNotes(container, grace: grace, into: &notes)
        tpreNote(seconds, hook, "G counts from the hook's start", into: &notes)
        notes.append(.derived, "after SIGTERM = max(\(minimumGrace), G - min(Tpre, G)) = max(\(minimumGrace), \(grace) - \(min(seconds, grace))) = \(afterSIGTERM(grace: grace, preStop: seconds)) s, for all that follows the sleep",
                     name: "afterSIGTERM")
        if !others.isEmpty {
            notes.append(.note, "\(others.count == 1 ? "container" : "containers") \(others.joined(separator: ", ")) of this pod also \(others.count == 1 ? "sleeps" : "sleep") in preStop as long as G or longer",
                         name: "alsoShort")
        }
        var suggestions: [Suggestion] = []
        if seconds == PreStopSleep.endless {
            notes.append(.note, "no fix of terminationGracePeriodSeconds: no grace period outlasts an endless sleep; give the sleep an end below G, or stop the hook another way", name: "endless")
        } else if object.manifest.rookOwner == nil {
            // In Doubles: both fields are int64, and a sleep of Int64.max - 4 overflowed the sum.
            let wanted = ProbeArithmetic.int32(Double(seconds) + Double(exitAllowance))
            suggestions.append(Suggestion(field: .terminationGracePeriodSeconds, owner: .joined(container.pod.path), current: field, value: wanted,
                                          reason: MessageText.string("Tpre \(seconds) s + \(exitAllowance) s for the process to exit (with no drain time known; --drain-time adds one)"),
                                          scope: .pod))
        }
        return object.finding(info, message, at: field.anchor, object: container.ref, notes: consume notes, suggestions: consume suggestions)
    }
}
