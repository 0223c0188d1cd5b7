/// The inputs of docs/model.md section 2: one key each, with its user-facing name.
/// The flag is `--<name>`, the annotation `probelint.io/<name>`, the config key `<name>`.
public enum InputKey: String, CaseIterable, Sendable {
    case bandwidth = "bandwidth"
    case largestTransfer = "largest-transfer"
    case queue = "queue"
    case latencyP50 = "latency-p50"
    case latencyP99 = "latency-p99"
    case loadedLatencyP99 = "loaded-latency-p99"
    case startupTime = "startup-time"
    case drainTime = "drain-time"
    case journalSize = "journal-size"
    case journalBandwidth = "journal-bandwidth"

    public enum Unit: Sendable { case duration, size, rate }

    public var unit: Unit {
        switch self {
        case .bandwidth, .journalBandwidth: return .rate
        case .largestTransfer, .queue, .journalSize: return .size
        case .latencyP50, .latencyP99, .loadedLatencyP99, .startupTime, .drainTime: return .duration
        }
    }

    /// The idle latency percentiles PL103 models (log-normal from L50 and L99): each above 0
    /// (`InputValue.parse`), and the median not above the 99th percentile (flags: `InputOptions`;
    /// `.probelint.yaml`: `ConfigFile.latencyConflict`; annotations: `Environment.unknownAnnotations`;
    /// against a built-in value: PL103's finding on the probe).
    public var isLatency: Bool { self == .latencyP50 || self == .latencyP99 }
    /// A latency that must be above 0: the idle ones (PL103 models their tail) and the loaded
    /// p99, whose 0 switched PL101 and PL102 off (a probe answered in no time under load).
    public var isPositiveDuration: Bool { isLatency || self == .loadedLatencyP99 }

    public var annotation: String { Self.annotationPrefix + rawValue }
    public static let annotationPrefix = "probelint.io/"

    /// The symbol docs/model.md uses.
    public var symbol: String {
        switch self {
        case .bandwidth: return "B"
        case .largestTransfer: return "X"
        case .queue: return "Q"
        case .latencyP50: return "L50"
        case .latencyP99: return "L99"
        case .loadedLatencyP99: return "L99load"
        case .startupTime: return "Tstart"
        case .drainTime: return "Tdrain"
        case .journalSize: return "J"
        case .journalBandwidth: return "Bj"
        }
    }

    public var meaning: String {
        switch self {
        case .bandwidth: return "bandwidth of the bottleneck link"
        case .largestTransfer: return "largest single transfer"
        case .queue: return "bytes queued ahead of a probe's answer on a saturated link"
        case .latencyP50: return "median latency of the probed endpoint when idle"
        case .latencyP99: return "p99 latency of the probed endpoint when idle"
        case .loadedLatencyP99: return "p99 latency of the probed endpoint while the link is saturated"
        case .startupTime: return "time the daemon needs to start and be healthy"
        case .drainTime: return "time the daemon needs to stop cleanly after SIGTERM"
        case .journalSize: return "MDS journal size (replayed at start, flushed at stop)"
        case .journalBandwidth: return "rate the MDS reads or writes its journal in the metadata pool"
        }
    }
}

/// A parsed input value.
public enum InputValue: Sendable, Equatable, CustomStringConvertible {
    case seconds(Seconds)
    case bytes(Bytes)
    case rate(BytesPerSecond)

    public static func parse(_ text: String, for key: InputKey) -> InputValue? {
        guard let value = parsed(text, for: key), value.isInBounds else { return nil }
        return value
    }

    /// The bounds that keep every time the model computes from the inputs finite: a duration
    /// up to the longest a probe field counts (int32 seconds, 68 years), a size below 8 EiB
    /// (int64 bytes, as a Kubernetes quantity), a rate from 1 bit/s. A 300-digit size over a
    /// rate of 1e-300 B/s made a saturation of `inf s`, and `null` in JSON.
    static let maxSeconds = Double(Int32.max), maxBytes = 0x1p63, minRate = 0.125
    /// The refusal of a duration past `maxSeconds`, after the value.
    static let tooLong = "is more than 2147483647 s (68 years), the most a probe field counts"

    var isInBounds: Bool {
        switch self {
        case .seconds(let s): return s.value <= Self.maxSeconds
        case .bytes(let b): return b.value < Self.maxBytes
        case .rate(let r): return r.value >= Self.minRate
        }
    }

    private static func parsed(_ text: String, for key: InputKey) -> InputValue? {
        switch key.unit {
        // PL103 models the idle latency as log-normal from L50 and L99: a latency of 0 leaves it
        // nothing to model, and it said nothing.
        case .duration where key.isPositiveDuration: return Seconds.parse(text).flatMap { $0.value > 0 ? .seconds($0) : nil }
        case .duration: return Seconds.parse(text).map(InputValue.seconds)
        // A size needs its unit, as a rate does: `--largest-transfer 700` meant 700 B, and PL102
        // said nothing of a 700 MB transfer. 0 is 0 in any unit. Blanks around it are no unit (` 700`).
        case .size:
            let trimmed = text.trimmingSpaces()
            return isBareNumber(trimmed) && Double(trimmed) != 0 ? nil : Bytes.parse(text).map(InputValue.bytes)
        case .rate: return BytesPerSecond.parse(text).map(InputValue.rate)
        }
    }

    /// A number alone, such as Kubernetes reads as a quantity of bytes.
    static func isBareNumber(_ text: String) -> Bool {
        guard let number = Double(text) else { return false }
        return number.isFinite && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
    }

    /// Why `text` is refused for `key`, after the value in a message: `is not a rate above 0 such
    /// as ...`; a bare number for a rate or a size says that its unit is missing (a duration
    /// without one is seconds, as in a probe's fields).
    public static func refusal(_ text: String, for key: InputKey) -> String {
        let trimmed = text.trimmingSpaces()
        if key.unit == .rate, let number = Double(trimmed), number.isFinite, number > 0 {
            return "has no unit: write a rate such as 10MB/s, 10MiB/s, 100Mbit/s or 1Gbps"
        }
        if key.unit == .size, isBareNumber(trimmed) {
            return "has no unit: write a size such as \(trimmed)MB, \(trimmed)Mi or \(trimmed)B (bytes)"
        }
        switch parsed(text, for: key) {
        case .seconds?: return tooLong
        // Sizes are kept as Doubles: 9223372036854775807 B is 2^63 there, one past an int64's most.
        case .bytes?: return "is 8 EiB (2^63 B) or more: a size must be below it, as an int64 counts"
        case .rate?: return "is less than 1 bit/s"
        case nil: return "is not \(expected(for: key))"
        }
    }

    public static func expected(for key: InputKey) -> String {
        switch key.unit {
        case .duration where key.isPositiveDuration: return "a duration above 0 such as 500ms, 1.5s or 2m"
        case .duration: return "a duration such as 500ms, 1.5s, 2m or 1h"
        case .size: return "a size such as 700MB, 5Gi or 4GiB"
        case .rate: return "a rate above 0 such as 10MB/s, 10MiB/s, 100Mbit/s or 1Gbps"
        }
    }

    public var description: String {
        switch self {
        case .seconds(let s): return s.description
        case .bytes(let b): return b.description
        case .rate(let r): return r.description
        }
    }

    var seconds: Seconds? { if case .seconds(let s) = self { return s }; return nil }
    var bytes: Bytes? { if case .bytes(let b) = self { return b }; return nil }
    var rate: BytesPerSecond? { if case .rate(let r) = self { return r }; return nil }
}

/// Where an input's value came from, highest priority first.
public enum Origin: Sendable, Equatable, CustomStringConvertible {
    case flag(String)
    /// `probelint.io/<key>`, on the object or on its pod template.
    case annotation(String, on: AnnotationPlace = .object)
    case config(String)
    case builtIn(Component)
    case derived

    public var description: String {
        switch self {
        case .flag(let name): return String(concatenating: "from --", name)
        case .annotation(let key, let place): return String(concatenating: "from annotation ", key, place.suffix)
        case .config(let path): return String(concatenating: "from ", path)
        case .builtIn(let c): return c.defaultOrigin
        case .derived: return "derived"
        }
    }

    /// A short word for JSON output.
    public var kind: String {
        switch self {
        case .flag: return "flag"
        case .annotation: return "annotation"
        case .config: return "config"
        case .builtIn: return "default"
        case .derived: return "derived"
        }
    }
}

extension Component {
    /// `Origin.builtIn`'s text, a literal per component: joined for each note it cost a String built from two.
    var defaultOrigin: String {
        switch self {
        case .rgw: return "rgw default"
        case .mds: return "mds default"
        case .mon: return "mon default"
        case .mgr: return "mgr default"
        case .osd: return "osd default"
        case .generic: return "generic default"
        }
    }
}

public struct Input<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var origin: Origin
}

/// The inputs that apply to one probe, each with its origin.
///
/// The values sit in one shared, immutable object (`Resolved`): a container and all its
/// probes share one resolution, and a copy of the ten inputs with their origins retained
/// a dozen strings where a copy of the reference retains one object.
public struct Inputs: Sendable {
    /// The resolved values, before what depends on a probe's handler.
    struct Values: Sendable {
        var component: ComponentDetection
        var bandwidth: Input<BytesPerSecond>
        var largestTransfer: Input<Bytes>
        var queue: Input<Bytes>
        /// L50 and L99 of a network probe (and of the container), and of an exec probe: they
        /// differ only when both are built-in defaults (`ComponentProfile`), so one resolution
        /// holds both, where one for each was an object and its lookups more per container.
        var networkLatencies: Latencies
        var execLatencies: Latencies
        var loadedLatencyP99: Input<Seconds>?
        var startupTime: Input<Seconds>?
        var drainTime: Input<Seconds>?
        var journalSize: Input<Bytes>? = nil
        var journalBandwidth: Input<BytesPerSecond>? = nil
    }

    /// The idle latencies of the probed endpoint.
    struct Latencies: Sendable {
        var p50: Input<Seconds>
        var p99: Input<Seconds>
    }

    final class Resolved: Sendable {
        let values: Values
        init(_ values: consuming Values) { self.values = values }
    }

    private let resolved: Resolved
    /// True when the probe is a network probe that shares the daemon's data path.
    public private(set) var sharesDataPath = false
    /// True for an exec probe, which takes `Values.execLatencies` (`Inputs.execLatencies(_:)`).
    private var takesExecLatencies = false
    /// True when the probe shares the data path only because nothing says which ports carry
    /// data: a workload that is no Ceph daemon, without `probelint.io/data-ports` (a note says so).
    public private(set) var dataPortAssumed = false
    /// Why a probe is known not to wait behind the data path, so that neither the link's load
    /// nor a run's measured L99load is its; nil when it may.
    public private(set) var offDataPath: OffDataPath?

    public enum OffDataPath: Sendable {
        /// A network probe on a port that serves no client data (`onDataPath`).
        case portWithoutData
        /// An exec probe that asks the daemon's admin socket (`ProbeHandler.asksAdminSocket`).
        case adminSocket
    }

    /// `values` is consumed: moved into the shared object, where a borrowed one was copied
    /// (a retain of each of its strings) and the original destroyed.
    init(_ values: consuming Values) { resolved = Resolved(values) }

    public var component: ComponentDetection { resolved.values.component }
    public var bandwidth: Input<BytesPerSecond> { resolved.values.bandwidth }
    public var largestTransfer: Input<Bytes> { resolved.values.largestTransfer }
    public var queue: Input<Bytes> { resolved.values.queue }
    public var latencyP50: Input<Seconds> { takesExecLatencies ? resolved.values.execLatencies.p50 : resolved.values.networkLatencies.p50 }
    public var latencyP99: Input<Seconds> { takesExecLatencies ? resolved.values.execLatencies.p99 : resolved.values.networkLatencies.p99 }
    public var loadedLatencyP99: Input<Seconds>? { resolved.values.loadedLatencyP99 }
    public var startupTime: Input<Seconds>? { resolved.values.startupTime }
    public var drainTime: Input<Seconds>? { resolved.values.drainTime }
    /// MDS only: Tstart and Tdrain derive from these when not given (docs/model.md rules 5 and 6).
    public var journalSize: Input<Bytes>? { resolved.values.journalSize }
    public var journalBandwidth: Input<BytesPerSecond>? { resolved.values.journalBandwidth }

    /// Whether a probe with `handler` takes the built-in latencies of an exec probe; a
    /// network probe, and the container without a probe, take those of the network.
    static func execLatencies(_ handler: ProbeHandler?) -> Bool { handler?.kind == .exec }

    /// These inputs for a probe with `handler` (nil: the container itself): which latencies
    /// it takes (`execLatencies`), and whether it shares the data path: a probe that asks a port
    /// does (`ProbeHandler.asksAPort`), unless `onDataPath` says its port serves no client data
    /// (`Inputs.onDataPath`).
    func probed(by handler: ProbeHandler?, onDataPath: Bool = true, dataPortsNamed: Bool = true) -> Inputs {
        var inputs = self
        let asksAPort = handler?.asksAPort ?? false
        inputs.sharesDataPath = asksAPort && onDataPath
        inputs.dataPortAssumed = inputs.sharesDataPath && !dataPortsNamed && component.component == .generic
        inputs.offDataPath = asksAPort ? (onDataPath ? nil : .portWithoutData)
            : handler?.asksAdminSocket == true ? .adminSocket : nil
        inputs.takesExecLatencies = Self.execLatencies(handler)
        return inputs
    }

    /// Whether the port a probe asks serves the daemon's client data (docs/model.md section 2: only
    /// such a probe waits behind a saturated link), as PL107 reads the ports: every port of
    /// rgw, mds, mon and osd; none of mgr (metrics and the dashboard); for another workload,
    /// the ports `probelint.io/data-ports` lists (`dataPorts`), and every port when it lists
    /// none or the probe's port is not known (curl in an exec probe), as nothing tells them apart.
    static func onDataPath(_ handler: ProbeHandler?, component: Component, container: Container, dataPorts: [String]?) -> Bool {
        guard let handler, handler.asksAPort else { return false }
        switch component {
        case .rgw, .mds, .mon, .osd: return true
        case .mgr: return false
        case .generic:
            guard let dataPorts, let port = handler.port else { return true }
            return LivenessProbeOnDataPort.matches(port, dataPorts, container)
        }
    }

    /// E = X / B: how long one largest transfer saturates the link.
    public var saturation: Seconds { largestTransfer.value / bandwidth.value }

    /// Whether the probe waits behind the data path: it shares it (`sharesDataPath`) and is not
    /// taken off it (a port without data, the admin socket).
    var onDataPath: Bool { offDataPath == nil && sharesDataPath }

    /// Whether `loadedP99` is the plain idle tail L99, which no load raises (a probe off the data
    /// path, with no L99load given that is its; or on it with Q = 0), for PL101's message.
    public var loadedIsIdleTail: Bool {
        offDataPath != nil || loadedBelowIdle || (loadedLatencyP99 == nil && (!sharesDataPath || queue.value.value == 0))
    }

    /// A given L99load below the idle L99: load makes no probe faster, so the two measurements
    /// disagree, and the idle L99 stands for the loaded one. A lower L99load had hidden PL101
    /// (`--latency-p99 2s` and `loaded-latency-p99: 500ms` passed a 1 s timeout).
    public var loadedBelowIdle: Bool {
        loadedLatencyP99.map { $0.value.value < latencyP99.value.value } ?? false
    }

    /// Whether a saturated link slows this probe's answers (PL102's premise): it shares the data
    /// path and either waits behind queued bytes (Q > 0: L99load = L99 + Q / B above L99) or has
    /// a measured L99load. With Q = 0 (a workload that is no Ceph daemon, by default) a transfer
    /// adds nothing: a timeout at or below L99 fails at the idle tail, PL101's and PL103's case.
    public var saturationSlowsProbe: Bool {
        onDataPath && !loadedBelowIdle && (loadedLatencyP99 != nil || queue.value.value > 0)
    }

    /// L99load: L99 for a probe on a port that serves no client data or on the admin socket (it
    /// does not wait behind the link, and a run's measured L99load is not its); else given, else
    /// L99 + Q / B for probes on the data path (an exec probe that runs curl or wget among them),
    /// else L99. (Another exec probe takes a given L99load: it may fetch from a port all the same.)
    /// Never below L99 (`loadedBelowIdle`).
    public var loadedP99: Seconds {
        if offDataPath != nil || loadedBelowIdle { return latencyP99.value }
        if let given = loadedLatencyP99 { return given.value }
        guard sharesDataPath else { return latencyP99.value }
        return Seconds(latencyP99.value.value + (queue.value / bandwidth.value).value)
    }

    /// Why a probe does not wait behind the data path, for the L99load note.
    var offDataPathReason: String {
        switch offDataPath {
        case .portWithoutData: "its port serves no client data"
        case .adminSocket: "the exec probe asks the daemon's admin socket, which does not wait behind the data path"
        case nil: "an exec probe does not wait behind the data path"
        }
    }

    /// Why `loadedP99` is the idle tail (`loadedIsIdleTail`), for PL101's message: off the data
    /// path, or on it with no bytes queued ahead of the answer (Q = 0, the default of every
    /// component but rgw), where "under load" would promise a load that changes nothing.
    var idleTailReason: String {
        if offDataPath == nil, loadedBelowIdle { return "the loaded p99 given is below it, and load makes no probe faster" }
        return onDataPath ? "Q = 0: no bytes queue ahead of its answer on a saturated link" : offDataPathReason
    }
}
