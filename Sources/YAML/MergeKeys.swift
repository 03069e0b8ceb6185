/// The `<<` merge key (yaml.org/type/merge): which keys merge, what they may merge, and in which order.
///
/// `<<: *base` merges one mapping; `<<: [*a, *b]` merges several, and a key in an earlier mapping
/// wins over the same key in a later one. Keys written explicitly in the merging mapping win over all
/// merged keys. Merged entries keep the marks of their source mapping.
enum MergeKeys {
    /// A plain, untagged `<<`, or any scalar tagged `!!merge`.
    static func isMergeKey(_ key: Node.Scalar) -> Bool {
        if key.tag == Tag.merge { return true }
        return key.tag == nil && key.style == .plain && key.value == "<<"
    }

    /// The mappings `value` asks to merge, in priority order, and a diagnostic for each thing that
    /// is not a mapping (except scalars at `failedAliases`: aliases already reported).
    static func sources(of value: Node, skipping failedAliases: Set<Mark>) -> (mappings: [Node.Mapping], diagnostics: [YAMLDiagnostic]) {
        switch value {
        case .mapping(let mapping):
            return ([mapping], [])
        case .sequence(let sequence):
            var mappings: [Node.Mapping] = []
            var problems: [YAMLDiagnostic] = []
            for item in sequence.items {
                if case .mapping(let mapping) = item {
                    mappings.append(mapping)
                } else if !failedAliases.contains(item.mark) {
                    problems.append(notMergeable(item))
                }
            }
            return (mappings, problems)
        case .scalar:
            return ([], failedAliases.contains(value.mark) ? [] : [notMergeable(value)])
        }
    }

    /// The entries to add from `sources`: each scalar key once, skipping keys already in `explicit`
    /// (the merging mapping's own scalar keys).
    static func entries(from sources: [Node.Mapping], excluding explicit: [String]) -> [Node.Mapping.Entry] {
        var seen = explicit
        var large: Set<String>?
        var merged: [Node.Mapping.Entry] = []
        for source in sources {
            for entry in source.entries {
                if case .scalar(let key) = entry.key {
                    let known = large.map { $0.contains(key.value) } ?? seen.contains(key.value)
                    if known { continue }
                    if large != nil {
                        large?.insert(key.value)
                    } else {
                        seen.append(key.value)
                        if seen.count >= MappingBuilder.indexThreshold { large = Set(seen) }
                    }
                }
                merged.append(entry)
            }
        }
        return merged
    }

    private static func notMergeable(_ node: Node) -> YAMLDiagnostic {
        let kind = if case .scalar = node { "a scalar" } else { "a sequence" }
        return YAMLDiagnostic(
            mark: node.mark, message: "cannot merge \(kind); '<<' takes a mapping or a sequence of mappings")
    }
}
