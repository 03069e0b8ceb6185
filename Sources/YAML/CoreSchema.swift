/// YAML 1.2 core schema resolution of scalars (yaml.org/spec/1.2.2 §10.3.2), by hand-written scanning.
///
/// Only untagged plain scalars are resolved; quoted and block scalars, `!!str` and unknown tags are
/// strings. `!!null`, `!!bool`, `!!int` and `!!float` are honoured when the text is a valid value of
/// that type, and otherwise left as strings. `yes`/`no`/`on`/`off` are strings (YAML 1.1 is not used).
/// An integer that overflows `Int` is a string, not a float.
enum CoreSchema {
    static func resolve(_ s: Node.Scalar) -> ScalarValue {
        let text = s.value
        switch s.tag {
        case nil: return s.style == .plain ? plain(text) : .string(text)
        case Tag.null?: return isNull(text) ? .null : .string(text)
        case Tag.bool?: return bool(text).map(ScalarValue.bool) ?? .string(text)
        case Tag.int?: return int(text) ?? .string(text)
        case Tag.float?:
            if let value = float(text) { return .float(value) }
            if case .int(let value)? = int(text) { return .float(Double(value)) }
            return .string(text)
        default: return .string(text)
        }
    }

    /// The core schema's implicit resolution: null, bool, int, float, else string.
    static func plain(_ text: String) -> ScalarValue {
        // Most plain scalars are names and URLs: one look at the first byte rules out every other type.
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            return isNull(text) ? .null : .string(text)
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return bool(text).map(ScalarValue.bool) ?? .string(text)
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            if let value = int(text) { return value }
            return float(text).map(ScalarValue.float) ?? .string(text)
        default:
            return .string(text)
        }
    }

    static func isNull(_ text: String) -> Bool {
        switch text {
        case "", "~", "null", "Null", "NULL": true
        default: false
        }
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// `.int` for `[-+]?[0-9]+`, `0o[0-7]+` and `0x[0-9a-fA-F]+`; `.string` when such text overflows;
    /// nil when the text is not an integer at all.
    static func int(_ text: String) -> ScalarValue? {
        let utf8 = text.utf8
        var digits = Substring(text)
        var radix = 10
        if utf8.count > 2, utf8.first == UInt8(ascii: "0"),
            let marker = utf8.dropFirst().first, marker == UInt8(ascii: "o") || marker == UInt8(ascii: "x")
        {
            radix = marker == UInt8(ascii: "o") ? 8 : 16
            digits = digits.dropFirst(2)
        } else if let sign = utf8.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ isDigit($0, radix: radix) }) else { return nil }
        let value = radix == 10 ? Int(text) : Int(digits, radix: radix)
        return value.map(ScalarValue.int) ?? .string(text)
    }

    /// A double for `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)` and
    /// `\.nan|\.NaN|\.NAN`; nil otherwise.
    static func float(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        let valid = text.utf8.withContiguousStorageIfAvailable(isFloatSyntax) ?? Array(text.utf8).withUnsafeBufferPointer(isFloatSyntax)
        return valid ? Double(text) : nil
    }

    private static func isFloatSyntax(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
        let whole = digitRun(bytes, from: i)
        i += whole
        var fraction = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            fraction = digitRun(bytes, from: i + 1)
            i += 1 + fraction
        }
        guard whole > 0 || fraction > 0 else { return false }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            let exponent = digitRun(bytes, from: i)
            guard exponent > 0 else { return false }
            i += exponent
        }
        return i == bytes.count
    }

    private static func digitRun(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < bytes.count, isDigit(bytes[end], radix: 10) { end += 1 }
        return end - start
    }

    private static func isDigit(_ byte: UInt8, radix: Int) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "7"): true
        case UInt8(ascii: "8"), UInt8(ascii: "9"): radix >= 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): radix == 16
        default: false
        }
    }
}
