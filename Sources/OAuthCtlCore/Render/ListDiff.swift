/// A line-by-line diff of two short lists (longest common subsequence), for showing list fields item by item.
enum ListDiff {
    /// One item of the diff: kept, removed (only in before) or added (only in after).
    enum Line: Hashable {
        case kept(JSONValue)
        case removed(JSONValue)
        case added(JSONValue)
    }

    /// Lists longer than this are shown whole, as JSON.
    static let maxItems = 30

    /// The diff, or nil when either side is not a short list of scalars (null counts as empty).
    static func diff(_ before: JSONValue, _ after: JSONValue) -> [Line]? {
        guard let old = items(before), let new = items(after) else { return nil }
        let n = old.count
        let m = new.count
        var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var lines: [Line] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] {
                lines.append(.kept(old[i]))
                i += 1
                j += 1
            } else if i < n, j == m || table[i + 1][j] >= table[i][j + 1] {
                lines.append(.removed(old[i]))
                i += 1
            } else {
                lines.append(.added(new[j]))
                j += 1
            }
        }
        return lines
    }

    private static func items(_ value: JSONValue) -> [JSONValue]? {
        if value.isNull { return [] }
        guard let items = value.arrayValue, items.count <= maxItems else { return nil }
        let scalars = items.allSatisfy { item in
            switch item {
            case .array, .object: false
            case .null, .bool, .int, .double, .string: true
            }
        }
        return scalars ? items : nil
    }
}
