/// `-o patch`: one `kubectl patch` command per object, for objects that live in
/// a cluster (most often read back as JSON).
///
/// Containers are a list, so a JSON merge patch (RFC 7386) would replace the
/// whole list, and a JSON patch (RFC 6902) addresses a container by index,
/// which is wrong as soon as the live object orders its containers
/// differently. A strategic merge patch merges `containers` by `name`, so it
/// changes exactly the named container's probe field. Custom resources (Rook's
/// CRs) do not support strategic merge; Rook's probe settings are maps, not
/// lists, so they get a JSON merge patch. A Rollout's or DeploymentConfig's
/// containers are a list that no other patch addresses by name: they get a JSON
/// patch that addresses each container by index and first tests its name.
public enum PatchReporter {
    /// How an object of `kind` is patched: strategic for the workloads Kubernetes itself serves,
    /// a JSON patch by index (`indexedPatch`) for those it does not (Argo's Rollout, OpenShift's
    /// DeploymentConfig), a merge patch for any other kind (Rook's CRs).
    enum PatchType: String { case strategic, json, merge }

    static func patchType(_ kind: String) -> PatchType {
        guard let workload = WorkloadKind(rawValue: kind) else { return .merge }
        return workload.isKubernetesBuiltIn ? .strategic : .json
    }

    /// The fields to patch: those `--fix` writes and those it leaves to a human, but a
    /// failureThreshold computed with timing the patch changes. `--fix` computes a threshold
    /// again once it wrote the probe's timeout or period (Fixer's rounds); a field it cannot
    /// write (JSON without the key, a flow mapping) never reaches its model, so a threshold
    /// beside one was the present timing's: with the new timing, the patch broke the
    /// detection budget (PL104). Such a threshold is `held`: lint again once the patch is in.
    public static func patchable(applied: [PlannedField], displayOnly: [PlannedField]) -> (fields: [PlannedField], held: [PlannedField]) {
        let all = applied + displayOnly
        let shown = Set(displayOnly.indices.map { applied.count + $0 })
        // Each probe's changed timeout and period, found by the probe's key once: a search of
        // every field for each threshold made `-o patch` on a List of 1,200 objects take 9 s.
        func probe(_ i: Int) -> String { probeKey(all[i]) }
        var timingByProbe: [String: [Int]] = [:]
        for j in all.indices where changesTiming(all[j]) {
            timingByProbe[probe(j), default: []].append(j)
        }
        var stale: Set<Int> = []
        for i in all.indices where all[i].key == ProbeField.failureThreshold.rawValue {
            let timing = timingByProbe[probe(i)] ?? []
            if timing.contains(where: shown.contains) || (shown.contains(i) && !timing.isEmpty) { stale.insert(i) }
        }
        return (all.indices.filter { !stale.contains($0) }.map { all[$0] }, stale.sorted().map { all[$0] })
    }

    /// Whether the field changes a probe's timeout or period.
    static func changesTiming(_ field: PlannedField) -> Bool {
        (field.key == ProbeField.timeoutSeconds.rawValue || field.key == ProbeField.periodSeconds.rawValue) && field.value != field.current.value
    }

    /// A field's probe: its file, document and path without the field's own key.
    static func probeKey(_ field: PlannedField) -> String {
        "\(field.file)\u{0}\(field.document)\u{0}\(field.path.split(separator: ".").dropLast().joined(separator: "."))"
    }

    /// The timing fields the patch changes, by probe (`probeKey`), as a held threshold's comment
    /// names them (`timeoutSeconds`, or `timeoutSeconds and periodSeconds`). Made once for all
    /// held thresholds: a search of every field for each was quadratic (1,200 objects, 30 s).
    public static func changedTiming(_ fields: [PlannedField]) -> (PlannedField) -> String {
        var names: [String: [String]] = [:]
        for field in fields where changesTiming(field) {
            names[probeKey(field), default: []].append(field.key)
        }
        return { held in
            let changed = names[probeKey(held)] ?? []
            let ordered = [ProbeField.timeoutSeconds, .periodSeconds].map(\.rawValue).filter(changed.contains)
            return ordered.isEmpty ? "the probe's timing" : ordered.joined(separator: " and ")
        }
    }

    /// `identityFlags`: kubectl's flags that chose the cluster and the identity of the live
    /// objects (`--context prod`), repeated in every command, so that piped to a shell they
    /// patch the objects that were read and not those of the current context; `kubeconfigFiles`,
    /// those of a `KUBECONFIG` that lists several, which each command sets it to.
    public static func report(_ fields: [PlannedField], identityFlags: [String] = [], kubeconfigFiles: [String] = []) -> String {
        var order: [String] = []
        var byObject: [String: [PlannedField]] = [:]
        // A value node reached from several paths (an alias) is set at each of them: the live
        // object has a field at every path, not one text they share.
        let uses = fields.flatMap { field in
            [field] + field.otherUses.map { use in
                var copy = field
                copy.path = use.path
                copy.object = use.object
                copy.otherUses = []
                return copy
            }
        }
        func objectName(_ field: PlannedField) -> String {
            var object = field.object
            object.container = nil
            object.probe = nil
            return object.objectName
        }
        // A field another object holds (an MDS's liveness probe before Rook v1.9: its namespace's
        // CephCluster's) is patched with that object's own changes, in one command.
        var documents: [String: Int] = [:]
        for field in uses where field.heldIn == nil {
            let key = "\(field.file)\u{0}\(objectName(field))"
            if documents[key] == nil { documents[key] = field.document }
        }
        for field in uses {
            let name = objectName(field)
            let file = field.heldIn ?? field.file
            let document = field.heldIn == nil ? field.document : documents["\(file)\u{0}\(name)"] ?? -1
            let id = "\(file)\u{0}\(document)\u{0}\(name)"
            if byObject[id] == nil { order.append(id) }
            byObject[id, default: []].append(field)
        }
        var out = ""
        for id in order {
            guard let fields = byObject[id], let first = fields.first else { continue }
            out += command(first.object, fields, identityFlags: identityFlags, kubeconfigFiles: kubeconfigFiles) + "\n"
        }
        return out
    }

    /// The output is meant for a shell (`-o patch | sh`) and its names come from the input:
    /// each name is one shell word (`shellWord`), and the comments' texts have no line break
    /// or control character (`TerminalText.escape`) that could end a comment.
    static func command(_ object: ObjectRef, _ fields: [PlannedField], identityFlags: [String] = [], kubeconfigFiles: [String] = []) -> String {
        // A CR known by kind and namespace only (an MDS before v1.9: the namespace's CephCluster).
        let named = object.objectNameOrRole
        // Each change once, though an alias sets it at several paths, and when the object's
        // changes are in more than one container, the containers each is in (two containers'
        // `livenessProbe failureThreshold 3 -> 7` read as one probe changed twice).
        var order: [String] = [], seen: Set<String> = [], containers: [String: [String]] = [:]
        for field in fields {
            let change = field.changeWithRules
            // By a set of its own: a CR's field has no container, so `containers` did not record it.
            if seen.insert(change).inserted { order.append(change) }
            // The pod's own grace period is no container's.
            let podLevel = field.key == ProbeField.terminationGracePeriodSeconds.rawValue && !field.path.contains("Probe")
            if !podLevel, let name = field.object.container, !(containers[change]?.contains(name) ?? false) { containers[change, default: []].append(name) }
        }
        let several = Set(fields.compactMap(\.object.container)).count > 1
        let changes = order.map { change in
            guard several, let names = containers[change], !names.isEmpty else { return change }
            return "\(change) (\(names.count == 1 ? "container" : "containers") \(names.joined(separator: ", ")))"
        }
        var out = "# " + TerminalText.escape("\(named) (\(fields[0].heldIn ?? fields[0].file)): " + changes.joined(separator: "; ")) + "\n"
        if object.name.isEmpty {
            return out + "# not patchable: \(TerminalText.escape(named)) is not among the inputs; pass it too to name it\n"
        }
        let type = patchType(object.kind)
        func unpatchable(_ field: PlannedField) -> String {
            out + "# not patchable: \(field.path) is inside a list that a patch cannot address by name\n"
        }
        var patch = JSONValue.object([])
        if type == .json {
            guard let indexed = indexedPatch(fields) else {
                return unpatchable(fields.first { indexedPatch([$0]) == nil } ?? fields[0])
            }
            patch = indexed
        } else {
            // The containers in the object's order: a strategic merge keeps the patch's order of a
            // list merged by name, so one in another order reordered the live object's containers
            // (and the start of its native sidecars).
            let ordered = fields.indices.sorted { (containerIndex(fields[$0].path), $0) < (containerIndex(fields[$1].path), $1) }
            // One field that fixes in several inputs set (two CephFilesystems' MDS before v1.9, in
            // their CephCluster): one value for it, as the planner chooses one (the largest raise),
            // where the command kept the last input's, below what the other needed.
            func key(_ field: PlannedField) -> String { "\(field.path)\u{0}\(field.object.container ?? "")" }
            var values: [String: [Int]] = [:]
            for field in fields where !(values[key(field)]?.contains(field.value) ?? false) { values[key(field), default: []].append(field.value) }
            for field in ordered.map({ fields[$0] }) {
                guard let steps = steps(field.path, container: field.object.container, strategic: type == .strategic) else {
                    return unpatchable(field)
                }
                var value = field.value
                if let all = values[key(field)], all.count > 1 {
                    guard case .some(let chosen) = FixPlanner.choose(current: field.current.value, all) else {
                        return out + "# not patchable: the fixes of \(field.path) conflict (\(all.map(String.init).joined(separator: " and "))); patch from one input at a time\n"
                    }
                    value = chosen
                }
                insert(.int(value), at: steps[...], into: &patch)
            }
        }
        // `KUBECONFIG=WORD kubectl …`: the name and `=` unquoted, or the shell takes the whole
        // word for a command's name.
        var line = kubeconfigFiles.isEmpty ? "" : "KUBECONFIG=" + shellWord(kubeconfigFiles.joined(separator: ":")) + " "
        line += "kubectl patch " + shellWord("\(object.kind.lowercased())/\(object.name)")
        if let namespace = object.namespace { line += " -n " + shellWord(namespace) }
        line += " --type=\(type.rawValue) -p " + shellQuote(patch.serialized(pretty: false))
        for flag in identityFlags { line += " " + shellWord(flag) }
        // A name with a control character or a bidirectional mark (which no Kubernetes name can
        // hold) would be printed raw inside its quotes, and in a comment, a line break would end
        // the comment and run the rest (`-o patch | sh`). Such a command is shown escaped, not run.
        let shown = TerminalText.escape(line)
        if shown != line {
            out += "# not patchable: a name holds a control character or a bidirectional mark, which Kubernetes refuses in a name; shown escaped\n"
            return out + "# " + shown + "\n"
        }
        if let owner = fields.compactMap(\.managedBy).first {
            // Each field's change in the CR, once; a probe the operator removes is the whole answer.
            let changed = fields.first { $0.ignoredBecause != nil }.map { [$0] } ?? fields
            let instead = changed.compactMap(\.ownerChange).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                .joined(separator: "; ")
            out += "# " + TerminalText.escape("generated by Rook from \(owner.kind) \(owner.name): the operator reverts this patch; \(instead)") + "\n"
            return out + "# " + line + "\n"
        }
        // The API server refuses a change to a Pod's probes and to a Job's pod template: the
        // command is shown, not run, with what to do instead.
        if let why = immutable[object.kind] {
            out += "# " + TerminalText.escape("\(why): change the manifest and create the \(object.kind) again") + "\n"
            return out + "# " + line + "\n"
        }
        // A Rook version that reads no timing from the CR: the patch would change nothing.
        if let why = fields.lazy.compactMap(\.ignoredBecause).first {
            out += "# " + TerminalText.escape("\(why): this patch changes nothing until the operator is upgraded") + "\n"
            return out + "# " + line + "\n"
        }
        // A controller that does not roll its pods: the patch reaches the pods it creates next.
        if let why = fields.lazy.compactMap(\.runningPodsKept).first {
            out += "# the \(object.kind)'s running pods keep the old probes until deleted (\(why)): delete them one at a time, by its selector; their replacements get the patch\n"
        }
        return out + line + "\n"
    }


    /// A JSON patch (RFC 6902) of `fields`: `add` at each field's pointer (it sets a member
    /// whether or not it is written), and before the first op inside a container, a `test`
    /// that the container at that index has the name linted. A live object whose containers
    /// are ordered otherwise fails the test, and the whole patch with it: nothing changes.
    /// nil when a field is inside a list other than a named container.
    static func indexedPatch(_ fields: [PlannedField]) -> JSONValue? {
        var ops: [JSONValue] = [], tested: Set<String> = []
        for field in fields {
            var pointer = ""
            for part in pathInObject(field.path) {
                guard let bracket = part.firstIndex(of: "["), part.hasSuffix("]") else { pointer += "/" + pointerToken(part); continue }
                let key = part[..<bracket]
                guard key == "containers" || key == "initContainers", let container = field.object.container,
                      let index = Int(part[part.index(after: bracket)..<part.index(before: part.endIndex)]) else { return nil }
                pointer += "/\(key)/\(index)"
                if tested.insert(pointer).inserted {
                    ops.append(.object([("op", .string("test")), ("path", .string(pointer + "/name")), ("value", .string(container))]))
                }
            }
            ops.append(.object([("op", .string("add")), ("path", .string(pointer)), ("value", .int(field.value))]))
        }
        return .array(ops)
    }

    /// A key as a JSON Pointer token (RFC 6901): `~` is `~0`, `/` is `~1`.
    static func pointerToken(_ key: Substring) -> String {
        var token = ""
        for c in key {
            switch c {
            case "~": token += "~0"
            case "/": token += "~1"
            default: token.append(c)
            }
        }
        return token
    }

    /// Kinds whose probes the API server does not let a patch change, and why.
    static let immutable: [String: String] = [
        "Pod": "not patchable: a Pod's probes cannot change once it exists (the API server takes only image, tolerations and a few more)",
        "Job": "not patchable: a Job's pod template cannot change (spec.template is immutable)",
    ]

    /// The index of the container a field is in (`containers[2]`, `initContainers[0]`), or -1.
    static func containerIndex(_ path: String) -> Int {
        for part in pathInObject(path) where part.hasPrefix("containers[") || part.hasPrefix("initContainers[") {
            guard let bracket = part.firstIndex(of: "["), part.hasSuffix("]") else { continue }
            return Int(part[part.index(after: bracket)..<part.index(before: part.endIndex)]) ?? -1
        }
        return -1
    }

    enum Step: Equatable { case key(String), named(String) }

    /// The dotted path's parts within its object: a `kind: List`'s `items[N]` is dropped, since
    /// a patch is per object.
    static func pathInObject(_ path: String) -> ArraySlice<Substring> {
        let parts = path.split(separator: ".")[...]
        guard let first = parts.first, first.hasPrefix("items["), first.hasSuffix("]") else { return parts }
        return parts.dropFirst()
    }

    /// `spec.template.spec.containers[0].livenessProbe.timeoutSeconds` ->
    /// spec, template, spec, containers, {name}, livenessProbe, timeoutSeconds.
    /// A `kind: List`'s `items[N].` prefix is dropped (`pathInObject`).
    static func steps(_ path: String, container: String?, strategic: Bool) -> [Step]? {
        var out: [Step] = []
        for part in pathInObject(path) {
            guard let bracket = part.firstIndex(of: "[") else { out.append(.key(String(part))); continue }
            let key = String(part[..<bracket])
            guard strategic, key == "containers" || key == "initContainers", let container else { return nil }
            out += [.key(key), .named(container)]
        }
        return out
    }

    static func insert(_ value: JSONValue, at steps: ArraySlice<Step>, into node: inout JSONValue) {
        guard let step = steps.first else { node = value; return }
        let rest = steps.dropFirst()
        switch (step, node) {
        case (.key(let key), .object(var members)):
            let fresh: JSONValue = rest.first.map { if case .named = $0 { return .array([]) } else { return .object([]) } } ?? value
            let i = members.firstIndex { $0.0 == key } ?? { members.append((key, fresh)); return members.count - 1 }()
            insert(value, at: rest, into: &members[i].1)
            node = .object(members)
        case (.named(let name), .array(var items)):
            let i = items.firstIndex { if case .object(let m) = $0 { return m.first?.1 == .string(name) } else { return false } }
                ?? { items.append(.object([("name", .string(name))])); return items.count - 1 }()
            insert(value, at: rest, into: &items[i])
            node = .array(items)
        default:
            node = value
        }
    }

    /// `s` as one word for a POSIX shell: as it is when it holds only characters that no
    /// shell treats specially (every valid Kubernetes name does), else in single quotes.
    public static func shellWord(_ s: String) -> String {
        let plain = !s.isEmpty && s.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
            case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "@"),
                 UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "="): true
            default: false
            }
        }
        return plain ? s : shellQuote(s)
    }

    /// Single quotes for a POSIX shell (a quote inside becomes '\'').
    public static func shellQuote(_ s: String) -> String {
        "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
