import OAuthCtlCore
import Testing

@Suite("keyed fingerprints")
struct KeyedFingerprintTests {
    let key = Self.fingerprintKey(repeating: "k")
    let otherKey = Self.fingerprintKey(repeating: "o")

    static func fingerprintKey(repeating character: Character) -> FingerprintKey {
        guard let key = FingerprintKey(String(repeating: character, count: 40)) else {
            preconditionFailure("a 40-character key must be a valid fingerprint key")
        }
        return key
    }
    let salt: [UInt8] = Array(0..<16)

    @Test("encodes as hmac-sha256$<key id>$<salt>$<mac> and round-trips")
    func encoding() throws {
        let made = KeyedFingerprint.make(secret: "s3cr3t-value", salt: salt, key: key)
        #expect(made.encoded.hasPrefix("hmac-sha256$\(key.id)$AAECAwQFBgcICQoLDA0ODw$"))
        let parsed = try #require(KeyedFingerprint(encoded: made.encoded))
        #expect(parsed == made)
        #expect(KeyedFingerprint(encoded: "hmac-sha256$id$AAECAwQFBgcICQoLDA0ODw$short") == nil)
        #expect(KeyedFingerprint(encoded: SecretFingerprint.make(secret: "x", salt: salt, iterations: 10).encoded) == nil)
    }

    @Test("an unchanged secret verifies, a changed one does not")
    func changedAndUnchanged() {
        let fingerprinter = Fingerprinter(key: key)
        let encoded = fingerprinter.make("correct horse", salt: salt)
        #expect(fingerprinter.verify(encoded, "correct horse") == true)
        #expect(fingerprinter.verify(encoded, "correct horsf") == false)
        #expect(fingerprinter.verify(encoded, "") == false)
    }

    @Test("a fingerprint made under one key can't be verified under another, nor without a key")
    func otherKeys() {
        let encoded = Fingerprinter(key: key).make("same secret", salt: salt)
        #expect(Fingerprinter(key: otherKey).verify(encoded, "same secret") == nil)
        #expect(Fingerprinter(key: nil).verify(encoded, "same secret") == nil)
        // The MAC itself depends on the key (not only the id): same id forged, other key → no match.
        let forged = KeyedFingerprint.make(secret: "same secret", salt: salt, key: otherKey).encoded
            .replacingOccurrences(of: otherKey.id, with: key.id)
        #expect(Fingerprinter(key: key).verify(forged, "same secret") == false)
    }

    @Test("a fingerprint made without the key is read (migration) but is not the current form once a key is set")
    func unkeyedStillRead() {
        let unkeyed = Fingerprinter(key: nil).make("legacy secret", salt: salt)
        #expect(unkeyed.hasPrefix("pbkdf2-sha256$"))
        #expect(Fingerprinter(key: key).verify(unkeyed, "legacy secret") == true)
        #expect(Fingerprinter(key: key).verify(unkeyed, "other") == false)
        #expect(!Fingerprinter(key: key).isCurrent(unkeyed))
        #expect(Fingerprinter(key: nil).isCurrent(unkeyed))
        #expect(Fingerprinter(key: key).isCurrent(Fingerprinter(key: key).make("x", salt: salt)))
        #expect(!Fingerprinter(key: otherKey).isCurrent(Fingerprinter(key: key).make("x", salt: salt)))
    }

    @Test("the key is never printed: not by its description, its error, or inside a fingerprint")
    func keyNeverPrinted() throws {
        let text = "KEY-CANARY-0123456789-abcdefghijklmnop"
        let key = try #require(try FingerprintKey.from(environment: [FingerprintKey.environmentVariable: text]))
        #expect(!"\(key)".contains(text))
        #expect(!KeyedFingerprint.make(secret: "s", salt: salt, key: key).encoded.contains(text))
        #expect(throws: FingerprintKeyError.self) {
            try FingerprintKey.from(environment: [FingerprintKey.environmentVariable: "KEY-CANARY-short"])
        }
        do {
            _ = try FingerprintKey.from(environment: [FingerprintKey.environmentVariable: "KEY-CANARY-short"])
        } catch {
            #expect(!"\(error)".contains("KEY-CANARY"))
            #expect("\(error)".contains("OAUTHCTL_FINGERPRINT_KEY"))
        }
        #expect(try FingerprintKey.from(environment: [:]) == nil)
    }
}
