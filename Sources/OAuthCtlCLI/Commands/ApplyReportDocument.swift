import OAuthCtlApply
import OAuthCtlCore

/// `apply --format json`: the machine-readable report, versioned like the plan (`format_version`).
///
/// One entry per client of the plan, in plan order: `address`, `provider`, `action`, `id`, `result`
/// (`succeeded`, `failed`, `not_attempted`, `secret_lost`, `unchanged`) and `error` (null unless the
/// result is not `succeeded`/`unchanged`). Messages are the report's own, which never hold a secret.
struct ApplyReportDocument {
    static let formatVersion = "1"

    var plan: Plan
    var report: ApplyReport
    var dryRun: Bool

    var json: JSONValue {
        var outcomes: [ClientAddress: ApplyReport.Outcome] = [:]
        for entry in report.entries { outcomes[entry.address] = entry.outcome }
        let clients: [JSONValue] = plan.actions.map { action in
            let (result, error): (String, String?) =
                switch outcomes[action.address] {
                case nil: action.action == .noOp ? ("unchanged", nil) : ("not_attempted", "not reached")
                case .succeeded: ("succeeded", nil)
                case .failed(let message): ("failed", message)
                case .notAttempted(let why): ("not_attempted", why)
                case .secretLost(let message): ("secret_lost", message)
                }
            return [
                "address": .string(action.address.description), "provider": .string(action.address.provider),
                "type": .string(action.providerType), "action": .string(action.action.rawValue), "id": .string(action.id),
                "result": .string(result), "error": error.map(JSONValue.string) ?? .null,
            ]
        }
        func count(_ result: String) -> JSONValue { .int(clients.filter { $0["result"] == .string(result) }.count) }
        return [
            "format_version": .string(Self.formatVersion),
            "tool": ["name": .string(PlanDocument.toolName), "version": .string(OAuthCtl.version)],
            "dry_run": .bool(dryRun),
            "interrupted": .bool(report.interrupted),
            "summary": [
                "succeeded": count("succeeded"), "failed": count("failed"), "not_attempted": count("not_attempted"),
                "secret_lost": count("secret_lost"), "unchanged": count("unchanged"),
            ],
            "clients": .array(clients),
            "errors": .array(report.preflightErrors.map(JSONValue.string)),
            "warnings": .array(report.warnings.map(JSONValue.string)),
        ]
    }

    var text: String { JSONEncoding.pretty(json) + "\n" }
}
