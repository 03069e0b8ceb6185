import OAuthCtlCore
import OAuthCtlProviders
import Testing

/// `GoDuration.parse` (durations in manifests and in live clients): what it accepts, in nanoseconds, and
/// what it refuses, including text that is not ASCII where a digit or a unit is expected.
@Suite("Go durations in manifests")
struct GoDurationParseTests {
    @Test(
        "reads a Go duration",
        arguments: [
            ("1h", 3_600_000_000_000), ("1.5h", 5_400_000_000_000), ("1h30m", 5_400_000_000_000), ("300ms", 300_000_000),
            ("1us", 1_000), ("2µs", 2_000), ("3μs", 3_000), ("7ns", 7), ("-5m", -300_000_000_000), ("+5m", 300_000_000_000),
            ("0", 0), ("-0", 0), (".5h", 1_800_000_000_000), ("720h", 2_592_000_000_000_000), ("1h2m3.5s", 3_723_500_000_000),
        ] as [(String, Int64)])
    func reads(text: String, nanoseconds: Int64) {
        #expect(GoDuration.parse(text) == nanoseconds)
    }

    @Test(
        "refuses what is not one",
        arguments: [
            "", "1", "h", "1x", ".h", "-", "+", "1h ", " 1h", "1\u{301}h", "1h\u{301}", "１h", "1..5h", "9999999999h", "1hh", "ms",
        ])
    func refuses(text: String) {
        #expect(GoDuration.parse(text) == nil)
    }
}

/// The canonical form of a space-separated set (a scope): its tokens sorted once each. Tokens are split at
/// spaces, tabs and line feeds as characters, so a CR LF or a space with a combining mark is no separator.
@Suite("Space-separated sets in canonical form")
struct SpaceSeparatedSetTests {
    @Test(
        "sorted, without repeats, split where a character is a separator",
        arguments: [
            ("b a  a", "a b"), ("openid\toffline", "offline openid"), ("x y\n z", "x y z"), ("email openid", "email openid"),
            ("b\r\na", "b\r\na"), ("b \u{301}a c", "b \u{301}a c"), ("c b \u{301}a", "b \u{301}a c"), ("é a", "a é"),
        ])
    func canonical(text: String, expected: String) throws {
        let schema = try #require(ProviderRegistry.descriptor("hydra")).clientSchema
        let scope = try #require(schema.field("scope"))
        #expect(Canonicalizer(schema: schema).canonicalize(.string(text), field: scope) == .string(expected))
    }
}
