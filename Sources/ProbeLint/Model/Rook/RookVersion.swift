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

    /// `v1.11`, `1.11.3`, `v1.9.13`; also the tag of an image (`rook/ceph:v1.20.6`,
    /// `v1.14.0-alpha.0`: the pre-release suffix is ignored).
    public static func parse(_ text: String) -> RookVersion? {
        var s = Substring(text)
        if s.hasPrefix("v") || s.hasPrefix("V") { s = s.dropFirst() }
        if let dash = s.firstIndex(where: { $0 == "-" || $0 == "+" }) { s = s[..<dash] }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) && $0.count <= 6 }),
              let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        let patch = parts.count == 3 ? Int(parts[2]) : nil
        if parts.count == 3 && patch == nil { return nil }
        return RookVersion(major, minor, patch)
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
