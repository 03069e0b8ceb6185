/// Flags redirect URIs that send codes over plain HTTP to a non-loopback host, or use wildcards.
package struct InsecureRedirectRule: LintRule {
    package var redirectField: String
    package init(redirectField: String) { self.redirectField = redirectField }
    package var id: String { "insecure-redirect-uri" }
    package var summary: String { "authorization codes must not travel over plain HTTP except to loopback" }

    package func check(_ client: ClientManifest) -> [Diagnostic] {
        strings(redirectField, in: client).compactMap { uri in
            if uri.utf8.contains(UInt8(ascii: "*")) {
                return finding("redirect URI '\(uri)' contains a wildcard; register exact URIs", field: redirectField, in: client)
            }
            guard let parts = URIFormat.parse(uri), parts.scheme == "http" else { return nil }
            let loopback = ["localhost", "127.0.0.1", "[::1]"].contains(parts.host.lowercased())
            return loopback ? nil : finding("redirect URI '\(uri)' uses plain http; use https", field: redirectField, in: client)
        }
    }
}
