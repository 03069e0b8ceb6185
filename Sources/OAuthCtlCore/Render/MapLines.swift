/// A map field (`metadata`, `jwks`) as a nested block, key by key: `~ key: before -> after`, `+ key: value`,
/// `- key: value`; unchanged keys are counted, not shown; nested maps and lists recurse.
enum MapLines {
    /// The lines inside the braces, or nil when neither side is a map (null counts as an empty map).
    static func lines(before: JSONValue, after: JSONValue, indent: String) -> [String]? {
        guard let old = map(before), let new = map(after), before.objectValue != nil || after.objectValue != nil else { return nil }
        var lines: [String] = []
        var unchanged = 0
        for key in Set(old.keys).union(new.keys).sorted() {
            let name = TerminalText.escape(key)
            switch (old[key], new[key]) {
            case (let a?, let b?) where a == b:
                unchanged += 1
            case (let a?, let b?):
                lines += changed(name, a, b, indent: indent)
            case (nil, let b?):
                lines += whole(name, b, symbol: Style.green.wrap("+"), indent: indent)
            case (let a?, nil):
                lines += whole(name, a, symbol: Style.red.wrap("-"), indent: indent)
            case (nil, nil):
                break
            }
        }
        if unchanged > 0 {
            lines.append(indent + "    # (\(unchanged) unchanged \(unchanged == 1 ? "key" : "keys") hidden)")
        }
        return lines
    }

    private static func map(_ value: JSONValue) -> [String: JSONValue]? {
        value.isNull ? [:] : value.objectValue
    }

    private static func changed(_ name: String, _ before: JSONValue, _ after: JSONValue, indent: String) -> [String] {
        let head = indent + "  " + Style.yellow.wrap("~") + " " + name + ": "
        if before.objectValue != nil, after.objectValue != nil, let inner = lines(before: before, after: after, indent: indent + "    ") {
            return [head + "{"] + inner + [indent + "    }"]
        }
        if let items = ListDiff.diff(before, after) ?? itemDiff(before, after), !items.isEmpty {
            return [head + "["] + items.map { item(indent + "  ", $0) } + [indent + "    ]"]
        }
        return [head + JSONEncoding.compact(before) + " -> " + JSONEncoding.compact(after)]
    }

    /// A key added or removed with its whole value (a nested map shown key by key).
    private static func whole(_ name: String, _ value: JSONValue, symbol: String, indent: String) -> [String] {
        let head = indent + "  " + symbol + " " + name + ": "
        if let object = value.objectValue, !object.isEmpty {
            let inner = object.keys.sorted().flatMap {
                whole(TerminalText.escape($0), object[$0] ?? .null, symbol: symbol, indent: indent + "    ")
            }
            return [head + "{"] + inner + [indent + "    }"]
        }
        return [head + JSONEncoding.compact(value)]
    }

    /// Lists of maps (JWKS keys): items kept, removed and added, by value.
    private static func itemDiff(_ before: JSONValue, _ after: JSONValue) -> [ListDiff.Line]? {
        guard let old = before.isNull ? [] : before.arrayValue, let new = after.isNull ? [] : after.arrayValue else { return nil }
        return old.map { new.contains($0) ? .kept($0) : .removed($0) } + new.filter { !old.contains($0) }.map { .added($0) }
    }

    private static func item(_ indent: String, _ line: ListDiff.Line) -> String {
        switch line {
        case .kept(let value): indent + "      " + JSONEncoding.compact(value) + ","
        case .removed(let value): indent + "    " + Style.red.wrap("-") + " " + JSONEncoding.compact(value) + ","
        case .added(let value): indent + "    " + Style.green.wrap("+") + " " + JSONEncoding.compact(value) + ","
        }
    }
}
