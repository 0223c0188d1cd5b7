/// Small facts that rules looking across objects need from every file of a run,
/// collected while each file streams through the Linter and resolved once at the end.
///
/// The API for a runner, sequential or parallel (`--jobs`):
///
///     var report = LintReport()
///     for file in files {                                   // or in parallel, one report per file
///         report.merge(Linter.lint(file, options: options)) // merge in input order
///     }
///     report = Linter.resolve(report)                       // exactly once, at the end
///
/// `Linter.lint(_ files:options:)` does all three. A per-file `LintReport` holds
/// its file's findings plus these facts; `merge` concatenates both in input
/// order; `resolve` turns the facts into findings and puts every finding in
/// report order (input order of files, then position, then rule).
public struct CrossObjectFacts: Sendable {
    /// A Service's selector: it selects pods whose labels include all of it.
    public struct ServiceFact: Sendable, Equatable {
        public var name: String
        public var namespace: String?
        public var selector: [String: String]
        public var file: String
        public var line: Int
        /// `app=web,tier=front`: the selector as findings print it, sorted by key.
        public var selectorText: String

        public init(name: String, namespace: String?, selector: [String: String], file: String, line: Int) {
            self.name = name
            self.namespace = namespace
            self.selector = selector
            self.file = file
            self.line = line
            selectorText = Self.text(of: selector)
        }

        /// Appended pair by pair into one String: an interpolated String per pair and the
        /// array joined from them were two allocations more for every Service. A selector of
        /// one pair (most of them) is not sorted: the sorted array was an allocation more.
        static func text(of selector: [String: String]) -> String {
            var text = ""
            func append(_ key: String, _ value: String) {
                if !text.isEmpty { text += "," }
                text += key
                text += "="
                text += value
            }
            if selector.count == 1, let (key, value) = selector.first { append(key, value); return text }
            for (key, value) in selector.sorted(by: { $0.key < $1.key }) { append(key, value) }
            return text
        }
    }

    /// A finding that holds only if some Service of the run selects the pod
    /// (PL205). Severity overrides and ignore annotations are already applied.
    public struct PendingFinding: Sendable {
        public var finding: Finding
        public var namespace: String?
        public var podLabels: [String: String]
        /// Read back from a `PendingLog`, the number it gave the pod's namespace and labels:
        /// findings of one log with one number share them (one storage, compared at once),
        /// and findings with different numbers differ, so `ServiceNotes` compares numbers
        /// before dictionaries. nil for a finding not read from a log.
        var selection: Int? = nil
    }

    /// Every file linted, in input order (report order of files).
    public var files: [String] = []
    /// The run's Services in input order, at most `servicesPerSelector` of each
    /// namespace and selector (see `add(_:)`).
    public var services: [ServiceFact] = []
    public var pending: [PendingFinding] = []
    /// Where a run keeps its pending findings instead of `pending`, when set:
    /// compact, and on disk past a limit (the command line sets one, so that a
    /// run's memory does not grow with its pods).
    public var log: PendingLog?

    /// PL205 names the first Services (in input order) that select a pod and says
    /// whether there are more, so it never reads past the first
    /// `MissingReadinessProbe.servicesShown + 1` that do. Services with one selector in
    /// one namespace select the same pods, and the later ones always come after
    /// the earlier ones: a run keeps only the first of them, and its memory grows
    /// with the distinct selectors, not with the Services.
    public static let servicesPerSelector = MissingReadinessProbe.servicesShown + 1
    /// Hashed by the selector's text, not its dictionary (a dictionary's hash costs a
    /// hasher per pair): equal selectors have equal texts.
    struct SelectorKey: Hashable {
        var namespace: String?
        var selector: [String: String]
        var selectorText: String

        static func == (a: Self, b: Self) -> Bool { a.namespace == b.namespace && a.selector == b.selector }

        func hash(into hasher: inout Hasher) {
            hasher.combine(namespace)
            hasher.combine(selectorText)
        }
    }
    var servicesKept: [SelectorKey: Int] = [:]

    public init() {}

    /// Recently seen texts (messages, selector texts) and label sets of the pending
    /// findings and Services a run keeps (`merge`), so that equal ones share one storage:
    /// they are held until the end of the run, and most pods of a run repeat a few label
    /// sets and messages. A file's own facts are short-lived and not interned.
    var recentTexts: [String] = []
    var recentLabels: [[String: String]] = []
    static let recentLimit = 16

    /// Adds a pending finding: to the run's `log` when it has one, else to `pending`.
    public mutating func add(_ pending: PendingFinding) {
        if let log { return log.append(pending) }
        self.pending.append(pending)
    }

    /// Moves the pending findings written straight into `pending` (`Linter.lint`) into the
    /// run's `log` when it has one, in their order.
    mutating func movePendingToLog() {
        guard let log else { return }
        pending.removeAll(inOrder: { log.append($0) })
    }

    /// Adds a Service fact unless `servicesPerSelector` Services with its namespace and
    /// selector came before it.
    public mutating func add(_ service: ServiceFact) {
        guard admit(service) else { return }
        if services.isEmpty { services.reserveCapacity(Self.fileRoom) }
        services.append(service)
    }

    /// Room a file's Services and pending findings start with: grown from one, each array
    /// was copied to a new allocation at 1, 2, 4 and 8 elements.
    static let fileRoom = 8

    /// Whether fewer than `servicesPerSelector` Services with this one's namespace and
    /// selector were admitted before it; counts it if so.
    mutating func admit(_ service: ServiceFact) -> Bool {
        func admitted(_ kept: inout Int) -> Bool {
            guard kept < Self.servicesPerSelector else { return false }
            kept += 1
            return true
        }
        let key = SelectorKey(namespace: service.namespace, selector: service.selector, selectorText: service.selectorText)
        return admitted(&servicesKept[key, default: 0])
    }

    /// Keeps a pending finding to the end of the run, its message and labels shared with an equal earlier one.
    mutating func keep(_ pending: PendingFinding) {
        if let log { return log.append(pending) }
        var pending = pending
        Self.intern(&pending.finding.message, in: &recentTexts)
        Self.intern(&pending.podLabels, in: &recentLabels)
        self.pending.append(pending)
    }

    static func intern<Value: Equatable>(_ value: inout Value, in recent: inout [Value]) {
        if let index = recent.firstIndex(of: value) {
            value = recent[index]
            return
        }
        if recent.count >= recentLimit { recent.removeFirst() }
        recent.append(value)
    }

    /// Leaves `other`'s pending findings empty: they are moved out of it, not copied.
    public mutating func merge(moving other: inout CrossObjectFacts) {
        files += other.files
        // Moved out of `other` and popped, as `Array.append(moving:)` does: `for var service in`
        // copied each (a retain and a release of its four Strings and its selector), and so did
        // `removeAll(inOrder:)`'s closure.
        other.services.reverseForPopping()
        while var service = other.services.popLast() {
            guard admit(service) else { continue }
            Self.intern(&service.selector, in: &recentLabels)
            Self.intern(&service.selectorText, in: &recentTexts)
            services.append(service)
        }
        log?.add(files: other.files)
        other.log?.forEach { keep($0) }
        other.pending.removeAll(inOrder: { keep($0) })
    }

    /// Services by namespace and one of their selector's pairs (the smallest
    /// key), so that matching a pod looks only at Services that share a label
    /// with it: O(pods * labels), not O(pods * Services).
    public struct ServiceIndex: Sendable {
        struct Key: Hashable { var namespace: String?; var label: String; var value: String }
        let services: [ServiceFact]
        /// Positions in `services`, ascending.
        var buckets: [Key: [Int]] = [:]

        public init(_ services: [ServiceFact]) {
            self.services = services
            // Each Service goes in the bucket of its selector's rarest pair among the run's
            // Services (then its smallest key): a Helm release's Services all select
            // `app.kubernetes.io/instance: <release>`, and bucketed by it (the smallest key) every
            // pod was checked against all of them: 10,000 Services and Deployments took 38 s.
            var counts: [Key: Int] = [:]
            for i in services.indices {
                for (label, value) in services[i].selector {
                    counts[Key(namespace: services[i].namespace, label: label, value: value), default: 0] += 1
                }
            }
            // By index, each field read in place: `enumerated()` copied every Service.
            for i in services.indices {
                let namespace = services[i].namespace
                func rank(_ pair: (key: String, value: String)) -> (Int, String) {
                    (counts[Key(namespace: namespace, label: pair.key, value: pair.value)] ?? 0, pair.key)
                }
                guard let pair = services[i].selector.min(by: { rank($0) < rank($1) }) else { continue }
                buckets[Key(namespace: namespace, label: pair.key, value: pair.value), default: []].append(i)
            }
        }

        /// The first `limit` Services (in input order) that select a pod with `labels`
        /// in `namespace`. An empty selector selects nothing. An unset namespace
        /// matches only an unset one: both go to the namespace that `kubectl apply`
        /// targets, which a file cannot tell. Each bucket is ascending, so a bucket
        /// stops at its `limit`-th match: thousands of Services with one selector
        /// cost `limit` checks per pod, not thousands. A Service is in one bucket only
        /// (its rarest selector pair's), so no position is found twice: an array, not a Set.
        public func selecting(_ labels: [String: String], in namespace: String?, limit: Int = .max) -> [ServiceFact] {
            var found: [Int] = []
            for (label, value) in labels {
                guard let bucket = buckets[Key(namespace: namespace, label: label, value: value)] else { continue }
                var matches = 0
                for i in bucket where services[i].selector.allSatisfy({ labels[$0.key] == $0.value }) {
                    found.append(i)
                    matches += 1
                    if matches >= limit { break }
                }
            }
            found.sort()
            return found.prefix(limit).map { services[$0] }
        }
    }

    /// The Service fact of a `kind: Service` object; nil for other kinds, for a Service that
    /// serves only metrics (`servesOnlyMetrics`), for an ExternalName Service, which has no
    /// endpoints: the endpoint controllers pass it over, whatever its selector, and for one with
    /// `publishNotReadyAddresses: true`, whose endpoints are ready whatever the pods' readiness
    /// (the EndpointSlice controller's `podToEndpoint`): a readiness probe would not keep a pod
    /// out of it (a StatefulSet's headless Service, for its peers to find each other).
    static func service(_ manifest: Manifest, in document: Document) -> ServiceFact? {
        guard manifest.kind == "Service", let spec = document.lookup("spec", in: manifest.node)?.value,
              document.kind(spec) == .mapping, !servesOnlyMetrics(spec, in: document) else { return nil }
        if let type = document.lookup("type", in: spec)?.value, document.kind(type) == .scalar,
           document.string(type) == "ExternalName" { return nil }
        if let publish = document.lookup("publishNotReadyAddresses", in: spec)?.value, document.kind(publish) == .scalar,
           document.scalarValue(publish) == .bool(true) { return nil }
        var selector: [String: String] = [:]
        if let node = document.lookup("selector", in: spec)?.value, document.kind(node) == .mapping {
            for (k, v) in document.entries(node) where document.kind(k) == .scalar && document.kind(v) == .scalar {
                selector[document.string(k)] = document.string(v)
            }
        }
        return ServiceFact(name: manifest.metadata.name ?? "", namespace: manifest.metadata.namespace, selector: selector,
                           file: document.file, line: manifest.range.start.line)
    }

    /// Whether every port of a Service's `spec` has a name with `metrics` in it (`http-metrics`,
    /// `metrics`, any case): it carries Prometheus' scrapes, not client traffic, and a pod behind
    /// it without a readiness probe only misses a scrape while it starts (ceph-csi's
    /// `csi-metrics-rbdplugin` and its provisioners' Services: five of the seven PL205 findings
    /// on the corpus). A Service with no ports, or with one port not so named, serves traffic.
    static func servesOnlyMetrics(_ spec: NodeID, in document: Document) -> Bool {
        guard let ports = document.lookup("ports", in: spec)?.value, document.kind(ports) == .sequence else { return false }
        let items = document.items(ports)
        guard !items.isEmpty else { return false }
        return items.allSatisfy { port in
            guard document.kind(port) == .mapping, let name = document.lookup("name", in: port)?.value,
                  document.kind(name) == .scalar else { return false }
            return document.string(name).lowercased().contains("metrics")
        }
    }
}
