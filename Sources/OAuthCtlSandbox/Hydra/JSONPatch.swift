/// RFC 6902 JSON Patch as Hydra applies it: `add`, `remove` and `replace` only.
///
/// `replace` of a missing key acts as `add`; `add` creates missing parent objects
/// (`EnsurePathExistsOnAdd`); `remove` of a missing key fails; the path `/id` is denied.
enum JSONPatch {
    struct Failure: Error {}

    static func apply(_ patch: JSONValue, to document: JSONValue) throws(Failure) -> JSONValue {
        guard let operations = patch.arrayValue else { throw Failure() }
        var doc = document
        for operation in operations {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue else { throw Failure() }
            if path == "/id" { throw Failure() }
            let tokens = try pointer(path)
            switch op {
            case "add":
                guard let value = operation["value"] else { throw Failure() }
                doc = try set(doc, tokens[...], value, create: true, mustExist: false)
            case "replace":
                guard let value = operation["value"] else { throw Failure() }
                doc = try set(doc, tokens[...], value, create: true, mustExist: false)
            case "remove":
                doc = try remove(doc, tokens[...])
            default:
                throw Failure()
            }
        }
        return doc
    }

    private static func pointer(_ path: String) throws(Failure) -> [String] {
        if path.isEmpty { return [] }
        // A pointer deeper than any client document is refused before recursion can grow.
        guard path.hasPrefix("/"), path.utf8.filter({ $0 == UInt8(ascii: "/") }).count <= 64 else { throw Failure() }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    private static func index(_ token: String, count: Int, forInsert: Bool) throws(Failure) -> Int {
        if forInsert && token == "-" { return count }
        guard let i = Int(token), i >= 0, String(i) == token, i < count || (forInsert && i == count) else { throw Failure() }
        return i
    }

    private static func set(_ node: JSONValue, _ tokens: ArraySlice<String>, _ value: JSONValue, create: Bool, mustExist: Bool)
        throws(Failure) -> JSONValue
    {
        guard let token = tokens.first else { return value }
        let rest = tokens.dropFirst()
        switch node {
        case .object:
            if let child = node[token] {
                return node.setting(token, rest.isEmpty ? value : try set(child, rest, value, create: create, mustExist: mustExist))
            }
            guard create else { throw Failure() }
            return node.setting(token, rest.isEmpty ? value : try set(.object([]), rest, value, create: create, mustExist: mustExist))
        case .array(var items):
            if rest.isEmpty {
                let i = try index(token, count: items.count, forInsert: true)
                items.insert(value, at: i)
                return .array(items)
            }
            let i = try index(token, count: items.count, forInsert: false)
            items[i] = try set(items[i], rest, value, create: create, mustExist: mustExist)
            return .array(items)
        case .null where create:
            return try set(.object([]), tokens, value, create: create, mustExist: mustExist)
        default:
            throw Failure()
        }
    }

    private static func remove(_ node: JSONValue, _ tokens: ArraySlice<String>) throws(Failure) -> JSONValue {
        guard let token = tokens.first else { throw Failure() }
        let rest = tokens.dropFirst()
        switch node {
        case .object(let pairs):
            guard let child = node[token] else { throw Failure() }
            if rest.isEmpty { return .object(pairs.filter { $0.0 != token }) }
            return node.setting(token, try remove(child, rest))
        case .array(var items):
            let i = try index(token, count: items.count, forInsert: false)
            if rest.isEmpty { items.remove(at: i) } else { items[i] = try remove(items[i], rest) }
            return .array(items)
        default:
            throw Failure()
        }
    }
}
