/// One `option = value` line of a ceph.conf held in Rook's `rook-config-override`
/// ConfigMap (key `config`), with where it is written.
public struct CephConfigSetting: Sendable, Equatable {
    /// `global`, `mds`, `mds.a`, ...
    public var section: String
    /// The option with spaces and dashes written as underscores, as Ceph reads it.
    public var option: String
    public var value: String
    public var file: String
    public var position: SourcePosition
}

/// One daemon's ProbeSpec in a Rook CR of the run (`spec.healthCheck.readinessProbe`
/// of CephObjectStore my-store, for rgw) and the file that writes it: where PL301
/// edits the timing of the probe Rook generates from it.
public struct RookProbeSource: Sendable, Equatable {
    public var file: String
    /// The CR's ProbeSpec: its path, its `probe:` mapping and written timing fields, with positions.
    public var spec: RookProbeSpec
}

/// Facts about the Rook deployment that one object needs from another, possibly
/// in another file of the run: the ceph.conf overrides per namespace and the
/// operator's version. Collected before the rules run (`RookFacts.scan`).
public struct RookFacts: Sendable, Equatable {
    /// `rook-config-override` settings by namespace ("" when the ConfigMap names none): the
    /// first ConfigMap's of the run, in input order.
    public var cephConfig: [String: [CephConfigSetting]] = [:]
    /// Where each namespace's `cephConfig` was read, for `cephConfigConflicts`.
    var cephConfigSources: [String: Place] = [:]

    public struct OperatorImage: Sendable, Equatable {
        public var image: String
        public var file: String
        public var position: SourcePosition?
    }

    /// Where an object of the run starts: `object.yaml:3:1` (its file alone without a position).
    public struct Place: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var position: SourcePosition?
        public var description: String { position.map { "\(file):\($0)" } ?? file }
    }
    /// A warning at each later `rook-config-override` of a namespace whose settings differ from
    /// the one read: the same object twice (two clusters' files, an old copy), of which only the
    /// first counts, so that the findings depended on the order of the files, and said nothing.
    public var cephConfigConflicts: [LintError] = []
    /// A warning at each later Rook CR of a name the run has already with other probe settings
    /// (`CephObjectStore/rook-ceph/my-store` in two clusters' folders): only the first one's are
    /// read (PL301's target, an MDS's CephCluster), so the findings depended on the order of the files.
    public var crConflicts: [LintError] = []
    /// From the rook-ceph-operator Deployments' images `rook/ceph:vX.Y.Z`, one per version.
    public var operatorVersions: [RookVersionChoice] = []
    /// The rook-ceph-operator Deployments' `rook/ceph` images whose tag names no Rook release
    /// (`master`, `latest`, a digest alone), one per image, for the warning that the operator's
    /// release went unread (`RookSettings.unreadOperatorImage`).
    public var unreadOperatorImages: [OperatorImage] = []
    /// The same by the folder of the file that holds each (`RookSettings.operatorVersion(near:)`),
    /// one per version in each folder.
    public var operatorFolders: [String: [RookVersionChoice]] = [:]

    /// The `ceph/ceph` images of the run's CephClusters (`spec.cephVersion.image`) and pods whose
    /// release the newest Rook modelled does not run (`CephImage.boundsRook`): the first of each
    /// release in the run, which is all `cephBound` reads.
    public private(set) var cephImages: [CephImage] = []

    /// The Ceph image of each namespace's CephCluster (`spec.cephVersion.image`; "" for one that
    /// names no namespace), the first of each namespace, for the Rook CRs and objects of that
    /// namespace that name no image of their own (a CephFilesystem, a CephObjectStore): in a run
    /// of two clusters of different Ceph releases, each is modelled by its own cluster's, not by
    /// the run's oldest. Kept only in such a run (`settleClusterImages`). A namespace whose
    /// CephClusters are of two releases (one `rook-ceph` for each environment's folder) says
    /// nothing of its objects: it is in `ambiguousNamespaces`, and has no image here.
    public private(set) var clusterImages: [String: CephImage] = [:]
    public private(set) var ambiguousNamespaces: Set<String> = []

    /// The newest Rook that runs every Ceph image of the run (the oldest image's bound, the first
    /// of the run's images of that bound), when one of them is older than the newest Rook
    /// modelled runs. Kept as `keep` adds images: every Rook object's version asks for it, and a
    /// bound's origin is a text joined of several.
    public private(set) var cephBound: RookVersionChoice?

    /// The operator's version when the run's operator images agree on one.
    public var operatorVersion: RookVersionChoice? { operatorVersions.count == 1 && unreadOperatorImages.isEmpty ? operatorVersions[0] : nil }
    /// Whether the run's operator images leave each Rook object's release to its folder
    /// (`RookSettings.operatorVersion(near:)`): two releases, or one beside an image that names
    /// none (`rook/ceph:master` in one cluster's folder took the other folder's release).
    public var operatorsUnsettled: Bool { operatorVersions.count > 1 || (!operatorVersions.isEmpty && !unreadOperatorImages.isEmpty) }
    /// Where each Rook CR of the run is (`CephObjectStore/rook-ceph/my-store` -> `object.yaml:3:1`),
    /// so that PL301 can say where its YAML goes.
    public var resources: [String: Place] = [:]
    /// The ProbeSpecs of those CRs, by `probeKey` (`CephObjectStore/rook-ceph/my-store rgw readiness`),
    /// so that PL301 can edit the CR field that generates a Deployment's probe. From the same CR as `resources`.
    public var probeSources: [String: RookProbeSource] = [:]

    public init() {}

    /// The MDS ProbeSpec of `kind` of the one CephCluster of `namespace` among the run's CRs
    /// (`probeSources`, kept when a CephFilesystem may need it), which a Rook before v1.9 reads
    /// for the MDS (liveness from v1.6, startup from v1.8.2), and that CephCluster's name; nil
    /// when none, or two, write one.
    public func clusterMDS(_ kind: ProbeKind, namespace: String?) -> (cluster: String, source: RookProbeSource)? {
        var found: (String, RookProbeSource)?
        for (key, source) in probeSources where key.hasSuffix(" \(RookDaemon.mds.rawValue) \(kind.rawValue)") {
            let parts = key.prefix { $0 != " " }.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.first == "CephCluster", namespace.map({ parts.count == 3 && parts[1] == $0 }) ?? (parts.count == 2) else { continue }
            if found != nil { return nil }
            found = (String(parts[parts.count - 1]), source)
        }
        return found
    }

    /// The folder of a file as the run names it (`a/b` of `./a/b/c.yaml`, `` of `c.yaml`, `/` of
    /// `/c.yaml`): `PathBase.directory` without the leading `./`s, the working directory as ``,
    /// so that `./a/x.yaml` and `a/y.yaml` share a folder.
    static func folder(of file: String) -> String {
        var path = Substring(file)
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        let folder = PathBase.directory(of: String(path))
        return folder == "." ? "" : folder
    }

    public static func probeKey(cr: String, daemon: RookDaemon, kind: ProbeKind) -> String {
        "\(cr) \(daemon.rawValue) \(kind.rawValue)"
    }

    public static let configMapName = "rook-config-override"
    public static let operatorName = "rook-ceph-operator"

    public mutating func merge(_ other: RookFacts) {
        for (namespace, settings) in other.cephConfig.sorted(by: { $0.key < $1.key }) {
            keepCephConfig(settings, namespace: namespace, source: other.cephConfigSources[namespace] ?? Place(file: "", position: nil))
        }
        cephConfigConflicts += other.cephConfigConflicts
        for choice in other.operatorVersions where !operatorVersions.contains(where: { $0.version == choice.version }) {
            operatorVersions.append(choice)
        }
        for image in other.unreadOperatorImages where !unreadOperatorImages.contains(where: { $0.image == image.image }) {
            unreadOperatorImages.append(image)
        }
        for (folder, choices) in other.operatorFolders.sorted(by: { $0.key < $1.key }) {
            for choice in choices where !(operatorFolders[folder]?.contains(where: { $0.version == choice.version }) ?? false) {
                operatorFolders[folder, default: []].append(choice)
            }
        }
        for image in other.cephImages { keep(image) }
        for (namespace, image) in other.clusterImages { keepClusterImage(image, namespace: namespace) }
        for namespace in other.ambiguousNamespaces { keepClusterImage(nil, namespace: namespace) }
        // A CR named twice in the run: the first one's position and ProbeSpecs, as for one file.
        // Each ProbeSpec is taken by its CR's name, the key's first word (a name has no blank):
        // a search of every key for each CR's name took some 250 M instructions on 5 MB of CRs.
        var added: Set<Substring> = []
        for warning in other.crConflicts where !crConflicts.contains(warning) { crConflicts.append(warning) }
        // In any order (sorting every file's CRs cost more than the rare warnings' own sort below).
        let conflictsBefore = crConflicts.count
        for (name, location) in other.resources {
            guard let kept = resources[name] else {
                resources[name] = location
                added.insert(Substring(name))
                continue
            }
            if kept != location { keepCRConflict(name, at: location, settings: Self.probeSettings(of: name, in: other.probeSources), read: kept) }
        }
        // The new warnings in file order, whatever the dictionary's: the facts, and `-k`'s stderr, do not depend on its seed.
        if crConflicts.count > conflictsBefore + 1 {
            crConflicts[conflictsBefore...].sort { ($0.file, $0.position?.offset ?? 0) < ($1.file, $1.position?.offset ?? 0) }
        }
        guard !added.isEmpty else { return }
        for (key, source) in other.probeSources {
            if let blank = key.firstIndex(of: " "), added.contains(key[..<blank]) { probeSources[key] = source }
        }
    }

    /// Which Rook CRs a run records in `resources` and `probeSources`: all of them, when an object
    /// a Rook CR owns may need its CR's position and ProbeSpecs (PL301); the CephClusters only,
    /// when a CephFilesystem may need its namespace's CephCluster by name (an MDS whose probes
    /// a Rook before v1.9 takes from it: `clustersNeeded`); none otherwise.
    public enum ResourceScope: Sendable { case none, clusters, all }

    /// Whether a run whose files have `markers` and whose facts are these must also record its
    /// CephClusters: it has a CephFilesystem, no Rook-owned object (which records every CR), and
    /// the Rook version modelled (`rook`, with these facts) reads the MDS probes from the
    /// CephCluster. A second pass then, only for such runs: at v1.9 and later, the default, a
    /// run parses no CR twice.
    func clustersNeeded(_ markers: [RookMarkers?], _ rook: RookSettings) -> Bool {
        guard !markers.contains(where: { $0?.rookOwned == true }), markers.contains(where: { $0?.filesystem == true }) else { return false }
        var settings = rook
        settings.facts = self
        return RookProbeTable.mdsSpecsInCluster(at: settings.version.version)
    }

    /// The ceph.conf settings that the daemons of `namespace` read: that namespace's
    /// `rook-config-override`, else (no namespace given) the run's only one, else one that names
    /// no namespace.
    func cephSettings(in namespace: String?) -> [CephConfigSetting] {
        cephConfig[namespace ?? ""] ?? (namespace == nil && cephConfig.count == 1 ? cephConfig.values.first : nil)
            ?? cephConfig[""] ?? []
    }

    /// The value of `option` for a daemon type (`rgw`, `mds`) in `namespace`, from the sections
    /// Ceph reads (src/common/config.cc, `_get_my_sections`): the daemon's full name, its type,
    /// `global`, the most specific first. Rook names an RGW `client.rgw.<store, dots for
    /// dashes>.<id>` (type `client`) and an MDS `mds.<filesystem>-<id>`: with `name`, the CR's
    /// (the object store or filesystem), any of its daemons' sections counts; without, only the
    /// type's and `global`. `[client.rgw]` or another store's section is read by no such daemon.
    /// `name` is asked for only when a setting of `option` is in a section that may be a daemon's
    /// own: finding it reads the object's labels, and most runs have no such section.
    public func cephOption(_ option: String, daemon: String, name: (() -> String?)? = nil, namespace: String?) -> CephConfigSetting? {
        let settings = cephSettings(in: namespace)
        // The last setting of the option in a matching section, found in place: arrays of the sections
        // and of each one's settings cost five allocations a question, asked for every RGW container.
        // The option is compared first: it rules out nearly every setting.
        func last(_ matches: (String) -> Bool) -> CephConfigSetting? {
            settings.last { $0.option == option && matches($0.section) }
        }
        let type = daemon == "rgw" ? "client" : daemon
        let family = daemon == "rgw" ? "client.rgw." : daemon + "."
        if settings.contains(where: { $0.option == option && $0.section.hasPrefix(family) }), let name = name?() {
            let prefix = daemon == "rgw" ? "client.rgw." + String(name.map { $0 == "-" ? "." : $0 }) + "." : daemon + "." + name + "-"
            let own = last { $0.count > prefix.count && $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains(".") }
            if let own { return own }
        }
        return last { $0 == type } ?? last { $0 == "global" }
    }

    /// Facts from one file. Only files that `RookMarkers` says may hold facts
    /// are parsed; `resources` says whether the run needs where its CRs are
    /// (only a Rook-owned object's PL301 finding reads them).
    /// `shortcuts: false` parses and decodes every document (the full path the
    /// shortcuts are tested against). `markers`: the file's, when the caller searched already.
    /// `images`: the file's old Ceph images too, for which a file that names one is read whole;
    /// `gather` reads them in a pass of its own.
    public static func scan(_ file: InputFile, limits: ReaderLimits = .default, resources: ResourceScope = .all,
                            shortcuts: Bool = true, markers: RookMarkers? = nil, images: Bool = true) -> RookFacts {
        var facts = RookFacts()
        let markers = markers ?? RookMarkers(file.bytes)
        let everyDocument = !shortcuts || (images && markers.oldCephImage)
        guard everyDocument || markers.mayHoldFacts(resources: resources != .none) else { return facts }
        try? Reader.read(file.bytes, file: file.path, limits: limits) { document in
            guard everyDocument || mayHoldFacts(document, resources: resources) else { return }
            for manifest in ManifestDecoder.decode(document).manifests {
                facts.add(manifest, document: document, resources: shortcuts ? resources : .all, images: images)
            }
        }
        return facts
    }

    /// The old Ceph images (`cephImages`) of a file: every document is decoded for them.
    static func oldCephImages(_ file: InputFile, limits: ReaderLimits) -> [CephImage] {
        var facts = RookFacts()
        try? Reader.read(file.bytes, file: file.path, limits: limits) { document in
            for manifest in ManifestDecoder.decode(document).manifests {
                for image in cephImages(of: manifest, in: document) { facts.keep(image) }
            }
        }
        return facts.cephImages
    }

    /// Facts from several files, as one run gathers them: `read` gives a file's
    /// bytes (nil when it cannot be read; its error is reported when it is linted).
    /// Files are searched for the marker strings first, so a run parses only
    /// the files that may hold facts, and Rook CRs only when some object is owned by one, or
    /// a CephFilesystem may need its CephCluster's name. The old Ceph images are read in a pass
    /// of their own, file by file in order, each file only while a release its bytes name has no
    /// image yet: the benchmark corpus names Ceph v18 in all of its 200 files, and its first file
    /// is read for it.
    /// `mapping` runs the per-file work (serially by default; the command line spreads
    /// it over its workers); the facts are merged in file order either way. `configVersions`:
    /// the `rook-version`s of the `.probelint.yaml` files that some of the files will be linted
    /// with, found before their facts (a file's config may model a Rook that reads the CephCluster).
    public static func gather(_ paths: [String], limits: ReaderLimits = .default, mapping: some OrderedMapping = SerialMapping(),
                              rook: RookSettings = RookSettings(), configVersions: [RookVersionChoice] = [],
                              read: @escaping @Sendable (String) -> [UInt8]?) -> RookFacts {
        let markers = mapping.map(paths.count) { i in read(paths[i]).map(RookMarkers.init) }
        func pass(_ resources: ResourceScope, only: @escaping @Sendable (RookMarkers) -> Bool) -> RookFacts {
            let found = mapping.map(paths.count) { i -> RookFacts? in
                guard let marks = markers[i], only(marks), let bytes = read(paths[i]) else { return nil }
                return scan(InputFile(path: paths[i], bytes: bytes), limits: limits, resources: resources, markers: marks, images: false)
            }
            var facts = RookFacts()
            for part in found { if let part { facts.merge(part) } }
            return facts
        }
        let owned = markers.contains { $0?.rookOwned == true }
        var facts = pass(owned ? .all : .none) { $0.mayHoldFacts(resources: owned) }
        // Before the CephClusters' pass: the Rook version modelled, which says whether it is needed, may be their bound.
        let oldReleases = markers.reduce(0) { $0 | ($1?.oldCephReleases ?? 0) }
        var unfound = oldReleases
        for i in paths.indices where unfound != 0 {
            guard let marks = markers[i], marks.oldCephReleases & unfound != 0, let bytes = read(paths[i]) else { continue }
            for image in oldCephImages(InputFile(path: paths[i], bytes: bytes), limits: limits) {
                facts.keep(image)
                unfound &= ~(1 << UInt64(image.releaseClass))
            }
        }
        // Ceph images of two releases, one of them old: each namespace's CephCluster's image, read
        // from every file that may hold a CephCluster with one (a run of one release reads none).
        if oldReleases.nonzeroBitCount >= 2 || (oldReleases != 0 && markers.contains { $0?.newCephImage == true }) {
            let found = mapping.map(paths.count) { i -> RookFacts? in
                guard let marks = markers[i], marks.rookAPI, marks.oldCephImage || marks.newCephImage, let bytes = read(paths[i]) else { return nil }
                return clusterImages(InputFile(path: paths[i], bytes: bytes), limits: limits)
            }
            for part in found { if let part { facts.merge(part) } }
        }
        facts.settleClusterImages()
        // Each release that may model an object of the run: a config's, and each operator's when
        // the run's operators disagree (`RookSettings.operatorVersion(near:)`).
        let candidates = configVersions + (rook.flag == nil && facts.operatorsUnsettled ? facts.operatorVersions : [])
        if facts.clustersNeeded(markers, rook) || candidates.contains(where: { version in
            var configured = rook
            configured.flag = version.version
            return facts.clustersNeeded(markers, configured)
        }) {
            facts.takeClusters(pass(.clusters) { $0.rookAPI })
        }
        return facts
    }

    /// The CephClusters' positions and ProbeSpecs of a pass that read only them (a run whose
    /// CephFilesystems may need theirs), and their warnings: a CephCluster given twice, of which
    /// the MDS reads the first, as PL301 does.
    mutating func takeClusters(_ clusters: RookFacts) {
        resources = clusters.resources
        probeSources = clusters.probeSources
        crConflicts = clusters.crConflicts
    }

    /// Only Rook CRs (when `resources`), the rook-config-override ConfigMap, the
    /// operator Deployment and lists need decoding here; every other document is skipped unread.
    static func mayHoldFacts(_ document: Document, resources: ResourceScope = .all) -> Bool {
        guard let root = document.root, let kindNode = document.lookup("kind", in: root)?.value else { return false }
        let kind = document.string(kindNode)
        switch resources {
        case .all: if kind.hasPrefix("Ceph") { return true }
        case .clusters: if kind == "CephCluster" { return true }
        case .none: break
        }
        if kind.hasSuffix("List") { return true }
        guard kind == "ConfigMap" || kind == "Deployment" else { return false }
        guard let meta = document.lookup("metadata", in: root)?.value,
              let name = document.lookup("name", in: meta)?.value else { return false }
        return document.scalar(name, equals: kind == "ConfigMap" ? configMapName : operatorName)
    }

    /// `images: false` leaves out the Ceph images (read by a pass of their own, `gather`).
    mutating func add(_ manifest: Manifest, document: Document, resources scope: ResourceScope = .all, images: Bool = true) {
        if let rook = manifest.rook, scope == .all || (scope == .clusters && manifest.kind == "CephCluster") {
            let name = manifest.ref.objectName
            if let kept = resources[name] {
                var sources: [String: RookProbeSource] = [:]
                for (daemon, kind, spec) in rook.probeSpecs {
                    sources[Self.probeKey(cr: name, daemon: daemon, kind: kind)] = RookProbeSource(file: document.file, spec: spec)
                }
                keepCRConflict(name, at: Place(file: document.file, position: manifest.range.start),
                               settings: Self.probeSettings(of: name, in: sources), read: kept)
            } else {
                resources[name] = Place(file: document.file, position: manifest.range.start)
                for (daemon, kind, spec) in rook.probeSpecs {
                    probeSources[Self.probeKey(cr: name, daemon: daemon, kind: kind)] = RookProbeSource(file: document.file, spec: spec)
                }
            }
        }
        if manifest.kind == "ConfigMap", manifest.metadata.name == Self.configMapName,
           let config = manifest.configMapData?["config"] {
            let data = document.lookup("data", in: manifest.node)?.value
            let node = data.flatMap { document.lookup("config", in: $0)?.value }
            let literal = node.map { document.style($0) == .literal } ?? false
            keepCephConfig(Self.parseINI(config, file: document.file, literal: literal), namespace: manifest.metadata.namespace ?? "",
                           source: Place(file: document.file, position: manifest.range.start))
        }
        if images {
            let found = Self.cephImages(of: manifest, in: document)
            for image in found { keep(image) }
            if manifest.kind == "CephCluster", let image = found.first { keepClusterImage(image, namespace: manifest.metadata.namespace) }
        }
        if manifest.kind == "Deployment", manifest.metadata.name == Self.operatorName,
           let pod = manifest.podSpec {
            var unread: String?
            defer {
                if let unread, !unreadOperatorImages.contains(where: { $0.image == unread }) {
                    unreadOperatorImages.append(OperatorImage(image: unread, file: document.file, position: manifest.range.start))
                }
            }
            for container in pod.containers {
                guard let image = container.image else { continue }
                guard let tag = Self.rookImageTag(image), let version = RookVersion.parse(tag) else {
                    if unread == nil, Self.isRookImage(image) { unread = image }
                    continue
                }
                unread = nil
                var choice = RookVersionChoice(version: version, origin: "from the image \(image) of Deployment \(manifest.metadata.name ?? "") in \(document.file)")
                choice.file = document.file
                choice.position = manifest.range.start
                if !operatorVersions.contains(where: { $0.version == version }) { operatorVersions.append(choice) }
                let folder = Self.folder(of: document.file)
                if !(operatorFolders[folder]?.contains(where: { $0.version == version }) ?? false) { operatorFolders[folder, default: []].append(choice) }
                break
            }
        }
    }

    /// A CephCluster's image, unless its namespace has one already; one of another release, or
    /// none (`nil`: the namespace is ambiguous elsewhere), makes the namespace ambiguous.
    mutating func keepClusterImage(_ image: CephImage?, namespace: String?) {
        let namespace = namespace ?? ""
        guard !ambiguousNamespaces.contains(namespace) else { return }
        guard let image else {
            ambiguousNamespaces.insert(namespace)
            clusterImages[namespace] = nil
            return
        }
        if let kept = clusterImages[namespace] {
            if kept.releaseClass != image.releaseClass { keepClusterImage(nil, namespace: namespace) }
        } else {
            clusterImages[namespace] = image
        }
    }

    /// Drops `clusterImages` unless they choose differently from the run's oldest image: unless
    /// they and the run's images are of two releases or more (`CephImage.releaseClass`). A run of
    /// one cluster, or of clusters of one release (the benchmark corpus), keeps none, whichever
    /// path gathered its facts.
    public mutating func settleClusterImages() {
        var classes = Set(cephImages.map(\.releaseClass))
        for image in clusterImages.values { classes.insert(image.releaseClass) }
        if classes.count < 2 || clusterImages.isEmpty {
            clusterImages = [:]
            ambiguousNamespaces = []
        }
    }

    /// The images of the CephClusters of a file (`clusterImages`): only they are decoded.
    static func clusterImages(_ file: InputFile, limits: ReaderLimits) -> RookFacts {
        var facts = RookFacts()
        try? Reader.read(file.bytes, file: file.path, limits: limits) { document in
            guard mayHoldFacts(document, resources: .clusters) else { return }
            for manifest in ManifestDecoder.decode(document).manifests where manifest.kind == "CephCluster" {
                if let image = cephImages(of: manifest, in: document).first { facts.keepClusterImage(image, namespace: manifest.metadata.namespace) }
            }
        }
        return facts
    }

    /// The probe settings of CR `name` among `sources` as Rook reads them, each ProbeSpec's
    /// daemon, kind, `disabled` and written values, in order: two CRs are told apart by these.
    static func probeSettings(of name: String, in sources: [String: RookProbeSource]) -> [String] {
        sources.compactMap { key, source in
            guard key.hasPrefix(name + " ") else { return nil }
            let values = ProbeField.allCases.map { source.spec.fields[$0]?.value.map(String.init) ?? "-" }.joined(separator: ",")
            return "\(key) \(source.spec.isDisabled ? "disabled" : "enabled") \(values)"
        }.sorted()
    }

    /// CR `name` again at `place`, the run having read it at `read`: a warning when its probe
    /// settings differ from those read.
    mutating func keepCRConflict(_ name: String, at place: Place, settings: [String], read: Place) {
        guard settings != Self.probeSettings(of: name, in: probeSources) else { return }
        let shown = name.split(separator: "/", maxSplits: 1).map(String.init)
        let warning = LintError(file: place.file, position: place.position,
                                message: "\(shown.first ?? name) \(shown.count > 1 ? shown[1] : "") is given again with other probe settings: this one is not read, the one at \(read) is (the first of the run), so the findings that read it depend on the order of the files; keep one, or lint each cluster in a run of its own")
        if !crConflicts.contains(warning) { crConflicts.append(warning) }
    }

    /// `image` when it bounds Rook and is the run's first of its release.
    mutating func keep(_ image: CephImage) {
        guard image.boundsRook && !cephImages.contains(where: { $0.releaseClass == image.releaseClass }) else { return }
        cephImages.append(image)
        if let bound = image.rookBound, cephBound.map({ bound.version < $0.version }) ?? true { cephBound = bound }
    }

    /// `settings` (of the `rook-config-override` at `source`) for `namespace`, unless an earlier
    /// one was read: then a warning when they differ.
    mutating func keepCephConfig(_ settings: [CephConfigSetting], namespace: String, source: Place) {
        guard let kept = cephConfig[namespace] else {
            cephConfig[namespace] = settings
            cephConfigSources[namespace] = source
            return
        }
        func meaning(_ list: [CephConfigSetting]) -> [String] { list.map { "[\($0.section)] \($0.option) = \($0.value)" } }
        guard meaning(kept) != meaning(settings) else { return }
        let read = cephConfigSources[namespace]?.description ?? ""
        let inNamespace = namespace.isEmpty ? "without a namespace" : "in namespace \(namespace)"
        let warning = LintError(file: source.file, position: source.position, message: "ConfigMap \(Self.configMapName) \(inNamespace) is given again with other settings: this one is not read, the one at \(read) is (the first of the run), so the findings depend on the order of the files; keep one, or lint each cluster in a run of its own")
        if !cephConfigConflicts.contains(warning) { cephConfigConflicts.append(warning) }
    }

    /// The `ceph/ceph` images `manifest` names: a CephCluster's `spec.cephVersion.image`, its
    /// pod's containers' and init containers'.
    public static func cephImages(of manifest: Manifest, in document: Document) -> [CephImage] {
        var images: [CephImage] = []
        if manifest.kind == "CephCluster", let spec = document.lookup("spec", in: manifest.node)?.value,
           let version = document.lookup("cephVersion", in: spec)?.value, let image = document.lookup("image", in: version)?.value,
           let found = CephImage(image: document.string(image), origin: "spec.cephVersion.image of CephCluster \(manifest.metadata.name ?? "") in \(document.file)") {
            images.append(found)
        }
        if let pod = manifest.podSpec {
            for containers in [pod.containers, pod.initContainers] {
                for container in containers {
                    guard let image = container.image,
                          let found = CephImage(image: image, origin: "container \(container.name) of \(manifest.kind) \(manifest.metadata.name ?? "") in \(document.file)")
                    else { continue }
                    images.append(found)
                }
            }
        }
        return images
    }

    /// Whether `image` is of the repository `rook/ceph` in any registry, whatever its tag or
    /// digest (`rook/ceph:master`, `quay.io/rook/ceph@sha256:…`, `registry:5000/rook/ceph`).
    static func isRookImage(_ image: String) -> Bool {
        let utf8 = image.utf8, repo = "rook/ceph".utf8
        var end = utf8.firstIndex(of: UInt8(ascii: "@")) ?? utf8.endIndex
        // A tag's `:` comes after the last `/`; a registry's port's before it.
        if let colon = utf8[..<end].lastIndex(of: UInt8(ascii: ":")),
           !utf8[colon..<end].contains(UInt8(ascii: "/")) { end = colon }
        let name = utf8[..<end]
        guard name.count >= repo.count, name.suffix(repo.count).elementsEqual(repo) else { return false }
        return name.count == repo.count || name[utf8.index(end, offsetBy: -repo.count - 1)] == UInt8(ascii: "/")
    }

    /// `rook/ceph:v1.20.6`, `docker.io/rook/ceph:v1.20.6`, `rook/ceph:v1.20.6@sha256:…` -> `v1.20.6`.
    static func rookImageTag(_ image: String) -> String? { imageTag(image, repository: "rook/ceph").map(String.init) }

    /// The tag of `image` when its repository is `repository` in any registry (`quay.io/ceph/ceph`
    /// for `ceph/ceph`), else nil; a digest (`@sha256:…`) comes after the tag, and its `:` is not the tag's.
    /// Read as bytes: asked of every container image of every Rook-owned pod, and the walk by
    /// Characters, with a `"/" + repository` made for each, cost 16 M instructions on 5 MB.
    static func imageTag(_ image: String, repository: String) -> Substring? {
        let utf8 = image.utf8, repo = repository.utf8
        let end = utf8.firstIndex(of: UInt8(ascii: "@")) ?? utf8.endIndex
        guard let colon = utf8[..<end].lastIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = utf8[..<colon]
        guard name.count >= repo.count, name.suffix(repo.count).elementsEqual(repo) else { return nil }
        if name.count > repo.count, name[utf8.index(colon, offsetBy: -repo.count - 1)] != UInt8(ascii: "/") { return nil }
        return image[utf8.index(after: colon)..<end]
    }

    /// ceph.conf lines: `[section]`, `option = value`, `#` and `;` comments. Lines
    /// of a literal block scalar (`config: |`) are placed on the file's lines after
    /// the `|` (column 1: the block's indentation is not kept); other styles point at the value.
    static func parseINI(_ text: Located<String>, file: String, literal: Bool) -> [CephConfigSetting] {
        var out: [CephConfigSetting] = []
        var section = "global"
        // CR LF is one Character to Swift: lines end at either (Ceph trims the CR as white space).
        for (i, raw) in text.value.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = raw.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            // `[mds]`, and `[mds]   # tuning`: a comment may follow the header (ConfUtils.cc).
            if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
                let rest = line[line.index(after: close)...].trimmingSpaces()
                if rest.isEmpty || rest.hasPrefix("#") || rest.hasPrefix(";") {
                    section = String(line[line.index(after: line.startIndex)..<close]).trimmingSpaces()
                }
                continue  // anything else after `]` is no line Ceph reads
            }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let option = String(line[..<eq]).trimmingSpaces().lowercased()
                .map { $0 == " " || $0 == "-" ? "_" : $0 }
            var value = Substring(Substring(line[line.index(after: eq)...]).trimmingSpaces())
            // A quoted value (`"8G"`, ConfUtils.cc) is the text between its quotes; else a comment ends it.
            if let quote = value.first, quote == "\"" || quote == "'", let end = value.dropFirst().firstIndex(of: quote) {
                value = value[value.index(after: value.startIndex)..<end]
            } else if let hash = value.firstIndex(where: { $0 == "#" || $0 == ";" }) {
                value = value[..<hash]
            }
            let position = literal ? SourcePosition(offset: text.range.start.offset, line: text.range.start.line + 1 + i, column: 1)
                : text.range.start
            out.append(CephConfigSetting(section: section, option: String(option), value: value.trimmingSpaces(),
                                         file: file, position: position))
        }
        return out
    }
}

/// What a file may add to `RookFacts`, from a search of its bytes for marker
/// strings (one pass for all of them, `NeedleSet`; no parse): a file without them
/// holds no fact. A name or image written with YAML escape sequences
/// (`"rook\x2Dconfig..."`) is not seen; Kubernetes objects do not spell them so.
public struct RookMarkers: Sendable, Equatable {
    /// `rook-config-override` as a whole name (not `rook-config-override-2`).
    public var cephConfig: Bool
    /// `rook/ceph:` or `rook/ceph@`, the operator image.
    public var operatorImage: Bool
    /// `ceph.rook.io/`, a Rook CR or a reference to one.
    public var rookAPI: Bool
    /// `ownerReferences` and `ceph.rook.io/`: maybe an object a Rook CR owns.
    public var rookOwned: Bool
    /// The classes (bit `1 << CephImage.releaseClass`) of each `ceph/ceph:v` in the file whose
    /// release the newest Rook modelled does not run (`CephImage.boundsRook`): the file's documents
    /// are read for their Ceph images while the run has not found an image of one of them
    /// (`RookFacts.gather`).
    public var oldCephReleases: UInt64
    /// Whether the file names such a release.
    public var oldCephImage: Bool { oldCephReleases != 0 }
    /// Whether the file names a `ceph/ceph:v` release that bounds no Rook (one the newest modelled
    /// runs): beside an old one, a second cluster's (`RookFacts.clusterImages`).
    public var newCephImage: Bool
    /// Every release that bounds Rook: a file that names them all can name no other.
    static let everyOldRelease: UInt64 = (1 << UInt64(CephImage.boundingClasses)) - 1
    /// `CephFilesystem` and `ceph.rook.io/`: maybe a filesystem, whose MDS probes a Rook before
    /// v1.9 takes from the namespace's CephCluster, which a fix then names.
    public var filesystem: Bool

    /// The markers, in the order `init` reads them.
    private static let needles = NeedleSet([RookFacts.configMapName, "rook/ceph:", "ceph.rook.io/", "ownerReferences", "CephFilesystem", "ceph/ceph:v", "rook/ceph@"])

    public init(_ bytes: [UInt8]) {
        var cephConfig = false, operatorImage = false, rookAPI = false, ownerReferences = false, filesystem = false
        var oldCephReleases: UInt64 = 0, newCephImage = false
        bytes.withUnsafeBufferPointer { buffer in
            Self.needles.forEachMatch(in: buffer) { needle, at in
                switch needle {
                case 0: cephConfig = cephConfig || Self.endsName(buffer, at: at + RookFacts.configMapName.utf8.count)
                case 1, 6: operatorImage = true
                case 2: rookAPI = true
                case 3: ownerReferences = true
                case 4: filesystem = true
                default:  // 5
                    switch Self.cephRelease(buffer, at: at + 11) {
                    case .old(let release)?: oldCephReleases |= 1 << UInt64(release)
                    case .new?: newCephImage = true
                    case nil: break
                    }
                }
                // Every marker seen: the rest of the file cannot change them.
                return !(cephConfig && operatorImage && rookAPI && ownerReferences && filesystem && oldCephReleases == Self.everyOldRelease && newCephImage)
            }
        }
        self.cephConfig = cephConfig
        self.operatorImage = operatorImage
        self.rookAPI = rookAPI
        rookOwned = rookAPI && ownerReferences
        self.filesystem = rookAPI && filesystem
        self.oldCephReleases = oldCephReleases
        self.newCephImage = newCephImage
    }

    /// Whether the file may hold facts other than its Ceph images, which `RookFacts.gather`
    /// reads in a pass of its own.
    public func mayHoldFacts(resources: Bool) -> Bool {
        cephConfig || operatorImage || (resources && rookAPI)
    }

    enum CephRelease { case old(Int), new }

    /// The release of the `ceph/ceph:v` tag whose digits are at `start`: its class
    /// (`CephImage.releaseClass`) when it bounds Rook (`CephImage.rookBound`), `new` when it bounds
    /// none, nil for no version. Asked at every Ceph image of every file (thousands in the
    /// benchmark corpus), so a number, not a CephImage.
    static func cephRelease(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> CephRelease? {
        guard start < bytes.count, let version = CephImage.version(leading: bytes[start...]) else { return nil }
        return CephImage.boundingClass(version).map(CephRelease.old) ?? .new
    }

    /// Whether a name ending before `end` ends there: no byte that continues a Kubernetes name follows.
    static func endsName(_ bytes: UnsafeBufferPointer<UInt8>, at end: Int) -> Bool {
        guard end < bytes.count else { return true }
        let byte = bytes[end]
        let continues = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
        return !continues
    }
}
