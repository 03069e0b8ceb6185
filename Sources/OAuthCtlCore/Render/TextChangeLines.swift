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
}
