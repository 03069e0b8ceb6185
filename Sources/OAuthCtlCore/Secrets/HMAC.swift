internal import CSHA256

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

    /// PBKDF2's rounds after the first, `count` times: `u` becomes its HMAC under this key and is XORed
    /// into `t` (the loop of `PBKDF2.sha256`, run whole on the CPU's SHA extensions; only where `accelerated`).
    func roundsOnSHAExtensions(_ u: inout SHA256State, into t: inout SHA256State, count: Int) {
        var words = (inner.words, outer.words, u.words, t.words)
        withUnsafeMutableBytes(of: &words) { raw in
            let base = raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt32.self)
            oauthctl_pbkdf2_sha256_rounds_ni(base, base + 8, base + 16, base + 24, UInt64(max(count, 0)))
        }
        u = SHA256State(words.2)
        t = SHA256State(words.3)
    }

    /// Writes the SHA-256 padding for a 32-byte message that follows one 64-byte block.
    static func prepareShortMessageBlock(_ w: UnsafeMutableBufferPointer<UInt32>) {
        w[8] = 0x8000_0000
        for i in 9..<15 { w[i] = 0 }
        w[15] = (64 + 32) * 8
    }
}
