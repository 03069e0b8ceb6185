/// A salted, slow fingerprint of a secret, safe to store where admins can read it (e.g. client metadata).
///
/// PBKDF2-HMAC-SHA256 over the secret's UTF-8 bytes (no Unicode normalization). The salt is
/// passed in (the core has no randomness); use at least 16 random bytes.
package struct SecretFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// The iteration count used by `make` unless told otherwise.
    package static let defaultIterations = 20_000
    /// The largest iteration count accepted, so a hostile encoding cannot stall a `matches` call.
    package static let maximumIterations = 10_000_000
    /// Accepted salt sizes in bytes (RFC 8018 asks for at least 8).
    package static let saltCounts = 8...1024
    /// The prefix naming the algorithm in `encoded`.
    package static let scheme = "pbkdf2-sha256"

    package var iterations: Int
    package var salt: [UInt8]
    package var hash: [UInt8]

    /// Encoded as `pbkdf2-sha256$<iterations>$<salt base64url, no padding>$<hash base64url, no padding>`.
    package var encoded: String {
        "\(Self.scheme)$\(iterations)$\(Base64URL.encode(salt))$\(Base64URL.encode(hash))"
    }

    private init(iterations: Int, salt: [UInt8], hash: [UInt8]) {
        self.iterations = iterations
        self.salt = salt
        self.hash = hash
    }

    /// Parses `encoded`; nil for anything malformed: another scheme, a missing or extra field,
    /// an iteration count that is not plain decimal in 1...maximumIterations, bad base64url,
    /// a salt size outside `saltCounts`, or a hash that is not 32 bytes.
    package init?(encoded: String) {
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == Self.scheme else { return nil }
        let digits = fields[1].utf8
        guard (1...8).contains(digits.count),
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            digits.first != UInt8(ascii: "0"),
            let iterations = Int(fields[1]), iterations <= Self.maximumIterations,
            let salt = Base64URL.decode(String(fields[2])), Self.saltCounts.contains(salt.count),
            let hash = Base64URL.decode(String(fields[3])), hash.count == SHA256.digestCount
        else { return nil }
        self.init(iterations: iterations, salt: salt, hash: hash)
    }

    /// Fingerprints `secret` with `salt` (a size in `saltCounts`) and `iterations`
    /// (in 1...maximumIterations); the hash is 32 bytes.
    package static func make(secret: String, salt: [UInt8], iterations: Int = defaultIterations) -> SecretFingerprint {
        precondition(saltCounts.contains(salt.count), "salt must be 8...1024 bytes")
        precondition((1...maximumIterations).contains(iterations), "iterations must be 1...10_000_000")
        let hash = PBKDF2.sha256(
            password: Array(secret.utf8), salt: salt, iterations: iterations,
            length: SHA256.digestCount)
        return SecretFingerprint(iterations: iterations, salt: salt, hash: hash)
    }

    /// Whether `secret` has this fingerprint: recomputed with this salt and iteration count and
    /// compared in constant time. False (without hashing) if the fields are out of range.
    package func matches(_ secret: String) -> Bool {
        guard (1...Self.maximumIterations).contains(iterations), hash.count == SHA256.digestCount else {
            return false
        }
        let candidate = PBKDF2.sha256(
            password: Array(secret.utf8), salt: salt, iterations: iterations,
            length: SHA256.digestCount)
        var difference: UInt8 = 0
        for (a, b) in zip(candidate, hash) { difference |= a ^ b }
        return difference == 0
    }

    package var description: String { "(fingerprint)" }
}
