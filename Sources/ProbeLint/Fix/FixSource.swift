/// A file as the fixer sees it: its bytes and its decoded documents.
public struct FixSource: Sendable {
    public var file: String
    public var bytes: [UInt8]
    public var documents: [DecodedDocument]
    /// Per document (by `Document.index`), the text of each node that an alias or a merge key
    /// uses again (`Document.sharedNodes`), found once: an edit there would change every use.
    var shared: [Int: [SourceRange]] = [:]
    /// Per document, its objects' positions in `manifests` ordered by where they start (a
    /// List's items are in order unless an alias repeats one): `locate` searches them.
    var byStart: [[Int]] = []

    /// Reads and decodes `bytes`; nil when they do not read cleanly (such a
    /// file is never touched). `keeping`: the byte offsets that `locate` will be asked about;
    /// only the documents that hold one are kept (all when nil). A fix of one document of a
    /// large file kept every document's tree.
    public static func read(_ input: InputFile, limits: ReaderLimits = .default, keeping offsets: [Int]? = nil) -> FixSource? {
        var documents: [DecodedDocument] = []
        var shared: [Int: [SourceRange]] = [:]
        let wanted = offsets?.sorted()
        var next = 0
        do {
            try Reader.read(input.bytes, file: input.path, limits: limits) { document in
                if let wanted {
                    // Offsets before this document are in none that is left.
                    while next < wanted.count && wanted[next] < document.range.start.offset { next += 1 }
                    guard next < wanted.count, wanted[next] <= document.range.end.offset else { return }
                }
                let blocks = document.sharedNodes()
                if !blocks.isEmpty { shared[document.index] = blocks.map(document.range) }
                // Kept: in memory of its own size (`Document.compacted`).
                documents.append(ManifestDecoder.decode(document.compacted()))
            }
        } catch {
            return nil
        }
        let order = documents.map { document in
            document.manifests.indices.sorted { a, b in
                (document.manifests[a].range.start.offset, a) < (document.manifests[b].range.start.offset, b)
            }
        }
        return FixSource(file: input.path, bytes: input.bytes, documents: documents, shared: shared, byStart: order)
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
        // Objects never nest (a List's items are objects, the List is not), so those that hold
        // the offset are the same text (an alias's) and end the ones that start at or before
        // it: a binary search, then back while they hold it; the first of them in the document
        // is taken. A scan over every object for each field made fixing a long List quadratic.
        let order = byStart[low - 1]
        var lo = 0, hi = order.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if document.manifests[order[mid]].range.start.offset <= offset { lo = mid + 1 } else { hi = mid }
        }
        var best: Int?
        var k = lo - 1
        while k >= 0, offset <= document.manifests[order[k]].range.end.offset {
            if best.map({ order[k] < $0 }) ?? true { best = order[k] }
            k -= 1
        }
        return (document, best.map { document.manifests[$0] })
    }
}

extension Document {
    /// The nodes reached more than once from the root: an anchored mapping or list that an
    /// alias or a merge key (`<<: *a`) uses again, or an anchored scalar that an alias uses
    /// again (`timeoutSeconds: &t 1` and `*t`). Their text is every use's. And a mapping a
    /// merge key brings in where it is written (`<<: {timeoutSeconds: 1}`): its keys are not the
    /// mapping's own, so an edit there is no edit of the field (`Fixer.verify` refuses it).
    func sharedNodes() -> [NodeID] {
        guard let root, hasAliases else { return [] }
        var reached = [UInt8](repeating: 0, count: nodes.count)
        var isMerged = [Bool](repeating: false, count: nodes.count)
        var shared: [NodeID] = []
        var stack = [root]
        while let id = stack.popLast() {
            let i = Int(id.index)
            // Reached again: its children were counted the first time.
            if reached[i] > 0 {
                if reached[i] == 1 { shared.append(id) }
                reached[i] = 2
                continue
            }
            reached[i] = 1
            switch kind(id) {
            case .scalar: break
            case .sequence: stack.append(contentsOf: items(id))
            case .mapping:
                for (key, value) in rawEntries(id) {
                    stack += [key, value]
                    guard isMergeKey(key) else { continue }
                    let merged = kind(value) == .sequence ? Array(items(value)) : [value]
                    // Each once, by a mark (a scan of the list per merge key made a document of
                    // 20,000 of them take 11 s); one an alias also reaches may be listed twice.
                    for block in merged where kind(block) == .mapping && !isMerged[Int(block.index)] {
                        isMerged[Int(block.index)] = true
                        shared.append(block)
                    }
                }
            }
        }
        return shared
    }

    /// `key` written with a null value in the mapping whose last key is `lastKey` (the model
    /// reads such a field as absent, as Kubernetes does), or with a 0 that the API server
    /// replaces with the default (`ProbeDefaults.zeroMeansDefault`): its key's and value's ranges.
    /// Nodes are in event order, so the mapping comes before its last key: it is the first
    /// mapping back from that key whose last entry it is (a walk over that mapping's nodes).
    func defaultingEntry(_ key: String, besideLastKey lastKey: SourceRange) -> (key: SourceRange, value: SourceRange)? {
        guard let last = node(at: lastKey) else { return nil }
        var i = Int(last.index) - 1
        while i >= 0 {
            let mapping = NodeID(i)
            i -= 1
            guard kind(mapping) == .mapping, lastEntry(mapping)?.key == last else { continue }
            let zeroIsDefault = ProbeField(rawValue: key).map(ProbeDefaults.zeroMeansDefault) ?? false
            guard let found = rawEntries(mapping).first(where: { kind($0.key) == .scalar && string($0.key) == key }),
                  kind(found.value) == .scalar,
                  isNull(found.value) || (zeroIsDefault && scalarValue(found.value) == .int(0))
            else { return nil }
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
    /// The probe at a dotted path, in any container of the pod spec.
    func probe(at path: String) -> Probe? {
        guard let pod = podSpec else { return nil }
        for container in [pod.containers, pod.initContainers].joined() {
            if let probe = container.probes.first(where: { $0.path == path }) { return probe }
        }
        return nil
    }
}
