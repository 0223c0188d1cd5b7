/// The MDS uses about 125% of mds_cache_memory_limit (Rook's CRD doc-comment,
/// types.go:L1629-1643). A container memory limit below that is an OOM kill
/// waiting for a busy day: a crash mid-flush (docs/incidents/mds-journal-outage.md).
struct MdsMemoryBelowCache: Rule {
    static let info = RuleInfo(
        id: "PL302", name: "mds-memory-below-cache",
        summary: "The MDS memory limit is below 125% of mds_cache_memory_limit, so a full cache is an OOM kill in the middle of a journal flush, or below the 4 GiB that Rook recommends for an MDS.",
        defaultSeverity: .error, fix: .none, tags: ["rook", "ceph", "mds", "memory"])

    /// "MDS uses approximately 125% of the value of mds_cache_memory_limit in RAM".
    static let overhead = 1.25
    /// Rook's defaults: cache = limit x 0.5, or request x 0.8 when only a request is set
    /// (pkg/operator/ceph/file/mds/config.go:L84-103; mds/spec.go:L42-43).
    static let limitFactor = 0.5
    static let requestFactor = 0.8
    /// The first release that reads CephFilesystem `metadataServer.cacheMemoryLimitFactor` and
    /// `cacheMemoryRequestFactor` (rook#16556, in the release notes of v1.18.5, not of v1.18.3):
    /// before it the CRD has no such fields, the API server drops them, and Rook uses its own.
    static let factorsSince = RookVersion(1, 18, 5)
    /// The first release that sets mds_cache_memory_limit in the mons' config, which ceph.conf
    /// (the rook-config-override ConfigMap) overrides: before it Rook passed it on the MDS's
    /// command line (file/mds/spec.go @ v1.1), which overrides ceph.conf (rook#4331, Nov 2019).
    static let configOverrideSince = RookVersion(1, 2, 0)
    /// `cephMdsPodMinimumMemory = 4096` (MB) in pkg/operator/ceph/file/mds/mds.go:L54.
    static let minimum = 4096.0 * 0x1p20

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        for index in object.containers.indices {
            guard object.containers[index].detection.component == .mds else { continue }
            let container = object.containers[index]
            guard let limitText = container.container.resources.limits["memory"], let limit = Self.quantity(limitText.value) else { continue }
            var factors: (limit: Double, request: Double) = (Self.limitFactor, Self.requestFactor)
            // A factor the modelled Rook does not read, for the notes.
            var unread: (value: Double, version: RookVersion)?
            if case .filesystem(let fs)? = object.manifest.rook {
                let version = object.rookVersion.version
                if version >= Self.factorsSince {
                    factors = (fs.cacheMemoryLimitFactor?.value ?? Self.limitFactor, fs.cacheMemoryRequestFactor?.value ?? Self.requestFactor)
                } else if let written = fs.cacheMemoryLimitFactor?.value {
                    unread = (written, version)
                }
            }
            // Each daemon reads its own value; the container runs the one with the largest cache.
            var read = Self.daemonsReading(object, container, factors: factors, limit: limit)
            // Before v1.2 Rook passes the cache on the MDS's command line, which overrides ceph.conf
            // and so the ConfigMap: its setting does not apply (rook#4331 moved it to the mons' config).
            let version = object.rookVersion.version
            var overridden: CephConfigSetting?
            if version < Self.configOverrideSince {
                overridden = read.lazy.compactMap(\.setting).first
                read = read.map { DaemonCache(daemon: $0.daemon, setting: nil, bytes: nil, cache: limit * factors.limit) }
            }
            // Never empty today (`cephOptionByDaemon` reads at least one daemon); not a crash if it were.
            guard !read.isEmpty else { continue }
            let largest = read.removeFirst()
            let (daemon, override, overrideBytes, cache) = (largest.daemon, largest.setting, largest.bytes, largest.cache)
            let needed = Self.overhead * cache
            let message: MessageText
            if needed > limit {
                let (limitShown, neededShown) = Self.apart(limit, needed)
                message = "mds memory limit \(limitShown) is below the \(neededShown) the MDS uses with mds_cache_memory_limit \(Self.gib(cache)) (\(Format.number(Self.overhead * 100))%): a full cache is an OOM kill, a crash mid-flush; lower the cache to at most \(Self.gib(limit / Self.overhead)) (mds_cache_memory_limit = \(Self.cephWritable(atMost: limit / Self.overhead))) or raise the limit to \(Self.gib(needed))"
            } else if limit < Self.minimum {
                message = "mds memory limit \(Self.gib(limit)) is below Rook's recommended minimum of \(Self.gib(Self.minimum)) for an MDS"
            } else {
                continue
            }
            // Only a finding needs the notes.
            var notes = Notes()
            notes.append(.input, "memory limit = \(limitText.value) = \(Self.gib(limit)) (\(container.container.path).resources.limits.memory)",
                         name: "memoryLimit", value: limit, unit: "B", origin: "manifest")
            if let override, let bytes = overrideBytes {
                notes.append(.input, "mds_cache_memory_limit = \(override.value) = \(Self.gib(bytes)) ([\(override.section)] of ConfigMap \(RookFacts.configMapName), \(override.file):\(override.position.line))",
                             name: "mds_cache_memory_limit", value: bytes, unit: "B", origin: "config")
            } else {
                // A value Ceph refuses is not set: the MDS keeps the one Rook put in the mons' config.
                let why = override.map { "\($0.value) in [\($0.section)] of ConfigMap \(RookFacts.configMapName) (\($0.file):\($0.position.line)) is not a size Ceph reads, so Ceph keeps the value Rook sets" }
                    ?? overridden.map { "Rook \(version) passes it as --mds-cache-memory-limit on the MDS's command line, which overrides \($0.value) in [\($0.section)] of ConfigMap \(RookFacts.configMapName) (\($0.file):\($0.position.line)); from \(Self.configOverrideSince) it is in the mons' config, which the ConfigMap overrides (rook#4331)" }
                    ?? "Rook derives it; no \(RookFacts.configMapName) setting"
                notes.append(.derived, "mds_cache_memory_limit = limit x cacheMemoryLimitFactor = \(Self.gib(limit)) x \(ProbeArithmetic.n(factors.limit)) = \(Self.gib(cache)) (\(why))",
                             name: "mds_cache_memory_limit", value: cache, unit: "B", origin: "derived")
                if let unread {
                    notes.append(.note, "cacheMemoryLimitFactor \(ProbeArithmetic.n(unread.value)) is not read by Rook \(unread.version) (from \(Self.factorsSince), rook#16556): it uses \(ProbeArithmetic.n(Self.limitFactor))",
                                 name: "cacheMemoryLimitFactor", value: unread.value, origin: "manifest")
                }
            }
            if let daemon, read.contains(where: { $0.cache != cache }) {
                notes.append(.note, "mds.\(daemon) has the largest cache of the filesystem's MDS daemons: each reads its own [mds.<name>] section, else [mds], else [global]",
                             name: "daemon", origin: "config")
            }
            notes.append(.derived, "MDS memory = \(Format.number(Self.overhead)) x mds_cache_memory_limit = \(Format.number(Self.overhead)) x \(Self.gib(cache)) = \(Self.gib(needed))",
                         name: "mdsMemory", value: needed, unit: "B")
            findings.append(object.finding(Self.info, message, at: limitText.range, object: container.ref, notes: consume notes))
        }
    }

    /// The MDS daemons behind a container, each with the `mds_cache_memory_limit` setting it reads
    /// (nil: none, or one Ceph refuses) and its cache, the largest cache first. A CephFilesystem's
    /// daemons are known by name (`CephDaemons.mds(filesystem:activeCount:)`); a pod's by its labels.
    static func daemonsReading(_ object: ObjectContext, _ container: ContainerSubject, factors: (limit: Double, request: Double),
                               limit: Double) -> [DaemonCache] {
        let daemons = { () -> CephDaemons in
            if case .filesystem(let fs)? = object.manifest.rook {
                return .mds(filesystem: object.manifest.metadata.name ?? "", activeCount: fs.activeCount?.value)
            }
            return .mds { container.pod.labels[$0] ?? object.manifest.metadata.labels[$0] }
        }
        let read = object.environment.rook.facts.cephOptionByDaemon("mds_cache_memory_limit", daemon: "mds", daemons: daemons,
                                                                    namespace: object.manifest.metadata.namespace)
        var caches = read.map { answer in
            let bytes = answer.setting.flatMap { cephSize($0.value) }
            return DaemonCache(daemon: answer.daemon, setting: answer.setting, bytes: bytes, cache: bytes ?? limit * factors.limit)
        }
        if caches.count > 1 { caches.sort { $0.cache > $1.cache } }
        return caches
    }

    /// A daemon's `mds_cache_memory_limit`: the setting it reads (nil: none, or one Ceph refuses), its
    /// size, and the cache it runs with.
    struct DaemonCache {
        var daemon: String?
        var setting: CephConfigSetting?
        var bytes: Double?
        var cache: Double
    }

    /// A Kubernetes memory quantity: `8Gi`, `4096Mi`, `8G`, `8589934592`, `1e9`.
    /// The suffix is read from the last bytes: a table of suffixes walked with
    /// `hasSuffix` cost an array and a grapheme walk per MDS container.
    static func quantity(_ text: String) -> Double? {
        let utf8 = text.utf8
        guard let last = utf8.last else { return nil }
        var scale = 1.0, suffix = 0
        if last == UInt8(ascii: "i"), utf8.count >= 2 {
            guard let binary = binaryScale(utf8[utf8.index(utf8.endIndex, offsetBy: -2)]) else { return nil }
            scale = binary
            suffix = 2
        } else {
            switch last {
            case UInt8(ascii: "k"): scale = 1e3
            case UInt8(ascii: "M"): scale = 1e6
            case UInt8(ascii: "G"): scale = 1e9
            case UInt8(ascii: "T"): scale = 1e12
            case UInt8(ascii: "P"): scale = 1e15
            case UInt8(ascii: "E"): scale = 1e18
            default: return Double(text)
            }
            suffix = 1
        }
        return Double(Substring(utf8.dropLast(suffix))).map { $0 * scale }
    }

    /// As Ceph's `strict_iec_cast` (src/common/strtol.cc) reads a size option: a whole number, then a unit of at most
    /// two characters whose first is K, M, G, T, P, E (powers of 1024) or B (`8G`, `8Gi` and
    /// `8GB` are 8 GiB; `Bi` is refused); no fraction (`6.5G`) and no sign below 0. Nil for
    /// what Ceph refuses.
    static func cephSize(_ text: String) -> Double? {
        let bytes = Array(text.trimmingSpaces().utf8)
        let unitStart = bytes.firstIndex { !(($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-")) } ?? bytes.count
        let unit = bytes[unitStart...]
        var scale = 1.0
        if let first = unit.first {
            if unit.count > 2 || (first == UInt8(ascii: "B") && unit.last == UInt8(ascii: "i")) { return nil }
            guard let binary = first == UInt8(ascii: "B") ? 1 : binaryScale(first) else { return nil }
            scale = binary
        }
        guard let number = Int64(String(decoding: bytes[..<unitStart], as: UTF8.self)), number >= 0 else { return nil }
        return Double(number) * scale
    }

    /// K, M, G, T, P, E as powers of 1024 (Kubernetes' `Ki`..`Ei`, Ceph's `K`..`E`); nil for another byte.
    static func binaryScale(_ letter: UInt8) -> Double? {
        switch letter {
        case UInt8(ascii: "K"): return 0x1p10
        case UInt8(ascii: "M"): return 0x1p20
        case UInt8(ascii: "G"): return 0x1p30
        case UInt8(ascii: "T"): return 0x1p40
        case UInt8(ascii: "P"): return 0x1p50
        case UInt8(ascii: "E"): return 0x1p60
        default: return nil
        }
    }

    /// The largest cache Ceph can be given that fits `bytes` (`mds_cache_memory_limit` takes whole
    /// units): in MiB, as `6553M`.
    static func cephWritable(atMost bytes: Double) -> String { "\(Int((bytes / 0x1p20).rounded(.down)))M" }

    static func gib(_ bytes: Double) -> String { Format.number(bytes / 0x1p30) + " GiB" }

    /// `a` and `b` in GiB, with their bytes where the GiB figures would read the same
    /// ("6.4 GiB is below 6.4 GiB"), so that a comparison the message states shows.
    static func apart(_ a: Double, _ b: Double) -> (String, String) {
        let (x, y) = (gib(a), gib(b))
        guard x == y else { return (x, y) }
        return ("\(x) (\(Format.number(a.rounded(.down))) bytes)", "\(y) (\(Format.number(b.rounded(.up))) bytes)")
    }
}
