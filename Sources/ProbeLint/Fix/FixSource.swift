/// A file as the fixer sees it: its bytes and its decoded documents.
public struct FixSource: Sendable {
    public var file: String
    public var bytes: [UInt8]
    public var documents: [DecodedDocument]

    /// Reads and decodes `bytes`; nil when they do not read cleanly (such a
    /// file is never touched).
    public static func read(_ input: InputFile, limits: ReaderLimits = .default) -> FixSource? {
        var documents: [DecodedDocument] = []
        do {
            try Reader.read(input.bytes, file: input.path, limits: limits) { documents.append(ManifestDecoder.decode($0)) }
        } catch {
            return nil
        }
        return FixSource(file: input.path, bytes: input.bytes, documents: documents)
    }

    /// The document and the innermost object that contain a byte offset.
    /// Documents are in file order: a binary search finds the last that starts at or before it.
    func locate(_ offset: Int) -> (document: DecodedDocument, manifest: Manifest?)? {
        var low = 0, high = documents.count
        while low < high {
            let mid = (low + high) / 2
            if documents[mid].document.range.start.offset <= offset { low = mid + 1 } else { high = mid }
        }
        guard low > 0, offset <= documents[low - 1].document.range.end.offset else { return nil }
        let document = documents[low - 1]
        var best: Int?
        for (i, manifest) in document.manifests.enumerated()
        where manifest.range.start.offset <= offset && offset <= manifest.range.end.offset {
            if let b = best, document.manifests[b].range.end.offset - document.manifests[b].range.start.offset
                <= manifest.range.end.offset - manifest.range.start.offset { continue }
            best = i
        }
        return (document, best.map { document.manifests[$0] })
    }
}

extension Document {
    /// The mappings and lists reached more than once from the root: an anchored one that an
    /// alias or a merge key (`<<: *a`) uses again. Their text is every use's.
    func sharedCollections() -> [NodeID] {
        guard let root else { return [] }
        var reached = [UInt8](repeating: 0, count: nodes.count)
        var shared: [NodeID] = []
        var stack = [root]
        while let id = stack.popLast() {
            let i = Int(id.index)
            // Reached again: its children were counted the first time.
            if reached[i] > 0 {
                if reached[i] == 1 && kind(id) != .scalar { shared.append(id) }
                reached[i] = 2
                continue
            }
            reached[i] = 1
            switch kind(id) {
            case .scalar: break
            case .sequence: stack.append(contentsOf: items(id))
            case .mapping:
                for (key, value) in rawEntries(id) { stack += [key, value] }
            }
        }
        return shared
    }

    /// The shared mapping or list (`sharedCollections`) whose text holds `offset`, if any.
    func sharedCollection(containing offset: Int) -> NodeID? {
        sharedCollections().first { range($0).start.offset <= offset && offset < range($0).end.offset }
    }

    /// `key` written with a null value in the mapping whose last key is `lastKey` (the model
    /// reads such a field as absent, as Kubernetes does): its key's and value's ranges.
    func nullEntry(_ key: String, besideLastKey lastKey: SourceRange) -> (key: SourceRange, value: SourceRange)? {
        for i in 0..<nodes.count where kind(NodeID(i)) == .mapping {
            let mapping = NodeID(i)
            guard let last = lastEntry(mapping), range(last.key) == lastKey else { continue }
            guard let found = rawEntries(mapping).first(where: { kind($0.key) == .scalar && string($0.key) == key }),
                  kind(found.value) == .scalar, isNull(found.value) else { return nil }
            return (range(found.key), range(found.value))
        }
        return nil
    }

    /// The node written exactly at `range` (the arena has no parent links).
    /// Nodes are stored in event order, so their start offsets never decrease:
    /// a binary search finds the first candidate.
    func node(at range: SourceRange) -> NodeID? {
        var low = 0, high = nodes.count
        while low < high {
            let mid = (low + high) / 2
            if nodes[mid].range.start.offset < range.start.offset { low = mid + 1 } else { high = mid }
        }
        var i = low
        while i < nodes.count && nodes[i].range.start.offset == range.start.offset {
            if nodes[i].range.end.offset == range.end.offset { return NodeID(i) }
            i += 1
        }
        // Not sorted after all (should not happen): fall back to a scan.
        return nodes.indices.first { nodes[$0].range == range }.map(NodeID.init)
    }
}

extension Manifest {
    /// The Rook custom resource that generated this object (its operator rewrites it).
    public var rookOwner: OwnerReference? {
        metadata.ownerReferences.first { $0.apiVersion.hasPrefix("ceph.rook.io/") }
    }

    /// The probe at a dotted path, in any container of the pod spec.
    func probe(at path: String) -> Probe? {
        guard let pod = podSpec else { return nil }
        for container in [pod.containers, pod.initContainers].joined() {
            if let probe = container.probes.first(where: { $0.path == path }) { return probe }
        }
        return nil
    }
}
