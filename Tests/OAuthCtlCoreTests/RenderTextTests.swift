import OAuthCtlCore
import Testing

/// The text renderer: legend, colour markup, list diffs and summary lines (the goldens hold the rest).
@Suite("Text renderer")
struct RenderTextTests {
    static func action(_ kind: Action, _ name: String, changes: [FieldChange] = []) -> PlannedAction {
        PlannedAction(
            address: ClientAddress(provider: "p", name: name), providerType: "hydra", action: kind, id: name, reason: .fieldsDiffer,
            changes: changes)
    }

    static func render(_ actions: [PlannedAction], untouched: [Plan.Untouched] = []) -> String {
        TextRenderer().render(PlanDocument(plan: Plan(actions: actions, untouched: untouched), toolVersion: "t", providers: []))
    }

    @Test("the legend lists only the symbols present")
    func legend() {
        let text = Style.strip(
            Self.render([Self.action(.update, "a", changes: [FieldChange(path: "client_name", before: "x", after: "y")])]))
        #expect(text.hasPrefix("Client actions are shown with the following symbols:\n  ~ update in-place\n\n"))
        #expect(!text.contains("+ create"))
    }

    @Test("colour is style markup: green +, yellow ~, red -, bold headers")
    func colour() {
        let raw = Self.render([
            Self.action(.create, "a", changes: [FieldChange(path: "client_name", before: .null, after: "x")]),
            Self.action(.update, "b", changes: [FieldChange(path: "client_name", before: "x", after: "y")]),
            Self.action(.delete, "c"),
        ])
        #expect(raw.contains(Style.green.wrap("+") + " p/a {"))
        #expect(raw.contains(Style.yellow.wrap("~") + " p/b {"))
        #expect(raw.contains(Style.red.wrap("-") + " p/c {"))
        #expect(raw.contains(Style.bold.wrap("# p/a") + " will be created"))
        #expect(raw.contains(Style.red.wrap(Style.bold.token + "will be destroyed")))
        #expect(!Style.strip(raw).unicodeScalars.contains(Style.open))
    }

    @Test("lists are diffed item by item; order matters for ordered lists")
    func listDiff() {
        let change = FieldChange(path: "redirect_uris", before: ["a", "b"], after: ["b", "a", "c"])
        let text = Style.strip(Self.render([Self.action(.update, "a", changes: [change])]))
        #expect(
            text.contains(
                """
                      ~ redirect_uris: [
                          - "a",
                            "b",
                          + "a",
                          + "c",
                        ]
                """))
    }

    @Test("long lists are shown as compact JSON; maps as nested blocks, key by key")
    func compactJSON() {
        let long = JSONValue.array((0..<40).map { .string("u\($0)") })
        let text = Style.strip(
            Self.render([
                Self.action(
                    .update, "a",
                    changes: [
                        FieldChange(path: "contacts", before: [], after: long),
                        FieldChange(path: "metadata", before: [:], after: ["k": ["n": 1]]),
                    ])
            ]))
        #expect(text.contains(#"~ contacts: [] -> ["u0","u1","#))
        #expect(
            text.contains(
                """
                      ~ metadata: {
                          + k: {
                              + n: 1
                            }
                        }
                """))
    }

    @Test("no-ops are counted, not listed; an empty plan says so")
    func summaries() {
        let text = Style.strip(Self.render([Self.action(.noOp, "a"), Self.action(.noOp, "b")]))
        #expect(text == "No changes. The live clients match the manifests.\n")
        let changed = Style.strip(Self.render([Self.action(.noOp, "a"), Self.action(.delete, "b")]))
        #expect(changed.hasSuffix("1 client already matches the manifests.\nPlan: 0 to create, 0 to update, 0 to replace, 1 to delete.\n"))
        #expect(!changed.contains("p/a"))
    }

    @Test("untouched clients: orphans by name, others counted")
    func untouched() {
        let text = Style.strip(
            Self.render(
                [],
                untouched: [
                    .init(provider: "p", id: "old", kind: .orphaned), .init(provider: "p", id: "h1", kind: .unmanaged),
                    .init(provider: "p", id: "h2", kind: .unmanaged),
                    .init(provider: "p", id: "t", kind: .managedElsewhere, owner: "team-b"),
                ]))
        #expect(
            text == """
                Left alone on the server:
                  p/old: carries this repository's marker but is not in the manifests; --prune deletes it
                  p: 1 client managed elsewhere (managed_by: team-b)
                  p: 2 clients without an ownership marker (unmanaged; never touched)

                No changes. The live clients match the manifests.

                """)
    }
}
