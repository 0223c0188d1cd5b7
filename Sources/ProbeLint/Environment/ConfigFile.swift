/// A rule's setting in `.probelint.yaml`: `off`, or a severity.
public enum RuleSetting: Sendable, Equatable {
    case off
    case severity(Severity)
}

/// `.probelint.yaml`: the environment of the manifests beside it (and below it).
///
///     rook-version: v1.20            # Rook whose generated probes are modelled
///     bandwidth: 10MB/s              # any InputKey, for every component
///     components:
///       mds: {journal-size: 382MB}   # any InputKey, for one component (wins over the global value)
///     margin: 2                      # ModelOptions
///     restart-budget: 0.1
///     detection-budget: 300s
///     rules: {PL104: off, PL204: warning}
///
/// Read with the project's Reader; every bad key or value is an error at its position.
public struct ConfigFile: Sendable {
    public var path: String
    /// Component layers first, then the global one: the order Environment resolves them in.
    public var layers: [InputLayer] = []
    public var margin: Double?
    public var restartBudget: Double?
    public var detectionBudget: Seconds?
    /// Where the file sets `margin`, `restart-budget` and `detection-budget` (`ModelOptions.origins`).
    var optionOrigins: [String: String] = [:]
    public var rules: [RuleID: RuleSetting] = [:]
    public var rookVersion: RookVersionChoice?
    /// What is kept but does nothing in this version (a rule ID that is not one of its rules,
    /// perhaps one of a later version's, or a typo): the caller prints these as warnings.
    public var warnings: [LintError] = []
    /// Where the file writes `latency-p50` and `latency-p99` (a component's, or the global
    /// one: nil), for `latencyConflict`.
    var latencyPositions: [(component: Component?, key: InputKey, position: SourcePosition)] = []

    public static let fileName = ".probelint.yaml"
    /// The names looked for in each folder, the first found read.
    public static let fileNames = [fileName, ".probelint.yml"]

    /// Whether `path` names a config file (by its last component).
    public static func isConfigFile(_ path: String) -> Bool {
        fileNames.contains { name in path == name || path.hasSuffix("/" + name) }
    }

    public static func parse(_ bytes: [UInt8], file: String) throws(LintError) -> ConfigFile {
        let documents: [Document]
        do { documents = try Reader.readAll(bytes, file: file) } catch {
            // The reader's checks say what kubectl refuses in a manifest, and its hints are for
            // manifests (`| kubectl probelint -f -`): a config file is none. libyaml's context stays.
            var error = error
            error.problem = error.problem.replacing(", which kubectl refuses", with: ", which kubectl refuses in a manifest and probelint in its config file")
            let context = error.context?.split(separator: "; ").filter { !$0.contains("kubectl") }.joined(separator: "; ")
            error.context = context?.isEmpty == false ? context : nil
            throw LintError(error)
        }
        var config = ConfigFile(path: file)
        // Empty documents (a lone `---`, comments) say nothing; a second one with content would be
        // ignored, so it is an error where it starts.
        let written = documents.filter { document in document.root.map { !document.isNull($0) } ?? false }
        if written.count > 1, let second = written[1].root {
            throw LintError(file: file, position: written[1].range(second).start,
                            message: "a config file holds one document, and this is a second one: merge it into the first (a '---' line starts a new document)")
        }
        guard let document = written.first, let root = document.root else { return config }
        var parser = Parser(doc: document, file: file)
        try parser.root(root, into: &config)
        return config
    }

    /// A median above the 99th percentile that this file writes, for some component (its own
    /// values over the global ones), and that no flag overrides: an error at the median's value,
    /// as a bad value is. (Against a built-in value, which depends on the probe: PL103 says so
    /// on the probe.)
    public func latencyConflict(flags: InputLayer) -> LintError? {
        guard !latencyPositions.isEmpty, flags.values[.latencyP50] == nil, flags.values[.latencyP99] == nil else { return nil }
        let global = layers.first { $0.component == nil }
        for layer in layers {
            /// The value that applies in `layer`, where the file writes it, and its name there.
            func written(_ key: InputKey) -> (value: InputValue, at: SourcePosition, name: String)? {
                for (candidate, place) in [(layer, layer.component), (global, nil)] {
                    guard let v = candidate?.values[key],
                          let at = latencyPositions.first(where: { $0.component == place && $0.key == key })?.position else { continue }
                    return (v, at, place.map { "components.\($0).\(key.rawValue)" } ?? key.rawValue)
                }
                return nil
            }
            guard let p50 = written(.latencyP50), let p99 = written(.latencyP99),
                  let median = p50.value.seconds, let tail = p99.value.seconds, median.value > tail.value else { continue }
            return LintError(file: path, position: p50.at,
                             message: "\(p50.name) \(p50.value) is above \(p99.name) \(p99.value): a median cannot exceed the 99th percentile (PL103 models the idle latency from the two)")
        }
        return nil
    }

    /// Applies the file below flags: flag values already set stay.
    public func apply(to options: inout LintOptions) {
        options.environment.config = layers + options.environment.config
        if let margin { options.environment.options.margin = margin }
        if let restartBudget { options.environment.options.restartBudget = restartBudget }
        if let detectionBudget { options.environment.options.detectionBudget = detectionBudget }
        options.environment.options.origins.merge(optionOrigins) { _, set in set }  // as the values above
        for (id, setting) in rules {
            switch setting {
            case .off: if !options.namedRules.contains(id) { options.disabledRules.insert(id) }
            case .severity(let s):
                if options.severities[id] == nil { options.severities[id] = s }
                options.enabledRules.insert(id)  // a rule off by default runs when given a severity
            }
        }
        if let rookVersion, options.environment.rook.config == nil { options.environment.rook.config = rookVersion }
    }

    struct Parser {
        let doc: Document
        let file: String

        func error(_ node: NodeID, _ message: String) -> LintError {
            LintError(file: file, position: doc.range(node).start, message: message)
        }

        func origin(_ node: NodeID) -> String { "\(file):\(doc.range(node).start)" }

        /// A mapping's entries; a null section has none (`components: {mds: }` with every input
        /// under it commented out, examples/.probelint.yaml's way). A `<<` merge sets only the
        /// keys the mapping does not write, as the YAML spec has it (`entriesWrittenFirst`).
        func mapping(_ node: NodeID, _ what: String) throws(LintError) -> [(key: NodeID, value: NodeID)] {
            if isUnset(node) { return [] }
            guard doc.kind(node) == .mapping else { throw error(node, "\(what) must be a mapping") }
            // Two `<<` keys: which wins differs by reader (yaml.v3 refuses them, PyYAML takes the last).
            let merges = doc.rawEntries(node).filter { doc.isMergeKey($0.key) }
            if merges.count > 1 { throw error(merges[1].key, "\(what) has a second '<<' merge key: merge a list instead (<<: [*a, *b], the first one's keys winning)") }
            return doc.entriesWrittenFirst(node)
        }

        /// A null value sets nothing (`bandwidth:` with its value commented out, as a null field of
        /// a manifest); its key is checked all the same (`bandwidht:` is still a misspelt key).
        func isUnset(_ node: NodeID) -> Bool { doc.kind(node) == .scalar && doc.isNull(node) }

        /// The keys besides the inputs, in the order the error lists them.
        static let optionKeys = ["components", "rules", "margin", "restart-budget", "detection-budget", "rook-version"]

        func unknownKey(_ k: NodeID, _ key: String) -> LintError {
            // A component's or a rule's settings one level too high: where they go.
            if Component(rawValue: key) != nil { return error(k, "unknown key '\(key)' in \(ConfigFile.fileName): a component's inputs go under components (components: {\(key): {...}})") }
            if RuleCatalog.lookup(key) != nil { return error(k, "unknown key '\(key)' in \(ConfigFile.fileName): a rule's setting goes under rules (rules: {\(key): ...})") }
            let keys = InputKey.allCases.map(\.rawValue) + Self.optionKeys
            return error(k, "unknown key '\(key)' in \(ConfigFile.fileName): \(Self.didYouMean(key, keys))use an input (\(InputKey.allCases.map(\.rawValue).joined(separator: ", "))), components, rules, margin, restart-budget, detection-budget or rook-version")
        }

        func scalar(_ node: NodeID, _ key: String) throws(LintError) -> String {
            guard doc.kind(node) == .scalar else { throw error(node, "\(key) must be a scalar value") }
            return doc.string(node)
        }

        mutating func root(_ node: NodeID, into config: inout ConfigFile) throws(LintError) {
            var global: [InputKey: InputValue] = [:], globalOrigins: [InputKey: String] = [:]
            var componentLayers: [InputLayer] = []
            for (k, v) in try mapping(node, "\(ConfigFile.fileName)") {
                let key = doc.string(k)
                if isUnset(v) && key != "components" && key != "rules" {
                    guard Self.optionKeys.contains(key) || InputKey(rawValue: key) != nil else { throw unknownKey(k, key) }
                    continue
                }
                switch key {
                case "rook-version":
                    let text = try scalar(v, key)
                    guard let version = RookVersion.parse(text) else { throw error(v, "rook-version '\(text)' is not a Rook version such as v1.20, v1.11.3 or v1.9.x") }
                    if let why = RookVersion.unmodelled(version, "rook-version") { throw error(v, why) }
                    if let why = version.unwrittenPatchWarning("rook-version") { config.warnings.append(error(v, why)) }
                    if version.isPastNewestLine { config.warnings.append(error(v, "rook-version \(version) " + RookSettings.newerMessage)) }
                    var choice = RookVersionChoice(version: version, origin: "from \(origin(v))")
                    choice.file = file
                    choice.position = doc.range(v).start
                    config.rookVersion = choice
                case "margin":
                    // T' = ceil(m * L99load) clears PL101 (T > L99load) only when m > 1.
                    let margin = try positive(v, key)
                    guard margin > 1 else {
                        throw error(v, "margin must be above 1: a suggested timeout of ceil(margin * L99load) must be above L99load, or PL101 still fires")
                    }
                    // A margin past it is no margin but a probe that never fails, and the fixes it
                    // asks for meet int32's limit (`ceil(1e+308 * L99load)`).
                    guard margin <= 100 else {
                        throw error(v, "margin must be at most 100: a timeout \(ProbeArithmetic.n(margin)) times the loaded p99 latency is a probe that never fails, not a safety margin")
                    }
                    config.margin = margin
                    config.optionOrigins[key] = origin(v)
                case "restart-budget":
                    config.restartBudget = try positive(v, key)
                    config.optionOrigins[key] = origin(v)
                case "detection-budget":
                    let text = try scalar(v, key)
                    guard let s = Seconds.parse(text), s.value > 0 else { throw error(v, "detection-budget '\(text)' is not a duration above 0 such as 30s, 2m or 1h") }
                    // As the inputs' durations (`InputValue.maxSeconds`): the times computed from it stay finite.
                    guard InputValue.seconds(s).isInBounds else { throw error(v, "detection-budget '\(text)' \(InputValue.tooLong)") }
                    config.detectionBudget = s
                    config.optionOrigins[key] = origin(v)
                case "rules":
                    for (id, setting) in try mapping(v, "rules") { try rule(id, setting, into: &config) }
                case "components":
                    for (name, values) in try mapping(v, "components") {
                        let text = doc.string(name)
                        guard let component = Component(rawValue: text) else {
                            throw error(name, "unknown component '\(text)': \(Self.didYouMean(text, Component.allCases.map(\.rawValue)))use one of \(Component.allCases.map(\.rawValue).joined(separator: ", "))")
                        }
                        var layer: [InputKey: InputValue] = [:], origins: [InputKey: String] = [:]
                        for (k2, v2) in try mapping(values, "components.\(text)") {
                            guard let input = InputKey(rawValue: doc.string(k2)) else {
                                let name = doc.string(k2)
                                let place = Self.optionKeys.contains(name) ? "\(name) is set for the whole file, at its top level; " : ""
                                throw error(k2, "unknown input '\(name)' under components.\(text): \(place)\(Self.didYouMean(name, InputKey.allCases.map(\.rawValue)))use one of \(InputKey.allCases.map(\.rawValue).joined(separator: ", "))")
                            }
                            if isUnset(v2) { continue }
                            layer[input] = try inputValue(v2, input)
                            origins[input] = origin(v2)
                            // The journal's size and rate are the MDS's Tstart and Tdrain: another
                            // component's are read by nothing, and said nothing.
                            if input == .journalSize || input == .journalBandwidth, ComponentProfile.builtIn(component).journalSize == nil {
                                config.warnings.append(error(k2, "components.\(text).\(input.rawValue) is read by nothing: the journal inputs give the MDS's start-up and drain times (components.mds)"))
                            }
                            if input.isLatency { config.latencyPositions.append((component, input, doc.range(v2).start)) }
                        }
                        componentLayers.append(Self.layer(layer, origins, component: component))
                    }
                default:
                    guard let input = InputKey(rawValue: key) else { throw unknownKey(k, key) }
                    global[input] = try inputValue(v, input)
                    globalOrigins[input] = origin(v)
                    if input.isLatency { config.latencyPositions.append((nil, input, doc.range(v).start)) }
                }
            }
            config.layers = componentLayers + [Self.layer(global, globalOrigins, component: nil)]
        }

    /// "did you mean 'bandwidth'? " for a word near one of `words` (`RuleCatalog.nearestWord`), else "".
    static func didYouMean(_ word: String, _ words: [String]) -> String {
        RuleCatalog.nearestWord(word, among: words).map { "did you mean '\($0)'? " } ?? ""
    }

    static func layer(_ values: [InputKey: InputValue], _ origins: [InputKey: String], component: Component?) -> InputLayer {
            InputLayer(values: values, component: component) { key in .config(origins[key] ?? "") }
        }

        func inputValue(_ node: NodeID, _ key: InputKey) throws(LintError) -> InputValue {
            let text = try scalar(node, key.rawValue)
            guard let value = InputValue.parse(text, for: key) else {
                throw error(node, "\(key.rawValue) '\(text)' \(InputValue.refusal(text, for: key))")
            }
            return value
        }

        func positive(_ node: NodeID, _ key: String) throws(LintError) -> Double {
            let value: Double?
            switch doc.kind(node) == .scalar ? doc.scalarValue(node) : .null {
            case .int(let n): value = Double(n)
            case .float(let x): value = x
            // A whole number past Int64 (`1e30`, which YAML 1.2's core schema reads as an integer).
            case .bigInt(let digits): value = Double(digits)
            default: value = nil
            }
            // A quoted number is a string to YAML: say so, as the fields of a probe do.
            if value == nil, doc.kind(node) == .scalar, [.singleQuoted, .doubleQuoted].contains(doc.style(node)),
               let number = Double(doc.string(node)), number.isFinite, number > 0 {
                throw error(node, "\(key) must be a number, not a string: write \(doc.string(node)) without quotes")
            }
            guard let value, value.isFinite, value > 0 else { throw error(node, "\(key) must be a positive number") }
            return value
        }

        /// Each rule's key in `rules:`, as written.
        var ruleKeys: [RuleID: NodeID] = [:]

        mutating func rule(_ idNode: NodeID, _ settingNode: NodeID, into config: inout ConfigFile) throws(LintError) {
            let text = doc.string(idNode)
            let id: RuleID
            if let info = RuleCatalog.lookup(text) {
                id = info.id
            } else if let later = RuleCatalog.laterRuleID(text) {
                id = later  // a rule of another probelint version
                config.warnings.append(error(idNode, "rules.\(text): \(RuleCatalog.laterRuleNote(id)); the setting does nothing"))
            } else {
                let hint = RuleCatalog.didYouMean(text).map { " (\($0))" } ?? ""
                throw error(idNode, "unknown rule '\(text)'\(hint): use an ID such as PL101 or a rule name")
            }
            if isUnset(settingNode) { return }
            let setting: RuleSetting
            switch doc.kind(settingNode) == .scalar ? doc.scalarValue(settingNode) : .null {
            case .bool(false): setting = .off
            case .string(let s) where s == "off" || s == "disabled": setting = .off
            case .string(let s) where Severity(rawValue: s) != nil: setting = .severity(Severity(rawValue: s) ?? .warning)
            default: throw error(settingNode, "rules.\(text) must be off, info, warning or error")
            }
            // `PL101` and `probe-timeout-below-tail-latency` (or `pl101`) are one rule: two settings of
            // it, the later winning, is a duplicate key in all but spelling.
            if let first = ruleKeys[id] {
                throw error(idNode, "rules.\(text) sets \(id) again (rules.\(doc.string(first)) at \(doc.range(first).start.line):\(doc.range(first).start.column) sets it): keep one")
            }
            ruleKeys[id] = idNode
            config.rules[id] = setting
        }
    }
}
