/// One changed client in the Markdown plan: a collapsible `<details>` with a field table (before → after).
struct MarkdownClientSection {
    var entry: PlanDocument.Entry

    /// A cell's JSON is cut to this many characters (the JSON plan has it whole).
    static let maxCell = 300

    var text: String {
        let address = "<code>\(MarkdownEscaping.html(entry.address.description))</code>"
        let flag = entry.action == .delete || entry.action == .replace ? "⚠️ " : ""
        let fields = entry.action == .delete ? "" : " (\(entry.changes.count == 1 ? "1 field" : "\(entry.changes.count) fields"))"
        var text = "<details><summary>\(flag)\(address) \(PlanWording.header(entry.action))\(fields)</summary>\n\n"
        if let reason = PlanWording.reason(entry) { text += "Because \(MarkdownEscaping.prose(reason)).\n\n" }
        if entry.action == .delete {
            text += "Deletes the client with id \(MarkdownEscaping.code(entry.id)).\n\n"
            let fields = DeletedFields.shown(entry)
            if !fields.isEmpty {
                text += "| Field | Before |\n|:--|:--|\n"
                for (name, value) in fields.prefix(Self.maxRows) {
                    text += "| \(MarkdownEscaping.code(name)) | \(cell(value, sensitive: false)) |\n"
                }
                text += "\n"
            }
        } else {
            text += table
            if entry.receivesGeneratedSecret {
                text += "The server generates the client secret; apply writes it to `--secrets-out`.\n\n"
            }
        }
        return text + "</details>\n\n"
    }

    private var table: String {
        var text = "| Field | Before | After |\n|:--|:--|:--|\n"
        for change in entry.changes.flatMap(Self.perKey).prefix(Self.maxRows) {
            let forces = change.forcesReplacement ? " ⚠️ forces replacement" : ""
            let before = entry.action == .create ? "" : cell(change.before, sensitive: change.sensitive)
            text += "| \(MarkdownEscaping.code(change.path))\(forces) | \(before) | \(cell(change.after, sensitive: change.sensitive)) |\n"
        }
        if entry.changes.count > Self.maxRows {
            text += "| … | | \(entry.changes.count - Self.maxRows) more fields: see the JSON plan |\n"
        }
        return text + "\n"
    }

    static let maxRows = MarkdownRenderer.maxRows

    /// A map field's change as one row per changed key (`metadata.team`); any other change as it is.
    static func perKey(_ change: FieldChange) -> [FieldChange] {
        guard !change.sensitive, change.before.objectValue != nil || change.after.objectValue != nil,
            let old = change.before.isNull ? [:] : change.before.objectValue,
            let new = change.after.isNull ? [:] : change.after.objectValue
        else { return [change] }
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            let before = old[key] ?? .null, after = new[key] ?? .null
            return before == after
                ? nil
                : FieldChange(path: change.path + "." + key, before: before, after: after, forcesReplacement: change.forcesReplacement)
        }
    }

    private func cell(_ value: JSONValue, sensitive: Bool) -> String {
        if sensitive || value == FieldChange.sensitiveValue { return value.isNull ? "" : "(sensitive)" }
        return MarkdownEscaping.code(MarkdownEscaping.truncated(JSONEncoding.compact(value), to: Self.maxCell))
    }
}
