/// HMAC-SHA256 (RFC 2104, test vectors in RFC 4231).
package enum HMACSHA256 {
    /// The 32-byte HMAC-SHA256 of `message` under `key`; keys longer than 64 bytes are hashed first.
    package static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        HMACSHA256Key(key).authenticate(message)
    }
}

/// An HMAC-SHA256 key with its inner and outer padded blocks already compressed,
/// so each further MAC skips those two compressions.
struct HMACSHA256Key: Sendable {
    /// The SHA-256 state after compressing `key ^ ipad`.
    let inner: SHA256State
    /// The SHA-256 state after compressing `key ^ opad`.
    let outer: SHA256State

    init(_ key: [UInt8]) {
        var block = key.count > SHA256.blockCount ? SHA256.hash(key) : key
        block += [UInt8](repeating: 0, count: SHA256.blockCount - block.count)
        var inner = SHA256State(), outer = SHA256State()
        block.map { $0 ^ 0x36 }.withUnsafeBytes { inner.compress($0, at: 0) }
        block.map { $0 ^ 0x5c }.withUnsafeBytes { outer.compress($0, at: 0) }
        self.inner = inner
        self.outer = outer
    }

    func authenticate(_ message: [UInt8]) -> [UInt8] {
        var hasher = SHA256Hasher(resuming: inner, length: 64)
        hasher.update(message)
        let innerDigest = hasher.finalize()
        hasher = SHA256Hasher(resuming: outer, length: 64)
        hasher.update(innerDigest)
        return hasher.finalize()
    }

    /// HMAC of a 32-byte message given as eight words, in exactly two compressions.
    /// `w` is a 64-word scratch buffer whose words 8..<16 already hold the padding of a
    /// 96-byte message (see `prepareShortMessageBlock`).
    func authenticateDigest(_ message: SHA256State, scratch w: UnsafeMutableBufferPointer<UInt32>) -> SHA256State {
        message.store(into: w)
        var state = inner
        state.compress(w)
        state.store(into: w)
        var result = outer
        result.compress(w)
        return result
    }

    /// Writes the SHA-256 padding for a 32-byte message that follows one 64-byte block.
    static func prepareShortMessageBlock(_ w: UnsafeMutableBufferPointer<UInt32>) {
        w[8] = 0x8000_0000
        for i in 9..<15 { w[i] = 0 }
        w[15] = (64 + 32) * 8
    }
}
