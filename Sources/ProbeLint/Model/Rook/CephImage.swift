/// A Ceph image of the run (`ceph/ceph:v14.2.2-20190826`, `quay.io/ceph/ceph:v18.2.4`) and what its
/// release says of the Rook that runs it. Each Rook line runs a few Ceph releases, and dropping
/// the oldest is a breaking change of its release notes: a Ceph release that the newest Rook
/// modelled no longer runs bounds the Rook version from above, for a run that names none
/// (`RookSettings.version`). The RGW incident's Deployment runs Ceph v14.2.2 (Nautilus), which
/// no Rook after v1.7 runs: modelled as v1.20, its liveness probe was one that "Rook removes".
public struct CephImage: Sendable, Equatable {
    public var image: String
    /// The Ceph release's major version: 14 for `v14.2.2`.
    public var major: Int
    /// Where it was read: `spec.cephVersion.image of CephCluster rook-ceph in cluster.yaml`.
    public var origin: String

    /// The Rook release that dropped each Ceph release (its release notes' breaking changes, and
    /// rook.io's "Supported Versions" table): v1.8 Nautilus (14) and every older one, v1.10
    /// Octopus (15), v1.13 Pacific (16), v1.16 Quincy (17), v1.19 Reef (18). Squid (19) and
    /// later run on v1.20, the newest modelled ("Currently Squid and Tentacle are supported",
    /// its cluster.yaml).
    static let droppedIn: [(major: Int, name: String, rookMinor: Int)] = [
        (14, "Nautilus", 8), (15, "Octopus", 10), (16, "Pacific", 13), (17, "Quincy", 16), (18, "Reef", 19),
    ]

    /// The newest Ceph major version that bounds the Rook version (18: Reef, dropped in v1.19).
    static let newestBounded: Int = droppedIn.last { RookVersion(1, $0.rookMinor) <= RookVersion.newest }?.major ?? 0

    /// The image's Ceph major version when it is a `ceph/ceph` image (any registry) with a
    /// version tag, else nil (another image, `latest`, a digest alone).
    static func major(of image: String) -> Int? {
        guard var tag = RookFacts.imageTag(image, repository: "ceph/ceph")?.utf8 else { return nil }
        if tag.first == UInt8(ascii: "v") { tag = tag.dropFirst() }
        return major(leading: tag)
    }

    /// The number of one to three ASCII digits that `bytes` start with (`18` of `18.2.4`), else nil.
    static func major(leading bytes: some Sequence<UInt8>) -> Int? {
        var major = 0, digits = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
            guard digits < 3 else { return nil }
            major = major * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? major : nil
    }

    /// Whether some Rook release the newest modelled is newer than no longer runs this one (`rookBound`).
    var boundsRook: Bool { major <= Self.newestBounded }

    /// `origin` is made only for a `ceph/ceph` image: most images are another's.
    init?(image: String, origin: @autoclosure () -> String) {
        guard let major = Self.major(of: image) else { return nil }
        self.image = image
        self.major = major
        self.origin = origin()
    }

    /// The newest Rook that runs this Ceph release, when the newest modelled does not: the last
    /// release of the line before the one that dropped it, with why.
    public var rookBound: RookVersionChoice? {
        guard boundsRook, let dropped = Self.droppedIn.first(where: { major <= $0.major }) else { return nil }
        let version = RookVersion.lastOfLine(1, dropped.rookMinor - 1)
        let release = major == dropped.major ? "Ceph \(dropped.name) (v\(major))" : "Ceph v\(major) (older than \(dropped.name))"
        return RookVersionChoice(version: version, origin: "the newest Rook that runs the image \(image) (\(origin)): Rook v1.\(dropped.rookMinor) and later do not run \(release)", isDefault: true)
    }
}
