/// The key of keyed fingerprints: `OAUTHCTL_FINGERPRINT_KEY`, held only by the repository's CI.
///
/// Never printed: `description` shows only its id (a MAC of a constant, which says nothing about the key).
package struct FingerprintKey: Sendable, CustomStringConvertible {
    package static let environmentVariable = "OAUTHCTL_FINGERPRINT_KEY"
    /// The shortest key accepted, in bytes of UTF-8 (`openssl rand -base64 32` gives 44).
    package static let minimumLength = 32

    let key: HMACSHA256Key
    /// Names the key inside a fingerprint, so one made under another key is "can't tell", not "changed".
    package let id: String

    /// nil when `text` is shorter than `minimumLength` bytes.
    package init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= Self.minimumLength else { return nil }
        key = HMACSHA256Key(bytes)
        id = Base64URL.encode(Array(key.authenticate(Array("oauthctl fingerprint key id".utf8)).prefix(6)))
    }

    /// The key named by `environment`, nil when unset or empty; an error (never quoting the value) when too short.
    package static func from(environment: [String: String]) throws(FingerprintKeyError) -> FingerprintKey? {
        guard let text = environment[environmentVariable], !text.isEmpty else { return nil }
        guard let key = FingerprintKey(text) else { throw FingerprintKeyError(length: text.utf8.count) }
        return key
    }

    package var description: String { "(fingerprint key \(id))" }
}

/// `OAUTHCTL_FINGERPRINT_KEY` is set but unusable; the message never quotes it.
package struct FingerprintKeyError: Error, Sendable, CustomStringConvertible {
    package var length: Int
    package var description: String {
        "\(FingerprintKey.environmentVariable) is \(length) bytes long; use at least \(FingerprintKey.minimumLength) random bytes (e.g. the output of 'openssl rand -base64 32'), or unset it"
    }
}

/// A keyed fingerprint: HMAC-SHA-256 under a key the server never sees, so someone who can read the
/// client's metadata can't test guesses offline (unlike a salted hash, which only slows them down).
///
/// Encoded as `hmac-sha256$<key id>$<salt base64url>$<mac base64url>`; the MAC covers a fixed label,
/// the salt and the secret's UTF-8 bytes.
package struct KeyedFingerprint: Sendable, Hashable {
    package static let scheme = "hmac-sha256"
    package var keyID: String
    package var salt: [UInt8]
    package var mac: [UInt8]

    package var encoded: String { "\(Self.scheme)$\(keyID)$\(Base64URL.encode(salt))$\(Base64URL.encode(mac))" }

    package init?(encoded: String) {
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == Self.scheme, !fields[1].isEmpty, fields[1].count <= 16,
            let salt = Base64URL.decode(String(fields[2])), SecretFingerprint.saltCounts.contains(salt.count),
            let mac = Base64URL.decode(String(fields[3])), mac.count == SHA256.digestCount
        else { return nil }
        self.keyID = String(fields[1])
        self.salt = salt
        self.mac = mac
    }

    private init(keyID: String, salt: [UInt8], mac: [UInt8]) {
        self.keyID = keyID
        self.salt = salt
        self.mac = mac
    }

    package static func make(secret: String, salt: [UInt8], key: FingerprintKey) -> KeyedFingerprint {
        precondition(SecretFingerprint.saltCounts.contains(salt.count), "salt must be 8...1024 bytes")
        return KeyedFingerprint(keyID: key.id, salt: salt, mac: Self.mac(secret, salt: salt, key: key))
    }

    /// Whether `secret` has this fingerprint under `key`; nil when it was made under another key.
    package func matches(_ secret: String, key: FingerprintKey) -> Bool? {
        guard keyID == key.id else { return nil }
        let candidate = Self.mac(secret, salt: salt, key: key)
        var difference: UInt8 = 0
        for (a, b) in zip(candidate, mac) { difference |= a ^ b }
        return difference == 0
    }

    private static func mac(_ secret: String, salt: [UInt8], key: FingerprintKey) -> [UInt8] {
        key.key.authenticate(Array("oauthctl-fingerprint-v1".utf8) + [0] + salt + Array(secret.utf8))
    }
}

/// Makes and checks the fingerprints kept in ownership markers: keyed when a key is set, else the salted
/// PBKDF2 form. Both forms are read, so markers written before a key was set still compare.
package struct Fingerprinter: Sendable {
    package var key: FingerprintKey?

    package init(key: FingerprintKey?) {
        self.key = key
    }

    /// The encoded fingerprint of `secret` (`salt`: 16 fresh random bytes).
    package func make(_ secret: String, salt: [UInt8]) -> String {
        if let key { return KeyedFingerprint.make(secret: secret, salt: salt, key: key).encoded }
        return SecretFingerprint.make(secret: secret, salt: salt).encoded
    }

    /// True or false when `encoded` can be checked; nil when it can't: malformed, keyed without a key
    /// here, or keyed under another key.
    package func verify(_ encoded: String, _ secret: String) -> Bool? {
        if let keyed = KeyedFingerprint(encoded: encoded) {
            guard let key else { return nil }
            return keyed.matches(secret, key: key)
        }
        return SecretFingerprint(encoded: encoded)?.matches(secret)
    }

    /// Whether `encoded` is in the form this fingerprinter writes (else the next write migrates it).
    package func isCurrent(_ encoded: String) -> Bool {
        guard let key else { return SecretFingerprint(encoded: encoded) != nil }
        return KeyedFingerprint(encoded: encoded)?.keyID == key.id
    }
}
