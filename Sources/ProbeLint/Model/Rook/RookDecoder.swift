/// Decodes the Rook CRs' probe, gateway and metadata-server fields, with
/// positions, as the rest of the model does; wrong types become ModelProblems (PL202).
extension ManifestDecoder {
    mutating func rookResource(_ object: NodeID, kind: String, prefix: String) -> RookResource? {
        guard RookResource.kinds.contains(kind) else { return nil }
        let kindKey = entry(object, "kind").map { doc.range($0.key) } ?? doc.range(object)
        var spec: NodeID?
        var specKey = kindKey
        if let found = entry(object, "spec"), expect(.mapping, found.value, prefix + "spec") {
            spec = found.value
            specKey = doc.range(found.key)
        }
        let path = prefix + "spec"
        switch kind {
        case "CephCluster":
            var anchor = specKey, anchorPath = path
            let health = child(spec, "healthCheck", path: path + ".healthCheck", anchor: &anchor, anchorPath: &anchorPath)
            var cluster = CephClusterSpec(anchor: anchor, anchorPath: anchorPath)
            if let spec, let external = value(spec, "external"), doc.kind(external) == .mapping {
                cluster.isExternal = bool(external, "enable", path: path + ".external.enable")?.value == true
            }
            for kind in [ProbeKind.liveness, .startup] {
                var kindAnchor = anchor, kindPath = anchorPath
                let perDaemon = child(health, kind.fieldName, path: String(concatenating: path, ".healthCheck.", kind.fieldName),
                                      anchor: &kindAnchor, anchorPath: &kindPath)
                for daemon in [RookDaemon.mon, .mgr, .osd] {
                    cluster.healthCheck[daemon, default: [:]][kind] = probeSpec(
                        perDaemon, daemon.rawValue, path: String(concatenating: path, ".healthCheck.", kind.fieldName, ".", daemon.rawValue),
                        anchor: kindAnchor)
                }
            }
            return .cluster(cluster)
        case "CephObjectStore":
            var anchor = specKey, anchorPath = path
            var store = CephObjectStoreSpec(anchor: specKey)
            if let gateway = child(spec, "gateway", path: path + ".gateway", anchor: &anchor, anchorPath: &anchorPath) {
                store.gatewayKey = anchor
                store.port = int(gateway, "port", path: path + ".gateway.port")
                store.securePort = int(gateway, "securePort", path: path + ".gateway.securePort")
                store.instances = int(gateway, "instances", path: path + ".gateway.instances")
                store.resources = resources(gateway, path: path + ".gateway.resources")
                store.isExternal = value(gateway, "externalRgwEndpoints").map { !doc.items($0).isEmpty } ?? false
            }
            var healthAnchor = specKey, healthPath = path
            let health = child(spec, "healthCheck", path: path + ".healthCheck", anchor: &healthAnchor, anchorPath: &healthPath)
            store.anchor = healthAnchor
            for kind in ProbeKind.allCases {
                store.healthCheck[kind] = probeSpec(health, kind.fieldName, path: String(concatenating: path, ".healthCheck.", kind.fieldName),
                                                    anchor: healthAnchor)
            }
            return .objectStore(store)
        default:
            var anchor = specKey, anchorPath = path
            var fs = CephFilesystemSpec(anchor: specKey)
            let mds = child(spec, "metadataServer", path: path + ".metadataServer", anchor: &anchor, anchorPath: &anchorPath)
            fs.anchor = anchor
            if let mds {
                let p = path + ".metadataServer"
                fs.metadataServerKey = anchor
                fs.activeCount = int(mds, "activeCount", path: p + ".activeCount")
                fs.activeStandby = bool(mds, "activeStandby", path: p + ".activeStandby")
                fs.resources = resources(mds, path: p + ".resources")
                fs.cacheMemoryLimitFactor = number(mds, "cacheMemoryLimitFactor", path: p + ".cacheMemoryLimitFactor")
                fs.cacheMemoryRequestFactor = number(mds, "cacheMemoryRequestFactor", path: p + ".cacheMemoryRequestFactor")
            }
            for kind in [ProbeKind.liveness, .startup] {
                fs.probes[kind] = probeSpec(mds, kind.fieldName, path: String(concatenating: path, ".metadataServer.", kind.fieldName), anchor: anchor)
            }
            return .filesystem(fs)
        }
    }

    /// A child mapping; when written, `anchor` moves to its key.
    mutating func child(_ parent: NodeID?, _ key: String, path: String, anchor: inout SourceRange, anchorPath: inout String) -> NodeID? {
        guard let parent, let found = entry(parent, key), expect(.mapping, found.value, path) else { return nil }
        anchor = doc.range(found.key)
        anchorPath = path
        return found.value
    }

    mutating func probeSpec(_ parent: NodeID?, _ key: String, path: String, anchor: SourceRange) -> RookProbeSpec {
        var spec = RookProbeSpec(path: path, insertion: Insertion(parentKey: anchor, lastKey: nil, lastValue: nil, isFlow: false))
        guard let parent, let found = entry(parent, key), expect(.mapping, found.value, path) else { return spec }
        let keyRange = doc.range(found.key)
        spec.key = keyRange
        spec.insertion.parentKey = keyRange
        spec.disabled = bool(found.value, "disabled", path: path + ".disabled")
        guard let probe = entry(found.value, "probe"), expect(.mapping, probe.value, path + ".probe") else { return spec }
        spec.probeKey = doc.range(probe.key)
        spec.insertion = insertion(probe.value, parentKey: doc.range(probe.key))
        for field in ProbeField.allCases {
            let value = intField(probe.value, field.rawValue, default: 0, at: spec.insertion, path: path + ".probe")
            if value.isWritten { spec.fields[field] = value }
        }
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
        out.limits = resourceList(value(node, "limits"), path: path() + ".limits")
        out.requests = resourceList(value(node, "requests"), path: path() + ".requests")
        return out
    }

    /// A ConfigMap's `data` (string values only).
    mutating func configMapData(_ object: NodeID, prefix: String) -> [String: Located<String>] {
        stringMap(value(object, "data"), path: prefix + "data")
    }
}
