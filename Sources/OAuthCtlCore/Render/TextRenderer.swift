/// The human plan, in Terraform's words: a legend, one block per changed client, what was left alone,
/// notes and a summary line. Colour is `Style` markup; the CLI applies or strips it last.
package struct TextRenderer: PlanRenderer {
    package init() {}

    package func render(_ document: PlanDocument) -> String {
        var lines: [String] = []
        let changed = document.changedEntries
        if !changed.isEmpty {
            lines += legend(Set(changed.map(\.action)))
            lines += ["", "oauthctl will perform the following actions:"]
            for entry in changed {
                lines.append("")
                lines += block(entry)
            }
            lines.append("")
        }
        let untouched = untouchedLines(document.untouched)
        if !untouched.isEmpty {
            lines += ["Left alone on the server:"] + untouched + [""]
        }
        if !document.notes.isEmpty {
            lines += [Style.bold.wrap("Notes:")] + document.notes.map { "  - " + TerminalText.escape($0) } + [""]
        }
        if !document.warnings.isEmpty {
            lines += [Style.yellow.wrap(Style.bold.token + "Warnings:")] + document.warnings.map { "  ! " + $0 } + [""]
        }
        let unchanged = document.count(.noOp)
        if document.hasChanges {
            if unchanged > 0 {
                lines.append("\(PlanWording.clients(unchanged)) already \(unchanged == 1 ? "matches" : "match") the manifests.")
            }
            lines.append(Style.bold.wrap("Plan:") + String(PlanWording.summary(document).dropFirst("Plan:".count)))
        } else if !document.warnings.isEmpty {
            lines.append(
                Style.yellow.wrap(Style.bold.token + "No changes to apply, but \(document.warnings.count) warning(s) above need attention.")
            )
        } else {
            lines.append(Style.green.wrap(Style.bold.token + "No changes.") + " The live clients match the manifests.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The symbol column (3 wide, right-aligned), coloured.
    static func symbol(_ action: Action) -> String {
        switch action {
        case .create: "  " + Style.green.wrap("+")
        case .update: "  " + Style.yellow.wrap("~")
        case .replace: Style.red.wrap("-") + "/" + Style.green.wrap("+")
        case .delete: "  " + Style.red.wrap("-")
        case .noOp: "   "
        }
    }

    private func legend(_ present: Set<Action>) -> [String] {
        let meanings: [(Action, String)] = [
            (.create, "create"), (.update, "update in-place"), (.replace, "delete, then create (replace)"), (.delete, "delete"),
        ]
        return ["Client actions are shown with the following symbols:"]
            + meanings.filter { present.contains($0.0) }.map { Self.symbol($0.0) + " " + $0.1 }
    }

    private func block(_ entry: PlanDocument.Entry) -> [String] {
        let verb = PlanWording.header(entry.action)
        let styledVerb = entry.action == .delete || entry.action == .replace ? Style.red.wrap(Style.bold.token + verb) : verb
        var lines = ["  " + Style.bold.wrap("# \(entry.address)") + " " + styledVerb]
        if let reason = PlanWording.reason(entry) { lines.append("  # (because \(TerminalText.escape(reason)))") }
        lines.append(Self.symbol(entry.action) + " \(entry.address) {")
        if entry.action == .delete {
            lines.append("      " + Style.red.wrap("-") + " id: " + JSONEncoding.compact(.string(entry.id)))
            lines += DeletedFields.shown(entry).flatMap { name, value in
                TextChangeLines(change: FieldChange(path: name, before: value, after: .null), create: false).deletedLines
            }
        } else {
            for change in entry.changes {
                lines += TextChangeLines(change: change, create: entry.action == .create).lines
            }
            if entry.receivesGeneratedSecret {
                lines.append("      # the server generates the client secret; apply writes it to --secrets-out")
            }
        }
        lines.append("    }")
        return lines
    }

    private func untouchedLines(_ untouched: [Plan.Untouched]) -> [String] {
        var lines = untouched.filter { $0.kind == .orphaned }.map {
            "  \($0.provider)/\(TerminalText.escape($0.id)): " + PlanWording.orphaned
        }
        for (provider, owner, count) in PlanWording.counted(untouched, .managedElsewhere) {
            lines.append(
                "  \(provider): \(PlanWording.clients(count)) managed elsewhere (managed_by: \(TerminalText.escape(owner ?? "?")))")
        }
        for (provider, _, count) in PlanWording.counted(untouched, .unmanaged) {
            lines.append("  \(provider): \(PlanWording.clients(count)) without an ownership marker (unmanaged; never touched)")
        }
        return lines
    }
}
