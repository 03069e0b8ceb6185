/// What the plan does to one client.
package enum Action: String, Sendable, Hashable, CaseIterable, Codable {
    case create
    case update
    /// Delete then create, because an immutable field changed (only with `--allow-replace`).
    case replace
    case delete
    case noOp = "no-op"

    /// The Terraform-style symbol shown in text plans.
    package var symbol: String {
        switch self {
        case .create: "+"
        case .update: "~"
        case .replace: "-/+"
        case .delete: "-"
        case .noOp: " "
        }
    }

    /// Order in a plan: creates, updates, replaces, deletes, then no-ops.
    var rank: Int {
        switch self {
        case .create: 0
        case .update: 1
        case .replace: 2
        case .delete: 3
        case .noOp: 4
        }
    }
}

/// Why an action was planned; for explanations only, never for decisions at apply time.
package enum ActionReason: String, Sendable, Hashable, Codable {
    case notOnServer = "not_on_server"
    case fieldsDiffer = "fields_differ"
    case adopt = "adopt"
    case immutableFieldChanged = "immutable_field_changed"
    case tombstone = "tombstone"
    case notInManifests = "not_in_manifests"
    case matches = "matches"
    case alreadyAbsent = "already_absent"
}
