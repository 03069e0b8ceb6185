/// Generates client secrets and stores them as salted SHA-256 hashes (the sandbox's stand-in for pbkdf2).
enum SecretHasher {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.~".utf8)

    /// `x.GenerateSecret(26)`: 26 characters from `a-zA-Z0-9_-.~`.
    static func generate(length: Int = 26) -> String {
        var generator = SystemRandomNumberGenerator()
        return String(decoding: (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }, as: UTF8.self)
    }

    static func hash(_ secret: String) -> String {
        let salt = SHA256.hex((0..<8).map { _ in UInt8.random(in: 0...255) })
        return "sha256$" + salt + "$" + SHA256.hex(SHA256.hash(Array((salt + secret).utf8)))
    }

    static func matches(_ secret: String, hash: String) -> Bool {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return false }
        return SHA256.hex(SHA256.hash(Array((parts[1] + secret).utf8))) == parts[2]
    }
}
