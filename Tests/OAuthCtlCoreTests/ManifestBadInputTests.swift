import Foundation
import OAuthCtlCore
import OAuthCtlProviders
import Testing
import YAML

/// Hostile and broken input reaches the resolver and comes back as located diagnostics, never a crash.
@Suite("Manifest bad input")
struct ManifestBadInputTests {
    static let resolver = ManifestResolver(descriptors: ProviderRegistry.descriptors, variables: [:])

    static let client = """
        apiVersion: oauthctl/v1
        kind: Provider
        metadata:
          name: prod
        spec:
          type: hydra
          url: http://127.0.0.1:4445
        ---
        apiVersion: oauthctl/v1
        kind: OAuth2Client
        metadata:
          name: billing-web
        spec:
          client_name: "Billing web"
          redirect_uris: [https://billing.example.com/callback]

        """

    func resolve(_ bytes: [UInt8], path: String = "bad.yaml") -> (ManifestSet, [Diagnostic]) {
        Self.resolver.resolve([SourceFile(path: path, bytes: bytes)])
    }

    func errors(_ diagnostics: [Diagnostic]) -> [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    @Test("the well-formed fixture resolves cleanly (so the corruptions below are what fails)")
    func fixtureIsValid() {
        let (set, diagnostics) = resolve(Array(Self.client.utf8))
        #expect(diagnostics == [])
        #expect(set.clients.map(\.address.description) == ["prod/billing-web"])
    }

    @Test("truncated inside a quoted scalar: an error at the end, a note where the quote began")
    func truncated() throws {
        let text = Self.client
        let cut = try #require(text.range(of: "Billing web\""))
        let (_, diagnostics) = resolve(Array(text[..<cut.upperBound].dropLast().utf8))
        let error = try #require(errors(diagnostics).first)
        #expect(error.location?.line == 14)
        #expect(error.message.contains("quoted scalar"))
        #expect(error.notes.first?.location?.line == 14)
        #expect(error.notes.first?.location?.column == 16)
    }

    @Test("binary garbage gives located errors", arguments: [1, 7, 42, 1234] as [UInt64])
    func binaryGarbage(seed: UInt64) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<4096).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let (set, diagnostics) = resolve(bytes)
        #expect(!errors(diagnostics).isEmpty)
        #expect(diagnostics.allSatisfy { ($0.location?.line ?? 0) >= 1 })
        #expect(set.clients.isEmpty)
    }

    @Test("deep nesting is limited and reported where the limit is crossed")
    func deepNesting() {
        let text =
            "apiVersion: oauthctl/v1\nkind: OAuth2Client\nmetadata: {name: deep}\nspec:\n  metadata: "
            + String(repeating: "[", count: 50_000)
        let (_, diagnostics) = resolve(Array(text.utf8))
        let messages = errors(diagnostics).map(\.message)
        #expect(messages.contains("nesting deeper than 64 levels"))
        #expect(errors(diagnostics).first { $0.message.hasPrefix("nesting") }?.location?.line == 5)
    }

    @Test("an alias bomb stops at the expansion limit")
    func aliasBomb() {
        /// The fixture client with `levels` nested anchors of ten aliases each in its free-form `metadata`.
        func bomb(levels: Int) -> String {
            var text = Self.client + "  metadata:\n    a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            for level in 1...levels {
                let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                text += "    a\(level): &a\(level) [\(refs)]\n"
            }
            return text
        }
        // Control: the same shape, small, is a valid client; so only the bomb keeps it out below.
        let (small, smallDiagnostics) = resolve(Array(bomb(levels: 2).utf8))
        #expect(errors(smallDiagnostics).isEmpty, "\(smallDiagnostics)")
        #expect(small.clients.map(\.address.description) == ["prod/billing-web"])
        let (set, diagnostics) = resolve(Array(bomb(levels: 9).utf8))
        #expect(errors(diagnostics).contains { $0.message.contains("possible alias bomb") })
        // The resolver reports and leaves it to the caller to refuse (ManifestResolver.resolve); what it must not
        // do is expand the bomb: whatever it kept of the client holds no more values than the limit.
        func count(_ value: JSONValue) -> Int {
            switch value {
            case .array(let items): items.reduce(1) { $0 + count($1) }
            case .object(let object): object.values.reduce(1) { $0 + count($1) }
            default: 1
            }
        }
        let kept = set.clients.map { count(.object($0.spec)) }.reduce(0, +)
        #expect(kept <= LoadLimits().maxAliasExpansion + 100, "\(kept) values kept")
    }

    @Test("invalid UTF-8 is an error at its position, not a crash")
    func invalidUTF8() throws {
        var bytes = Array(Self.client.utf8)
        let index = try #require(Self.client.utf8.firstIndex(of: UInt8(ascii: "B")))
        let offset = Self.client.utf8.distance(from: Self.client.utf8.startIndex, to: index)
        bytes.replaceSubrange(offset..<(offset + 1), with: [0xC3, 0x28])
        let (_, diagnostics) = resolve(bytes)
        let error = try #require(errors(diagnostics).first)
        #expect(error.location?.line == 14)
        #expect(error.code == "yaml")
    }

    @Test("an empty file and a comment-only file declare nothing and say nothing")
    func emptyFiles() {
        for text in ["", "# nothing here\n", "---\n...\n"] {
            let (set, diagnostics) = resolve(Array(text.utf8))
            #expect(diagnostics == [], "\(text.debugDescription)")
            #expect(set.clients.isEmpty && set.providers.isEmpty)
        }
    }

    @Test("a scalar of 5 MB in a field is checked without repeating it in the message")
    func hugeScalar() throws {
        let huge = String(repeating: "x", count: 5_000_000)
        let text = Self.client.replacingOccurrences(of: "https://billing.example.com/callback", with: "https://b.example.com/\(huge)#f")
        let (_, diagnostics) = resolve(Array(text.utf8))
        let error = try #require(errors(diagnostics).first)
        #expect(error.message.contains("fragment"))
        #expect(error.message.count < 300)
        #expect(diagnostics.allSatisfy { $0.message.count < 300 })
    }
}
