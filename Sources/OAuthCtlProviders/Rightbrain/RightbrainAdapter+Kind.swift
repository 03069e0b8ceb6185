import Foundation
import OAuthCtlCore

extension RightbrainAdapter {
    /// Rightbrain: `spec.url` (or the public API), `spec.org_id`, `spec.project_id`, `spec.auth.bearer_token`.
    static let kind = ProviderKind(descriptor: RightbrainSchema.descriptor) { context in
        let provider = context.provider
        let (token, source) = try context.credential("bearer_token")
        guard let url = URL(string: provider.settings["url"] ?? RightbrainSchema.defaultURL) else {
            throw ProviderError.setting(provider: provider.name, .noUsableURL(fix: nil))
        }
        guard let org = provider.settings["org_id"], let project = provider.settings["project_id"] else {
            throw ProviderError.setting(provider: provider.name, .needsOrgAndProject)
        }
        return RightbrainAdapter(
            schema: context.schema, baseURL: url, orgID: org, projectID: project, token: token, authSource: source,
            http: context.http)
    }
}
