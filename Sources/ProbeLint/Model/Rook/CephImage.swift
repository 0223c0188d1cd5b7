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
    /// Which of `minimums` the image is below (its index): the first Rook line that does not
    /// run it is that entry's. Images of one class bound Rook alike.
    var releaseClass: Int
    /// Where it was read: `spec.cephVersion.image of CephCluster rook-ceph in cluster.yaml`.
    public var origin: String

    /// The Ceph version below which each Rook line refuses a cluster: `cephver.Minimum`, which
    /// `validateCephVersion` (pkg/operator/ceph/cluster/version.go) checks with no override
    /// (`allowUnsupported` lifts only the check of the release's name). It rose with each
    /// release that Rook dropped (its release notes' breaking changes, and rook.io's "Supported
    /// Versions" table): to v14.2.5 in v1.3 (rook#4850: "As of 1.3, Rook will only support Ceph
    /// Nautilus 14.2.5", Mimic and older Nautilus dropped), to Octopus (15) in v1.8, Pacific
    /// (16) in v1.10, Quincy (17) in v1.13, Reef (18) in v1.16, Squid (19) in v1.19. Squid and
    /// later run on v1.20, the newest modelled ("Currently Squid and Tentacle are supported",
    /// its cluster.yaml). `names`: the release names below it.
    static let minimums: [(version: (Int, Int, Int), names: String, rookMinor: Int, source: String)] = [
        ((14, 2, 5), "", 3, "rook#4850"),
        ((15, 0, 0), "Nautilus", 8, ""),
        ((16, 0, 0), "Octopus", 10, ""),
        ((17, 0, 0), "Pacific", 13, ""),
        ((18, 0, 0), "Quincy", 16, ""),
        ((19, 0, 0), "Reef", 19, ""),
    ]

    /// The number of classes that bound the Rook version: those whose line the newest modelled is (at or after).
    static let boundingClasses: Int = minimums.lastIndex { RookVersion(1, $0.rookMinor) <= RookVersion.newest }.map { $0 + 1 } ?? 0

    /// The image's Ceph major version when it is a `ceph/ceph` image (any registry) with a
    /// version tag, else nil (another image, `latest`, a digest alone).
    static func major(of image: String) -> Int? {
        version(of: image)?.0
    }

    /// The image's Ceph version, as `version(leading:)` reads its tag.
    static func version(of image: String) -> (Int, Int, Int)? {
        guard var tag = RookFacts.imageTag(image, repository: "ceph/ceph")?.utf8 else { return nil }
        if tag.first == UInt8(ascii: "v") { tag = tag.dropFirst() }
        return version(leading: tag)
    }

    /// The version whose numbers `bytes` start with (`18.2.4` of `18.2.4-20240724`), each of one
    /// to three ASCII digits; a minor or patch not written is the newest (`v14` and `v14.2` are
    /// tags that follow the release's latest build). Nil without a major of one to three digits.
    /// Asked at every Ceph image of every file: its parts in a tuple, not an array (a heap allocation each).
    static func version(leading bytes: some Sequence<UInt8>) -> (Int, Int, Int)? {
        var parts = (0, 0, 0), part = 0, digits = 0
        for byte in bytes {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                guard digits < 3 else { return part == 0 ? nil : finish() }
                let digit = Int(byte - UInt8(ascii: "0"))
                switch part {
                case 0: parts.0 = parts.0 * 10 + digit
                case 1: parts.1 = parts.1 * 10 + digit
                default: parts.2 = parts.2 * 10 + digit
                }
                digits += 1
            } else if byte == UInt8(ascii: "."), digits > 0, part < 2 {
                part += 1
                digits = 0
            } else {
                break
            }
        }
        return part == 0 && digits == 0 ? nil : finish()
        func finish() -> (Int, Int, Int) {
            // The part being read counts when it has a digit; those after it are the newest.
            let written = digits > 0 ? part + 1 : part
            return (parts.0, written > 1 ? parts.1 : Int.max, written > 2 ? parts.2 : Int.max)
        }
    }

    /// The class of `version` (`releaseClass`) when the newest Rook modelled does not run it, else nil.
    static func boundingClass(_ version: (Int, Int, Int)) -> Int? {
        minimums.prefix(boundingClasses).firstIndex { version < $0.version }
    }

    /// Whether some Rook release the newest modelled is newer than no longer runs this one (`rookBound`).
    var boundsRook: Bool { releaseClass < Self.boundingClasses }

    /// `origin` is made only for a `ceph/ceph` image: most images are another's.
    init?(image: String, origin: @autoclosure () -> String) {
        guard let version = Self.version(of: image) else { return nil }
        self.image = image
        self.major = version.0
        self.releaseClass = Self.boundingClass(version) ?? Self.minimums.count
        self.origin = origin()
    }

    /// The newest Rook that runs this Ceph release, when the newest modelled does not: the last
    /// release of the line before the one whose minimum it is below, with why.
    public var rookBound: RookVersionChoice? {
        guard boundsRook else { return nil }
        let minimum = Self.minimums[releaseClass]
        let version = RookVersion.lastOfLine(1, minimum.rookMinor - 1)
        let (a, b, c) = minimum.version
        let release = minimum.names.isEmpty ? "Ceph older than v\(a).\(b).\(c), their minimum"
            : major == a - 1 ? "Ceph \(minimum.names) (v\(major))" : "Ceph v\(major) (older than \(minimum.names))"
        let source = minimum.source.isEmpty ? "" : " (\(minimum.source))"
        return RookVersionChoice(version: version, origin: "the newest Rook that runs the image \(image) (\(origin)): Rook v1.\(minimum.rookMinor) and later do not run \(release)\(source)", isDefault: true)
    }
}
