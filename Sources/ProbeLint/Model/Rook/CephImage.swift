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

    /// The Rook release that dropped each Ceph release (its release notes' breaking changes): v1.8
    /// Nautilus (14) and every older one, v1.10 Octopus (15), v1.13 Pacific (16), v1.16 Quincy
    /// (17). Reef (18) and later run on v1.20, the newest modelled.
    static let droppedIn: [(major: Int, name: String, rookMinor: Int)] = [
        (14, "Nautilus", 8), (15, "Octopus", 10), (16, "Pacific", 13), (17, "Quincy", 16),
    ]

    /// The newest Ceph major version that bounds the Rook version (17: Quincy, dropped in v1.16).
    static let newestBounded: Int = droppedIn.last { RookVersion(1, $0.rookMinor) <= RookVersion.newest }?.major ?? 0

    /// The image's Ceph major version when it is a `ceph/ceph` image (any registry) with a
    /// version tag, else nil (another image, `latest`, a digest alone).
    static func major(of image: String) -> Int? {
        guard var tag = RookFacts.imageTag(image, repository: "ceph/ceph") else { return nil }
        if tag.first == "v" { tag = tag.dropFirst() }
        let digits = tag.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3, let major = Int(digits) else { return nil }
        return major
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
