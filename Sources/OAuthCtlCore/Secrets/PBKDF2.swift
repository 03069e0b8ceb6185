/// PBKDF2 (RFC 8018 §5.2) with HMAC-SHA256 as the pseudorandom function.
package enum PBKDF2 {
    /// Derives `length` bytes from `password` and `salt` with `iterations` rounds (at least 1).
    /// Each round after the first costs two SHA-256 compressions, made on the CPU's SHA extensions when
    /// `accelerated` (by default, where it has them).
    package static func sha256(
        password: [UInt8], salt: [UInt8], iterations: Int, length: Int, accelerated: Bool = SHA256State.accelerated
    ) -> [UInt8] {
        precondition(iterations >= 1, "PBKDF2 needs at least one iteration")
        precondition(length >= 0, "PBKDF2 length must not be negative")
        let key = HMACSHA256Key(password)
        var output: [UInt8] = []
        output.reserveCapacity(length + 32)
        var blockIndex: UInt32 = 1
        while output.count < length {
            let indexBytes = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: blockIndex >> UInt32($0)) }
            let first = key.authenticate(salt + indexBytes)
            var u = SHA256State(digest: first)
            var t = u
            if accelerated {
                key.roundsOnSHAExtensions(&u, into: &t, count: iterations - 1)
            } else {
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                    HMACSHA256Key.prepareShortMessageBlock(w)
                    for _ in 1..<iterations {
                        u = key.authenticateDigest(u, scratch: w)
                        t.formXor(u)
                    }
                }
            }
            output += t.bytes
            blockIndex &+= 1
        }
        return Array(output.prefix(length))
    }
}

extension SHA256State {
    /// Loads a 32-byte digest as eight big-endian words.
    package init(digest: [UInt8]) {
        precondition(digest.count == 32)
        let w = (0..<8).map { i in
            (0..<4).reduce(UInt32(0)) { ($0 << 8) | UInt32(digest[4 * i + $1]) }
        }
        self.init(h0: w[0], h1: w[1], h2: w[2], h3: w[3], h4: w[4], h5: w[5], h6: w[6], h7: w[7])
    }
}
