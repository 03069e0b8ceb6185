import OAuthCtlCore
import Testing

/// The URI and origin checks the manifest decoder applies to URI fields.
@Suite("Manifest URI formats")
struct ManifestURIFormatTests {
    static let redirect = FieldSchema.Format.uri(schemes: [], fragment: false)
    static let web = FieldSchema.Format.uri(schemes: ["http", "https"], fragment: true)

    @Test(
        "URIs",
        arguments: [
            ("https://app.example.com/callback", redirect, nil),
            ("https://app.example.com:8443/cb?x=1", redirect, nil),
            ("http://[::1]:3000/cb", redirect, nil),
            ("http://user:pw@host.example.com/cb", redirect, nil),
            ("com.example.app:/oauth2redirect", redirect, nil),
            ("HTTPS://APP.EXAMPLE.COM/", web, nil),
            ("https://app.example.com/cb#frag", redirect, "it must not contain a fragment ('#')"),
            ("https://app.example.com/cb#frag", web, nil),
            ("https://app.example.com:80a/cb", redirect, "expected an absolute URI such as 'https://app.example.com/callback'"),
            ("https://app.example.com:٣/cb", redirect, "expected an absolute URI such as 'https://app.example.com/callback'"),
            ("/relative", redirect, "expected an absolute URI such as 'https://app.example.com/callback'"),
            ("1http://x", redirect, "expected an absolute URI such as 'https://app.example.com/callback'"),
            ("https:///path", redirect, "it has no host"),
            ("https://a b", redirect, "a URI can't contain spaces"),
            ("https://a\u{00A0}b", redirect, "a URI can't contain spaces"),
            ("ftp://files.example.com", web, "the scheme must be 'http' or 'https'"),
            ("https://app.example.com", .origin, nil),
            ("https://app.example.com:8443/", .origin, nil),
            ("https://app.example.com/path", .origin, "an origin is only scheme://host[:port], with no path, query or fragment"),
            ("https://app.example.com?q", .origin, "an origin is only scheme://host[:port], with no path, query or fragment"),
            ("https://u@app.example.com", .origin, "an origin must not contain a user or password"),
            ("ws://app.example.com", .origin, "an origin must use http:// or https://"),
            ("https://", .origin, "an origin needs a host"),
        ] as [(String, FieldSchema.Format, String?)])
    func problems(_ text: String, _ format: FieldSchema.Format, _ expected: String?) {
        #expect(URIFormat.problem(with: text, format: format) == expected)
    }
}
