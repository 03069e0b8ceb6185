/// The text lines of one changed field: `~ path: before -> after`, `+ path: after`, or a list item by item.
struct TextChangeLines {
    var change: FieldChange
    /// True inside a create block: show only the new value, with `+`.
    var create: Bool

    static let indent = "      "
    static let sensitive = "(sensitive value)"

    var lines: [String] {
        let forces = change.forcesReplacement ? " " + Style.red.wrap("# forces replacement") : ""
        let symbol = create ? Style.green.wrap("+") : Style.yellow.wrap("~")
        let head = Self.indent + symbol + " " + TerminalText.escape(change.path) + ": "
        if change.sensitive || change.after == FieldChange.sensitiveValue {
            return [head + Self.sensitive + forces]
        }
        if let lines = MapLines.lines(before: create ? .null : change.before, after: change.after, indent: Self.indent + "  ") {
            return [head + "{" + forces] + lines + [Self.indent + "  }"]
        }
        if let items = ListDiff.diff(create ? .null : change.before, change.after), !items.isEmpty {
            let body = items.map { line -> String in
                switch line {
                case .kept(let value): Self.indent + "      " + JSONEncoding.compact(value) + ","
                case .removed(let value): Self.indent + "    " + Style.red.wrap("-") + " " + JSONEncoding.compact(value) + ","
                case .added(let value): Self.indent + "    " + Style.green.wrap("+") + " " + JSONEncoding.compact(value) + ","
                }
            }
            return [head + "[" + forces] + body + [Self.indent + "  ]"]
        }
        if create {
            return [head + JSONEncoding.compact(change.after) + forces]
        }
        return [head + JSONEncoding.compact(change.before) + " -> " + JSONEncoding.compact(change.after) + forces]
    }

    /// The lines of a field that a delete destroys: `- path: value`, a map key by key.
    var deletedLines: [String] {
        let head = Self.indent + Style.red.wrap("-") + " " + TerminalText.escape(change.path) + ": "
        if let object = change.before.objectValue, !object.isEmpty,
            let lines = MapLines.lines(before: change.before, after: .null, indent: Self.indent + "  ")
        {
            return [head + "{"] + lines + [Self.indent + "  }"]
        }
        return [head + JSONEncoding.compact(change.before)]
    }
}

/// The fields a delete destroys, for showing: every live field with a value (not empty, false or 0), by
/// name (the id is shown first, on its own line).
enum DeletedFields {
    static func shown(_ entry: PlanDocument.Entry) -> [(String, JSONValue)] {
        (entry.before ?? [:]).filter { key, value in
            if key.hasSuffix("id"), value == .string(entry.id) { return false }
            return switch value {
            case .null: false
            case .string(let text): !text.isEmpty
            case .array(let items): !items.isEmpty
            case .object(let object): !object.isEmpty
            case .bool(let flag): flag
            case .int(let number): number != 0
            default: true
            }
        }.sorted { $0.key < $1.key }
    }
}
