import OAuthCtlCore
import OAuthCtlProviders
import Testing

/// `ManifestResolver.resolve(_:providersDecoded:)` hands the providers over once, as early as it can:
/// from the small files that spell `Provider`, read ahead of thousands of client documents, else after
/// everything is loaded. What it hands over is always what the result holds.
@Suite("Providers are decoded ahead of the clients")
struct ProvidersAheadTests {
    static let resolver = ManifestResolver(
        descriptors: ProviderRegistry.descriptors, variables: ["HYDRA_ADMIN_URL": "http://127.0.0.1:4445"])

    static func provider(_ name: String) -> String {
        """
        apiVersion: oauthctl/v1
        kind: Provider
        metadata:
          name: \(name)
        spec:
          type: hydra
          url: ${HYDRA_ADMIN_URL}

        """
    }

    static func clients(_ count: Int, provider: String = "prod") -> String {
        (0..<count).map { index in
            "---\napiVersion: oauthctl/v1\nkind: OAuth2Client\nmetadata:\n  name: c\(index)\n  provider: \(provider)\nspec:\n  client_name: C\(index)\n"
        }.joined()
    }

    static func file(_ path: String, _ text: String) -> SourceFile { SourceFile(path: path, bytes: Array(text.utf8)) }

    /// Runs the resolver, recording every call of the callback and how many clients existed then.
    static func resolve(_ files: [SourceFile]) -> (calls: [[String]], names: [String], diagnostics: [Diagnostic]) {
        let calls = Calls()
        let (set, diagnostics) = resolver.resolve(files) { providers in calls.record(providers.map(\.name)) }
        return (calls.names, set.providers.map(\.name), diagnostics)
    }

    @Test("a provider in a small file of its own is handed over once, and is the one the result holds")
    func ahead() {
        let (calls, names, diagnostics) = Self.resolve([
            Self.file("clients.yaml", Self.clients(300)), Self.file("provider.yaml", Self.provider("prod")),
        ])
        #expect(!diagnostics.hasErrors)
        #expect(calls == [["prod"]])
        #expect(names == ["prod"])
    }

    @Test("a provider in a file too large to read ahead is handed over after loading, once")
    func large() {
        let big = Self.provider("prod") + Self.clients(1500)
        #expect(big.utf8.count > 64 << 10)
        let (calls, names, _) = Self.resolve([Self.file("all.yaml", big)])
        #expect(calls == [["prod"]])
        #expect(names == ["prod"])
    }

    @Test("a small file with a problem is not read ahead: the full pass decides, and still calls once")
    func problem() {
        let broken = Self.provider("prod") + "---\nkind: [unclosed\n"
        let (calls, _, diagnostics) = Self.resolve([Self.file("provider.yaml", broken), Self.file("clients.yaml", Self.clients(3))])
        #expect(diagnostics.hasErrors)
        #expect(calls.count == 1)
    }

    @Test("a provider ahead and one that is not: the first call names the one read ahead; the result holds both")
    func partial() {
        let big = Self.provider("other") + Self.clients(1500, provider: "other")
        let (calls, names, diagnostics) = Self.resolve([Self.file("a.yaml", big), Self.file("b.yaml", Self.provider("prod"))])
        #expect(!diagnostics.hasErrors)
        #expect(calls == [["prod"]])
        #expect(Set(names) == ["other", "prod"])
    }
}

/// The callback's calls (the resolver calls it on its own thread, once at most).
private final class Calls: @unchecked Sendable {
    private(set) var names: [[String]] = []
    func record(_ names: [String]) { self.names.append(names) }
}
