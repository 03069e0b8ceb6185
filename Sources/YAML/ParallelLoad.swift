import OAuthCtlConcurrency

/// Loads a large stream on every core by cutting it at document starts and parsing the parts at once.
///
/// A line that begins with `---` and a blank (or the end) is always a document start to libyaml: it checks for
/// one at every column 0 before anything else, and every scalar style stops (or fails) there. Documents share
/// nothing (anchors, aliases and limits are per document), so parsing the parts separately gives the same
/// documents, once each part's marks are moved down by the lines before it.
///
/// That holds for well-formed parts. Anything unusual falls back to loading the stream whole, so that every
/// diagnostic is the one a single pass reports: a part with any diagnostic (a `%TAG` directive cut from its
/// document, a flow collection left open at a `---`...), a UTF-16 stream (a cut would lose its byte order mark),
/// or a stream with a line break other than LF, CR LF or CR (libyaml also counts NEL, LS and PS, and part
/// offsets are counted without them).
enum ParallelLoad {
    /// Streams shorter than this load in one pass: cutting them costs more than it saves.
    static let minimumSize = 1 << 20
    /// About how long each part is.
    static let partSize = 256 << 10

    /// The stream's documents and diagnostics, or nil when it must be loaded whole (see above).
    static func load(_ input: UnsafeBufferPointer<UInt8>, limits: LoadLimits) -> LoadResult? {
        guard input.count >= minimumSize, !startsWithUTF16ByteOrderMark(input),
            let parts = parts(of: input), parts.count > 1
        else { return nil }
        // Sendable stand-in for the buffer, which the caller keeps alive until every part is parsed.
        let base = UInt(bitPattern: input.baseAddress)
        // A part without a pointer (never: the input is non-empty) is nil, which sends the stream to the whole load.
        let results: [LoadResult?] = ParallelMap.map(count: parts.count) { index in
            let part = parts[index]
            guard let start = UnsafePointer<UInt8>(bitPattern: base) else { return nil }
            let bytes = UnsafeBufferPointer(start: start + part.range.lowerBound, count: part.range.count)
            return YAMLLoader.loadPart(bytes, lineOffset: part.lineOffset, limits: limits)
        }
        guard results.allSatisfy({ $0?.diagnostics.isEmpty == true }) else { return nil }
        return LoadResult(documents: results.flatMap { $0?.documents ?? [] }, diagnostics: [])
    }

    /// A part of the stream: its bytes and the lines before it.
    struct Part: Sendable {
        var range: Range<Int>
        var lineOffset: Int
    }

    /// The stream cut into parts of about `partSize` bytes at document starts; nil when it has a line break
    /// that libyaml would count and `Part.lineOffset` does not.
    static func parts(of input: UnsafeBufferPointer<UInt8>) -> [Part]? {
        var parts: [Part] = []
        var start = 0
        var startLine = 0
        var line = 0
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 == input.count || input[index + 1] != 0x0A)) {
                line += 1
                if byte == 0x0A, index + 1 - start >= partSize, isDocumentStart(input, at: index + 1) {
                    parts.append(Part(range: start..<(index + 1), lineOffset: startLine))
                    start = index + 1
                    startLine = line
                }
            } else if isUnicodeLineBreak(input, at: index) {
                return nil
            }
            index += 1
        }
        parts.append(Part(range: start..<input.count, lineOffset: startLine))
        return parts
    }

    /// `---` at `index`, then a space, tab, line break or the end of the stream.
    static func isDocumentStart(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let dash = UInt8(ascii: "-")
        guard index + 3 <= input.count, input[index] == dash, input[index + 1] == dash, input[index + 2] == dash
        else { return false }
        guard index + 3 < input.count else { return true }
        return [0x20, 0x09, 0x0A, 0x0D].contains(input[index + 3])
    }

    /// NEL (C2 85), LS (E2 80 A8) or PS (E2 80 A9) starting at `index`.
    static func isUnicodeLineBreak(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        switch input[index] {
        case 0xC2: return index + 1 < input.count && input[index + 1] == 0x85
        case 0xE2:
            return index + 2 < input.count && input[index + 1] == 0x80 && (input[index + 2] == 0xA8 || input[index + 2] == 0xA9)
        default: return false
        }
    }

    /// FE FF or FF FE: libyaml then reads UTF-16, which a cut in the middle would misread.
    static func startsWithUTF16ByteOrderMark(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        input.count >= 2 && ((input[0] == 0xFE && input[1] == 0xFF) || (input[0] == 0xFF && input[1] == 0xFE))
    }
}
