internal import CYAML

/// One open collection while its children are read.
struct Frame: BitwiseCopyable {
    var id: NodeID
    var kind: NodeKind
    var pendingStart: Int
    /// `expansion` when the collection started (see `weight(of:)`).
    var expansionStart: Int
    /// Whether the collection has an anchor (the last of `frameAnchors`).
    var isAnchored = false
}

/// Turns libyaml's events into the compact node arena of one document at a time
/// (`Reader`); its errors and limits are in BuilderErrors.swift.
struct Builder {
    let buffer: UnsafeBufferPointer<UInt8>
    let file: String
    let limits: ReaderLimits
    var offsets: ByteOffsetMap

    var nodes = RawBuffer<NodeData>()
    var children = RawBuffer<NodeID>()
    var text = RawBuffer<UInt8>()
    /// The children array the last Document got, for the next to reuse (`completeDocument`).
    var deliveredChildren: [NodeID] = []
    var tags: [String] = []
    var tagIDs: [String: Int32] = [:]
    var pending = RawBuffer<NodeID>()
    var frames = RawBuffer<Frame>(capacity: 64)
    /// The anchors of the open collections that have one, innermost last.
    var frameAnchors: [String] = []
    /// Each anchor's node and weight (its node count with aliases expanded), for the alias limits.
    var anchors: [String: (id: NodeID, weight: Int)] = [:]
    var aliasCount = 0
    /// Whether a mapping of the document has a merge key (found where `mappingError` looks).
    var hasMergeKey = false
    var expansion = 0
    var root: NodeID?
    var documentStart = SourcePosition.start
    /// The line of the document's `---` (1-based), 0 when it has none.
    var separatorLine = 0
    /// Whether kubectl keeps the document's `---` in the piece of the stream it hands to YAML
    /// (`SeparatorLines`), and the line of the last `---` before it.
    var separators = SeparatorLines()
    /// Set at the first document's end: a directive after it is kubectl's to take.
    var sawDocumentEnd = false
    /// Whether the last document ended with a `...` (for `libyamlError`).
    var endedWithMarker = false
    /// Whether a document ended since kubectl's last cut (a `---` after a line feed, or the
    /// input's start): go-yaml reads one document of each piece (`crSeparatorError`).
    var pieceHasDocument = false
    /// The document's first key that kubectl refuses when it decodes (`keyTypeError`), thrown
    /// at the document's end.
    var pendingKeyError: YAMLError?
    /// Where the current document (or the gap before the next one) began, for the size limit.
    var documentBase = 0 {
        didSet {
            documentEnd = Self.sum(documentBase, limits.maxDocumentBytes)
            feed.pointee.documentEnd = documentEnd - base.offset
        }
    }
    /// The furthest byte the document limit allows (saturating).
    var documentEnd = Int.max
    /// The end of the last event: a scalar's size is counted from here.
    var lastEnd = SourcePosition.start { didSet { feed.pointee.lastEnd = lastEnd.offset - base.offset } }
    /// What libyaml reads from. The two properties above keep its stop (where the
    /// limits end) up to date as they change, one store per event. Allocated with the
    /// Builder, freed at the end of `run`.
    let feed: UnsafeMutablePointer<InputFeed>
    /// Where `buffer` starts in its file (a FilePiece), so that positions are the file's.
    let base: SourcePosition
    var documentIndex = 0
    /// Set by a DOCUMENT-END event: the document is complete.
    var completedDocumentEnd: SourcePosition?
    let isFlowStream: Bool
    /// The input, checked and copied for libyaml's scanner, when it may be (`PrimedInput`).
    var primed: PrimedInput?
    /// Set when the stream has a line break that only libyaml counts (NEL, LS, PS): its
    /// marks' lines and columns are then counted again from their offsets (`LineBreak`).
    /// Such a stream is not ASCII, so an ASCII file's marks never ask (`position(_:)`).
    let lines: LineTable?
    /// The surrogate pairs of a rewritten JSON stream (`JSONSurrogates`), offsets in `buffer`.
    var surrogatePairs: [(offset: Int, scalar: Unicode.Scalar)] = []

    init(buffer: UnsafeBufferPointer<UInt8>, file: String, limits: ReaderLimits, base: SourcePosition = .start,
         decoding: Reader.Decoding = .primedWhenPlain) {
        self.buffer = buffer
        self.file = file
        self.limits = limits
        self.base = base
        documentStart = base
        documentBase = base.offset
        documentEnd = Self.sum(base.offset, limits.maxDocumentBytes)
        lastEnd = base
        primed = decoding == .primedWhenPlain ? PrimedInput(buffer, limits: limits) : nil
        offsets = ByteOffsetMap(bytes: buffer, isASCII: primed?.isASCII)
        lines = primed?.isASCII == true || !FileSplitter.hasUnicodeLineBreak(buffer) ? nil : LineTable(buffer)
        feed = .allocate(capacity: 1)
        feed.initialize(to: InputFeed(buffer: buffer))
        feed.pointee.maxScalar = limits.maxScalarBytes
        feed.pointee.lastEnd = 0
        feed.pointee.documentEnd = documentEnd - base.offset
        let first = Reader.firstByte(afterBlanksIn: buffer)
        isFlowStream = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    @inline(__always)
    mutating func position(_ mark: yaml_mark_t) -> SourcePosition {
        // Offsets, lines and columns are below the input's size, which the reader keeps under 4 GiB.
        guard let offset = offsets.asciiOffset(ofIndex: Int(mark.index)) else { return position(beyondASCII: mark) }
        return SourcePosition(fitting: base.offset &+ offset, line: base.line &+ Int(mark.line), column: Int(mark.column) &+ 1)
    }

    /// A mark's position in a file that is not ASCII (or at its end): its offset found by
    /// `ByteOffsetMap`'s walk, its line and column counted again when libyaml counts more
    /// lines than `LineBreak` (a NEL, LS or PS in the stream). Kept out of the event loop.
    @inline(never)
    mutating func position(beyondASCII mark: yaml_mark_t) -> SourcePosition {
        let offset = offsets.offset(ofIndex: Int(mark.index))
        if let lines { return lines.position(ofByte: offset, base: base) }
        return SourcePosition(fitting: base.offset &+ offset, line: base.line &+ Int(mark.line), column: Int(mark.column) &+ 1)
    }

    mutating func run(_ body: (Document) -> Void) -> YAMLError? {
        defer {
            text.deallocate(); nodes.deallocate(); children.deallocate(); pending.deallocate(); frames.deallocate()
            feed.deinitialize(count: 1); feed.deallocate(); primed?.deallocate()
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            return YAMLError(kind: .reader, problem: "libyaml could not allocate a parser", file: file, position: .start)
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input(&parser, InputFeed.handler, feed)
        primed?.install(&parser)
        defer { primed?.uninstall(&parser) }  // before yaml_parser_delete (defers run last first)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                return feed.pointee.refused ? feedLimitError() : libyamlError(parser)
            }
            let done = event.type == YAML_STREAM_END_EVENT
            do throws(YAMLError) {
                try handle(&event)
            } catch {
                Self.release(&event)
                return error
            }
            if let end = completedDocumentEnd {
                // The body runs here, not in handle(), so the per-event code is not
                // specialised on the body's captures (they would be copied per event).
                completedDocumentEnd = nil
                if !surrogatePairs.isEmpty { restoreSurrogatePairs() }
                var document = completeDocument(end: end)
                body(document)
                if isKnownUniquelyReferenced(&document) {
                    document.handBackArena()
                } else {
                    // The body kept the document: its nodes and text stay its own.
                    nodes = RawBuffer()
                    text = RawBuffer()
                    deliveredChildren = []
                }
                documentIndex += 1
                resetDocument()
            }
            if done { return nil }
        }
    }

    /// Each double-quoted scalar of the document that holds a surrogate pair, read again from
    /// its bytes as the JSON string it is (`JSONSurrogates.decodeString`): libyaml read each
    /// pair's two escapes as U+FFFD.
    @inline(never)
    mutating func restoreSurrogatePairs() {
        for index in 0..<nodes.count {
            let node = nodes[index]
            guard node.kind == .scalar, node.style == .doubleQuoted else { continue }
            let start = node.range.start.offset - base.offset, end = node.range.end.offset - base.offset
            let pair = JSONSurrogates.firstPair(atOrAfter: start, in: surrogatePairs)
            guard start >= 0, end <= buffer.count, pair < surrogatePairs.count, surrogatePairs[pair].offset < end,
                  let value = JSONSurrogates.decodeString(UnsafeBufferPointer(rebasing: buffer[start..<end]), offset: start,
                                                          pairs: surrogatePairs),
                  !value.isEmpty else { continue }
            nodes[index].payloadStart = Int32(text.count)
            nodes[index].payloadCount = Int32(value.count)
            value.withUnsafeBufferPointer { text.append($0.baseAddress!, count: $0.count) }
        }
    }

    /// The complete document. It reads its nodes and text in the arena's own buffers
    /// (no copy): when the body kept no reference to it, `run` takes them back for the
    /// next document (`handBackArena`); when the body keeps it (`readAll`), they are
    /// the document's and the reader starts new ones. Its children are a copy, made
    /// into the array the previous Document got: unique again once that Document is
    /// gone, so the copy reuses its storage (no allocation and no free per document).
    mutating func completeDocument(end: SourcePosition) -> Document {
        children.copy(into: &deliveredChildren)
        var end = end
        if base.column != 1 { shiftFirstLine(end: &end) }
        return Document(file: file, index: documentIndex, range: SourceRange(start: documentStart, end: end),
                        root: root, isFlowStream: isFlowStream, nodes: ArenaBuffer(nodes), children: deliveredChildren,
                        text: ArenaBuffer(text), tags: tags, hasAliases: aliasCount > 0 || hasMergeKey)
    }

    /// Gives the positions on the buffer's first line the file's columns, for a buffer that
    /// starts inside a line (a JSON value after another, `JSONStream`): libyaml counts the
    /// columns from the buffer's start. Once per document, never on a YAML stream. An
    /// error's position is shifted by the reader (`Reader.build`); a position written into
    /// an error's text is shifted where it is written (`onFirstLineShifted`).
    @inline(never)
    mutating func shiftFirstLine(end: inout SourcePosition) {
        for index in 0..<nodes.count {
            nodes[index].range.start = onFirstLineShifted(nodes[index].range.start)
            nodes[index].range.end = onFirstLineShifted(nodes[index].range.end)
        }
        documentStart = onFirstLineShifted(documentStart)
        end = onFirstLineShifted(end)
    }

    func onFirstLineShifted(_ position: SourcePosition) -> SourcePosition {
        guard position.line == base.line else { return position }
        var shifted = position
        shifted.column += base.column - 1
        return shifted
    }

    /// The scalar limit after the last event (saturating).
    var scalarEnd: Int { Self.sum(lastEnd.offset, limits.maxScalarBytes) }

    static func sum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    /// Frees the strings `event` owns, for an event that `handle` refused (it frees the
    /// others' itself). Scalars and collections, nearly every event, free theirs with
    /// libyaml's `yaml_free`, as `yaml_event_delete` does; that function also clears the
    /// whole event, a `rep stos` of 104 bytes that `yaml_parser_parse` repeats anyway
    /// before it fills the next one: 51 instructions an event, 2.6 % of all on the
    /// benchmark corpus (1.150 to 1.130 G on 5 MB). Every other event goes to it.
    @inline(__always)
    static func release(_ event: inout yaml_event_t) {
        switch event.type {
        case YAML_SCALAR_EVENT: releaseScalar(&event)
        case YAML_SEQUENCE_START_EVENT: releaseSequenceStart(&event)
        case YAML_MAPPING_START_EVENT: releaseMappingStart(&event)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: break
        default: yaml_event_delete(&event)
        }
    }

    /// The strings each kind of event owns, freed (for `release`, and for `handle` once it
    /// has added the event).
    @inline(__always)
    static func releaseScalar(_ event: inout yaml_event_t) {
        free(event.data.scalar.value)
        free(event.data.scalar.tag)
        free(event.data.scalar.anchor)
    }

    @inline(__always)
    static func releaseSequenceStart(_ event: inout yaml_event_t) {
        free(event.data.sequence_start.tag)
        free(event.data.sequence_start.anchor)
    }

    @inline(__always)
    static func releaseMappingStart(_ event: inout yaml_event_t) {
        free(event.data.mapping_start.tag)
        free(event.data.mapping_start.anchor)
    }

    /// A string of an event's, if it has one (a tag or an anchor mostly has not: no call then).
    @inline(__always)
    static func free(_ string: UnsafeMutablePointer<yaml_char_t>?) {
        if let string { yaml_free(string) }
    }

    /// Adds one event to the document. Errors are thrown (typed), not returned as an
    /// optional: the caller then tests a flag per event instead of copying an optional
    /// YAMLError out of every call.
    /// Every event's end is positioned (the limits count from it); its start only
    /// where it is used: a collection's or a document's end event (one in five) needs
    /// none. The start comes first, so that the cursor of a non-ASCII file
    /// (`ByteOffsetMap`) walks forwards, not back over each scalar.
    /// Scalars and collections, nearly every event, take paths of their own.
    /// Inlined into `run`'s loop: called, it saved and restored registers and set up
    /// its frame on every event (some 30 of a scalar's 150 instructions).
    /// Each path frees the event's strings once it has added the event (as `release`
    /// would), so that one switch on the event's type serves both: a second one after
    /// `handle` went the wrong way 270,000 times on the 5 MB benchmark corpus (callgrind's
    /// branch simulation; 1,041.1 to 1,034.4 M instructions). An event it refuses (a
    /// throw) keeps its strings for `release`.
    @inline(__always)
    mutating func handle(_ event: inout yaml_event_t) throws(YAMLError) {
        switch event.type {
        case YAML_SCALAR_EVENT:
            try addScalar(&event)
            return Self.releaseScalar(&event)
        case YAML_SEQUENCE_START_EVENT:
            try startCollection(&event)
            return Self.releaseSequenceStart(&event)
        case YAML_MAPPING_START_EVENT:
            try startCollection(&event)
            return Self.releaseMappingStart(&event)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: return try endCollection(&event)
        default: break
        }
        let usesStart = event.type != YAML_DOCUMENT_END_EVENT
        // For an end event `start` is not read: the last end stands in for it.
        let start = usesStart ? position(event.start_mark) : lastEnd
        let end = position(event.end_mark)
        lastEnd = end
        if end.offset > documentEnd && event.type != YAML_STREAM_START_EVENT && event.type != YAML_STREAM_END_EVENT {
            throw documentLimitError(at: usesStart ? start : position(event.start_mark))
        }
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documentStart = start
            documentBase = start.offset
            // The `---` is the event's end: its start is a directive's, when it has one.
            separatorLine = event.data.document_start.implicit != 0 ? 0 : end.line
            if separatorLine != 0 {
                separators.add(line: separatorLine)
                if let error = crSeparatorError(dashesEnd: end) { throw error }
            }
            if base.offset == 0 && !sawDocumentEnd, let error = directiveError(event.data.document_start, at: start) { throw error }
        case YAML_DOCUMENT_END_EVENT:
            if let error = separatorLineError() ?? pendingKeyError { throw error }
            if event.data.document_end.implicit == 0, let error = documentEndError(event.start_mark) { throw error }
            sawDocumentEnd = true
            // An empty document (a `---` and nothing, or comments) is none to go-yaml's first read.
            if !isEmptyDocument { pieceHasDocument = true }
            endedWithMarker = event.data.document_end.implicit == 0
            completedDocumentEnd = end
            documentBase = end.offset
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let (target, weight) = anchors[name] else {
                throw YAMLError(kind: .composer, problem: "found undefined alias '\(name)'", file: file,
                                 position: start, snippet: snippet(at: start))
            }
            aliasCount += 1
            let (sum, overflow) = expansion.addingReportingOverflow(weight)
            expansion = overflow ? Int.max : sum
            if aliasCount > limits.maxAliases {
                throw limitError("more than \(limits.maxAliases) aliases in one document (raise it with --max-aliases)", at: start)
            }
            if expansion > limits.maxAliasExpansion {
                throw limitError("aliases expand to more than \(limits.maxAliasExpansion) nodes (raise it with --max-alias-expansion)", at: start)
            }
            add(target)
        default:
            break
        }
        yaml_event_delete(&event)
    }

    /// A scalar event (three events in five) on a path of its own, as collections' are:
    /// with the start and end shared by every event out of one switch, the positions
    /// were kept on the stack across its joins.
    @inline(__always)
    mutating func addScalar(_ event: inout yaml_event_t) throws(YAMLError) {
        // The tag first: registering a new one is a call, and the positions are not yet live across it.
        let tag = tagIndex(event.data.scalar.tag)
        let start = position(event.start_mark)
        let end = position(event.end_mark)
        lastEnd = end
        if end.offset > documentEnd { throw documentLimitError(at: start) }
        let scalar = event.data.scalar
        let length = Int(scalar.length)
        if length > limits.maxScalarBytes { throw scalarLimitError(at: start) }
        if nodes.count >= limits.maxNodes { throw nodeLimitError(at: start) }
        // A line inside it that kubectl takes for a document separator (`---x`). Of the ways
        // tried, the cheapest (7 to 9 M instructions on the 5 MB benchmark, under 1 %):
        // candidates noted for the document's end, or the check after the node is stored,
        // cost more.
        if start.column == 1 || start.line != end.line {
            let dashes = dashLine(from: start, to: end)
            if dashes >= 0 { throw dashLineError(at: dashes, scalarStart: start) }
        }
        // The node first, then its bytes: its positions are stored before the copy's
        // call, not kept (spilled) across it.
        let id = NodeID(nodes.count)
        nodes.append(NodeData(kind: .scalar, style: Self.scalarStyle(scalar.style), range: SourceRange(start: start, end: end),
                              payloadStart: Int32(text.count), payloadCount: Int32(length), tag: tag))
        // libyaml builds every scalar's value in a block of 16 bytes doubled as it grows
        // (`STRING_INIT` with `INITIAL_STRING_SIZE` 16, `yaml_string_extend`), so the bytes
        // up to the next multiple of 16 after the value are inside its block.
        if length > 0, let value = scalar.value { text.append(blocksFrom: value, count: length) }
        if let anchor = Self.string(scalar.anchor) { anchors[anchor] = (id, 1) }
        add(id)
    }

    @inline(__always)
    mutating func startCollection(_ event: inout yaml_event_t) throws(YAMLError) {
        let isSequence = event.type == YAML_SEQUENCE_START_EVENT
        // The tag first, as for a scalar.
        let tag = tagIndex(isSequence ? event.data.sequence_start.tag : event.data.mapping_start.tag)
        let start = position(event.start_mark)
        let end = position(event.end_mark)
        lastEnd = end
        if end.offset > documentEnd { throw documentLimitError(at: start) }
        if frames.count >= limits.maxDepth {
            throw limitError("nesting is deeper than \(limits.maxDepth) levels (raise it with --max-depth)", at: start)
        }
        if nodes.count >= limits.maxNodes { throw nodeLimitError(at: start) }
        let flow = isSequence ? event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                              : event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
        let id = NodeID(nodes.count)
        nodes.append(NodeData(kind: isSequence ? .sequence : .mapping, style: flow ? .flow : .block,
                              range: SourceRange(start: start, end: end), payloadStart: 0, payloadCount: 0, tag: tag))
        var frame = Frame(id: id, kind: isSequence ? .sequence : .mapping, pendingStart: pending.count, expansionStart: expansion)
        if let anchor = Self.string(isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor) {
            // Registered when the collection ends, so an alias inside it is undefined (no cycles).
            frameAnchors.append(anchor)
            frame.isAnchored = true
        }
        frames.append(frame)
    }

    /// A collection's end event: its start is not positioned unless an error needs it.
    @inline(__always)
    mutating func endCollection(_ event: inout yaml_event_t) throws(YAMLError) {
        let end = position(event.end_mark)
        lastEnd = end
        if end.offset > documentEnd { throw documentLimitError(at: position(event.start_mark)) }
        guard frames.count > 0 else { return }
        let frame = frames[frames.count - 1]
        frames.removeLast(1)
        let index = Int(frame.id.index)
        let members = pending.slice(from: frame.pendingStart, count: pending.count - frame.pendingStart)
        if frame.kind == .mapping, Self.mayHaveKeyError(members, nodes: nodes, text: text) {
            if let error = mappingError(members) { throw earliest(error, enclosing: frame.pendingStart) }
            if pendingKeyError == nil { pendingKeyError = keyTypeError(members) }
            if !hasMergeKey { hasMergeKey = holdsMergeKey(members) }
        }
        nodes[index].payloadStart = Int32(children.count)
        nodes[index].payloadCount = Int32(members.count)
        nodes[index].range.end = end
        if let first = members.baseAddress { children.append(first, count: members.count) }
        pending.removeLast(members.count)
        if frame.isAnchored, let anchor = frameAnchors.popLast() { anchors[anchor] = (frame.id, weight(of: frame)) }
        add(frame.id)
    }

    @inline(__always)
    mutating func add(_ id: NodeID) {
        if frames.count == 0 {
            root = id
        } else {
            pending.append(id)
        }
    }

    /// A collection's weight, 1 plus its children's (an alias weighs what its anchor
    /// does): the nodes created since it started plus what the aliases read since then
    /// added to `expansion`. Derived at its end, so that a child costs no update of
    /// its parent. Exact while `expansion` has not saturated; once it has, it stays
    /// saturated and weights no longer change anything.
    func weight(of frame: Frame) -> Int {
        Self.sum(nodes.count - Int(frame.id.index), expansion - frame.expansionStart)
    }

    /// The node tag for libyaml's tag string: 0 for none, else its index in `tags` plus one.
    @inline(__always)
    mutating func tagIndex(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> Int32 {
        guard let pointer else { return 0 }
        return registeredTag(pointer)
    }

    mutating func registeredTag(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> Int32 {
        let tag = String(cString: pointer)
        if let id = tagIDs[tag] { return id }
        tags.append(tag)
        tagIDs[tag] = Int32(tags.count)
        return Int32(tags.count)
    }

    mutating func resetDocument() {
        nodes.removeAll()
        children.removeAll()
        text.removeAll()
        tags.removeAll(keepingCapacity: true)
        tagIDs.removeAll(keepingCapacity: true)
        pending.removeAll()
        anchors.removeAll(keepingCapacity: true)
        aliasCount = 0
        hasMergeKey = false
        expansion = 0
        root = nil
        pendingKeyError = nil
    }

    /// False when every key is an untagged scalar that cannot be null, none is `<<` and no two
    /// have the same bytes: the mappings that need neither `mappingError` nor `keyTypeError`.
    /// Small mappings (nearly all of them) are compared pairwise, without hashing, in one pass
    /// that looks for the rest too; larger ones are left to `mappingError`'s dictionary. Static, with the two buffers passed
    /// in: a method called from the mutating `handle` gets a copy of the whole Builder
    /// (some 400 bytes) first.
    static func mayHaveKeyError(_ entries: UnsafeBufferPointer<NodeID>, nodes: RawBuffer<NodeData>,
                                          text: RawBuffer<UInt8>) -> Bool {
        if entries.count > 32 { return true }
        // Keys are every other entry; at most 16 of them, so the indexes cannot overflow.
        let keyCount = entries.count / 2
        var i = 0
        while i < keyCount {
            let a = nodes[Int(entries[2 &* i].index)]
            i &+= 1
            guard a.kind == .scalar else { return true }
            let count = Int(a.payloadCount)
            let bytes = text.base + Int(a.payloadStart)
            // `<<`, or null (`~`, `null`, nothing) or tagged: `mappingError` and `keyTypeError`
            // decide. Nearly every key is longer than 4 bytes or 4 bytes not `nu..`.
            if count <= 4 {
                switch count {
                case 0: return true
                case 1: if bytes[0] == UInt8(ascii: "~") { return true }
                case 2: if bytes[0] == UInt8(ascii: "<") && bytes[1] == UInt8(ascii: "<") { return true }
                case 4: if bytes[0] | 0x20 == UInt8(ascii: "n") && bytes[1] | 0x20 == UInt8(ascii: "u") { return true }
                default: break
                }
            }
            if a.tag != 0 { return true }
            var j = i
            while j < keyCount {
                let b = nodes[Int(entries[2 &* j].index)]
                j &+= 1
                if b.kind == .scalar && Int(b.payloadCount) == count && same(bytes, text.base + Int(b.payloadStart), count: count) { return true }
            }
        }
        return false
    }

    /// Whether `count` bytes at `a` and `b` are the same. A loop, not memcmp: keys of one
    /// length are rare, and without a call `mayHaveKeyError` keeps its values in
    /// registers.
    @inline(__always)
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
        var i = 0
        while i < count {
            if a[i] != b[i] { return false }
            i &+= 1
        }
        return true
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    static func scalarStyle(_ style: yaml_scalar_style_t) -> NodeStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
