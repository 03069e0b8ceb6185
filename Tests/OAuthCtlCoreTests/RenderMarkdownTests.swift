import OAuthCtlCore
import Testing

/// The Markdown renderer for pull-request comments: size limit, truncation note, escaping of hostile values.
@Suite("Markdown renderer")
struct RenderMarkdownTests {
    /// `count` updated clients, each with a few long changed fields.
    static func document(updates count: Int, deletes: Int = 0) -> PlanDocument {
        var actions = (0..<count).map { index in
            PlannedAction(
                address: ClientAddress(provider: "prod", name: "client-\(index)"), providerType: "hydra", action: .update,
                id: "client-\(index)", reason: .fieldsDiffer,
                changes: [
                    FieldChange(path: "client_name", before: .string("Old name \(index)"), after: .string("New name \(index)")),
                    FieldChange(
                        path: "redirect_uris", before: [.string("https://app-\(index).example.com/callback")],
                        after: [.string("https://app-\(index).example.com/cb"), .string("https://app-\(index).example.com/cb2")]),
                    FieldChange(path: "metadata", before: [:], after: ["team": .string(String(repeating: "x", count: 400))]),
                ])
        }
        actions += (0..<deletes).map { index in
            PlannedAction(
                address: ClientAddress(provider: "prod", name: "gone-\(index)"), providerType: "hydra", action: .delete,
                id: "gone-\(index)", reason: .notInManifests)
        }
        return PlanDocument(plan: Plan(actions: actions), toolVersion: "test", providers: [])
    }

    @Test("2,000 changed clients stay under GitHub's 65,535-character limit, with a note")
    func bigPlan() {
        let text = MarkdownRenderer().render(Self.document(updates: 2_000, deletes: 50))
        #expect(text.utf8.count < 65_535)
        #expect(text.unicodeScalars.count < 65_535)
        #expect(text.contains("**Plan: 0 to create, 2000 to update, 0 to replace, 50 to delete.**"))
        #expect(text.contains("not shown.** GitHub limits a comment to 65,535 characters. The full plan is in the JSON plan artifact"))
        #expect(text.contains("> - … and 30 more (see below and the JSON plan)"))
        // Truncation is per client: every opened section is closed, and the footer is still there.
        #expect(text.components(separatedBy: "<details>").count == text.components(separatedBy: "</details>").count)
        #expect(text.hasSuffix("<sub>oauthctl test · JSON plan format 1</sub>\n"))
        #expect(text.contains("…`"), "long cells are cut")
    }

    @Test("a small plan is not truncated")
    func smallPlan() {
        let text = MarkdownRenderer().render(Self.document(updates: 3))
        #expect(!text.contains("not shown"))
        #expect(text.components(separatedBy: "<details>").count == 4)
    }

    @Test("a tighter limit shows fewer clients and counts the rest")
    func tightLimit() {
        let text = MarkdownRenderer(maxLength: 4_000).render(Self.document(updates: 20))
        #expect(text.utf8.count <= 4_000)
        let shown = text.components(separatedBy: "<details>").count - 1
        #expect(shown >= 1 && shown < 20)
        #expect(text.contains("**\(20 - shown) clients not shown.**"))
    }

    @Test("hostile values can't break the table or inject HTML")
    func escaping() {
        let name = "a | b `c` <script>alert(1)</script>\nnext"
        let action = PlannedAction(
            address: ClientAddress(provider: "prod", name: "x"), providerType: "hydra", action: .update, id: "x", reason: .fieldsDiffer,
            changes: [FieldChange(path: "client_name", before: "", after: .string(name))])
        let text = MarkdownRenderer().render(PlanDocument(plan: Plan(actions: [action]), toolVersion: "<b>v</b>", providers: []))
        let row = text.split(separator: "\n").first { $0.hasPrefix("| `client_name`") }
        #expect(row == #"| `client_name` | `""` | ``"a \| b `c` <script>alert(1)</script>\nnext"`` |"#)
        #expect(!text.contains("<script>alert(1)</script>\n"))
        #expect(text.contains("<sub>oauthctl &lt;b&gt;v&lt;/b&gt;"))
    }

    @Test("no changes says so and counts the clients")
    func noChanges() {
        let action = PlannedAction(
            address: ClientAddress(provider: "p", name: "a"), providerType: "hydra", action: .noOp, id: "a", reason: .matches)
        let text = MarkdownRenderer().render(PlanDocument(plan: Plan(actions: [action]), toolVersion: "t", providers: []))
        #expect(text.hasPrefix("### oauthctl plan\n\n**No changes.** The live clients match the manifests (1 client checked).\n"))
    }
}
