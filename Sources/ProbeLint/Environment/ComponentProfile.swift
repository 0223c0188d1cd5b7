/// Built-in defaults per component: the lowest-priority source of every input.
///
/// Network latencies are those of the probed endpoint; exec latencies include
/// the start-up of the command (the `ceph` CLI is a Python program, and Rook
/// raised its exec timeouts 1 s -> 2 s -> 5 s because of it: docs/reference.md 3b).
/// RGW: `GET /` is an anonymous ListBuckets that waits on the OSDs; its idle p99
/// of 80 ms plus 10 MB queued ahead on a 10 MB/s link gives the 1.08 s measured
/// in the RGW incident. RGW has no built-in drain: it waits for requests in flight only with
/// `rgw_graceful_stop = true`, up to rgw_exit_timeout_secs (120 s), both read from
/// `rook-config-override` (`Environment.rgwDrain`).
public struct ComponentProfile: Sendable {
    public var bandwidth: BytesPerSecond
    public var largestTransfer: Bytes
    public var queue: Bytes
    public var networkP50: Seconds
    public var networkP99: Seconds
    public var execP50: Seconds
    public var execP99: Seconds
    public var startupTime: Seconds?
    public var drainTime: Seconds?
    /// MDS: Tstart = journal size / journal bandwidth (replay), Tdrain the same (flush).
    public var journalSize: Bytes? = nil
    public var journalBandwidth: BytesPerSecond? = nil

    static let gigabitLink = BytesPerSecond(125e6)

    public static func builtIn(_ component: Component) -> ComponentProfile {
        switch component {
        case .rgw:
            return ComponentProfile(bandwidth: gigabitLink, largestTransfer: Bytes(1e9), queue: Bytes(10e6),
                                    networkP50: Seconds(0.02), networkP99: Seconds(0.08),
                                    execP50: Seconds(0.3), execP99: Seconds(1.5),
                                    startupTime: Seconds(30), drainTime: nil)
        case .mds:
            // Journal: mds_log_max_segments 128 x mds_log_events_per_segment 1024 x ~4 KB per event
            // = 512 MiB, read or written at 100 MB/s: Tstart = Tdrain = 5.4 s. Measure yours with
            // `cephfs-journal-tool --rank=<fs>:0 journal inspect` and a timed replay.
            return ComponentProfile(bandwidth: gigabitLink, largestTransfer: Bytes(0), queue: Bytes(0),
                                    networkP50: Seconds(0.005), networkP99: Seconds(0.05),
                                    execP50: Seconds(0.3), execP99: Seconds(1.5),
                                    startupTime: nil, drainTime: nil,
                                    journalSize: Bytes(512 * 0x1p20), journalBandwidth: BytesPerSecond(100e6))
        case .mon, .mgr:
            return ComponentProfile(bandwidth: gigabitLink, largestTransfer: Bytes(0), queue: Bytes(0),
                                    networkP50: Seconds(0.01), networkP99: Seconds(0.1),
                                    execP50: Seconds(0.3), execP99: Seconds(1.5),
                                    startupTime: Seconds(30), drainTime: Seconds(10))
        case .osd:
            return ComponentProfile(bandwidth: gigabitLink, largestTransfer: Bytes(0), queue: Bytes(0),
                                    networkP50: Seconds(0.01), networkP99: Seconds(0.1),
                                    execP50: Seconds(0.3), execP99: Seconds(1.5),
                                    startupTime: Seconds(120), drainTime: Seconds(30))
        case .generic:
            return ComponentProfile(bandwidth: gigabitLink, largestTransfer: Bytes(0), queue: Bytes(0),
                                    networkP50: Seconds(0.01), networkP99: Seconds(0.1),
                                    execP50: Seconds(0.02), execP99: Seconds(0.2),
                                    startupTime: nil, drainTime: nil)
        }
    }

    /// `exec`: the latencies of an exec probe (`Inputs.execLatencies`), else of a network one.
    func value(_ key: InputKey, exec: Bool) -> InputValue? {
        let network = !exec
        switch key {
        case .bandwidth: return .rate(bandwidth)
        case .largestTransfer: return .bytes(largestTransfer)
        case .queue: return .bytes(queue)
        case .latencyP50: return .seconds(network ? networkP50 : execP50)
        case .latencyP99: return .seconds(network ? networkP99 : execP99)
        case .loadedLatencyP99: return nil
        case .startupTime: return startupTime.map(InputValue.seconds)
        case .drainTime: return drainTime.map(InputValue.seconds)
        case .journalSize: return journalSize.map(InputValue.bytes)
        case .journalBandwidth: return journalBandwidth.map(InputValue.rate)
        }
    }
}
