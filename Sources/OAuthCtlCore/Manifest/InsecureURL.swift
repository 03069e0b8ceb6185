import Foundation

/// The rule for a provider's admin URL: `https`, or plain `http` only to a loopback host (127.0.0.0/8,
/// `::1`, `localhost`), unless the Provider says `spec.allow_insecure_http: true`. Plain http elsewhere
/// would send the admin credentials across the network in clear.
///
/// `validate` reports a violation as a warning; every command that talks to the provider refuses it
/// before opening a connection.
package enum InsecureURL {
    /// True for `localhost` (and `*.localhost`), any 127.x.y.z address and `::1`.
    package static func isLoopback(host: String) -> Bool {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        if host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && UInt8($0) != nil }) else { return false }
        return parts[0] == "127"
    }

    /// The host of `url` when it is plain http to a non-loopback host, else nil.
    package static func insecureHost(_ url: String) -> String? {
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "http" else { return nil }
        let host = components.host ?? ""
        return isLoopback(host: host) ? nil : host
    }

    /// Why `provider`'s URL is refused and where it was written, or nil when it is fine.
    package static func check(_ provider: ProviderManifest) -> (message: String, location: SourceLocation)? {
        guard !provider.allowInsecureHTTP, let url = provider.settings["url"], let host = insecureHost(url) else { return nil }
        let message =
            "provider '\(provider.name)': spec.url is plain http to '\(TerminalText.escape(host))', which is not a loopback address, so the admin credentials would cross the network in clear; use https, or set spec.allow_insecure_http: true"
        return (message, provider.settingLocations["url"] ?? provider.location)
    }

    /// `check` as one line starting with the `file:line:column` of `spec.url`.
    package static func problem(_ provider: ProviderManifest) -> String? {
        check(provider).map { "\($0.location): \($0.message)" }
    }

    /// `validate`'s warnings: one per provider whose URL would be refused.
    package static func warnings(_ providers: [ProviderManifest]) -> [Diagnostic] {
        providers.compactMap { provider in
            check(provider).map { Diagnostic.warning($0.message, at: $0.location, code: "insecure-url") }
        }
    }
}
