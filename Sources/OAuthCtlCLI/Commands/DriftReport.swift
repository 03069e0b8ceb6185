import OAuthCtlCore

/// Classifies a plan for drift detection: (a) managed clients changed out of band, by field,
/// (b) clients missing on the server, (c) live clients no manifest claims (listed, never touched).
struct DriftReport {
    var plan: Plan
    /// Accepted drift from the manifests: address → field → reason.
    var accepted: [ClientAddress: [String: String]] = [:]

    init(plan: Plan, manifests: ManifestSet) {
        self.plan = plan
        for client in manifests.clients where !client.acceptedDrift.isEmpty { accepted[client.address] = client.acceptedDrift }
    }

    /// Changed managed clients, without the fields whose drift is accepted.
    var changed: [PlannedAction] {
        plan.actions.filter { $0.action == .update || $0.action == .replace }.compactMap { action in
            var copy = action
            copy.changes = action.changes.filter { accepted[action.address]?[$0.path] == nil }
            return copy.changes.isEmpty ? nil : copy
        }
    }

    /// Accepted drift that is present right now: `address: field (reason)`.
    var acceptedNow: [String] {
        plan.actions.flatMap { action in
            action.changes.compactMap { change in
                accepted[action.address]?[change.path].map { "\(action.address): \(change.path) (accepted: \($0))" }
            }
        }
    }
    var missing: [PlannedAction] { plan.actions.filter { $0.action == .create } }
    var tombstoned: [PlannedAction] { plan.actions.filter { $0.action == .delete } }
    func untouched(_ kind: Plan.Untouched.Kind) -> [Plan.Untouched] { plan.untouched.filter { $0.kind == kind } }
    /// How many clients of `kind` were left alone (counted: a server can hold millions).
    func count(_ kind: Plan.Untouched.Kind) -> Int { plan.untouched.reduce(0) { $0 + ($1.kind == kind ? 1 : 0) } }

    var hasDrift: Bool {
        !changed.isEmpty || !missing.isEmpty || !tombstoned.isEmpty || plan.untouched.contains { $0.kind == .orphaned }
            || !plan.warnings.isEmpty
    }

    /// The report in `format`, handed to `out` (JSON in pieces as it is made: it lists every client left
    /// alone, and a server can hold millions).
    func write(format: OutputFormat, output: PlanOutput, color: Bool, to out: (String) -> Void) {
        switch format {
        case .json: json(output, to: out)
        case .markdown: out(markdown())
        case .text: out(Colorizer.apply(text(), enabled: color))
        }
    }

    /// Each section's items, server and manifest text escaped (`TerminalText`).
    private func sections() -> [(String, [String])] {
        rawSections().map { ($0.0, $0.1.map { TerminalText.escape($0) }) }
    }

    private func rawSections() -> [(String, [String])] {
        [
            ("Changed out of band (apply restores the manifests; live -> manifest)", changedLines),
            ("Missing on the server (deleted out of band, or never applied)", missing.map(\.address.description)),
            ("Still on the server although marked absent", tombstoned.map(\.address.description)),
            (
                "Orphaned (this repository's marker, not in the manifests; apply --prune deletes them)",
                untouched(.orphaned).map { "\($0.provider)/\($0.id)" }
            ),
            (
                "Managed elsewhere (another repository's marker; left alone)",
                firstFew(.managedElsewhere) { "\($0.provider)/\($0.id) (managed_by \($0.owner ?? "?"))" }
            ),
            ("Unmanaged (no marker; listed, never touched)", firstFew(.unmanaged) { "\($0.provider)/\($0.id)" }),
            ("Accepted drift (metadata.accept_drift; not alerted)", acceptedNow),
            ("Needs attention", plan.warnings),
        ]
    }

    /// Text and Markdown list this many clients left alone; JSON lists all (a server can hold millions).
    static let listedLeftAlone = 10

    /// The first `listedLeftAlone` clients of `kind`, each as `line` spells it, then how many more there are
    /// (only those few lines are made).
    private func firstFew(_ kind: Plan.Untouched.Kind, _ line: (Plan.Untouched) -> String) -> [String] {
        var lines = plan.untouched.lazy.filter { $0.kind == kind }.prefix(Self.listedLeftAlone).map(line)
        let total = count(kind)
        if total > Self.listedLeftAlone { lines.append("… and \(total - Self.listedLeftAlone) more (all of them in --format json)") }
        return lines
    }

    /// One line per changed field, with the live and the manifest's value (secrets redacted).
    private var changedLines: [String] {
        changed.flatMap { action in
            PlanDocument.Entry(action).changes.map { change in
                let shown: (JSONValue) -> String = { change.sensitive ? "(sensitive value)" : JSONEncoding.compact($0) }
                return "\(action.address): \(change.path): \(shown(change.before)) -> \(shown(change.after))"
            }
        }
    }

    /// The changes of each changed client, redacted, as JSON (`path`, `before`, `after`).
    private func changesJSON(_ action: PlannedAction) -> JSONValue {
        .array(
            PlanDocument.Entry(action).changes.map {
                ["path": .string($0.path), "before": $0.before, "after": $0.after]
            })
    }

    private var headline: String {
        hasDrift
            ? "Drift: \(changed.count) changed, \(missing.count) missing, \(tombstoned.count) marked absent but present, \(count(.orphaned)) orphaned, \(plan.warnings.count) needing attention; \(count(.unmanaged)) unmanaged left alone."
            : "No drift: the managed clients match the manifests; \(count(.unmanaged) + count(.managedElsewhere)) other client(s) left alone."
    }

    private func text() -> String {
        var lines = [hasDrift ? Style.yellow.wrap(headline) : Style.green.wrap(headline)]
        for (title, items) in sections() where !items.isEmpty {
            lines += ["", Style.bold.wrap(title + ":")] + items.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func markdown() -> String {
        var lines = ["## oauthctl drift", "", headline]
        for (title, items) in sections() where !items.isEmpty {
            lines += ["", "### \(title)", ""] + items.map { "- `\($0.replacingOccurrences(of: "`", with: "'"))`" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON report. The clients left alone are written from the plan as the text is (`ObjectList`):
    /// a server can hold millions of them.
    private func json(_ output: PlanOutput, to out: (String) -> Void) {
        var lists: [JSONEncoding.ObjectList] = []
        let all = plan.untouched
        let ids: (Plan.Untouched.Kind) -> JSONValue = { kind in
            // Positions, not copies, of the clients of `kind`.
            let items = all.indices.filter { all[$0].kind == kind }
            // The plan's fields of each, but the kind (the list says it) and with an owner always (null or not).
            let list = JSONEncoding.ObjectList(count: items.count, keys: ["provider", "id", "owner"]) { index, key in
                PlanDocument.untouchedField(key, of: all[items[index]]) ?? .null
            }
            lists.append(list)
            return .string(list.placeholder)
        }
        let (document, documentUntouched) = output.document(plan)
        lists.append(documentUntouched)
        let report: JSONValue = [
            "format_version": "1",
            "drift": .bool(hasDrift),
            "changed": .array(
                changed.map {
                    [
                        "address": .string($0.address.description), "fields": .array($0.changes.map { .string($0.path) }),
                        "changes": changesJSON($0),
                    ]
                }),
            "missing": .array(missing.map { .string($0.address.description) }),
            "marked_absent_but_present": .array(tombstoned.map { .string($0.address.description) }),
            "orphaned": ids(.orphaned),
            "managed_elsewhere": ids(.managedElsewhere),
            "unmanaged": ids(.unmanaged),
            "accepted": .array(acceptedNow.map(JSONValue.string)),
            "warnings": .array(plan.warnings.map(JSONValue.string)),
            "plan": document,
        ]
        JSONEncoding.pretty(report, lists: lists, to: out)
        out("\n")
    }
}
