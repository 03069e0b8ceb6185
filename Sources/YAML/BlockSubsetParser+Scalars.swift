/// Scalars, keys and flow collections on one line (see `BlockSubsetParser`).
extension BlockSubsetParser {
    /// A scalar or flow sequence that starts at `position` and ends on this line.
    mutating func inlineValue() throws(Unsupported) -> Node {
        switch byte() {
        case UInt8(ascii: "["): return try flowSequence()
        case UInt8(ascii: "{"): return try flowMapping()
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return .scalar(try quoted())
        default: return .scalar(try plain(inFlow: false))
        }
    }

    /// A plain key and its `:`, which must be followed by a blank or the line's end.
    mutating func plainKey() throws(Unsupported) -> (scalar: Node.Scalar, bytes: Range<Int>) {
        let start = position
        guard let colon = keyColon(), colon - start <= Self.maxKeyLength, byte(at: colon - 1) != Self.space,
            !isMergeKey(start..<colon)
        else { throw Unsupported() }
        position = colon + 1
        return (scalar(start..<colon, style: .plain), start..<colon)
    }

    /// True when the line from `position` holds a plain key and its `:`.
    func startsKey() -> Bool { keyColon() != nil }

    /// Where the `:` (followed by a blank or the line's end) of a plain key that starts at `position` is; nil
    /// when the line holds none before its end or a comment.
    func keyColon() -> Int? {
        guard !Self.isIndicator(byte()) else { return nil }
        var index = position
        while true {
            let current = byte(at: index)
            if current == Self.lineFeed || current == 0 { return nil }
            if current == Self.colon, Self.isBlankOrEnd(byte(at: index + 1)) { return index }
            if current == Self.space, byte(at: index + 1) == Self.hash { return nil }
            index += 1
        }
    }

    /// A plain scalar that ends on this line: at its end, before ` #`, or (in a flow) before `,`, `]` or `}`.
    mutating func plain(inFlow: Bool) throws(Unsupported) -> Node.Scalar {
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
    mutating func quoted() throws(Unsupported) -> Node.Scalar {
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
    mutating func flowSequence() throws(Unsupported) -> Node {
        let start = mark()
        let base = pendingItems.count
        try flowItems(closing: UInt8(ascii: "]")) { parser throws(Unsupported) in
            parser.pendingItems.append(.scalar(try parser.flowScalar()))
        }
        return .sequence(Node.Sequence(items: takeItems(from: base), mark: start))
    }

    /// `{key: value, ...}` on one line: plain, unique keys (not `<<`) and scalar values, no trailing comma.
    mutating func flowMapping() throws(Unsupported) -> Node {
        let start = mark()
        let base = pendingEntries.count
        try flowItems(closing: UInt8(ascii: "}")) { parser throws(Unsupported) in
            let key = try parser.flowKey()
            try parser.checkNewKey(key.bytes, from: base)
            parser.skipSpaces()
            parser.pushEntry(key, .scalar(try parser.flowScalar()))
        }
        return .mapping(Node.Mapping(entries: takeEntries(from: base), mark: start))
    }

    /// The items of the flow collection whose opening bracket is at `position`, up to `closing` on the same
    /// line, each read by `item`; a comma between two items, none after the last.
    mutating func flowItems(closing: UInt8, _ item: (inout Self) throws(Unsupported) -> Void) throws(Unsupported) {
        position += 1
        skipSpaces()
        if byte() == closing {
            position += 1
            return
        }
        while true {
            skipSpaces()
            try item(&self)
            skipSpaces()
            switch byte() {
            case UInt8(ascii: ","):
                position += 1
                skipSpaces()
                if byte() == closing { throw Unsupported() }
            case closing:
                position += 1
                return
            default:
                throw Unsupported()
            }
        }
    }

    /// A quoted or plain scalar inside a flow collection.
    mutating func flowScalar() throws(Unsupported) -> Node.Scalar {
        switch byte() {
        case UInt8(ascii: "'"), UInt8(ascii: "\""): try quoted()
        case UInt8(ascii: "?"), UInt8(ascii: ":"): throw Unsupported()
        default: try plain(inFlow: true)
        }
    }

    /// A flow mapping's plain key and its `:`, which must be followed by a blank.
    mutating func flowKey() throws(Unsupported) -> (scalar: Node.Scalar, bytes: Range<Int>) {
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

    mutating func scalar(_ range: Range<Int>, style: ScalarStyle) -> Node.Scalar {
        Node.Scalar(value: strings.string(UnsafeBufferPointer(rebasing: bytes[range])), style: style, mark: mark(at: range.lowerBound))
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
