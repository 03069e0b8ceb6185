import Foundation
import OAuthCtlCore
import OAuthCtlHTTP
import Testing

@testable import OAuthCtlProviders

/// Each provider type's factory refuses a Provider document it can't use with the matching
/// `ProviderError.setting` case, before any request (the transport here fails every call).
@Suite("provider settings")
struct ProviderSettingsTests {
    struct NoNetwork: HTTPTransport {
        struct Sent: Error {}
        func send(_ request: HTTPRequest) async throws -> HTTPResponse { throw Sent() }
    }

    struct FixedSecrets: SecretResolving {
        func resolve(_ reference: SecretReference) throws -> SecretValue { SecretValue("s") }
    }

    static func provider(_ type: String, settings: [String: String] = [:], auth: [String: ProviderManifest.AuthSetting] = [:])
        -> ProviderManifest
    {
        ProviderManifest(
            name: "p", type: type, settings: settings, auth: auth, managedBy: "t",
            location: SourceLocation(file: "p.yaml", line: 1, column: 1))
    }

    static func problem(_ provider: ProviderManifest) -> ProviderError.SettingProblem? {
        do {
            _ = try ProviderRegistry.adapter(for: provider, secrets: FixedSecrets()) { _ in .init(transport: NoNetwork()) }
            return nil
        } catch let ProviderError.setting(name, problem) {
            #expect(name == "p")
            return problem
        } catch {
            Issue.record("not a setting problem: \(error)")
            return nil
        }
    }

    static let credentials: [String: ProviderManifest.AuthSetting] = [
        "client_credentials": .mapping(["client_id": .string("c"), "client_secret": .secret(.env("S"))])
    ]

    @Test("an unknown type, and a missing url, name the fix per type")
    func urls() {
        #expect(Self.problem(Self.provider("hydar")) == .unknownType("hydar"))
        #expect(Self.problem(Self.provider("hydra")) == .noUsableURL(fix: "spec.url"))
        #expect(Self.problem(Self.provider("ory-network")) == .noUsableURL(fix: "spec.url or spec.project_slug"))
        #expect(Self.problem(Self.provider("glewlwyd")) == .noUsableURL(fix: "spec.url to the API base, e.g. http://127.0.0.1:4593/api"))
        #expect(
            Self.problem(Self.provider("boruta", auth: Self.credentials))
                == .noUsableURL(fix: "spec.url to Boruta's admin API base, e.g. http://127.0.0.1:8081"))
        #expect(Self.problem(Self.provider("hydra", settings: ["url": "http://127.0.0.1:4445"])) == nil)
        #expect(Self.problem(Self.provider("ory-network", settings: ["project_slug": "x"])) == nil)
    }

    @Test("Rightbrain needs org and project ids")
    func rightbrain() {
        #expect(Self.problem(Self.provider("rightbrain", settings: ["org_id": "o"])) == .needsOrgAndProject)
        #expect(Self.problem(Self.provider("rightbrain", settings: ["org_id": "o", "project_id": "p"])) == nil)
    }

    @Test("Boruta needs client credentials and a usable token_url that is not plain http off loopback")
    func boruta() {
        let url = ["url": "http://127.0.0.1:8081"]
        #expect(Self.problem(Self.provider("boruta", settings: url)) == .needsClientCredentials)
        #expect(Self.problem(Self.provider("boruta", settings: url, auth: Self.credentials)) == nil)
        func withTokenURL(_ tokenURL: String) -> [String: ProviderManifest.AuthSetting] {
            [
                "client_credentials": .mapping([
                    "client_id": .string("c"), "client_secret": .secret(.env("S")), "token_url": .string(tokenURL),
                ])
            ]
        }
        #expect(Self.problem(Self.provider("boruta", settings: url, auth: withTokenURL("no scheme"))) == .invalidTokenURL("no scheme"))
        #expect(
            Self.problem(Self.provider("boruta", settings: url, auth: withTokenURL("http://10.0.0.1/oauth/token")))
                == .insecureTokenURL(host: "10.0.0.1"))
    }

    @Test("plain http off loopback is refused at spec.url's position")
    func insecureURL() {
        var provider = Self.provider("hydra", settings: ["url": "http://10.1.2.3:4445"])
        provider.settingLocations["url"] = SourceLocation(file: "p.yaml", line: 6, column: 8)
        do {
            _ = try ProviderRegistry.adapter(for: provider, secrets: FixedSecrets()) { _ in .init(transport: NoNetwork()) }
            Issue.record("expected a refusal")
        } catch let ProviderError.insecureURL(message, location) {
            #expect(location == SourceLocation(file: "p.yaml", line: 6, column: 8))
            #expect(message.hasPrefix("provider 'p': spec.url is plain http to '10.1.2.3'"))
        } catch {
            Issue.record("\(error)")
        }
    }
}
