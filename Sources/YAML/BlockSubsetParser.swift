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
/// Anything else (a tab, CR, non-ASCII, an anchor, alias, tag, block or multi-line scalar, flow mapping,
/// empty value, duplicate key, `...`, a directive, deep nesting, or any error) makes it give up on the whole
/// input, which libyaml then parses: its diagnostics and rarer constructs stay the only source of truth.
/// `BlockSubsetParserTests` checks it against libyaml on every YAML file of the repository and on thousands
/// of mutations of them.
struct BlockSubsetParser {
    /// Thrown to give up: the input is outside the subset.
    struct Unsupported: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private let lineOffset: Int
    private var strings = StringInterner()
    /// The next byte to read.
    private var position = 0
    /// The line `position` is on (0-based, within `bytes`) and where that line starts.
    private var line = 0
    private var lineStart = 0
    /// Entries, and beside each its key's bytes, of the mappings being built, innermost last; items of the
    /// sequences being built. Each collection's array is then allocated once, at its final size.
    private var pendingEntries: [Node.Mapping.Entry] = []
    private var pendingKeys: [Range<Int>] = []
    private var pendingItems: [Node] = []

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
    private static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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

    private mutating func stream() throws(Unsupported) -> [Document] {
        var documents: [Document] = []
        // The mark of a `---` whose document has not started yet.
        var explicitStart: Mark?
        var afterRoot = false
        while let indent = nextContent() {
            if indent == 0, atDocumentMarker(UInt8(ascii: "-")) {
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
    private mutating func blockNode(indent: Int, depth: Int) throws(Unsupported) -> Node {
        guard depth < Self.maxDepth else { throw Unsupported() }
        if atSequenceEntry() { return try blockSequence(indent: indent, indentless: false, depth: depth) }
        if startsKey() { return try blockMapping(indent: indent, depth: depth) }
        throw Unsupported()
    }

    /// A block mapping whose first key is at `position` (maybe after `- ` on the same line), in column `indent`.
    private mutating func blockMapping(indent: Int, depth: Int) throws(Unsupported) -> Node {
        let start = mark()
        let base = pendingEntries.count
        while true {
            let key = try plainKey()
            try checkNewKey(key.bytes, from: base)
            let value = try value(after: indent, inMapping: true, depth: depth)
            pushEntry(key, value)
            guard let next = nextContent(), next >= indent, !(next == 0 && atDocumentMarker(UInt8(ascii: "-"))) else { break }
            // Deeper is a continuation libyaml would fold or reject; `-` here is not a value's sequence.
            guard next == indent, !atSequenceEntry() else { throw Unsupported() }
        }
        return .mapping(Node.Mapping(entries: takeEntries(from: base), mark: start))
    }

    /// A block sequence whose first `-` is at `position`, in column `indent`. An indentless one (a mapping's
    /// value, at the mapping's own column) ends at the mapping's next key.
    private mutating func blockSequence(indent: Int, indentless: Bool, depth: Int) throws(Unsupported) -> Node {
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
            guard let next = nextContent(), next >= indent, !(next == 0 && atDocumentMarker(UInt8(ascii: "-"))) else { break }
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
    private mutating func value(after indent: Int, inMapping: Bool, depth: Int) throws(Unsupported) -> Node {
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
        if next == indent, inMapping, atSequenceEntry(), !(next == 0 && atDocumentMarker(UInt8(ascii: "-"))) {
            return try blockSequence(indent: indent, indentless: true, depth: depth + 1)
        }
        throw Unsupported()
    }

    // MARK: Scalars and flow sequences

    /// A scalar or flow sequence that starts at `position` and ends on this line.
    private mutating func inlineValue() throws(Unsupported) -> Node {
        switch byte() {
        case UInt8(ascii: "["): return try flowSequence()
        case UInt8(ascii: "{"): return try flowMapping()
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return .scalar(try quoted())
        default: return .scalar(try plain(inFlow: false))
        }
    }

    /// A plain key and its `:`, which must be followed by a blank or the line's end.
    private mutating func plainKey() throws(Unsupported) -> (scalar: Node.Scalar, bytes: Range<Int>) {
        let start = position
        guard !Self.isIndicator(byte()) else { throw Unsupported() }
        var index = start
        while true {
            let current = byte(at: index)
            if current == Self.lineFeed || current == 0 { throw Unsupported() }
            if current == Self.colon, Self.isBlankOrEnd(byte(at: index + 1)) { break }
            if current == Self.space, byte(at: index + 1) == Self.hash { throw Unsupported() }
            index += 1
        }
        guard index - start <= Self.maxKeyLength, byte(at: index - 1) != Self.space else { throw Unsupported() }
        guard !isMergeKey(start..<index) else { throw Unsupported() }
        position = index + 1
        return (scalar(start..<index, style: .plain), start..<index)
    }

    /// True when the line from `position` holds a plain key and its `:`.
    private func startsKey() -> Bool {
        guard !Self.isIndicator(byte()) else { return false }
        var index = position
        while true {
            let current = byte(at: index)
            if current == Self.lineFeed || current == 0 { return false }
            if current == Self.colon, Self.isBlankOrEnd(byte(at: index + 1)) { return true }
            if current == Self.space, byte(at: index + 1) == Self.hash { return false }
            index += 1
        }
    }

    /// A plain scalar that ends on this line: at its end, before ` #`, or (in a flow) before `,`, `]` or `}`.
    private mutating func plain(inFlow: Bool) throws(Unsupported) -> Node.Scalar {
        let start = position
        let first = byte()
        // `-` followed by a non-blank starts a plain scalar (`-1`); every other indicator gives up.
        guard !Self.isIndicator(first) || (first == UInt8(ascii: "-") && !Self.isBlankOrEnd(byte(at: start + 1))) else {
            throw Unsupported()
        }
        var index = start
        var end = start
        scan: while true {
            let current = byte(at: index)
            switch current {
            case Self.lineFeed, 0:
                // A flow sequence must close on its line.
                if inFlow { throw Unsupported() }
                break scan
            case Self.space:
                if byte(at: index + 1) == Self.hash { break scan }
            case Self.colon:
                // `: ` would start a mapping; in a flow, so would `:` before a flow indicator (or it fails).
                let after = byte(at: index + 1)
                if Self.isBlankOrEnd(after) || (inFlow && Self.isFlowIndicatorOrQuestion(after)) { throw Unsupported() }
                end = index + 1
            case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"):
                if inFlow { break scan }
                end = index + 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if inFlow { throw Unsupported() }
                end = index + 1
            default:
                end = index + 1
            }
            index += 1
        }
        guard end > start else { throw Unsupported() }
        position = end
        return scalar(start..<end, style: .plain)
    }

    /// A single-quoted scalar (`''` is a quote), or a double-quoted one without `\`, closed on this line.
    private mutating func quoted() throws(Unsupported) -> Node.Scalar {
        let quote = byte()
        let start = position
        var index = start + 1
        var doubled = false
        while true {
            let current = byte(at: index)
            if current == Self.lineFeed || current == 0 || current == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                throw Unsupported()
            }
            if current == quote {
                guard quote == UInt8(ascii: "'"), byte(at: index + 1) == quote else { break }
                doubled = true
                index += 1
            }
            index += 1
        }
        let mark = mark()
        // A quoted key, or anything else glued to the closing quote, is left to libyaml.
        let after = byte(at: index + 1)
        guard Self.isBlankOrEnd(after) || after == UInt8(ascii: ",") || after == UInt8(ascii: "]") || after == UInt8(ascii: "}")
        else { throw Unsupported() }
        let content = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<index])
        var value = strings.string(content)
        if doubled { value = value.replacingDoubledQuotes() }
        position = index + 1
        return Node.Scalar(value: value, style: quote == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted, mark: mark)
    }

    /// `[a, 'b', "c"]` on one line: scalars only, no trailing comma.
    private mutating func flowSequence() throws(Unsupported) -> Node {
        let start = mark()
        let base = pendingItems.count
        position += 1
        skipSpaces()
        if byte() == UInt8(ascii: "]") {
            position += 1
            return .sequence(Node.Sequence(items: [], mark: start))
        }
        while true {
            skipSpaces()
            switch byte() {
            case UInt8(ascii: "'"), UInt8(ascii: "\""): pendingItems.append(.scalar(try quoted()))
            case UInt8(ascii: "?"), UInt8(ascii: ":"): throw Unsupported()
            default: pendingItems.append(.scalar(try plain(inFlow: true)))
            }
            skipSpaces()
            switch byte() {
            case UInt8(ascii: ","):
                position += 1
                skipSpaces()
                if byte() == UInt8(ascii: "]") { throw Unsupported() }
            case UInt8(ascii: "]"):
                position += 1
                return .sequence(Node.Sequence(items: takeItems(from: base), mark: start))
            default:
                throw Unsupported()
            }
        }
    }

    /// `{key: value, ...}` on one line: plain, unique keys (not `<<`) and scalar values, no trailing comma.
    private mutating func flowMapping() throws(Unsupported) -> Node {
        let start = mark()
        let base = pendingEntries.count
        position += 1
        skipSpaces()
        if byte() == UInt8(ascii: "}") {
            position += 1
            return .mapping(Node.Mapping(entries: [], mark: start))
        }
        while true {
            skipSpaces()
            let key = try flowKey()
            try checkNewKey(key.bytes, from: base)
            skipSpaces()
            let value: Node.Scalar
            switch byte() {
            case UInt8(ascii: "'"), UInt8(ascii: "\""): value = try quoted()
            case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "}"): throw Unsupported()
            default: value = try plain(inFlow: true)
            }
            pushEntry(key, .scalar(value))
            skipSpaces()
            switch byte() {
            case UInt8(ascii: ","):
                position += 1
                skipSpaces()
                if byte() == UInt8(ascii: "}") { throw Unsupported() }
            case UInt8(ascii: "}"):
                position += 1
                return .mapping(Node.Mapping(entries: takeEntries(from: base), mark: start))
            default:
                throw Unsupported()
            }
        }
    }

    /// A flow mapping's plain key and its `:`, which must be followed by a blank.
    private mutating func flowKey() throws(Unsupported) -> (scalar: Node.Scalar, bytes: Range<Int>) {
        let start = position
        guard !Self.isIndicator(byte()) else { throw Unsupported() }
        var index = start
        while true {
            let current = byte(at: index)
            if current == Self.colon {
                guard byte(at: index + 1) == Self.space else { throw Unsupported() }
                break
            }
            if current == Self.lineFeed || current == 0 || current == Self.space || Self.isFlowIndicatorOrQuestion(current) {
                throw Unsupported()
            }
            index += 1
        }
        guard !isMergeKey(start..<index) else { throw Unsupported() }
        position = index + 1
        return (scalar(start..<index, style: .plain), start..<index)
    }

    private mutating func scalar(_ range: Range<Int>, style: ScalarStyle) -> Node.Scalar {
        let text = strings.string(UnsafeBufferPointer(rebasing: bytes[range]))
        return Node.Scalar(value: text, style: style, mark: Mark(line: line + 1 + lineOffset, column: range.lowerBound - lineStart + 1))
    }

    // MARK: Collections being built

    /// Gives up when the key at `key` is already among the entries from `base` on, or there are too many.
    private func checkNewKey(_ key: Range<Int>, from base: Int) throws(Unsupported) {
        guard pendingKeys.count - base < Self.maxEntries else { throw Unsupported() }
        for other in pendingKeys[base...] where other.count == key.count {
            if bytes[other].elementsEqual(bytes[key]) { throw Unsupported() }
        }
    }

    private mutating func pushEntry(_ key: (scalar: Node.Scalar, bytes: Range<Int>), _ value: Node) {
        pendingEntries.append(Node.Mapping.Entry(key: .scalar(key.scalar), value: value))
        pendingKeys.append(key.bytes)
    }

    private mutating func takeEntries(from base: Int) -> [Node.Mapping.Entry] {
        ScratchStack.truncate(&pendingKeys, to: base)
        return ScratchStack.take(&pendingEntries, from: base, filler: Self.fillerEntry)
    }

    private mutating func takeItems(from base: Int) -> [Node] {
        ScratchStack.take(&pendingItems, from: base, filler: ScratchStack.fillerNode)
    }

    private static let fillerEntry = Node.Mapping.Entry(key: ScratchStack.fillerNode, value: ScratchStack.fillerNode)

    /// `<<`, a merge key (left to libyaml and the composer).
    private func isMergeKey(_ key: Range<Int>) -> Bool {
        key.count == 2 && bytes[key.lowerBound] == UInt8(ascii: "<") && bytes[key.lowerBound + 1] == UInt8(ascii: "<")
    }

    // MARK: Lines

    /// Moves to the first character of the next line with content (not blank, not only a comment), from the
    /// start of the current line; returns its column, or nil at the end.
    private mutating func nextContent() -> Int? {
        position = lineStart
        while true {
            skipSpaces()
            switch byte() {
            case 0:
                return nil
            case Self.lineFeed:
                nextLine(after: position)
            case Self.hash:
                while byte() != Self.lineFeed && byte() != 0 { position += 1 }
                if byte() == 0 { return nil }
                nextLine(after: position)
            default:
                return position - lineStart
            }
        }
    }

    /// Checks that only blanks (and a comment after a blank, if allowed) are left on the line, and moves to
    /// the next one. (A `:` or `-` before `position` is always followed by a blank.)
    private mutating func endLine(allowComment: Bool) throws(Unsupported) {
        skipSpaces()
        if byte() == Self.hash {
            guard allowComment, position > lineStart, byte(at: position - 1) == Self.space else { throw Unsupported() }
            while byte() != Self.lineFeed && byte() != 0 { position += 1 }
        }
        switch byte() {
        case 0: lineStart = position
        case Self.lineFeed: nextLine(after: position)
        default: throw Unsupported()
        }
    }

    private mutating func nextLine(after lineFeed: Int) {
        position = lineFeed + 1
        lineStart = position
        line += 1
    }

    private mutating func skipSpaces() {
        while byte() == Self.space { position += 1 }
    }

    private func atLineEnd() -> Bool {
        let current = byte()
        return current == Self.lineFeed || current == 0 || current == Self.hash
    }

    /// `-` followed by a blank or the end: a block sequence's entry (not a `---` marker: see callers).
    private func atSequenceEntry() -> Bool {
        byte() == UInt8(ascii: "-") && Self.isBlankOrEnd(byte(at: position + 1))
            && !(position == lineStart && atDocumentMarker(UInt8(ascii: "-")))
    }

    /// `---` (or `...`) at `position`, followed by a blank or the end.
    private func atDocumentMarker(_ mark: UInt8) -> Bool {
        byte() == mark && byte(at: position + 1) == mark && byte(at: position + 2) == mark
            && Self.isBlankOrEnd(byte(at: position + 3))
    }

    private func mark() -> Mark { Mark(line: line + 1 + lineOffset, column: position - lineStart + 1) }

    // MARK: Bytes

    private func byte() -> UInt8 { byte(at: position) }

    /// The byte at `index`, or 0 past the end (0 never occurs in accepted input).
    private func byte(at index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

    private static let space = UInt8(ascii: " ")
    private static let lineFeed = UInt8(0x0A)
    private static let hash = UInt8(ascii: "#")
    private static let colon = UInt8(ascii: ":")

    private static func isBlankOrEnd(_ byte: UInt8) -> Bool { byte == space || byte == lineFeed || byte == 0 }

    private static func isFlowIndicatorOrQuestion(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): true
        default: false
        }
    }

    /// A character that starts something other than a plain scalar (or `-`/`?`/`:`, which may), or ends a line.
    private static func isIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
            UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"), space, lineFeed, 0:
            true
        default: false
        }
    }
}

extension String {
    /// A single-quoted scalar's text with each `''` made one `'`.
    fileprivate func replacingDoubledQuotes() -> String {
        var result = ""
        var previousWasQuote = false
        for character in self {
            if character == "'", previousWasQuote {
                previousWasQuote = false
                continue
            }
            previousWasQuote = character == "'"
            result.append(character)
        }
        return result
    }
}
