import Foundation

/// Opaque keyset page tokens: encrypted and MAC'd, base64url with `=` padding, valid for one hour.
///
/// Layout before encoding: 16-byte nonce, ciphertext of `{"k":<last id or null>,"e":<expiry>}`,
/// 32-byte HMAC-SHA-256 tag over nonce and ciphertext. The keystream is HMAC-SHA-256(key, nonce‖counter).
struct PageToken: Sendable {
    /// Why a token was rejected; the description is Hydra's.
    enum Failure: Error {
        case invalid
        case expired

        var description: String {
            switch self {
            case .invalid: return "invalid pagination token"
            case .expired: return "page token expired, do not persist page tokens"
            }
        }
    }

    static let lifetime: TimeInterval = 3600
    private let key: [UInt8]

    init(key: [UInt8]) { self.key = key }

    /// Issues a token for the page that starts after `lastID` (nil = the first page).
    func issue(after lastID: String?, now: Date) -> String {
        let payload = JSONValue.object([
            ("k", lastID.map(JSONValue.string) ?? .null),
            ("e", .number(String(Int64((now.timeIntervalSince1970 + PageToken.lifetime).rounded(.down))))),
        ])
        var nonce = [UInt8](repeating: 0, count: 16)
        for i in nonce.indices { nonce[i] = UInt8.random(in: 0...255) }
        let cipher = xor(JSONWriter.bytes(payload), nonce: nonce)
        let tag = SHA256.hmac(key: key, message: nonce + cipher)
        return Data(nonce + cipher + tag).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    /// Opens a token: returns the last id of the previous page (nil = start).
    func open(_ token: String, now: Date) throws(Failure) -> String? {
        let standard = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard let data = Data(base64Encoded: standard), data.count >= 48 else { throw .invalid }
        let bytes = [UInt8](data)
        let nonce = Array(bytes[0..<16])
        let cipher = Array(bytes[16..<(bytes.count - 32)])
        let tag = Array(bytes[(bytes.count - 32)...])
        let expected = SHA256.hmac(key: key, message: nonce + cipher)
        guard zip(tag, expected).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0 else { throw .invalid }
        guard let payload = try? JSONParser.parseDocument(xor(cipher, nonce: nonce)),
            case .number(let expiryText)? = payload["e"], let expiry = Double(expiryText)
        else { throw .invalid }
        if now.timeIntervalSince1970 > expiry { throw .expired }
        switch payload["k"] {
        case .string(let id)?: return id
        case .null?: return nil
        default: throw .invalid
        }
    }

    private func xor(_ data: [UInt8], nonce: [UInt8]) -> [UInt8] {
        var out = data
        var counter: UInt32 = 0
        var offset = 0
        while offset < out.count {
            let block = SHA256.hmac(
                key: key,
                message: nonce + [UInt8(counter >> 24), UInt8((counter >> 16) & 0xFF), UInt8((counter >> 8) & 0xFF), UInt8(counter & 0xFF)])
            for i in 0..<min(32, out.count - offset) { out[offset + i] ^= block[i] }
            offset += 32
            counter += 1
        }
        return out
    }
}
