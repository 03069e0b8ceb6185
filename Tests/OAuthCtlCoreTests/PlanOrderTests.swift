import OAuthCtlCore
import Testing

/// A plan lists its actions by kind (creates first), then by address, however they were planned; actions
/// already in that order (the usual case) are kept as they are.
@Suite("Plan order")
struct PlanOrderTests {
    static func action(_ name: String, _ kind: Action) -> PlannedAction {
        PlannedAction(
            address: ClientAddress(provider: "local", name: name), providerType: "hydra", action: kind, id: name, reason: .matches)
    }

    @Test("actions out of order are sorted by kind, then address; in order, they stay")
    func order() {
        let expected = [Self.action("b", .create), Self.action("a", .update), Self.action("c", .update), Self.action("a", .noOp)]
        let shuffled = [expected[3], expected[2], expected[0], expected[1]]
        #expect(Plan(actions: shuffled).actions == expected)
        #expect(Plan(actions: expected).actions == expected)
        #expect(Plan(actions: [expected[0], expected[2], expected[1]]).actions == [expected[0], expected[1], expected[2]])
        #expect(Plan(actions: []).actions.isEmpty)
    }

    @Test("clients left alone are sorted by provider, then id, whatever order they were listed in")
    func untouchedOrder() {
        let expected: [Plan.Untouched] = [
            .init(provider: "a", id: "2", kind: .unmanaged), .init(provider: "a", id: "10", kind: .orphaned),
            .init(provider: "b", id: "1", kind: .managedElsewhere, owner: "other"), .init(provider: "b", id: "3", kind: .unmanaged),
        ]
        // "10" < "2": ids compare as text, as the plan lists them.
        let sorted = [expected[1], expected[0], expected[2], expected[3]]
        #expect(Plan(actions: [], untouched: sorted).untouched == sorted)
        #expect(Plan(actions: [], untouched: [sorted[3], sorted[2], sorted[1], sorted[0]]).untouched == sorted)
        #expect(Plan(actions: [], untouched: [sorted[2], sorted[0], sorted[3], sorted[1]]).untouched == sorted)
    }
}
