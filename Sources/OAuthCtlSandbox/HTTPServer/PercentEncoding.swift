/// Percent-decoding and Go-compatible query escaping (`url.QueryEscape`, `url.PathEscape`).
enum PercentEncoding {
    /// Decodes `%XX` sequences; nil when an escape is malformed.
    static func decode(_ s: String) -> String? {
        var out: [UInt8] = []
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) else { return nil }
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes a query component: `+` is a space.
    static func decodeQuery(_ s: String) -> String? {
        decode(s.replacingOccurrences(of: "+", with: " "))
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    /// Go's `url.QueryEscape`: unreserved bytes stay, space becomes `+`, the rest `%XX`.
    static func queryEscape(_ s: String) -> String {
        escape(s, keep: { isUnreserved($0) }, spaceAsPlus: true)
    }

    /// Go's `url.PathEscape` (used for the `Location` header of a created client).
    static func pathEscape(_ s: String) -> String {
        escape(s, keep: { isUnreserved($0) || Array("$&+,:;=@".utf8).contains($0) }, spaceAsPlus: false)
    }

    private static func isUnreserved(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: "~")
    }

    private static func escape(_ s: String, keep: (UInt8) -> Bool, spaceAsPlus: Bool) -> String {
        var out: [UInt8] = []
        for b in s.utf8 {
            if keep(b) {
                out.append(b)
            } else if b == 0x20 && spaceAsPlus {
                out.append(UInt8(ascii: "+"))
            } else {
                out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
