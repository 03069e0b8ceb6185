import OAuthCtlTestSupport
import Testing

@testable import OAuthCtlSandbox

/// Known answers, not round trips: a wrong constant, padding or key schedule changes every one of them.
@Suite("Sandbox SHA-256 and HMAC-SHA-256 known answers")
struct SHA256Tests {
    /// FIPS 180-2/180-4 examples (NIST's SHA256.pdf), shared with the core's tests.
    @Test("SHA-256 of the FIPS examples", arguments: PublishedVectors.sha256)
    func fips(message: String, digest: String) {
        #expect(SHA256.hex(SHA256.hash(Array(message.utf8))) == digest)
    }

    @Test("SHA-256 of one million 'a' (FIPS 180-2 B.3)")
    func millionA() {
        #expect(SHA256.hex(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))) == PublishedVectors.sha256OfMillionA)
    }

    /// Lengths either side of the padding boundaries (55/56 bytes fit one block or need two; 64 fills one).
    /// Digests from OpenSSL (`hashlib.sha256`), an independent implementation.
    @Test(
        "SHA-256 at the padding boundaries",
        arguments: [
            (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
            (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
            (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
            (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
            (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        ])
    func paddingBoundaries(length: Int, digest: String) {
        #expect(SHA256.hex(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: length))) == digest)
    }

    /// RFC 4231 §4 test cases 1–7, shared with the core's tests (case 5 is published truncated to 128 bits).
    @Test("HMAC-SHA-256 of RFC 4231's test cases", arguments: PublishedVectors.hmacSHA256)
    func rfc4231(key: [UInt8], message: [UInt8], mac: String) {
        let full = SHA256.hex(SHA256.hmac(key: key, message: message))
        #expect(full.count == 64)
        #expect(full.hasPrefix(mac))
    }
}
