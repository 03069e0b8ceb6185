import Foundation
import OAuthCtlCore

extension GlewlwydAdapter {
    /// Glewlwyd: `spec.url` (the API base), `spec.auth.api_key`, `spec.client_module`.
    static let kind = ProviderKind(descriptor: GlewlwydSchema.descriptor) { context in
        let provider = context.provider
        let (key, source) = try context.credential("api_key")
        guard let url = provider.settings["url"].flatMap(URL.init(string:)) else {
            throw ProviderError.setting(
                provider: provider.name, .noUsableURL(fix: "spec.url to the API base, e.g. http://127.0.0.1:4593/api"))
        }
        return GlewlwydAdapter(
            schema: context.schema, baseURL: url, apiKey: key, authSource: source,
            module: provider.settings["client_module"] ?? "database", http: context.http)
    }
}
