import Testing
import YAML

@Suite("Robustness")
struct RobustnessTests {
    /// A realistic manifest: anchors, merges, flow and block collections, every scalar style.
    static let manifest = """
        # Clients for the billing product.
        defaults: &defaults
          token_endpoint_auth_method: client_secret_basic
          grant_types: [authorization_code, refresh_token]
          response_types:
            - code
          skip_consent: false
        apiVersion: oauthctl/v1
        kind: OAuth2Client
        metadata:
          name: billing-web
          provider: hydra
          labels: {team: billing, tier: "gold"}
        spec:
          <<: *defaults
          client_name: 'Billing — Web'
          redirect_uris:
            - https://billing.example.com/cb
            - "https://billing.example.com/cb2?x=1&y=2"
          scope: openid email profile
          audience: [https://api.example.com]
          token_lifespans:
            access_token: 1h
            refresh_token: 720h
          client_secret: {from_env: BILLING_SECRET}
          metadata:
            owner: ~
            retries: 3
            ratio: 0.75
            notes: |
              Managed by oauthctl.
              Do not edit by hand.
            summary: >
              folded text
              on two lines
          contacts: &contacts [ops@example.com, "sec@example.com"]
          post_logout_redirect_uris: []
        ...
        --- !!map
        list: &list [a, b]
        other: *list
        """

    static let bytes = Array(manifest.utf8)

    @Test("the realistic manifest itself loads cleanly")
    func loadsCleanly() {
        let result = YAMLLoader.load(Self.bytes)
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.count == 2)
        #expect(result.documents.last?.root?.mapping?["other"]?.items?.count == 2)
    }

    @Test("every prefix loads without crashing and yields documents or a diagnostic on line 1 or later")
    func everyPrefix() {
        var failures: [Int] = []
        for length in 0...Self.bytes.count {
            let result = YAMLLoader.load(Array(Self.bytes[..<length]))
            // Only the leading comment line may load as nothing at all.
            if !Self.isSane(result, allowEmpty: length <= Self.commentLineLength) {
                failures.append(length)
            }
        }
        #expect(failures == [])
    }

    @Test(
        "every single-byte corruption loads without crashing and yields documents or a diagnostic",
        arguments: [0x00, 0x09, 0x0A, 0x20, 0x22, 0x26, 0x2A, 0x3A, 0x5B, 0x7B, 0x7C, 0xC3, 0xFF] as [UInt8])
    func everyCorruption(replacement: UInt8) {
        var failures: [Int] = []
        for index in Self.bytes.indices {
            var corrupted = Self.bytes
            corrupted[index] = replacement
            if !Self.isSane(YAMLLoader.load(corrupted), allowEmpty: false) { failures.append(index) }
        }
        #expect(failures == [])
    }

    /// Documents, or at least one diagnostic, and every diagnostic and note on line 1 or later.
    static func isSane(_ result: LoadResult, allowEmpty: Bool) -> Bool {
        let marks = result.diagnostics.flatMap { [$0.mark] + $0.notes.map(\.mark) }
        guard marks.allSatisfy({ $0.line >= 1 && $0.column >= 1 }) else { return false }
        return allowEmpty || !result.documents.isEmpty || !result.diagnostics.isEmpty
    }

    static let commentLineLength = (bytes.firstIndex(of: 0x0A) ?? 0) + 1
}
