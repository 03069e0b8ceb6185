/// Parses the plain shape most manifests have straight into nodes, without libyaml; nil for anything else.
///
/// libyaml costs about 220 ns an event, much of it allocating and freeing each token's text, and every event
/// is then copied into Swift and composed. This parser reads the bytes once and builds the same `Document`s
/// the `Composer` builds from libyaml's events (values, styles and marks alike) for a strict subset of YAML:
/// - block mappings whose keys are plain, one line, unique and not `<<`;
/// - block sequences (also the indentless kind as a mapping's value) and `- key: value` items;
/// - scalars on one line: plain, single-quoted, or double-quoted without escapes;
/// - flow sequences and mappings (plain keys) of such scalars on one line;
/// - comments after a blank, blank lines, and `---` alone on its line between documents;
/// - printable ASCII and LF only (so a column is a byte offset).
///
/// Anything else (a tab, CR, non-ASCII, an anchor, alias, tag, block or multi-line scalar, a flow collection
/// that nests or spans lines, an empty value, a quoted key, a duplicate key, `...`, a directive, deep nesting,
/// or any error) makes it give up on the whole input, which libyaml then parses: its diagnostics and rarer
/// constructs stay the only source of truth. The parts: documents and block collections here, scalars, keys
/// and flow collections in `+Scalars`, lines and bytes in `+Lines`.
/// `BlockSubsetParserTests` checks it against libyaml on every YAML file of the repository and on thousands
/// of mutations of them.
struct BlockSubsetParser {
    /// Thrown to give up: the input is outside the subset.
    struct Unsupported: Error {}

    let bytes: UnsafeBufferPointer<UInt8>
    let lineOffset: Int
    var strings = StringInterner()
    /// The next byte to read.
    var position = 0
    /// The line `position` is on (0-based, within `bytes`) and where that line starts.
    var line = 0
    var lineStart = 0
    /// Entries, and beside each its key's bytes, of the mappings being built, innermost last; items of the
    /// sequences being built. Each collection's array is then allocated once, at its final size. (The
    /// composer's `MappingBuilder` does the same with `String` keys and `Node` copies: 17 % more
    /// instructions in a `validate` when this parser used it.)
    var pendingEntries: [Node.Mapping.Entry] = []
    var pendingKeys: [Range<Int>] = []
    var pendingItems: [Node] = []

    /// Nesting beyond this gives up, well within `LoadLimits.maxDepth`, so that libyaml reports any excess.
    static let maxDepth = 32
    /// A key longer than this gives up (libyaml limits a simple key to 1,024 characters).
    static let maxKeyLength = 1000
    /// A mapping with more keys than this gives up (duplicates are found by a linear scan).
    static let maxEntries = 256

    private init(_ bytes: UnsafeBufferPointer<UInt8>, lineOffset: Int) {
        self.bytes = bytes
        self.lineOffset = lineOffset
    }

    /// The documents of `bytes` (a stream, or a part of one that starts `lineOffset` lines in), or nil when
    /// it is outside the subset.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, lineOffset: Int = 0) -> [Document]? {
        guard isPrintableASCII(bytes) else { return nil }
        var parser = BlockSubsetParser(bytes, lineOffset: lineOffset)
        return try? parser.stream()
    }

    /// True when every byte is printable ASCII, a space or LF.
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        // Eight bytes at a time. Once no byte is 0x80 or over, adding to a byte carries into no other, so each
        // test below sets exactly the high bits of the bytes it finds: DEL (0x7F + 1), a byte under 0x20
        // (no high bit after + 0x60), and LF (zero after XOR with 0x0A, so no high bit after + 0x7F).
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            guard word & highs == 0 else { return false }
            let delete = (word &+ ones) & highs
            let control = ~(word &+ ones &* 0x60) & highs
            let lineFeed = ~((word ^ (ones &* 0x0A)) &+ ones &* 0x7F) & highs
            guard delete | (control & ~lineFeed) == 0 else { return false }
            index += 8
        }
        return bytes[index...].allSatisfy { $0 < 0x7F && ($0 >= 0x20 || $0 == 0x0A) }
    }

    // MARK: Documents

    mutating func stream() throws(Unsupported) -> [Document] {
        var documents: [Document] = []
        // The mark of a `---` whose document has not started yet.
        var explicitStart: Mark?
        var afterRoot = false
        while let indent = nextContent() {
            if atDocumentStart() {
                if let start = explicitStart { documents.append(Document(root: nil, mark: start)) }
                explicitStart = mark()
                position += 3
                try endLine(allowComment: false)
                afterRoot = false
                continue
            }
            // A second root, `...` or a directive.
            guard !afterRoot, byte() != UInt8(ascii: "%") else { throw Unsupported() }
            let start = explicitStart ?? mark()
            explicitStart = nil
            documents.append(Document(root: try blockNode(indent: indent, depth: 0), mark: start))
            afterRoot = true
        }
        if let start = explicitStart { documents.append(Document(root: nil, mark: start)) }
        return documents
    }

    // MARK: Block collections

    /// The block mapping or sequence whose first line's content is at `position`, in column `indent`.
    mutating func blockNode(indent: Int, depth: Int) throws(Unsupported) -> Node {
        guard depth < Self.maxDepth else { throw Unsupported() }
        if atSequenceEntry() { return try blockSequence(indent: indent, indentless: false, depth: depth) }
        if startsKey() { return try blockMapping(indent: indent, depth: depth) }
        throw Unsupported()
    }

    /// A block mapping whose first key is at `position` (maybe after `- ` on the same line), in column `indent`.
    mutating func blockMapping(indent: Int, depth: Int) throws(Unsupported) -> Node {
        let start = mark()
        let base = pendingEntries.count
        while true {
            let key = try plainKey()
            try checkNewKey(key.bytes, from: base)
            let value = try value(after: indent, inMapping: true, depth: depth)
            pushEntry(key, value)
            guard let next = nextContent(), next >= indent, !atDocumentStart() else { break }
            // Deeper is a continuation libyaml would fold or reject; `-` here is not a value's sequence.
            guard next == indent, !atSequenceEntry() else { throw Unsupported() }
        }
        return .mapping(Node.Mapping(entries: takeEntries(from: base), mark: start))
    }

    /// A block sequence whose first `-` is at `position`, in column `indent`. An indentless one (a mapping's
    /// value, at the mapping's own column) ends at the mapping's next key.
    mutating func blockSequence(indent: Int, indentless: Bool, depth: Int) throws(Unsupported) -> Node {
        let start = mark()
        let base = pendingItems.count
        while true {
            position += 1
            skipSpaces()
            if atSequenceEntry() { throw Unsupported() }
            if !atLineEnd(), startsKey() {
                pendingItems.append(try blockMapping(indent: position - lineStart, depth: depth + 1))
            } else {
                pendingItems.append(try value(after: indent, inMapping: false, depth: depth))
            }
            guard let next = nextContent(), next >= indent, !atDocumentStart() else { break }
            guard next == indent else { throw Unsupported() }
            guard atSequenceEntry() else {
                if indentless { break }
                throw Unsupported()
            }
        }
        return .sequence(Node.Sequence(items: takeItems(from: base), mark: start))
    }

    /// The value after a key's `:` or an item's `-` (at `position`) of a collection in column `indent`: on the
    /// same line, or a block collection on the lines below. Leaves `position` at the start of the next line.
    mutating func value(after indent: Int, inMapping: Bool, depth: Int) throws(Unsupported) -> Node {
        skipSpaces()
        guard atLineEnd() else {
            let node = try inlineValue()
            try endLine(allowComment: true)
            return node
        }
        try endLine(allowComment: true)
        // An empty value (a null whose mark libyaml places by rules of its own) is left to libyaml.
        guard let next = nextContent() else { throw Unsupported() }
        if next > indent { return try blockNode(indent: next, depth: depth + 1) }
        if next == indent, inMapping, atSequenceEntry() {
            return try blockSequence(indent: indent, indentless: true, depth: depth + 1)
        }
        throw Unsupported()
    }

    // MARK: Collections being built

    /// Gives up when the key at `key` is already among the entries from `base` on, or there are too many.
    func checkNewKey(_ key: Range<Int>, from base: Int) throws(Unsupported) {
        guard pendingKeys.count - base < Self.maxEntries else { throw Unsupported() }
        for other in pendingKeys[base...] where other.count == key.count {
            if bytes[other].elementsEqual(bytes[key]) { throw Unsupported() }
        }
    }

    mutating func pushEntry(_ key: (scalar: Node.Scalar, bytes: Range<Int>), _ value: Node) {
        pendingEntries.append(Node.Mapping.Entry(key: .scalar(key.scalar), value: value))
        pendingKeys.append(key.bytes)
    }

    mutating func takeEntries(from base: Int) -> [Node.Mapping.Entry] {
        ScratchStack.truncate(&pendingKeys, to: base)
        return ScratchStack.take(&pendingEntries, from: base, filler: Self.fillerEntry)
    }

    mutating func takeItems(from base: Int) -> [Node] {
        ScratchStack.take(&pendingItems, from: base, filler: ScratchStack.fillerNode)
    }

    static let fillerEntry = Node.Mapping.Entry(key: ScratchStack.fillerNode, value: ScratchStack.fillerNode)

    /// `<<`, a merge key (left to libyaml and the composer): `MergeKeys.isMergeKey` of a plain, untagged key,
    /// read from its bytes (that function's tag and string comparisons cost about 5 % of a `validate`).
    func isMergeKey(_ key: Range<Int>) -> Bool {
        key.count == 2 && bytes[key.lowerBound] == UInt8(ascii: "<") && bytes[key.lowerBound + 1] == UInt8(ascii: "<")
    }
}
