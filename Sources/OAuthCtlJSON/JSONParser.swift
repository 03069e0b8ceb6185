#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses JSON text (RFC 8259) into a `JSONValue`, with a depth limit and byte-offset errors.
package struct JSONParser {
    /// Why a document is not JSON, and at which byte offset.
    package struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        package var offset: Int
        package var message: String
        package var description: String { "invalid JSON at byte \(offset): \(message)" }
    }

    private let bytes: [UInt8]
    private var index = 0
    private let maxDepth: Int
    /// The key count of the last object closed at each depth: the next object there (the next client of
    /// a page) is reserved that size at once instead of growing through every power of two.
    private var objectSizes: [Int] = []
    /// The keys of the last object closed at each depth, in order: the objects of a list spell the same
    /// keys in the same order, and a key equal to its cached spelling reuses it instead of a new string.
    private var objectKeys: [[String]] = []

    /// Parses `bytes` as one JSON value.
    package static func parse(_ bytes: [UInt8], maxDepth: Int = 256) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure("unexpected data after the value") }
        return value
    }

    /// Parses `bytes` as a JSON array of objects, each decoded against `layout` into a `JSONRecord` (no
    /// dictionary per object). Nil when they are JSON of another shape (not an array, or an item that is
    /// not an object); a failure is the one `parse` reports.
    package static func parseRecords(_ bytes: [UInt8], layout: JSONRecordLayout, maxDepth: Int = 256) throws(Failure)
        -> [JSONRecord]?
    {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        guard let records = try parser.parseRecordList(layout: layout) else {
            _ = try parse(bytes, maxDepth: maxDepth)
            return nil
        }
        return records
    }

    /// Parses a UTF-8 string as one JSON value.
    package static func parse(_ text: String) throws(Failure) -> JSONValue {
        try parse(Array(text.utf8))
    }

    private init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    private func failure(_ message: String) -> Failure { Failure(offset: index, message: message) }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
        guard depth < maxDepth else { throw failure("nesting deeper than \(maxDepth) levels") }
        guard index < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try parseNumber()
        }
    }

    private mutating func literal(_ word: String, _ value: JSONValue) throws(Failure) -> JSONValue {
        var position = index
        for expected in word.utf8 {
            guard position < bytes.count, bytes[position] == expected else { throw failure("unexpected character") }
            position += 1
        }
        index = position
        return value
    }

    private mutating func parseObject(depth: Int) throws(Failure) -> JSONValue {
        index += 1
        while objectSizes.count <= depth {
            objectSizes.append(0)
            objectKeys.append([])
        }
        var object = [String: JSONValue](minimumCapacity: objectSizes[depth])
        var ordinal = 0
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try parseKey(depth: depth, ordinal: ordinal)
            ordinal += 1
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            index += 1
            skipWhitespace()
            object[key] = try parseValue(depth: depth + 1)
            if try another(before: UInt8(ascii: "}")) { continue }
            objectSizes[depth] = object.count
            return .object(object)
        }
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> JSONValue {
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth + 1))
            if try another(before: UInt8(ascii: "]")) { continue }
            return .array(items)
        }
    }

    private mutating func parseNumber() throws(Failure) -> JSONValue {
        let start = index
        numberLoop: while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default: break numberLoop
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !text.isEmpty else { throw failure("unexpected character") }
        if let i = Int(text) { return .int(i) }
        if let d = Double(text), d.isFinite, text.first != "+" { return .double(d) }
        index = start
        throw failure("invalid number")
    }

    /// The array of objects `parseRecords` reads; nil at the first sign of another shape.
    private mutating func parseRecordList(layout: JSONRecordLayout) throws(Failure) -> [JSONRecord]? {
        skipWhitespace()
        guard maxDepth > 1, index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
        index += 1
        var records: [JSONRecord] = []
        var successors = JSONRecordLayout.Successors(layout)
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
        } else {
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
                records.append(try parseRecord(layout: layout, successors: &successors))
                if try another(before: UInt8(ascii: "]")) { continue }
                break
            }
        }
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected data after the value") }
        return records
    }

    /// One object of a record list, at depth 1 as `parseObject` would read it. The objects of a page spell
    /// their keys in much the same order, so each key is first compared with the one that followed the
    /// previous key last time (`successors`); another known key is found by its bytes
    /// (`JSONRecordLayout.position`), with no string made; only a key the layout doesn't know (or one with
    /// escapes) is parsed as a string.
    private mutating func parseRecord(layout: JSONRecordLayout, successors: inout JSONRecordLayout.Successors) throws(Failure)
        -> JSONRecord
    {
        index += 1
        var record = JSONRecord(values: Array(repeating: nil, count: layout.keys.count))
        var previous = successors.start
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return record
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let position: Int?
            var unknownKey = ""
            if let expected = successors[previous], let end = layout.spelling(of: expected, in: bytes, at: index + 1) {
                index = end + 1
                position = expected
            } else {
                let key = try parseRecordKey(layout: layout)
                position = key.position
                if let position { successors[previous] = position } else { unknownKey = key.key }
            }
            previous = position ?? successors.afterUnknown
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: 2)
            if let position { record.values[position] = value } else { record.others[unknownKey] = value }
            if try another(before: UInt8(ascii: "}")) { continue }
            return record
        }
    }

    /// A record's key that is not the one expected: a known key found by its bytes when they are plain (no
    /// escape, no control character), else the parsed string and its position, if any.
    private mutating func parseRecordKey(layout: JSONRecordLayout) throws(Failure) -> (key: String, position: Int?) {
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] >= 0x20, bytes[end] != UInt8(ascii: "\\") {
            end += 1
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\""),
            let position = bytes.withUnsafeBufferPointer({ layout.position(spelledBy: UnsafeBufferPointer(rebasing: $0[start..<end])) })
        {
            index = end + 1
            return (layout.keys[position], position)
        }
        let text = try parseString()
        return (text, layout.positions[text])
    }

    /// After an item of an array or object: true at `,` (another item follows), false at `closing` (the end,
    /// taken); anything else is an error.
    private mutating func another(before closing: UInt8) throws(Failure) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw failure("unexpected end of input") }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            return true
        }
        guard bytes[index] == closing else { throw failure("expected ',' or '\(Character(Unicode.Scalar(closing)))'") }
        index += 1
        return false
    }

    /// An object's key: the cached spelling of the key at this place when the bytes are the same.
    private mutating func parseKey(depth: Int, ordinal: Int) throws(Failure) -> String {
        if ordinal < objectKeys[depth].count {
            var cached = objectKeys[depth][ordinal]
            let start = index + 1
            if let end = cached.withUTF8({ Self.spelling(of: $0, in: bytes, at: start) }) {
                index = end + 1
                return cached
            }
        }
        var key = try parseString()
        // Only a plain key is compared by its bytes; another is cached as "" (which only "" spells).
        let cached = key.withUTF8(Self.isPlain) ? key : ""
        if ordinal < objectKeys[depth].count {
            objectKeys[depth][ordinal] = cached
        } else if ordinal == objectKeys[depth].count {
            objectKeys[depth].append(cached)
        }
        return key
    }

    /// The offset of the closing quote when `bytes` at `start` are exactly the UTF-8 `key` and then a quote;
    /// else nil. `key` must be plain (`isPlain`): the bytes then parse to `key`.
    static func spelling(of key: UnsafeBufferPointer<UInt8>, in bytes: [UInt8], at start: Int) -> Int? {
        let end = start + key.count
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        return bytes.withUnsafeBufferPointer { bytes in
            guard let text = bytes.baseAddress, let key = key.baseAddress else { return end }
            return memcmp(text + start, key, end - start) == 0 ? end : nil
        }
    }

    /// The offset of the first byte from `start` on that ends a string's plain run: a quote, a backslash or a
    /// control character; `bytes.count` if there is none. Eight bytes at a time while none of them does.
    package static func plainRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while index + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                // Each term sets a high bit for some byte iff one is zero (a quote, a backslash) or under 0x20.
                let found = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
                if found & highs != 0 { break }
                index += 8
            }
        }
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 {
            index += 1
        }
        return index
    }

    /// True when `key` holds no byte that JSON writes escaped (a quote, a backslash, a control character), so
    /// its UTF-8 is also how it is spelled between quotes.
    static func isPlain(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        !key.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    }

    private mutating func parseString() throws(Failure) -> String {
        index += 1
        let start = index
        // Fast path: no escape, so the bytes decode to the string in one step.
        index = bytes.withUnsafeBufferPointer { Self.plainRunEnd($0, from: start) }
        if index < bytes.count {
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                return bytes.withUnsafeBufferPointer {
                    String(decoding: UnsafeBufferPointer(rebasing: $0[start..<index - 1]), as: UTF8.self)
                }
            }
            if bytes[index] < 0x20 { throw failure("control character in string") }
        }
        var utf8 = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: utf8, as: UTF8.self)
            }
            if byte < 0x20 { throw failure("control character in string") }
            if byte == UInt8(ascii: "\\") {
                index += 1
                utf8.append(contentsOf: String(Character(try parseEscape())).utf8)
                continue
            }
            utf8.append(byte)
            index += 1
        }
        throw failure("unterminated string")
    }

    private mutating func parseEscape() throws(Failure) -> Unicode.Scalar {
        guard index < bytes.count else { throw failure("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try hex4()
            if (0xD800..<0xDC00).contains(high) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { return "\u{FFFD}" }
                index += 2
                let low = try hex4()
                let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                return Unicode.Scalar(value) ?? "\u{FFFD}"
            }
            return Unicode.Scalar(high) ?? "\u{FFFD}"
        default: throw failure("invalid escape")
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw failure("invalid \\u escape") }
        index += 4
        return value
    }
}
