/// Lines, bytes and the characters that matter to the subset (see `BlockSubsetParser`).
extension BlockSubsetParser {
    // MARK: Lines

    /// Moves to the first character of the next line with content (not blank, not only a comment), from the
    /// start of the current line; returns its column, or nil at the end.
    mutating func nextContent() -> Int? {
        position = lineStart
        while true {
            skipSpaces()
            switch byte() {
            case 0:
                return nil
            case Self.lineFeed:
                nextLine(after: position)
            case Self.hash:
                skipToLineEnd()
                if byte() == 0 { return nil }
                nextLine(after: position)
            default:
                return position - lineStart
            }
        }
    }

    /// Checks that only blanks (and a comment after a blank, if allowed) are left on the line, and moves to
    /// the next one. (A `:` or `-` before `position` is always followed by a blank.)
    mutating func endLine(allowComment: Bool) throws(Unsupported) {
        skipSpaces()
        if byte() == Self.hash {
            guard allowComment, position > lineStart, byte(at: position - 1) == Self.space else { throw Unsupported() }
            skipToLineEnd()
        }
        switch byte() {
        case 0: lineStart = position
        case Self.lineFeed: nextLine(after: position)
        default: throw Unsupported()
        }
    }

    mutating func nextLine(after lineFeed: Int) {
        position = lineFeed + 1
        lineStart = position
        line += 1
    }

    mutating func skipSpaces() {
        while byte() == Self.space { position += 1 }
    }

    /// Moves to the line feed (or the end) that ends this line: past a comment.
    mutating func skipToLineEnd() {
        while byte() != Self.lineFeed && byte() != 0 { position += 1 }
    }

    func atLineEnd() -> Bool {
        let current = byte()
        return current == Self.lineFeed || current == 0 || current == Self.hash
    }

    /// `-` followed by a blank or the end: a block sequence's entry (not a `---` document start).
    func atSequenceEntry() -> Bool {
        byte() == UInt8(ascii: "-") && Self.isBlankOrEnd(byte(at: position + 1)) && !atDocumentStart()
    }

    /// `---` at the start of a line (and `position`), followed by a blank or the end: a new document.
    func atDocumentStart() -> Bool { position == lineStart && ParallelLoad.isDocumentStart(bytes, at: position) }

    func mark() -> Mark { mark(at: position) }

    /// The mark of byte `index` of the current line.
    func mark(at index: Int) -> Mark { Mark(line: line + 1 + lineOffset, column: index - lineStart + 1) }

    // MARK: Bytes

    func byte() -> UInt8 { byte(at: position) }

    /// The byte at `index`, or 0 past the end (0 never occurs in accepted input).
    func byte(at index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

    static let space = UInt8(ascii: " ")
    static let lineFeed = UInt8(0x0A)
    static let hash = UInt8(ascii: "#")
    static let colon = UInt8(ascii: ":")

    static func isBlankOrEnd(_ byte: UInt8) -> Bool { byte == space || byte == lineFeed || byte == 0 }

    static func isFlowIndicatorOrQuestion(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): true
        default: false
        }
    }

    /// A character that starts something other than a plain scalar (or `-`/`?`/`:`, which may), or ends a line.
    static func isIndicator(_ byte: UInt8) -> Bool {
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
