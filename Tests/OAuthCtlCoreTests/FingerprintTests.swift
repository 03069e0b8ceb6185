import OAuthCtlCore
import Testing

@Suite("SecretFingerprint")
struct FingerprintTests {
    let salt: [UInt8] = Array(0..<16)
    let otherSalt: [UInt8] = Array(100..<116)

    @Test("encodes in the documented format and round-trips")
    func roundTrip() throws {
        let fingerprint = SecretFingerprint.make(secret: "s3cr3t", salt: salt, iterations: 1000)
        #expect(fingerprint.hash.count == 32)
        // Expected hash from python3: base64.urlsafe_b64encode(
        //   hashlib.pbkdf2_hmac('sha256', b's3cr3t', bytes(range(16)), 1000, 32)) without '='.
        #expect(
            fingerprint.encoded
                == "pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw$CG0zYfkWsPhjuaAXZiBNLOQXEJHWcyLeLifhZPJ3W3A")
        let decoded = try #require(SecretFingerprint(encoded: fingerprint.encoded))
        #expect(decoded == fingerprint)
        #expect(decoded.encoded == fingerprint.encoded)
        #expect(decoded.matches("s3cr3t"))
    }

    @Test("uses the default iteration count")
    func defaultIterations() {
        let fingerprint = SecretFingerprint.make(secret: "some client secret value", salt: salt)
        #expect(fingerprint.iterations == 20_000)
        // Same python3 recipe with b'some client secret value' and 20000 iterations.
        #expect(
            fingerprint.encoded
                == "pbkdf2-sha256$20000$AAECAwQFBgcICQoLDA0ODw$7tRAUFqwFu_JWy5pUJxUVhtoDFE65Nm4u3ycZjDKntQ")
    }

    @Test("matches the same secret only")
    func matching() {
        let fingerprint = SecretFingerprint.make(secret: "correct horse", salt: salt, iterations: 500)
        #expect(fingerprint.matches("correct horse"))
        #expect(!fingerprint.matches("correct horsf"))
        #expect(!fingerprint.matches("correct horse "))
        #expect(!fingerprint.matches(""))
        #expect(SecretFingerprint.make(secret: "", salt: salt, iterations: 500).matches(""))
    }

    @Test("different salts give different fingerprints")
    func salts() {
        let a = SecretFingerprint.make(secret: "same", salt: salt, iterations: 500)
        let b = SecretFingerprint.make(secret: "same", salt: otherSalt, iterations: 500)
        #expect(a.encoded != b.encoded)
        #expect(a.hash != b.hash)
        #expect(a.matches("same") && b.matches("same"))
    }

    @Test("fields out of range never match and never crash")
    func tamperedFields() {
        var fingerprint = SecretFingerprint.make(secret: "x", salt: salt, iterations: 10)
        fingerprint.iterations = 0
        #expect(!fingerprint.matches("x"))
        fingerprint.iterations = 10
        fingerprint.hash.removeLast()
        #expect(!fingerprint.matches("x"))
    }

    static let hash32 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"  // 32 zero bytes
    static let salt16 = "AAECAwQFBgcICQoLDA0ODw"

    @Test(
        "malformed encodings are rejected",
        arguments: [
            "",
            "pbkdf2-sha256",
            "pbkdf2-sha1$1000$\(salt16)$\(hash32)",
            "pbkdf2-sha256$1000$\(salt16)",
            "pbkdf2-sha256$1000$\(salt16)$\(hash32)$",
            "pbkdf2-sha256$0$\(salt16)$\(hash32)",
            "pbkdf2-sha256$-5$\(salt16)$\(hash32)",
            "pbkdf2-sha256$+5$\(salt16)$\(hash32)",
            "pbkdf2-sha256$01000$\(salt16)$\(hash32)",
            "pbkdf2-sha256$10000001$\(salt16)$\(hash32)",
            "pbkdf2-sha256$99999999999999999999999$\(salt16)$\(hash32)",
            "pbkdf2-sha256$1e3$\(salt16)$\(hash32)",
            "pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$\(hash32)",
            "pbkdf2-sha256$1000$AAEC+wQFBgcICQoLDA0ODw$\(hash32)",
            "pbkdf2-sha256$1000$AAECAw$\(hash32)",
            "pbkdf2-sha256$1000$$\(hash32)",
            "pbkdf2-sha256$1000$\(salt16)$AAAA",
            "pbkdf2-sha256$1000$\(salt16)$\(hash32)AAAA",
            "pbkdf2-sha256$1000$\(salt16)$\(hash32.dropLast())B",
            " pbkdf2-sha256$1000$\(salt16)$\(hash32)",
        ])
    func malformed(_ text: String) {
        #expect(SecretFingerprint(encoded: text) == nil)
    }

    @Test("accepts the limits")
    func limits() {
        #expect(
            SecretFingerprint(encoded: "pbkdf2-sha256$10000000$\(Self.salt16)$\(Self.hash32)")?.iterations
                == 10_000_000)
        #expect(SecretFingerprint(encoded: "pbkdf2-sha256$1$\(Self.salt16)$\(Self.hash32)")?.iterations == 1)
    }

    @Test("descriptions never reveal the hash")
    func description() {
        let fingerprint = SecretFingerprint.make(secret: "hunter2", salt: salt, iterations: 10)
        let hashText = Base64URL.encode(fingerprint.hash)
        #expect(fingerprint.description == "(fingerprint)")
        #expect(!"\(fingerprint)".contains(hashText))
        #expect(!String(describing: fingerprint).contains(hashText))
        #expect(!String(reflecting: fingerprint).contains(hashText))
        #expect(!"\([fingerprint])".contains(hashText))
    }
}
