import Foundation
import OAuthCtlCore

/// Renders plans in the user's chosen format and saves them for `apply --plan`.
struct PlanOutput {
    var providers: [ProviderManifest]

    /// The redacted plan document as JSON (DESIGN §5).
    func document(_ plan: Plan) -> JSONValue {
        PlanDocument(plan: plan, toolVersion: OAuthCtl.version, providers: providers).json
    }

    func render(_ plan: Plan, format: String, color: Bool) -> String {
        let document = PlanDocument(plan: plan, toolVersion: OAuthCtl.version, providers: providers)
        switch format {
        case "json": return JSONRenderer().render(document)
        case "markdown": return MarkdownRenderer().render(document)
        default: return Colorizer.apply(TextRenderer().render(document), enabled: color)
        }
    }

    /// Writes the JSON plan atomically (a reviewer's artifact: references only, never secret values).
    func save(_ plan: Plan, to path: String) throws {
        let text = JSONRenderer().render(PlanDocument(plan: plan, toolVersion: OAuthCtl.version, providers: providers))
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
