import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

@Suite("SHA-256, HMAC-SHA256, PBKDF2-HMAC-SHA256 and base64url")
struct CryptoTests {
    /// Lowercase hex of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
    func hex(_ bytes: [UInt8]) -> String { Self.hex(bytes) }

    @Test("SHA-256 published vectors (FIPS 180-2 appendix B)", arguments: PublishedVectors.sha256)
    func sha256Vectors(message: String, digest: String) {
        #expect(hex(SHA256.hash(Array(message.utf8))) == digest)
    }

    @Test("SHA-256 of one million 'a' (FIPS 180-2 B.3)")
    func sha256Million() {
        let digest = SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(hex(digest) == PublishedVectors.sha256OfMillionA)
    }

    // Messages around the padding boundaries: byte i is i % 251. Expected digests computed once with
    // python3 -c 'import hashlib; print(hashlib.sha256(bytes(i % 251 for i in range(n))).hexdigest())'
    @Test(
        "SHA-256 at padding boundaries",
        arguments: [
            (55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"),
            (56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
            (63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"),
            (64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"),
            (65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"),
            (119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"),
            (120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"),
            (128, "471fb943aa23c511f6f72f8d1652d9c880cfa392ad80503120547703e56a2be5"),
        ])
    func sha256Boundaries(count: Int, digest: String) {
        #expect(hex(SHA256.hash((0..<count).map { UInt8($0 % 251) })) == digest)
    }

    /// Where the CPU has SHA extensions every hash above runs on them; here the portable code, which runs
    /// where it has not, must give the same block after block (random chaining values and messages).
    @Test("SHA-256 compression: the SHA extensions and portable Swift agree", .enabled(if: SHA256State.accelerated))
    func compressionsAgree() {
        var random = SystemRandomNumberGenerator()
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { words in
            for _ in 0..<5_000 {
                let start = SHA256State(digest: (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) })
                for index in 0..<16 { words[index] = UInt32.random(in: 0...UInt32.max, using: &random) }
                var onExtensions = start, portable = start
                onExtensions.compressOnSHAExtensions(words)
                portable.compressPortably(words)
                #expect(onExtensions.bytes == portable.bytes)
                #expect(onExtensions.bytes != start.bytes)
            }
        }
    }

    @Test("PBKDF2: the rounds on the SHA extensions and in portable Swift agree", .enabled(if: SHA256State.accelerated))
    func pbkdf2RoundsAgree() {
        var random = SystemRandomNumberGenerator()
        for iterations in [1, 2, 3, 17, 1_000] {
            for length in [16, 32, 33, 64] {
                let password = (0..<Int.random(in: 0...80, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                let salt = (0..<Int.random(in: 8...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                let onExtensions = PBKDF2.sha256(password: password, salt: salt, iterations: iterations, length: length, accelerated: true)
                let portable = PBKDF2.sha256(password: password, salt: salt, iterations: iterations, length: length, accelerated: false)
                #expect(onExtensions == portable, "iterations \(iterations), length \(length)")
                #expect(onExtensions.count == length)
            }
        }
    }

    @Test("HMAC-SHA256 RFC 4231 test case", arguments: 1...7)
    func hmacVectors(testCase: Int) {
        let (key, message, mac) = PublishedVectors.hmacSHA256[testCase - 1]
        let full = hex(HMACSHA256.authenticate(message, key: key))
        #expect(full.count == 64)
        #expect(full.hasPrefix(mac))
    }

    // RFC 7914 §11 (dkLen 64) and the commonly cited PBKDF2-HMAC-SHA256 vectors (RFC 6070's inputs),
    // each checked with python3 hashlib.pbkdf2_hmac('sha256', P, S, c, dkLen).hex().
    @Test(
        "PBKDF2-HMAC-SHA256 published vectors",
        arguments: [
            (
                "passwd", "salt", 1, 64,
                "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                    + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
            ),
            ("password", "salt", 1, 32, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"),
            ("password", "salt", 2, 32, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"),
            ("password", "salt", 4096, 32, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"),
            (
                "passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 40,
                "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9"
            ),
            ("pass\0word", "sa\0lt", 4096, 16, "89b69d0516f829893c696226650a8687"),
        ])
    func pbkdf2Vectors(password: String, salt: String, iterations: Int, length: Int, key: String) {
        for accelerated in [false, SHA256State.accelerated] {
            let derived = PBKDF2.sha256(
                password: Array(password.utf8), salt: Array(salt.utf8),
                iterations: iterations, length: length, accelerated: accelerated)
            #expect(hex(derived) == key, "accelerated: \(accelerated)")
        }
    }

    @Test("PBKDF2-HMAC-SHA256 RFC 7914 §11, c = 80,000")
    func pbkdf2Slow() {
        let derived = PBKDF2.sha256(
            password: Array("Password".utf8), salt: Array("NaCl".utf8),
            iterations: 80_000, length: 64)
        #expect(
            hex(derived) == "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d")
    }

    // RFC 4648 §10 vectors, translated to the URL-safe alphabet without padding.
    @Test(
        "base64url round trips",
        arguments: [
            ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ])
    func base64Vectors(plain: String, encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test("base64url uses - and _ and rejects other alphabets")
    func base64Alphabet() {
        #expect(Base64URL.encode([0xfb, 0xff, 0xbf]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xfb, 0xff, 0xbf])
        for bad in ["+/+/", "Zg==", "Z", "Zm9v Yg", "Zh", "Zm9", "é"] {
            #expect(Base64URL.decode(bad) == nil, "\(bad)")
        }
        let all = (0...255).map { UInt8($0) }
        #expect(Base64URL.decode(Base64URL.encode(all)) == all)
    }
}
