/// A set of input values from one source (flags, a config file).
public struct InputLayer: Sendable, Equatable {
    public var values: [InputKey: InputValue]
    public var origin: @Sendable (InputKey) -> Origin
    /// Applies only to this component (`.probelint.yaml` `components: {rgw: ...}`); nil: to all.
    public var component: Component?

    public init(values: [InputKey: InputValue] = [:], component: Component? = nil,
                origin: @escaping @Sendable (InputKey) -> Origin) {
        self.values = values
        self.component = component
        self.origin = origin
    }

    public static func == (a: InputLayer, b: InputLayer) -> Bool { a.values == b.values }

    public static func flags(_ values: [InputKey: InputValue]) -> InputLayer {
        InputLayer(values: values) { .flag($0.rawValue) }
    }
}

/// The thresholds of docs/model.md section 3 that are not properties of a daemon.
public struct ModelOptions: Sendable, Equatable {
    /// m: the safety margin a suggested timeout keeps above L99load.
    public var margin: Double = 2
    /// Expected false restarts per 30 days above which PL103 fires.
    public var restartBudget: Double = 0.1
    /// W_max above which a liveness probe detects a hung daemon too late (PL104).
    public var detectionBudget: Seconds = Seconds(300)
    /// Where a `.probelint.yaml` set an option, by its key (`detection-budget`): `file:line:column`,
    /// for the notes that cite the option. None: the default.
    public var origins: [String: String] = [:]

    public init() {}
}

/// A problem with an input value written in a manifest (an annotation).
public struct InputProblem: Sendable, Equatable {
    public var message: String
    public var range: SourceRange
    /// A warning, not an error: an ignore that names a rule of a later version
    /// (`RuleCatalog.laterRuleID`). It changes no exit status (`LintReport.fileWarnings`).
    public var warning = false
}

/// Resolves each input from flags, annotations, config and built-in defaults,
/// highest priority first, keeping the origin of every value.
public struct Environment: Sendable {
    public var flags: InputLayer
    /// Config-file layers, nearest first (issue: .probelint.yaml).
    public var config: [InputLayer]
    public var options: ModelOptions
    /// The Rook version whose generated probes are modelled, and the run's Rook facts.
    public var rook = RookSettings()

    public init(flags: InputLayer = .flags([:]), config: [InputLayer] = [], options: ModelOptions = ModelOptions()) {
        self.flags = flags
        self.config = config
        self.options = options
    }

    /// Every annotation probelint reads: one per input, `probelint.io/ignore` and PL107's data ports.
    static let annotationKeys: Set<String> = Set(InputKey.allCases.map(\.annotation))
        .union([Linter.ignoreAnnotation, LivenessProbeOnDataPort.dataPortsAnnotation])

    /// The problems of an object's annotations with probelint's prefix, each an input problem
    /// where it is written, on the object, its pod template or a Rook CR's pods: keys that are
    /// none of probelint's (typos: `probelint.io/bandwith`), values that are no string (kubectl
    /// refuses the object), an ignore list that names no rule or a rule of no version, and data
    /// ports that are no port, and inputs' values that are none (whichever inputs the object's containers resolve). Checked
    /// once per object, of any kind (`ObjectContext`); not inlined there (inlined: 0.6 M more
    /// instructions on 5 MB).
    @inline(never)
    static func unknownAnnotations(_ annotations: ProbelintAnnotations) -> [InputProblem] {
        guard !annotations.isEmpty else { return [] }
        var problems = annotations.keys().filter { !annotationKeys.contains($0.key.value) }.map { key, place in
            let hint = RuleCatalog.nearestWord(key.value, among: annotationKeys).map { "did you mean \($0)? " } ?? ""
            return InputProblem(message: "annotation \(key.value)\(place.suffix) is not one of probelint's: \(hint)use \(annotationKeys.sorted().joined(separator: ", "))",
                                range: key.range)
        }
        // `probelint.io/latency-p99: 3` is an integer: kubectl refuses the object (annotations
        // are strings), so the value probelint would read is never applied.
        for (key, value, type, place) in annotations.nonStringValues() {
            let message = switch type {
            case "list", "mapping":
                "annotation \(key)\(place.suffix) is \(value.value), and annotations are strings (kubectl refuses the object: cannot unmarshal \(type == "list" ? "array" : "object") into a string): write one string\(key == Linter.ignoreAnnotation ? " (\"PL204, PL205\")" : "")"
            default:
                "annotation \(key)\(place.suffix): \(value.value) is \(type == "integer" ? "an" : "a") \(type), and annotations are strings (kubectl refuses the object: cannot unmarshal \(type == "bool" ? "bool" : "number") into a string): quote it"
            }
            problems.append(InputProblem(message: message, range: value.range))
        }
        // Each input's value where it is written, whichever inputs the object's containers resolve
        // (a flag may win, or the object has no container that reads it). An empty one is not set.
        // The latencies' are kept, to compare.
        var written: [InputKey: (InputValue, Located<String>, AnnotationPlace)] = [:]
        for key in InputKey.allCases {
            for (text, place) in annotations.values(key.annotation) where text.value.contains(where: { !$0.isWhitespace }) {
                if let value = InputValue.parse(text.value, for: key) {
                    if key.isLatency, written[key] == nil { written[key] = (value, text, place) }
                } else {
                    problems.append(InputProblem(message: "annotation \(key.annotation)\(place.suffix): '\(text.value)' \(InputValue.refusal(text.value, for: key))",
                                                 range: text.range))
                }
            }
        }
        if let (p50, text, place) = written[.latencyP50], let (p99, tail, _) = written[.latencyP99],
           let median = p50.seconds, let p99Seconds = p99.seconds, median.value > p99Seconds.value {
            problems.append(InputProblem(
                message: "annotation \(InputKey.latencyP50.annotation)\(place.suffix): '\(text.value)' is above \(InputKey.latencyP99.annotation) '\(tail.value)': a median cannot exceed the 99th percentile (PL103 models the idle latency from the two)",
                range: text.range))
        }
        // A blank value (`""`, a chart's default) is not set; `,` names no port.
        for (ports, place) in annotations.values(LivenessProbeOnDataPort.dataPortsAnnotation) where ports.value.contains(where: { !$0.isWhitespace }) {
            let words = LivenessProbeOnDataPort.portList(ports.value)
            if words.isEmpty {
                problems.append(InputProblem(
                    message: "annotation \(LivenessProbeOnDataPort.dataPortsAnnotation)\(place.suffix) names no port: write port numbers or names, separated by commas (\"8080, http\")",
                    range: ports.range))
            }
            for word in words where !LivenessProbeOnDataPort.isPort(word) {
                problems.append(InputProblem(
                    message: "annotation \(LivenessProbeOnDataPort.dataPortsAnnotation)\(place.suffix): '\(word)' is no port: a number from 1 to 65535, or a port's name (lowercase letters, digits and '-', at most 15, as Kubernetes names ports)",
                    range: ports.range))
            }
        }
        // A rule the ignore list names that is none of this version's silences nothing: a typo
        // (`PL1O4`) is an error, as a bad value of any other probelint.io/ annotation; an ID of
        // the form of this version's (`PL999`), perhaps a later version's rule, a warning.
        for (ignore, place) in annotations.values(Linter.ignoreAnnotation) {
            let words = Linter.ignoreWords(ignore.value)
            // A reason alone silences nothing. An empty value (null, `""`: a chart's default) is no list.
            if words.isEmpty && ignore.value.contains(where: { !$0.isWhitespace }) {
                problems.append(InputProblem(
                    message: "annotation \(Linter.ignoreAnnotation)\(place.suffix) names no rule and silences nothing: write rule IDs or names, then an optional '-- reason'",
                    range: ignore.range))
            }
            for word in words where RuleCatalog.lookup(String(word)) == nil {
                if let later = RuleCatalog.laterRuleID(word) {
                    problems.append(InputProblem(
                        message: "annotation \(Linter.ignoreAnnotation)\(place.suffix): \(RuleCatalog.laterRuleNote(later)) and silences nothing here",
                        range: ignore.range, warning: true))
                    continue
                }
                problems.append(InputProblem(
                    message: "annotation \(Linter.ignoreAnnotation)\(place.suffix): '\(word)' \(RuleCatalog.notARule(String(word))); write rule IDs or names, then an optional '-- reason'",
                    range: ignore.range))
            }
        }
        return problems
    }

    /// The inputs of a probe with `handler`, or of the container itself (nil).
    public func inputs(for component: ComponentDetection, handler: ProbeHandler?,
                       annotations: [String: Located<String>], namespace: String? = nil) -> Inputs {
        inputs(for: component, annotations: ProbelintAnnotations(object: Annotations(annotations)), namespace: namespace)
            .probed(by: handler)
    }

    /// The inputs of a container and of every probe of it, before `Inputs.probed(by:)` sets
    /// what depends on the handler: the probes of a container share them.
    /// `cephName`: the Rook CR (object store, filesystem) whose daemon this is, for its own
    /// sections of `rook-config-override` (`RookFacts.cephOption`, which asks only when needed).
    /// `gatewayConfig`: an RGW's own CephObjectStore `gateway.rgwCommandFlags` and `rgwConfig`,
    /// when it is linted from it. `cephMajor`: the Ceph release of an RGW's image, when it names
    /// one (`CephImage.major(of:)`), asked only when graceful stop is set.
    func inputs(for component: ComponentDetection, annotations: ProbelintAnnotations, namespace: String?,
                cephName: (() -> String?)? = nil,
                gatewayConfig: (flags: [CephConfigSetting], config: [CephConfigSetting]) = ([], []),
                cephMajor: (() -> Int?)? = nil) -> Inputs {
        let profile = ComponentProfile.builtIn(component.component)
        // Most objects carry no probelint.io/ annotation: then no key is looked up.
        let annotated = !annotations.isEmpty
        /// The value of `key`'s annotation: the object's own wins over its template's.
        func annotation(_ key: InputKey) -> (InputValue, Origin)? {
            var found: (InputValue, Origin)?
            // A value that does not parse is an input problem where it is written (`unknownAnnotations`).
            for (written, place) in annotations.values(key.annotation) {
                if found == nil, let v = InputValue.parse(written.value, for: key) {
                    found = (v, .annotation(key.annotation, on: place))
                }
            }
            return found
        }
        /// The value written for `key` (a flag, an annotation, a config file), nil for none.
        func given(_ key: InputKey) -> (InputValue, Origin)? {
            if let v = flags.values[key] { return (v, flags.origin(key)) }
            if annotated, let v = annotation(key) { return v }
            for layer in config where layer.component == nil || layer.component == component.component {
                if let v = layer.values[key] { return (v, layer.origin(key)) }
            }
            return nil
        }
        /// The value of `key`: given, else built in (for the latencies, the network probe's).
        func resolve(_ key: InputKey) -> (InputValue, Origin)? {
            given(key) ?? profile.value(key, exec: false).map { ($0, .builtIn(component.component)) }
        }
        func seconds(_ value: (InputValue, Origin)?) -> Input<Seconds>? {
            value.flatMap { v, o in v.seconds.map { Input(value: $0, origin: o) } }
        }
        func seconds(_ key: InputKey) -> Input<Seconds>? { seconds(resolve(key)) }
        /// A latency of network probes and of exec probes: a given one applies to both,
        /// and the built-in ones differ.
        func latency(_ key: InputKey) -> (network: Input<Seconds>, exec: Input<Seconds>) {
            func orZero(_ input: Input<Seconds>?) -> Input<Seconds> { input ?? Input(value: Seconds(0), origin: .builtIn(component.component)) }
            if let value = given(key) {
                let input = orZero(seconds(value))
                return (input, input)
            }
            func builtIn(exec: Bool) -> Input<Seconds> {
                orZero(seconds(profile.value(key, exec: exec).map { ($0, .builtIn(component.component)) }))
            }
            return (builtIn(exec: false), builtIn(exec: true))
        }
        func bytes(_ key: InputKey) -> Input<Bytes> {
            let (v, o) = resolve(key) ?? (.bytes(Bytes(0)), .builtIn(component.component))
            return Input(value: v.bytes ?? Bytes(0), origin: o)
        }
        // Resolved in the order problems are reported, then built in one expression that moves
        // into `Inputs`: a `var` of the whole, set and then handed over, was copied (a retain of
        // each origin's string) and destroyed for every resolution.
        let (bw, bwOrigin) = resolve(.bandwidth) ?? (.rate(profile.bandwidth), .builtIn(component.component))
        let largestTransfer = bytes(.largestTransfer), queue = bytes(.queue)
        let latencyP50 = latency(.latencyP50), latencyP99 = latency(.latencyP99)
        let loadedLatencyP99 = seconds(.loadedLatencyP99)
        var startupTime = seconds(.startupTime), drainTime = seconds(.drainTime)
        if component.component == .rgw, drainTime == nil {
            drainTime = Self.rgwDrain(rook.facts, name: cephName, namespace: namespace, gatewayConfig: gatewayConfig, cephMajor: cephMajor)
        }
        var journalSize: Input<Bytes>?, journalBandwidth: Input<BytesPerSecond>?
        if profile.journalSize != nil {
            let size = bytes(.journalSize)
            let rate = resolve(.journalBandwidth).flatMap { v, o in v.rate.map { Input(value: $0, origin: o) } }
            journalSize = size
            journalBandwidth = rate
            if let rate, rate.value.value > 0 {
                let derived = Input(value: size.value / rate.value, origin: .derived)
                if startupTime == nil { startupTime = derived }
                if drainTime == nil { drainTime = derived }
            }
        }
        let inputs = Inputs(Inputs.Values(
            component: component, bandwidth: Input(value: bw.rate ?? profile.bandwidth, origin: bwOrigin),
            largestTransfer: largestTransfer, queue: queue,
            networkLatencies: Inputs.Latencies(p50: latencyP50.network, p99: latencyP99.network),
            execLatencies: Inputs.Latencies(p50: latencyP50.exec, p99: latencyP99.exec),
            loadedLatencyP99: loadedLatencyP99, startupTime: startupTime, drainTime: drainTime,
            journalSize: journalSize, journalBandwidth: journalBandwidth))
        return inputs
    }
}

extension Environment {
    /// RGW's drain (docs/model.md rule 6): radosgw waits for the requests in flight after SIGTERM
    /// only with `rgw_graceful_stop = true` (Ceph v20, default false), up to its exit alarm,
    /// `rgw_exit_timeout_secs` (120 s). Without it the frontend closes every connection at
    /// SIGTERM (`AsioFrontend::stop`, every release), so the requests end then whatever the grace
    /// period, and there is no drain for a longer one to protect: nil. Both options are read
    /// in the order Ceph reads them last to first: the CephObjectStore's `gateway.rgwCommandFlags`
    /// (radosgw's command line), ConfigMap `rook-config-override` (ceph.conf, the gateway's own
    /// section first), the CephObjectStore's `gateway.rgwConfig` (the mons' database). An RGW
    /// whose image is of an older Ceph than `gracefulStopSince` has no such option, and so no
    /// drain, whatever is set (`cephMajor`; unknown for an image that names no release).
    static func rgwDrain(_ facts: RookFacts, name: (() -> String?)?, namespace: String?,
                         gatewayConfig: (flags: [CephConfigSetting], config: [CephConfigSetting]) = ([], []),
                         cephMajor: (() -> Int?)? = nil) -> Input<Seconds>? {
        func option(_ option: String) -> CephConfigSetting? {
            gatewayConfig.flags.last { $0.option == option }
                ?? facts.cephOption(option, daemon: "rgw", name: name, namespace: namespace) ?? gatewayConfig.config.last { $0.option == option }
        }
        guard let graceful = option("rgw_graceful_stop"), cephBool(graceful.value) == true else { return nil }
        if let major = cephMajor?(), major < gracefulStopSince { return nil }
        func place(_ set: CephConfigSetting) -> String {
            set.section.hasPrefix("rgw") ? "CephObjectStore spec.gateway.\(set.section), \(set.file):\(set.position.line)"
                : "\(RookFacts.configMapName) [\(set.section)], \(set.file):\(set.position.line)"
        }
        let on = "rgw_graceful_stop = true in \(place(graceful))"
        // A whole number of seconds, as Ceph's integer option reads it ("inf" is none).
        guard let set = option("rgw_exit_timeout_secs"), let whole = Int(set.value), whole >= 0, whole <= Int(Int32.max) else {
            return Input(value: rgwExitTimeout, origin: .config("rgw default rgw_exit_timeout_secs = \(Format.number(rgwExitTimeout.value)) s, with \(on)"))
        }
        // 0 sets no alarm at all (`if (secs) alarm(secs)` in handle_sigterm): RGW waits for
        // every request in flight, so its drain is no shorter than the default's.
        let secs = Double(whole)
        return secs > 0 ? Input(value: Seconds(secs), origin: .config("rgw_exit_timeout_secs in \(place(set)), with \(on)"))
            : Input(value: rgwExitTimeout, origin: .config("rgw default: rgw_exit_timeout_secs = 0 in \(place(set)) sets no limit, RGW waits for every request in flight, with \(on)"))
    }

    /// `rgw_exit_timeout_secs`' default: how long RGW waits after SIGTERM before it exits (ceph/ceph
    /// src/rgw/rgw_signal.cc, handle_sigterm's alarm).
    static let rgwExitTimeout = Seconds(120)

    /// The Ceph release that brought `rgw_graceful_stop`: v20 Tentacle (ceph#57659).
    static let gracefulStopSince = 20

    /// A Ceph boolean option's value as Ceph reads it (`Option::parse_value`): true or false in
    /// any case, else a whole number, true when not 0; nil for anything else.
    static func cephBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: return Int(text).map { $0 != 0 }
        }
    }
}

/// Which Rook version's generated probes to model: `--rook-version` > the
/// rook-ceph-operator image among the run's inputs > `.probelint.yaml` > the newest that
/// runs the object's own Ceph images, else the run's (`CephImage.rookBound`,
/// `version(ownImages:)`) > newest.
public struct RookSettings: Sendable, Equatable {
    public var flag: RookVersion?
    public var config: RookVersionChoice?
    /// Facts gathered from every input of the run (operator image, ceph.conf overrides).
    public var facts = RookFacts()
    /// Files whose facts are already in `facts` (the CLI's pre-pass): `Linter.lint`
    /// does not parse them a second time for it.
    public var scanned: Set<String> = []

    public init() {}

    public var version: RookVersionChoice {
        if let flag { return Self.modelled(RookVersionChoice(version: flag, origin: "from --rook-version")) }
        if let op = facts.operatorVersion { return Self.modelled(op) }
        // Operator images that disagree say nothing about which one runs these CRs.
        let conflict = facts.operatorVersions.count > 1
            ? "; the run's rook-ceph-operator images disagree (\(facts.operatorVersions.map { "\($0.version)" }.joined(separator: ", "))): use --rook-version"
            : facts.operatorsUnsettled ? "; a rook-ceph-operator image of the run names no release (\(facts.unreadOperatorImages[0].image)): use --rook-version" : ""
        if var config { config.origin += conflict; return Self.modelled(config) }
        if var bound = facts.cephBound { bound.origin += conflict; return bound }
        return RookVersionChoice(version: .newest, origin: "the newest release modelled" + conflict, isDefault: true)
    }

    /// Whether `version` is the run's oldest Ceph image's bound: no flag, operator image or
    /// setting chose it.
    public var isCephBound: Bool { flag == nil && facts.operatorVersion == nil && config == nil && facts.cephBound != nil }

    /// The version for an object that names `ownImages` (a CephCluster's
    /// `spec.cephVersion.image`, a pod's containers' images): when the run's version is its
    /// oldest Ceph image's bound (`isCephBound`), the object's own images bound it instead, as
    /// they say which cluster it is. A run of a Ceph v14 cluster beside a v20 one modelled the
    /// v20 CephCluster as Rook v1.7, and its findings were v1.7's. `version` otherwise.
    public func version(ownImages: [CephImage]) -> RookVersionChoice {
        guard isCephBound, let newest = ownImages.first else { return version }
        if let bound = ownImages.compactMap(\.rookBound).min(by: { $0.version < $1.version }) { return bound }
        return RookVersionChoice(version: .newest, origin: "the newest release modelled, which runs the image \(newest.image) (\(newest.origin)), not the run's older ones", isDefault: true)
    }

    /// When the run's rook-ceph-operator images disagree and no --rook-version says which to
    /// model: the one in the folder of `file` (an object's), else in the nearest folder above it
    /// that holds one, when that folder holds one release; nil otherwise. The run is two
    /// clusters' folders (`rook-v1.1.0/`, `rook-v1.20.6/`), each with its operator.
    public func operatorVersion(near file: String) -> RookVersionChoice? {
        guard flag == nil, facts.operatorsUnsettled else { return nil }
        var folder = Substring(RookFacts.folder(of: file))
        while true {
            // A folder whose operator image names no release: its objects are not another's.
            if facts.unreadOperatorImages.contains(where: { RookFacts.folder(of: $0.file) == folder }) { return nil }
            if let choices = facts.operatorFolders[String(folder)] {
                guard choices.count == 1 else { return nil }
                var choice = choices[0]
                choice.origin += "; the run's rook-ceph-operator images disagree, and this one is the nearest to \(file)"
                return Self.modelled(choice)
            }
            // Up to the working directory (``) for a relative name, the root (`/`) for an
            // absolute one, and no higher than a `..`: a file outside the working directory is no
            // neighbour of a file in it.
            guard !folder.isEmpty, folder != "/", folder != "..", !folder.hasSuffix("/..") else { return nil }
            // By bytes, as `PathBase.directory` finds a folder: a `/` before a combining mark is
            // one Character with it.
            if let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
                folder = slash == folder.utf8.startIndex ? "/" : Substring(folder.utf8[..<slash])
            } else {
                folder = ""
            }
        }
    }

    /// A warning when the run's rook-ceph-operator images disagree and no --rook-version says
    /// which release to model: the one modelled (a .probelint.yaml's, else the newest) may have
    /// none of the findings the others' probes would draw (with a v1.20 operator beside the RGW
    /// incident's v1.1 one, its findings were gone, and the note that said why was on them).
    /// Placed at the last image's Deployment.
    public var operatorConflict: LintError? {
        guard flag == nil, facts.operatorVersions.count > 1, let last = facts.operatorVersions.last else { return nil }
        let images = facts.operatorVersions.sorted { $0.version < $1.version }.map { "\($0.version) \($0.origin)" }.joined(separator: "; ")
        return LintError(file: last.file ?? "", position: last.position,
                         message: "the run's rook-ceph-operator images disagree (\(images)): Rook's generated probes are modelled as the operator image in the object's folder, or the nearest folder above it, else as the rook-version of each file's .probelint.yaml, else as the newest Rook that runs the object's own ceph/ceph image (else its namespace's CephCluster's, in a run of two Ceph releases, else the run's oldest), else as \(RookVersion.newest), the newest release modelled, and what the other releases' probes would draw is not reported; pass --rook-version, or lint each cluster in a run of its own")
    }

    /// A warning when a rook-ceph-operator image names no Rook release (`rook/ceph:master`, a
    /// digest alone) and no --rook-version says which to model: the release of the objects it
    /// runs then comes from what follows in the order, which may not be the one that runs (the
    /// newest modelled, for want of anything else, with no word that an operator was given).
    /// Beside an operator image that names one, each object's is its folder's
    /// (`operatorVersion(near:)`). Placed at the first such image's Deployment.
    public var unreadOperatorImage: LintError? {
        guard flag == nil, let first = facts.unreadOperatorImages.first else { return nil }
        let objects = facts.operatorVersions.isEmpty ? "Rook's generated probes are modelled"
            : "Rook's generated probes of the objects in its folder and below (where no other operator's folder is nearer) are modelled"
        return LintError(file: first.file, position: first.position,
                         message: "the rook-ceph-operator image \(first.image) names no Rook release (a tag such as v1.20.6): \(objects) as the rook-version of the .probelint.yaml (--config's, else each file's nearest), else as the newest Rook that runs the object's own ceph/ceph image, else as \(RookVersion.newest), the newest release modelled, which may not be the release this image runs; pass --rook-version, or set rook-version in .probelint.yaml")
    }

    /// A warning at a `.probelint.yaml`'s rook-version (`config`, with its place) that the run's
    /// one rook-ceph-operator image overrides with another release: an operator image among the
    /// inputs comes first (after --rook-version), and the setting was passed over without a word.
    public func overriddenSettingWarning(_ config: RookVersionChoice) -> LintError? {
        guard flag == nil, let op = facts.operatorVersion, op.version != config.version, let file = config.file else { return nil }
        return LintError(file: file, position: config.position,
                         message: "rook-version \(config.version) is not used: the rook-ceph-operator image among the inputs says which Rook runs (\(op.version) \(op.origin)), and comes before .probelint.yaml; remove the setting, or pass --rook-version to choose")
    }

    /// A warning when the release named by `--rook-version` or by the run's operator image is a
    /// line newer than the newest modelled: its generated probes are modelled as the newest's,
    /// which a later release may have changed (the findings said "Rook v1.20" with no word of
    /// the v2.0 given). Placed at the operator's Deployment; for `--rook-version`, with no file, a
    /// line on stderr only (`LintError.line`), as the reports have no place for it.
    public var newerThanModelled: LintError? {
        if let flag {
            return flag.isPastNewestLine ? LintError(file: "", position: nil, message: "--rook-version \(flag) " + Self.newerMessage) : nil
        }
        guard let image = facts.operatorVersion, image.version.isPastNewestLine else { return nil }
        return LintError(file: image.file ?? "", position: image.position, message: "the rook-ceph-operator image's \(image.version) " + Self.newerMessage)
    }

    /// What `newerThanModelled` says of a release after the newest line modelled (and a
    /// `.probelint.yaml`'s `rook-version`, at its value), after its name.
    public static let newerMessage = "is newer than \(RookVersion.newest), the newest release modelled: Rook's generated probes are modelled as \(RookVersion.newest)'s, which a later release may have changed"

    /// A warning when `--rook-version` names a line without its patch (`v1.9`) and Rook's
    /// generated probes changed within that line: it is read as the line's first release. A
    /// line on stderr only, as `newerThanModelled`'s.
    public var unwrittenPatch: LintError? {
        guard let flag, let message = flag.unwrittenPatchWarning("--rook-version") else { return nil }
        return LintError(file: "", position: nil, message: message)
    }

    /// `choice` within the releases modelled: an older one as the oldest, a line newer than the
    /// newest as the newest (its probes are not known), and the origin says so.
    static func modelled(_ choice: RookVersionChoice) -> RookVersionChoice {
        var choice = choice
        if choice.version < .oldest {
            choice.origin += "; \(choice.version) is older than \(RookVersion.oldest), the oldest release modelled: modelled as \(RookVersion.oldest)"
            choice.version = .oldest
        } else if choice.version.isPastNewestLine {
            choice.origin += "; \(choice.version) is newer than \(RookVersion.newest), the newest release modelled: modelled as \(RookVersion.newest)"
            choice.version = .newest
        }
        return choice
    }
}
