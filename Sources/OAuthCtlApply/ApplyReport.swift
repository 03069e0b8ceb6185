import OAuthCtlCore

/// What apply did: each action's outcome, in plan order. Append-only; always returned, even on failure.
package struct ApplyReport: Sendable {
    /// The result of one action.
    package enum Outcome: Sendable, Hashable {
        case succeeded
        case failed(String)
        /// Not sent, with why (an earlier failure, a refused pre-flight check, an interrupt).
        case notAttempted(String)
        /// The client was created, but its server-generated secret never reached the sink.
        case secretLost(String)
    }

    /// One action and its outcome.
    package struct Entry: Sendable, Hashable {
        package var address: ClientAddress
        package var action: Action
        package var id: String
        package var outcome: Outcome
    }

    package var entries: [Entry] = []
    /// Problems found before anything was sent (e.g. an unresolvable secret); nothing was changed.
    package var preflightErrors: [String] = []
    /// Clients whose generated secret an earlier run lost (read from the sink), with what to do.
    package var warnings: [String] = []
    /// True when a signal stopped the run: writes in flight finished, nothing new was sent.
    package var interrupted = false

    package init() {}

    package var succeeded: [Entry] { entries.filter { $0.outcome == .succeeded } }
    package var failed: [Entry] { entries.filter { if case .failed = $0.outcome { true } else { false } } }
    package var notAttempted: [Entry] { entries.filter { if case .notAttempted = $0.outcome { true } else { false } } }
    package var secretsLost: [Entry] { entries.filter { if case .secretLost = $0.outcome { true } else { false } } }
    package var hasFailures: Bool {
        !preflightErrors.isEmpty || !failed.isEmpty || !notAttempted.isEmpty || !secretsLost.isEmpty
    }

    /// kubectl-style lines: `local/billing-web updated`, `local/x failed: ...`, then the totals.
    package func lines(dryRun: Bool) -> [String] {
        let suffix = dryRun ? " (dry run)" : ""
        var lines = preflightErrors.map { "error: \($0)" } + warnings.map { "warning: \($0)" }
        for entry in entries {
            switch entry.outcome {
            case .succeeded: lines.append("\(entry.address) \(Self.pastTense(entry.action))\(suffix)")
            case .failed(let message): lines.append("\(entry.address) failed: \(message)")
            case .notAttempted(let why): lines.append("\(entry.address) not attempted: \(why)")
            case .secretLost(let message): lines.append("\(entry.address) secret lost: \(message)")
            }
        }
        let lost = secretsLost.isEmpty ? "" : ", \(secretsLost.count) created with a lost secret"
        let title = interrupted ? "Apply interrupted" : "Apply"
        lines.append(
            "\(title)\(suffix): \(succeeded.count) succeeded, \(failed.count) failed\(lost), \(notAttempted.count) not attempted.")
        return lines
    }

    package static func pastTense(_ action: Action) -> String {
        switch action {
        case .create: "created"
        case .update: "updated"
        case .replace: "replaced"
        case .delete: "deleted"
        case .noOp: "unchanged"
        }
    }
}
