/// A Rook release: `v1.11`, `v1.9.13`. A version without a patch number
/// stands for the first release of its line (`v1.10` = `v1.10.0`).
public struct RookVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    /// Whether the patch number was written (for messages: `v1.20` vs `v1.20.6`).
    public var hasPatch: Bool

    public init(_ major: Int, _ minor: Int, _ patch: Int? = nil) {
        self.major = major
        self.minor = minor
        self.patch = patch ?? 0
        hasPatch = patch != nil
    }

    /// The newest release line probelint models (docs/reference.md: rook @ v1.20.6).
    public static let newest = RookVersion(1, 20)
    /// The oldest (docs/reference.md: v1.1.0, the RGW incident's probe); nothing before it is modelled.
    public static let oldest = RookVersion(1, 1)

    /// The last release of the line `v1.minor`, whichever patch it is (`v1.7.x`): what "the
    /// newest Rook that runs this Ceph release" models (`CephImage.rookBound`).
    public static func lastOfLine(_ major: Int, _ minor: Int) -> RookVersion {
        var version = RookVersion(major, minor, Int.max)
        version.hasPatch = false
        return version
    }

    /// Why a version given by hand cannot be modelled (`what`: `--rook-version`, `rook-version`), or nil.
    public static func unmodelled(_ version: RookVersion, _ what: String) -> String? {
        version < oldest ? "\(what) '\(version)' is older than \(oldest), the oldest Rook release probelint models (\(oldest) to \(newest))" : nil
    }

    /// `v1.11`, `1.11.3`, `v1.9.13`, `v1.9.x` (the line's last release); also the tag of an image (`rook/ceph:v1.20.6`,
    /// `v1.14.0-alpha.0`: the pre-release suffix is ignored).
    public static func parse(_ text: String) -> RookVersion? {
        var s = Substring(text)
        if s.hasPrefix("v") || s.hasPrefix("V") { s = s.dropFirst() }
        if let dash = s.firstIndex(where: { $0 == "-" || $0 == "+" }) { s = s[..<dash] }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        // No leading zero, as semver has it: `v1.09` is no release (it was read as v1.9).
        func isNumber(_ part: Substring) -> Bool {
            !part.isEmpty && part.count <= 6 && part.allSatisfy { $0.isASCII && $0.isNumber } && (part.count == 1 || part.first != "0")
        }
        guard parts.count == 2 || parts.count == 3, isNumber(parts[0]), isNumber(parts[1]),
              let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        // `v1.9.x`, as probelint writes the last release of a line (`lastOfLine`).
        if parts.count == 3 && parts[2] == "x" { return lastOfLine(major, minor) }
        guard parts.count == 2 || isNumber(parts[2]) else { return nil }
        return RookVersion(major, minor, parts.count == 3 ? Int(parts[2]) : nil)
    }

    public static func < (a: RookVersion, b: RookVersion) -> Bool {
        (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
    }

    public static func == (a: RookVersion, b: RookVersion) -> Bool {
        (a.major, a.minor, a.patch) == (b.major, b.minor, b.patch)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
    }

    /// Whether the release's line (major and minor) is newer than the newest modelled: its
    /// generated probes are modelled as the newest's.
    public var isPastNewestLine: Bool { RookVersion(major, minor) > .newest }

    public var description: String { "v\(major).\(minor)" + (patch == Int.max ? ".x" : hasPatch ? ".\(patch)" : "") }
}

/// The Rook version a run models, and where it came from.
public struct RookVersionChoice: Sendable, Equatable {
    public var version: RookVersion
    /// `--rook-version`, `rook-ceph-operator image rook/ceph:v1.20.6`, `.probelint.yaml:3:15`, `newest modelled`.
    public var origin: String
    /// The newest release modelled, for want of a flag, an operator image or a setting.
    public var isDefault = false
    /// Where an operator image's version was read (its Deployment), for the warning when the
    /// run's images disagree (`RookSettings.operatorConflict`).
    public var file: String? = nil
    public var position: SourcePosition? = nil

    public init(version: RookVersion, origin: String, isDefault: Bool = false) {
        self.version = version
        self.origin = origin
        self.isDefault = isDefault
    }
}

extension RookVersion {
    /// The patch releases at which something probelint models of Rook changed: the probe
    /// table's rows and the thresholds kept beside it. Each threshold of a patch release belongs here.
    static var modelledPatchReleases: [RookVersion] {
        RookProbeTable.rows.map(\.since) + [RookProbeTable.startupProbesSince, RookProbeTable.mdsStartupProbeRemoved,
                                           MdsMemoryBelowCache.factorsSince]
    }

    /// For a version written without a patch number (`v1.9`, read as `v1.9.0`), the later patch
    /// releases of its line whose modelled probes or settings differ; empty with a patch written.
    public var laterPatchesOfLine: [RookVersion] {
        guard !hasPatch, patch == 0 else { return [] }
        return Set(Self.modelledPatchReleases.filter { $0.major == major && $0.minor == minor && $0.patch > 0 }).sorted()
    }

    /// Why `what` (`--rook-version`, `rook-version`) given without a patch number models less
    /// than the user may mean, or nil: `v1.9` is `v1.9.0`, before v1.9.3's changes.
    public func unwrittenPatchWarning(_ what: String) -> String? {
        let later = laterPatchesOfLine
        guard let last = later.last else { return nil }
        return "\(what) \(self) is read as \(self).0, the first release of its line: what Rook generates changed in \(MessageText.list(later.map(\.description))); give the patch release you run (\(what) \(self).\(last.patch), say)"
    }
}
