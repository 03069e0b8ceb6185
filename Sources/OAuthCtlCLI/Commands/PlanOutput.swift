import Foundation
import OAuthCtlCore

/// Renders plans in the user's chosen format and saves them for `apply --plan`.
struct PlanOutput {
    var providers: [ProviderManifest]

    /// The redacted plan document as JSON (DESIGN §5), its clients left alone standing as the list returned
    /// with it (see `JSONEncoding.ObjectList`).
    func document(_ plan: Plan) -> (JSONValue, untouched: JSONEncoding.ObjectList) {
        let document = PlanDocument(plan: plan, toolVersion: OAuthCtl.version, providers: providers)
        let untouched = document.untouchedList
        return (document.json(untouched: untouched), untouched)
    }

    /// `plan` in `format`, handed to `out`: JSON in pieces as it is made (it lists every client left alone).
    func write(_ plan: Plan, format: OutputFormat, color: Bool, to out: (String) -> Void) {
        let document = PlanDocument(plan: plan, toolVersion: OAuthCtl.version, providers: providers)
        if format == .json { JSONRenderer().write(document, to: out) } else { out(render(document, format: format, color: color)) }
    }

    func render(_ document: PlanDocument, format: OutputFormat = .text, color: Bool) -> String {
        switch format {
        case .json: JSONRenderer().render(document)
        case .markdown: MarkdownRenderer().render(document)
        case .text: Colorizer.apply(TextRenderer().render(document), enabled: color)
        }
    }

    /// Writes the sealed JSON plan (a reviewer's artifact: references only, never secret values), 0600,
    /// through a temporary file and a rename, so a reader never sees half a plan.
    func save(_ result: PlanSession.Result, to path: String) throws {
        let file = SavedPlanFile(
            document: PlanDocument(plan: result.plan, toolVersion: OAuthCtl.version, providers: providers),
            options: result.options, providerNames: result.providers.map(\.name), manifests: result.manifestDigest)
        try Data(file.text().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
