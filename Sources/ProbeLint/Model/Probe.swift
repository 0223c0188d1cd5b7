/// A String-backed enum that keys maps looked up for every probe: hashed by its case
/// (`caseIndex`), not by its raw String (a RawRepresentable's default, which costs
/// several hundred instructions a look-up).
public protocol HashedByCase: Hashable, RawRepresentable {
    /// The case's position among the enum's cases.
    var caseIndex: Int { get }
}

extension HashedByCase {
    public func hash(into hasher: inout Hasher) { hasher.combine(caseIndex) }
}

public enum ProbeKind: String, CaseIterable, Sendable, Comparable, HashedByCase {
    case startup, liveness, readiness

    public var caseIndex: Int {
        switch self {
        case .startup: 0
        case .liveness: 1
        case .readiness: 2
        }
    }

    /// The container field that holds this probe.
    public var fieldName: String {
        switch self {
        case .startup: return "startupProbe"
        case .liveness: return "livenessProbe"
        case .readiness: return "readinessProbe"
        }
    }

    public static func < (a: ProbeKind, b: ProbeKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A probe port: a number or the name of a declared container port.
public enum PortRef: Sendable, Equatable, CustomStringConvertible {
    case number(Int)
    case name(String)

    public var description: String {
        switch self {
        case .number(let n): return String(n)
        case .name(let s): return s
        }
    }
}

/// A probe's handler as written. A class: rules read the handler of every probe
/// many times, and a copy of the struct it was retained each of its five strings and
/// its command (about twenty copies per probe). Immutable once made.
public final class ProbeHandler: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case exec, httpGet, tcpSocket, grpc
    }

    public let kind: Kind
    public let key: SourceRange
    public let port: PortRef?
    public let portRange: SourceRange?
    /// httpGet only.
    public let path: String?
    public let scheme: String?
    /// exec only.
    public var command: [String] { commandWords.strings }
    /// `command` as written, decoded when read (`CommandWords`): PL201 reads it, of a probe
    /// whose other probe has the same kind, port and path, and `asksAdminSocket` of exec probes.
    let commandWords: CommandWords
    /// grpc only.
    public let service: String?
    /// httpGet and tcpSocket: the host probed, when not the pod's IP.
    public let host: String?
    /// Whether an exec probe asks a Ceph daemon's admin socket (`ceph --admin-daemon
    /// /run/ceph/ceph-mon.a.asok mon_status`, or `ceph daemon mon.a ...`, which uses it too), as
    /// Rook's mon, mgr, osd and mds probes do: a local Unix socket, which does not wait behind
    /// the data path (docs/model.md section 2). Read once, when the handler is made: each read
    /// scanned the command.
    public let asksAdminSocket: Bool
    /// Whether an exec probe runs curl or wget (`CommandWords.tools`), read once as `asksAdminSocket`.
    let runsFetcher: Bool
    /// Whether an exec probe runs a tool with a limit of its own on the wait (`CommandWords.tools`, PL108).
    let runsTimedTool: Bool

    public convenience init(kind: Kind, key: SourceRange, port: PortRef? = nil, portRange: SourceRange? = nil, path: String? = nil,
                            scheme: String? = nil, command: [String] = [], service: String? = nil, host: String? = nil) {
        self.init(kind: kind, key: key, port: port, portRange: portRange, path: path, scheme: scheme,
                  command: CommandWords(command), service: service, host: host)
    }

    init(kind: Kind, key: SourceRange, port: PortRef?, portRange: SourceRange?, path: String?, scheme: String?,
         command: CommandWords, service: String?, host: String?) {
        self.kind = kind
        self.key = key
        self.port = port
        self.portRange = portRange
        self.path = path
        self.scheme = scheme
        commandWords = command
        self.service = service
        self.host = host
        asksAdminSocket = kind == .exec && command.contains(anyOf: ["--admin-daemon", ".asok", "ceph daemon "], cephDaemon: true)
        let tools: CommandWords.Tools = kind == .exec ? command.tools : []
        runsFetcher = tools.contains(.fetcher)
        runsTimedTool = tools.contains(.timed)
    }

    public static func == (a: ProbeHandler, b: ProbeHandler) -> Bool {
        a.kind == b.kind && a.key == b.key && a.port == b.port && a.portRange == b.portRange && a.path == b.path
            && a.scheme == b.scheme && a.command == b.command && a.service == b.service && a.host == b.host
    }

    /// This handler with `port` in place of its own.
    public func with(port: PortRef) -> ProbeHandler {
        ProbeHandler(kind: kind, key: key, port: port, portRange: portRange, path: path, scheme: scheme, command: commandWords,
                     service: service, host: host)
    }

    /// Whether the handler talks to the container over the network (and so can
    /// share the data path with the daemon's clients).
    public var isNetwork: Bool { kind == .httpGet || kind == .tcpSocket || kind == .grpc }

    /// Whether an exec probe asks the mons' fsmap whether the MDS is in it (`ceph fs dump`), as
    /// Rook's MDS liveness probe does from v1.12.6 (rook#12860, docs/reference.md 3a, docs/rook-releases.md): it passes while
    /// the MDS holds its rank or stands by, replaying its journal too, and when ceph times out.
    public var checksFSMap: Bool {
        kind == .exec && commandWords.contains(anyOf: ["fs dump"])
    }

    /// Whether the probe asks a port of the container: a network probe, or an exec probe that
    /// runs curl or wget (Rook's RGW probe script curls the gateway's own port), which waits
    /// behind a saturated data port as an httpGet on it does (docs/model.md section 2), whether or
    /// not it also asks the admin socket. Its port is not known.
    public var asksAPort: Bool { isNetwork || runsFetcher }

    /// Two handlers are the same check when they hit the same endpoint.
    public func sameCheck(as other: ProbeHandler) -> Bool { sameCheck(as: other, port: port, otherPort: other.port) }

    /// `sameCheck(as:)` with `port` and `otherPort` in place of the two handlers' own (a named port
    /// resolved to its number), without making a handler of each to compare.
    /// Fields as the API server and the kubelet read them: an httpGet without a path asks `/`
    /// (`SetDefaults_HTTPGetAction`), and an empty host or gRPC service is none (the pod's IP,
    /// the server's overall health).
    func sameCheck(as other: ProbeHandler, port: PortRef?, otherPort: PortRef?) -> Bool {
        func given(_ text: String?) -> String? { text?.isEmpty == false ? text : nil }
        let path = kind == .httpGet ? given(self.path) ?? "/" : self.path
        let otherPath = other.kind == .httpGet ? given(other.path) ?? "/" : other.path
        // Commands that differ only in a `timeout` that starts one are one check (asked only
        // where a command runs a timed tool: the words are made into Strings then).
        func sameCommand() -> Bool {
            commandWords == other.commandWords
                || (kind == .exec && (runsTimedTool || other.runsTimedTool) && commandWords.withoutLeadingTimeout == other.commandWords.withoutLeadingTimeout)
        }
        return kind == other.kind && port == otherPort && path == otherPath && sameCommand()
            && given(service) == given(other.service) && (scheme ?? "HTTP") == (other.scheme ?? "HTTP") && given(host) == given(other.host)
    }
}

/// The handlers written in a probe. Kubernetes requires exactly one, which is held
/// inline: an array for every probe was an allocation for nearly always one element.
typealias ProbeHandlers = InlineList<ProbeHandler>

extension InlineList where Element == ProbeHandler {
    var hasOnlyOne: Bool { only != nil }
}

/// One probe of a container with every field of `Probe` and its provenance.
///
/// A class: every rule reads every probe, and a reference is one retain where a
/// copy of its seven positioned fields was hundreds of bytes and a dozen retains.
/// Immutable once decoded.
public final class Probe: Sendable {
    public let kind: ProbeKind
    /// The `livenessProbe:` key and the probe's mapping.
    public let key: SourceRange
    public let range: SourceRange
    public let isFlow: Bool
    /// Every handler written; Kubernetes requires exactly one.
    public var handlers: [ProbeHandler] { writtenHandlers.all }
    let writtenHandlers: ProbeHandlers
    public let initialDelaySeconds: Field<Int>
    public let timeoutSeconds: Field<Int>
    public let periodSeconds: Field<Int>
    public let successThreshold: Field<Int>
    public let failureThreshold: Field<Int>
    /// Probe-level grace period; when not written, the pod's applies.
    public let terminationGracePeriodSeconds: Field<Int>
    /// Dotted path of the probe in the object, e.g. `spec.template.spec.containers[0].livenessProbe`.
    public var path: String { location.string }
    let location: ModelPath
    /// Set when Rook generates this probe from a CR (the fields then point into the CR).
    public let generatedBy: RookGeneration?
    /// Whether the probe's only handler is written with its key in another case (`gRPC:`), which
    /// the API server drops: the decoder's problem on that key says the probe has no handler.
    public let handlerKeyInAnotherCase: Bool

    public convenience init(kind: ProbeKind, key: SourceRange, range: SourceRange, isFlow: Bool, handlers: [ProbeHandler],
                            initialDelaySeconds: Field<Int>, timeoutSeconds: Field<Int>, periodSeconds: Field<Int>,
                            successThreshold: Field<Int>, failureThreshold: Field<Int>, terminationGracePeriodSeconds: Field<Int>,
                            path: String, generatedBy: RookGeneration? = nil) {
        self.init(kind: kind, key: key, range: range, isFlow: isFlow, handlers: ProbeHandlers(handlers),
                  initialDelaySeconds: initialDelaySeconds,
                  timeoutSeconds: timeoutSeconds, periodSeconds: periodSeconds, successThreshold: successThreshold,
                  failureThreshold: failureThreshold, terminationGracePeriodSeconds: terminationGracePeriodSeconds,
                  location: .joined(path), generatedBy: generatedBy)
    }

    init(kind: ProbeKind, key: SourceRange, range: SourceRange, isFlow: Bool, handlers: ProbeHandlers,
         initialDelaySeconds: Field<Int>, timeoutSeconds: Field<Int>, periodSeconds: Field<Int>,
         successThreshold: Field<Int>, failureThreshold: Field<Int>, terminationGracePeriodSeconds: Field<Int>,
         location: ModelPath, generatedBy: RookGeneration? = nil, handlerKeyInAnotherCase: Bool = false) {
        // First, from the arguments: worked out after they are stored, each of the five was copied.
        timing = Self.timing(initialDelaySeconds, timeoutSeconds, periodSeconds, successThreshold, failureThreshold)
        self.kind = kind
        self.key = key
        self.range = range
        self.isFlow = isFlow
        writtenHandlers = handlers
        self.initialDelaySeconds = initialDelaySeconds
        self.timeoutSeconds = timeoutSeconds
        self.periodSeconds = periodSeconds
        self.successThreshold = successThreshold
        self.failureThreshold = failureThreshold
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.location = location
        self.generatedBy = generatedBy
        self.handlerKeyInAnotherCase = handlerKeyInAnotherCase
    }

    public var handler: ProbeHandler? { writtenHandlers.only }

    /// How many handlers are written (Kubernetes requires one), without building `handlers`.
    public var handlerCount: Int { writtenHandlers.count }

    /// Whether the probe has its one handler (`handler` is not nil), without building
    /// `handlers` or taking the handler out.
    public var hasHandler: Bool { writtenHandlers.hasOnlyOne }

    public func field(_ name: ProbeField) -> Field<Int> {
        switch name {
        case .initialDelaySeconds: return initialDelaySeconds
        case .timeoutSeconds: return timeoutSeconds
        case .periodSeconds: return periodSeconds
        case .successThreshold: return successThreshold
        case .failureThreshold: return failureThreshold
        case .terminationGracePeriodSeconds: return terminationGracePeriodSeconds
        }
    }

    /// The probe's timing when every field has a valid value.
    ///
    /// Stored, worked out once when the probe is made: each PL1xx rule reads it for
    /// every probe, and each read copied five positioned fields.
    public let timing: ProbeTiming?

    static func timing(_ initialDelay: Field<Int>, _ timeout: Field<Int>, _ period: Field<Int>,
                       _ success: Field<Int>, _ failure: Field<Int>) -> ProbeTiming? {
        guard let d = initialDelay.value, let t = timeout.value, let p = period.value,
              let s = success.value, let f = failure.value else { return nil }
        return ProbeTiming(initialDelay: d, timeout: t, period: p, success: s, failure: f)
    }
}

/// The five numbers of docs/model.md section 1, and the windows derived from them.
public struct ProbeTiming: Sendable, Equatable {
    public var initialDelay: Int
    public var timeout: Int
    public var period: Int
    public var success: Int
    public var failure: Int

    public init(initialDelay: Int = ProbeDefaults.initialDelaySeconds, timeout: Int = ProbeDefaults.timeoutSeconds,
                period: Int = ProbeDefaults.periodSeconds, success: Int = ProbeDefaults.successThreshold,
                failure: Int = ProbeDefaults.failureThreshold) {
        self.initialDelay = initialDelay
        self.timeout = timeout
        self.period = period
        self.success = success
        self.failure = failure
    }

    /// The timing field `field` (nil for `terminationGracePeriodSeconds`, which is none);
    /// setting nil, or that field, changes nothing.
    public subscript(field field: ProbeField) -> Int? {
        get {
            switch field {
            case .initialDelaySeconds: initialDelay
            case .timeoutSeconds: timeout
            case .periodSeconds: period
            case .successThreshold: success
            case .failureThreshold: failure
            case .terminationGracePeriodSeconds: nil
            }
        }
        set {
            guard let newValue else { return }
            switch field {
            case .initialDelaySeconds: initialDelay = newValue
            case .timeoutSeconds: timeout = newValue
            case .periodSeconds: period = newValue
            case .successThreshold: success = newValue
            case .failureThreshold: failure = newValue
            case .terminationGracePeriodSeconds: break
            }
        }
    }

    /// min(T, P): how long the last probe before `earliestKill` takes to fail.
    public var lastFailure: Int { min(timeout, period) }

    /// I = max(P, T): how far apart failing probes start. The kubelet runs a probe only when
    /// the last one has ended (its worker waits for the next tick after each probe, and the
    /// ticker keeps one tick), so a probe that takes a timeout longer than the period delays
    /// the next one to when it ends.
    public var failingInterval: Int { max(period, timeout) }
    /// Whether the timeout is longer than the period, so that failing probes start every T
    /// and docs/model.md's F * P + T becomes P + (F - 1) * T + T.
    public var stretched: Bool { timeout > period }
    /// W_min = (F - 1) * I + T: the shortest slow episode that causes a restart
    /// ((F - 1) * P + T when T <= P, as in docs/model.md section 1).
    public var killWindowMin: Double { Double(max(failure, 1) - 1) * Double(failingInterval) + Double(timeout) }
    /// W_max = P + (F - 1) * I + T: the longest, the first failing probe starting up to one
    /// period late; also the detection time of a hung daemon (F * P + T when T <= P).
    public var killWindowMax: Double { Double(period) + killWindowMin }
    /// D0 + (F - 1) * P + T: the earliest kill of a container that never answers (docs/model.md rule 5).
    /// Its probes can fail at once (a refused connection), and so start every P even when
    /// T > P; T counts up to P only, so that the figure is never later than Kubernetes' own
    /// D0 + F * P, which it is when T > P.
    public var earliestKill: Double {
        Double(initialDelay) + Double(max(failure, 1) - 1) * Double(period) + Double(lastFailure)
    }
}
