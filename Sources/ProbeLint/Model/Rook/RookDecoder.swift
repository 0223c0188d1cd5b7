/// Decodes the Rook CRs' probe, gateway and metadata-server fields, with
/// positions, as the rest of the model does; wrong types become ModelProblems (PL202).
extension ManifestDecoder {
    mutating func rookResource(_ object: NodeID, kind: String, prefix: String) -> RookResource? {
        guard RookResource.kinds.contains(kind) else { return nil }
        rookHandlerSpecs = []
        let kindKey = entry(object, "kind").map { doc.range($0.key) } ?? doc.range(object)
        var spec: NodeID?
        var specKey = kindKey
        if let found = entry(object, "spec"), expect(.mapping, found.value, prefix + "spec") {
            spec = found.value
            specKey = doc.range(found.key)
        }
        // Paths are joined only for a problem (autoclosures) or when read (RookSpecPath).
        func path(_ rest: String) -> String { String(concatenating: prefix, "spec.", rest) }
        switch kind {
        case "CephCluster":
            var anchor = specKey
            let health = child(spec, "healthCheck", path: path("healthCheck"), anchor: &anchor)
            var cluster = CephClusterSpec(anchor: anchor)
            if let spec, let external = value(spec, "external"), doc.kind(external) == .mapping {
                cluster.isExternal = bool(external, "enable", path: path("external.enable"))?.value == true
            }
            // Rook's AnnotationsSpec: a mapping of annotations per key, `all` for every daemon's pod.
            if let spec, let node = value(spec, "annotations"), expect(.mapping, node, path("annotations")) {
                cluster.podAnnotations = podAnnotations(node, "all", place: .clusterAll, prefix: prefix)
                for daemon in RookClusterProbeSpecs.daemons {
                    cluster.daemonAnnotations[daemon] = podAnnotations(node, daemon.rawValue, place: .clusterDaemon(daemon), prefix: prefix)
                }
                cluster.unreadAnnotations = unreadAnnotations(node)
            }
            for kind in [ProbeKind.liveness, .startup] {
                var kindAnchor = anchor
                let perDaemon = child(health, kind.fieldName, path: path("healthCheck." + kind.fieldName), anchor: &kindAnchor)
                for daemon in RookClusterProbeSpecs.specDaemons {
                    cluster.healthCheck[daemon][kind] = probeSpec(
                        perDaemon, daemon.rawValue,
                        location: RookSpecPath(prefix: prefix, section: .healthCheck, kind: kind, daemon: daemon), anchor: kindAnchor)
                }
                if let perDaemon { cluster.otherProbeKeys += otherProbeKeys(perDaemon, kind) }
            }
            cluster.specsWithHandler = rookHandlerSpecs
            return .cluster(cluster)
        case "CephObjectStore":
            var anchor = specKey
            var store = CephObjectStoreSpec(anchor: specKey)
            if let gateway = child(spec, "gateway", path: path("gateway"), anchor: &anchor) {
                store.gatewayKey = anchor
                store.port = int(gateway, "port", path: path("gateway.port"))
                store.securePort = int(gateway, "securePort", path: path("gateway.securePort"))
                store.hostNetwork = bool(gateway, "hostNetwork", path: path("gateway.hostNetwork"))
                store.instances = int(gateway, "instances", path: path("gateway.instances"))
                store.resources = resources(gateway, path: path("gateway.resources"))
                store.isExternal = value(gateway, "externalRgwEndpoints").map { !doc.items($0).isEmpty } ?? false
                store.podAnnotations = podAnnotations(gateway, "annotations", place: .gateway, prefix: prefix)
                store.rgwConfig = cephSettings(gateway, "rgwConfig")
                store.rgwCommandFlags = cephSettings(gateway, "rgwCommandFlags")
            }
            var healthAnchor = specKey
            let health = child(spec, "healthCheck", path: path("healthCheck"), anchor: &healthAnchor)
            store.anchor = healthAnchor
            for kind in ProbeKind.allCases {
                store.healthCheck[kind] = probeSpec(health, kind.fieldName,
                                                    location: RookSpecPath(prefix: prefix, section: .healthCheck, kind: kind),
                                                    anchor: healthAnchor)
            }
            store.specsWithHandler = rookHandlerSpecs
            return .objectStore(store)
        default:
            var anchor = specKey
            var fs = CephFilesystemSpec(anchor: specKey)
            let mds = child(spec, "metadataServer", path: path("metadataServer"), anchor: &anchor)
            fs.anchor = anchor
            if let mds {
                fs.metadataServerKey = anchor
                fs.activeCount = int(mds, "activeCount", path: path("metadataServer.activeCount"))
                fs.activeStandby = bool(mds, "activeStandby", path: path("metadataServer.activeStandby"))
                fs.resources = resources(mds, path: path("metadataServer.resources"))
                fs.cacheMemoryLimitFactor = number(mds, "cacheMemoryLimitFactor", path: path("metadataServer.cacheMemoryLimitFactor"))
                fs.cacheMemoryRequestFactor = number(mds, "cacheMemoryRequestFactor", path: path("metadataServer.cacheMemoryRequestFactor"))
                fs.podAnnotations = podAnnotations(mds, "annotations", place: .metadataServer, prefix: prefix)
            }
            for kind in [ProbeKind.liveness, .startup] {
                fs.probes[kind] = probeSpec(mds, kind.fieldName, location: RookSpecPath(prefix: prefix, section: .metadataServer, kind: kind),
                                            anchor: anchor)
            }
            fs.specsWithHandler = rookHandlerSpecs
            return .filesystem(fs)
        }
    }

    /// The annotations mapping under `key` that Rook copies to its daemons' pods, at `place`
    /// (its path after the object's `prefix` for a problem); nil when not written.
    /// The Ceph options of a mapping of option to value (`gateway.rgwConfig`), in Ceph's spelling
    /// (underscores), in a section named by `key`.
    func cephSettings(_ parent: NodeID, _ key: String) -> [CephConfigSetting] {
        guard let config = value(parent, key), doc.kind(config) == .mapping else { return [] }
        return doc.entries(config).compactMap { entry in
            guard let option = text(entry.key), let setting = text(entry.value) else { return nil }
            return CephConfigSetting(section: key, option: String(option.map { $0 == " " || $0 == "-" ? "_" : $0 }),
                                     value: setting, file: doc.file, position: doc.range(entry.value).start)
        }
    }

    mutating func podAnnotations(_ parent: NodeID, _ key: String, place: AnnotationPlace, prefix: String) -> PlacedAnnotations? {
        guard let node = value(parent, key), expect(.mapping, node, prefix + (place.rookPath ?? "")) else { return nil }
        return PlacedAnnotations(Annotations(doc, node), place)
    }

    /// The `probelint.io/` keys under the keys of a CephCluster's `spec.annotations` that are
    /// neither `all` nor a daemon whose pods probelint renders.
    func unreadAnnotations(_ annotations: NodeID) -> [UnreadAnnotation] {
        doc.entries(annotations).flatMap { entry -> [UnreadAnnotation] in
            guard doc.kind(entry.key) == .scalar, doc.kind(entry.value) == .mapping else { return [] }
            let section = doc.string(entry.key)
            guard section != "all", !RookClusterProbeSpecs.daemons.contains(where: { $0.rawValue == section }) else { return [] }
            // An alias (`mds: *a`) reads keys written under another section: placed at this one's key.
            let sectionKey = doc.range(entry.key)
            return Annotations(doc, entry.value).keys(withPrefix: InputKey.annotationPrefix).map { key in
                UnreadAnnotation(section: section, key: key.range.start.offset > sectionKey.start.offset ? key : Located(key.value, sectionKey))
            }
        }
    }

    /// A child mapping; when written, `anchor` moves to its key.
    mutating func child(_ parent: NodeID?, _ key: String, path: @autoclosure () -> String, anchor: inout SourceRange) -> NodeID? {
        guard let parent, let found = entry(parent, key), expect(.mapping, found.value, path()) else { return nil }
        anchor = doc.range(found.key)
        return found.value
    }

    /// The keys of `healthCheck.<kind>` that name no daemon, and whether each would change a probe.
    func otherProbeKeys(_ perDaemon: NodeID, _ kind: ProbeKind) -> [OtherProbeKey] {
        doc.rawEntries(perDaemon).compactMap { entry in
            guard doc.kind(entry.key) == .scalar else { return nil }
            let name = doc.string(entry.key)
            guard !RookClusterProbeSpecs.specDaemons.contains(where: { $0.rawValue == name }) else { return nil }
            let disabled = value(entry.value, "disabled").map { doc.kind($0) == .scalar && doc.scalarValue($0) == .bool(true) } ?? false
            let timed = value(entry.value, "probe").map { doc.kind($0) == .mapping && !doc.rawEntries($0).isEmpty } ?? false
            return OtherProbeKey(kind: kind, name: name, key: doc.range(entry.key), changesAProbe: disabled || timed)
        }
    }

    mutating func probeSpec(_ parent: NodeID?, _ key: String, location: RookSpecPath, anchor: SourceRange) -> RookProbeSpec {
        var spec = RookProbeSpec(location: location, insertion: Insertion(parentKey: anchor, lastKey: nil, lastValue: nil, isFlow: false))
        guard let parent, let found = entry(parent, key), expect(.mapping, found.value, location.string) else { return spec }
        let keyRange = doc.range(found.key)
        spec.key = keyRange
        spec.insertion.parentKey = keyRange
        spec.disabled = bool(found.value, "disabled", path: location.joined(".disabled"))
        guard let probe = entry(found.value, "probe"), expect(.mapping, probe.value, location.joined(".probe")) else { return spec }
        spec.probeKey = doc.range(probe.key)
        spec.insertion = insertion(probe.value, parentKey: doc.range(probe.key))
        // The fields read in one pass over the probe, as a pod's probe is (`probeKeys`).
        let fields = doc.entries(probe.value, Self.probeKeys)
        for field in ProbeField.allCases {
            let value = intField(fields[Self.probeKeyIndex(field)], field.rawValue, default: 0, at: spec.insertion,
                                 path: location.joined(".probe"),
                                 maximum: field == .terminationGracePeriodSeconds ? Int(Int64.max) : Int(Int32.max))
            if value.isWritten { spec.fields[field] = value }
        }
        // The handler keys come first in `probeKeys`; the first written is named.
        for (index, kind) in ProbeHandler.Kind.allCases.enumerated() {
            guard let handler = fields[index] else { continue }
            let key = doc.range(handler.key)
            if spec.handler.map({ key.start.offset < $0.range.start.offset }) ?? true { spec.handler = Located(kind.rawValue, key) }
        }
        if spec.handler != nil { rookHandlerSpecs.append(spec) }
        return spec
    }

    mutating func int(_ mapping: NodeID, _ key: String, path: @autoclosure () -> String) -> Located<Int>? {
        guard let node = value(mapping, key) else { return nil }
        if doc.kind(node) == .scalar, case .int(let n) = doc.scalarValue(node) { return Located(n, doc.range(node)) }
        problem("\(key) must be an integer, not \(describe(node))", node, path())
        return nil
    }

    mutating func bool(_ mapping: NodeID, _ key: String, path: @autoclosure () -> String) -> Located<Bool>? {
        guard let node = value(mapping, key) else { return nil }
        if doc.kind(node) == .scalar, case .bool(let b) = doc.scalarValue(node) { return Located(b, doc.range(node)) }
        problem("\(key) must be true or false, not \(describe(node))", node, path())
        return nil
    }

    /// A factor of the CRD (`type: number`, minimum 0, maximum 1).
    mutating func number(_ mapping: NodeID, _ key: String, path: @autoclosure () -> String) -> Located<Double>? {
        guard let node = value(mapping, key) else { return nil }
        var number: Double?
        if doc.kind(node) == .scalar {
            switch doc.scalarValue(node) {
            case .int(let n): number = Double(n)
            case .float(let x) where x.isFinite: number = x
            default: break
            }
        }
        guard let number, number >= 0, number <= 1 else {
            let written = doc.kind(node) == .scalar ? doc.string(node) : describe(node)
            problem("\(key) must be a number from 0 to 1 (the CRD's range), not \(written)", node, path())
            return nil
        }
        return Located(number, doc.range(node))
    }

    mutating func resources(_ mapping: NodeID, path: @autoclosure () -> String) -> Quantities {
        var out = Quantities()
        guard let node = value(mapping, "resources"), expect(.mapping, node, path()) else { return out }
        out.range = doc.range(node)
        out.limits = scalarEntries(value(node, "limits"), path: path() + ".limits")
        out.requests = scalarEntries(value(node, "requests"), path: path() + ".requests")
        return out
    }

    /// A ConfigMap's `data` (string values only).
    mutating func configMapData(_ object: NodeID, prefix: String) -> ScalarEntries {
        scalarEntries(value(object, "data"), path: prefix + "data")
    }
}
