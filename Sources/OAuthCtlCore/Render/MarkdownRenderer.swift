/// The plan as a pull-request comment (GitHub-flavoured Markdown): a summary table, deletes and replaces
/// flagged first, one `<details>` per changed client with a field table, always within `maxLength`.
package struct MarkdownRenderer: PlanRenderer {
    /// GitHub rejects comments over 65,535 characters; the default leaves room for a CI wrapper.
    package var maxLength: Int
    /// At most this many deletes and replaces, notes and orphans are listed by name.
    static let maxListed = 20
    /// At most this many field rows per client.
    static let maxRows = 40

    package init(maxLength: Int = 60_000) {
        self.maxLength = maxLength
    }

    package func render(_ document: PlanDocument) -> String {
        let head = header(document)
        let tail = footer(document)
        let changed = document.changedEntries
        var budget = maxLength - Self.length(head) - Self.length(tail) - Self.length(truncationNote(changed.count))
        var body = head
        var shown = 0
        for entry in changed {
            let section = MarkdownClientSection(entry: entry).text
            let size = Self.length(section)
            guard size <= budget else { break }
            body += section
            budget -= size
            shown += 1
        }
        if shown < changed.count { body += truncationNote(changed.count - shown) }
        return body + tail
    }

    /// Length as GitHub may count it, never less: UTF-8 bytes.
    static func length(_ text: String) -> Int { text.utf8.count }

    private func header(_ document: PlanDocument) -> String {
        var text = "### oauthctl plan\n\n"
        let unchanged = document.count(.noOp)
        guard document.hasChanges else {
            if !document.warnings.isEmpty {
                return text + "**No changes to apply, but \(document.warnings.count) warning(s) need attention** (see below).\n\n"
            }
            return text + "**No changes.** The live clients match the manifests (\(PlanWording.clients(unchanged)) checked).\n\n"
        }
        text += "**\(PlanWording.summary(document))**"
        if unchanged > 0 { text += " \(PlanWording.clients(unchanged)) unchanged." }
        text += "\n\n| Action | Clients |\n|:--|--:|\n"
        let rows: [(Action, String)] = [
            (.create, "create"), (.update, "update in-place"), (.replace, "replace (delete, then create)"), (.delete, "delete"),
        ]
        for (action, label) in rows {
            let count = document.count(action)
            let flag = count > 0 && (action == .delete || action == .replace) ? "⚠️ " : ""
            text += "| \(flag)\(label) | \(count) |\n"
        }
        text += "| no change | \(unchanged) |\n\n"
        let destructive = document.changedEntries.filter { $0.action == .delete || $0.action == .replace }
        if !destructive.isEmpty {
            text += "> ⚠️ **This plan deletes clients.** A deleted client loses its grants and tokens.\n>\n"
            for entry in destructive.prefix(Self.maxListed) {
                let reason = PlanWording.reason(entry).map { ": " + MarkdownEscaping.prose($0) } ?? ""
                text +=
                    "> - **\(entry.action == .delete ? "delete" : "replace")** \(MarkdownEscaping.code(entry.address.description))\(reason)\n"
            }
            if destructive.count > Self.maxListed {
                text += "> - … and \(destructive.count - Self.maxListed) more (see below and the JSON plan)\n"
            }
            text += "\n"
        }
        return text
    }

    private func footer(_ document: PlanDocument) -> String {
        var text = ""
        let orphans = document.untouched.filter { $0.kind == .orphaned }
        var untouched = orphans.prefix(Self.maxListed).map {
            "- " + MarkdownEscaping.code("\($0.provider)/\($0.id)") + " " + MarkdownEscaping.prose(PlanWording.orphaned)
        }
        if orphans.count > Self.maxListed {
            untouched.append("- … and \(orphans.count - Self.maxListed) more orphaned (see the JSON plan)")
        }
        for (provider, owner, count) in PlanWording.counted(document.untouched, .managedElsewhere) {
            untouched.append(
                "- \(MarkdownEscaping.code(provider)): \(PlanWording.clients(count)) managed elsewhere (managed\\_by: \(MarkdownEscaping.code(owner ?? "?")))"
            )
        }
        for (provider, _, count) in PlanWording.counted(document.untouched, .unmanaged) {
            untouched.append(
                "- \(MarkdownEscaping.code(provider)): \(PlanWording.clients(count)) without an ownership marker (unmanaged; never touched)"
            )
        }
        if !untouched.isEmpty { text += "**Left alone on the server**\n\n" + untouched.joined(separator: "\n") + "\n\n" }
        if !document.warnings.isEmpty {
            let warnings = document.warnings.map { "- ⚠️ " + MarkdownEscaping.prose(MarkdownEscaping.truncated($0, to: 500)) }
            text += "**Needs attention**\n\n" + warnings.joined(separator: "\n") + "\n\n"
        }
        if !document.notes.isEmpty {
            var notes = document.notes.prefix(Self.maxListed).map { "- " + MarkdownEscaping.prose(MarkdownEscaping.truncated($0, to: 500)) }
            if document.notes.count > Self.maxListed {
                notes.append("- … and \(document.notes.count - Self.maxListed) more (see the JSON plan)")
            }
            text += "**Notes**\n\n" + notes.joined(separator: "\n") + "\n\n"
        }
        return text
            + "<sub>oauthctl \(MarkdownEscaping.html(document.toolVersion)) · JSON plan format \(PlanDocument.formatVersion)</sub>\n"
    }

    private func truncationNote(_ hidden: Int) -> String {
        "> ⚠️ **\(PlanWording.clients(hidden)) not shown.** GitHub limits a comment to 65,535 characters. "
            + "The full plan is in the JSON plan artifact (`oauthctl plan --out FILE` or `--format json`).\n\n"
    }
}
