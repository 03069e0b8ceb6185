/// Base64url (RFC 4648 §5) without padding, strict on decode.
package enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Encodes `bytes` with the URL-safe alphabet and no `=` padding.
    package static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var i = 0
        while i < bytes.count {
            let n = min(3, bytes.count - i)
            var group: UInt32 = 0
            for j in 0..<3 { group = (group << 8) | UInt32(j < n ? bytes[i + j] : 0) }
            for j in 0...n { out.append(alphabet[Int((group >> UInt32(18 - 6 * j)) & 0x3f)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes unpadded base64url; nil for any other character (including `=`, `+`, `/`,
    /// whitespace), an impossible length, or non-zero unused trailing bits (non-canonical input).
    package static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt32] = []
        values.reserveCapacity(text.utf8.count)
        for c in text.utf8 {
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(UInt32(c - UInt8(ascii: "A")))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(UInt32(c - UInt8(ascii: "a")) + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(UInt32(c - UInt8(ascii: "0")) + 52)
            case UInt8(ascii: "-"): values.append(62)
            case UInt8(ascii: "_"): values.append(63)
            default: return nil
            }
        }
        if values.count % 4 == 1 { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 3 / 4)
        var i = 0
        while i < values.count {
            let n = min(4, values.count - i)
            var group: UInt32 = 0
            for j in 0..<4 { group = (group << 6) | (j < n ? values[i + j] : 0) }
            let byteCount = n - 1
            // Bits beyond the encoded bytes must be zero, so each byte string has one encoding.
            if byteCount < 3, group & ((1 << UInt32(8 * (3 - byteCount))) - 1) != 0 { return nil }
            for j in 0..<byteCount { out.append(UInt8(truncatingIfNeeded: group >> UInt32(16 - 8 * j))) }
            i += 4
        }
        return out
    }
}
