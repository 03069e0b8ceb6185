import Foundation
import OAuthCtlCore

extension HydraAdapter {
    /// Self-hosted Hydra: `spec.url`, `spec.auth.bearer_token`.
    static let hydraKind = ProviderKind(
        descriptor: HydraSchema.hydra, makeAdapter: factory(credential: "bearer_token", urlHint: "spec.url"))
    /// Ory Network: `spec.url` or `spec.project_slug`, `spec.auth.api_key`.
    static let oryNetworkKind = ProviderKind(
        descriptor: HydraSchema.oryNetwork,
        makeAdapter: factory(credential: "api_key", urlHint: "spec.url or spec.project_slug"))

    private static func factory(
        credential key: String, urlHint: String
    ) -> @Sendable (ProviderKind.Context) throws -> any ProviderAdapter {
        { context in
            let (token, source) = try context.credential(key)
            guard let url = baseURL(context.provider) else {
                throw ProviderError.setting(provider: context.provider.name, .noUsableURL(fix: urlHint))
            }
            return HydraAdapter(schema: context.schema, baseURL: url, token: token, authSource: source, http: context.http)
        }
    }

    /// `spec.url`, else Ory Network's project URL from `spec.project_slug`.
    static func baseURL(_ provider: ProviderManifest) -> URL? {
        if let url = provider.settings["url"] { return URL(string: url) }
        if let slug = provider.settings["project_slug"] { return URL(string: "https://\(slug).projects.oryapis.com") }
        return nil
    }
}
