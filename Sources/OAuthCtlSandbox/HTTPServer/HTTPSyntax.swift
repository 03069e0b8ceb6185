/// The few RFC 9110 grammar rules the server checks: field names are tokens, field values hold no
/// CR, LF or NUL (§5.5: a recipient must reject them or replace them).
enum HTTPSyntax {
    /// `token = 1*tchar`; tchar is a letter, a digit or one of ``!#$%&'*+-.^_`|~``.
    static func isToken<S: StringProtocol>(_ text: S) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isTokenByte)
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// A field value with no CR, LF or NUL: nothing in it can end the field or the head.
    static func isFieldValue<S: StringProtocol>(_ text: S) -> Bool {
        !text.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }

    /// `text` safe to write as a field value: CR, LF, NUL and other controls but HTAB become `%XX`.
    static func escapedFieldValue(_ text: String) -> String {
        guard text.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
