import OAuthCtlCore
import Testing

/// A space-separated set (a scope) in canonical form: read by its bytes when it is ASCII, by characters
/// otherwise; either way the tokens sorted as `String`s sort, each once, joined by single spaces.
@Suite("Canonical form of a space-separated set")
struct TokenSetTests {
    /// The definition: split at spaces, tabs and line feeds (as characters), sorted, deduplicated, joined.
    static func reference(_ text: String) -> String {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        return Array(Set(tokens)).sorted().joined(separator: " ")
    }

    /// (Canonically equivalent spellings, such as a precomposed and a decomposed "é", are left out: `String`'s
    /// order among them depends on the order they come in, so no definition pins one result.)
    @Test("the same set as the definition on 20,000 random texts, ASCII or not")
    func sameAsDefinition() {
        var random = SplitMix64(seed: 0x5C0BE)
        let pieces = ["a", "b", "ab", "B", "_", ".", "z9", " ", " ", "  ", "\t", "\n", "\r\n", "\r", "é", "ü", "Z"]
        var canonical = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...9, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            let set = Canonicalizer.tokenSet(text)
            #expect(set == Self.reference(text), "\(text.debugDescription)")
            if set == text { canonical += 1 }
        }
        // Texts already in canonical form (given back as they are) were among them.
        #expect(canonical > 100)
    }

    @Test(
        "examples",
        arguments: [
            ("openid offline_access profile email", "email offline_access openid profile"),
            ("email offline_access openid profile", "email offline_access openid profile"),
            ("  b\ta\nb  ", "a b"),
            ("", ""),
            ("a b a", "a b"),
            ("B a", "B a"),
            ("ab a", "a ab"),
        ])
    func examples(text: String, expected: String) {
        #expect(Canonicalizer.tokenSet(text) == expected)
    }
}
