/// A strict JSON parser over UTF-8 bytes with Go-like error messages.
///
/// `parseFirstValue` reads one value and ignores what follows, as Go's `json.Decoder.Decode` does.
struct JSONParser {
    /// A syntax error; `message` reads like Go's `encoding/json` errors.
    struct SyntaxError: Error, Equatable { let message: String }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses the first JSON value of `bytes`; an empty input is Go's `EOF`.
    static func parseFirstValue(_ bytes: [UInt8]) throws -> JSONValue {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        guard parser.index < bytes.count else { throw SyntaxError(message: "EOF") }
        return try parser.parseValue()
    }

    /// Parses a whole document: trailing non-whitespace is an error.
    static func parseDocument(_ bytes: [UInt8]) throws -> JSONValue {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        guard parser.index < bytes.count else { throw SyntaxError(message: "unexpected end of JSON input") }
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw SyntaxError(message: "invalid character \(parser.describe(bytes[parser.index])) after top-level value")
        }
        return value
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func describe(_ byte: UInt8) -> String {
        if byte == UInt8(ascii: "'") { return "'\\''" }
        if byte == UInt8(ascii: "\"") { return "'\"'" }
        if byte < 0x20 { return "'\\x" + String(byte, radix: 16) + "'" }
        if byte < 0x80 { return "'" + String(UnicodeScalar(byte)) + "'" }
        return "'\\u00" + String(byte, radix: 16) + "'"
    }

    private func unexpected(_ context: String) -> SyntaxError {
        guard index < bytes.count else { return SyntaxError(message: "unexpected EOF") }
        return SyntaxError(message: "invalid character \(describe(bytes[index])) \(context)")
    }

    private mutating func parseValue() throws -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw SyntaxError(message: "unexpected EOF") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw unexpected("looking for beginning of value")
        }
    }

    private mutating func literal(_ word: String) throws {
        for expected in word.utf8 {
            guard index < bytes.count else { throw SyntaxError(message: "unexpected EOF") }
            guard bytes[index] == expected else { throw unexpected("in literal \(word) (expecting '\(UnicodeScalar(expected))')") }
            index += 1
        }
    }

    private mutating func nest() throws {
        depth += 1
        if depth > 512 { throw SyntaxError(message: "exceeded max depth") }
    }

    private mutating func parseObject() throws -> JSONValue {
        try nest()
        defer { depth -= 1 }
        index += 1
        var pairs: [(String, JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw unexpected("looking for beginning of object key string")
            }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw unexpected("after object key") }
            index += 1
            pairs.append((key, try parseValue()))
            skipWhitespace()
            guard index < bytes.count else { throw SyntaxError(message: "unexpected EOF") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
            throw unexpected("after object key:value pair")
        }
    }

    private mutating func parseArray() throws -> JSONValue {
        try nest()
        defer { depth -= 1 }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw SyntaxError(message: "unexpected EOF") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw unexpected("after array element")
        }
    }

    private mutating func parseNumber() throws -> JSONValue {
        let start = index
        func digits() -> Int {
            let s = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - s
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw SyntaxError(message: "unexpected EOF") }
        if bytes[index] == UInt8(ascii: "0") { index += 1 } else if digits() == 0 { throw unexpected("in numeric literal") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { throw unexpected("after decimal point in numeric literal") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            if digits() == 0 { throw unexpected("in exponent of numeric literal") }
        }
        return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private mutating func parseString() throws -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw SyntaxError(message: "unexpected EOF") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { index += 1; return String(decoding: out, as: UTF8.self) }
            if byte < 0x20 { throw unexpected("in string literal") }
            if byte != UInt8(ascii: "\\") { out.append(byte); index += 1; continue }
            index += 1
            guard index < bytes.count else { throw SyntaxError(message: "unexpected EOF") }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"): out.append(contentsOf: try parseUnicodeEscape())
            default: index -= 1; throw unexpected("in string escape code")
            }
        }
    }

    private mutating func hex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw SyntaxError(message: "unexpected EOF") }
            guard let digit = Int(String(UnicodeScalar(bytes[index])), radix: 16) else {
                throw unexpected("in \\u hexadecimal character escape")
            }
            value = value * 16 + UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func parseUnicodeEscape() throws -> [UInt8] {
        var code = try hex4()
        if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count,
            bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
        {
            let save = index
            index += 2
            let low = try hex4()
            if (0xDC00..<0xE000).contains(low) {
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else {
                index = save
            }
        }
        let scalar = UnicodeScalar(code) ?? "\u{FFFD}"
        return Array(String(scalar).utf8)
    }
}
