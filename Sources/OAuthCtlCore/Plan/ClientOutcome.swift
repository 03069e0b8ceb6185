/// What planning one manifest client produced: its action (at most one) and what was said about it.
/// Clients are planned in parallel, each into its own outcome; the outcomes are joined in manifest order.
struct ClientOutcome: Sendable {
    var actions: [PlannedAction] = []
    var notes: [String] = []
    var warnings: [String] = []
    var diagnostics: [Diagnostic] = []
}
