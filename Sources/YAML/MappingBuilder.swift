/// Collects a mapping's entries in source order, rejecting duplicate keys and holding `<<` merges aside.
///
/// Keys are compared by scalar value (`"a"` and `a` are the same key); non-scalar keys are never
/// duplicates. The first occurrence is kept, and the second is reported at its own mark with a note at
/// the first. Entries that come in through `<<` never clash with explicit keys: explicit keys win.
struct MappingBuilder {
    private var entries: [Node.Mapping.Entry] = []
    /// The scalar value of each entry's key (nil for a non-scalar key), parallel to `entries`, so that
    /// looking a key up never copies a `Node`.
    private var keys: [String?] = []
    /// Key value → position; built only once the mapping is too large for a linear scan.
    private var index: [String: Int]?
    /// The first `<<` key and the explicit-entry count when it was seen (merged entries go there).
    private var merge: (key: Node.Scalar, value: Node, position: Int)?

    /// Below this many keys a linear scan beats hashing.
    static let indexThreshold = 32

    /// Adds one entry; returns a diagnostic if the key was already defined.
    mutating func add(key: Node, value: Node) -> YAMLDiagnostic? {
        guard case .scalar(let scalar) = key else {
            entries.append(Node.Mapping.Entry(key: key, value: value))
            keys.append(nil)
            return nil
        }
        if MergeKeys.isMergeKey(scalar) {
            if let first = merge?.key { return duplicate(scalar, first: first.mark) }
            merge = (scalar, value, entries.count)
            return nil
        }
        if let first = position(of: scalar.value) { return duplicate(scalar, first: entries[first].key.mark) }
        index?[scalar.value] = entries.count
        entries.append(Node.Mapping.Entry(key: key, value: value))
        keys.append(scalar.value)
        if index == nil, keys.count >= MappingBuilder.indexThreshold { buildIndex() }
        return nil
    }

    /// The entries with any `<<` merge applied, and the problems found while merging. Scalars at
    /// `failedAliases` stand for aliases already reported, and are skipped without another diagnostic.
    func finish(skipping failedAliases: Set<Mark> = []) -> (entries: [Node.Mapping.Entry], diagnostics: [YAMLDiagnostic]) {
        guard let merge else { return (entries, []) }
        let (sources, problems) = MergeKeys.sources(of: merge.value, skipping: failedAliases)
        let merged = MergeKeys.entries(from: sources, excluding: keys)
        var result = entries
        result.insert(contentsOf: merged, at: merge.position)
        return (result, problems)
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return keys.firstIndex { $0 == key }
    }

    private mutating func buildIndex() {
        var index: [String: Int] = [:]
        for (position, key) in keys.enumerated() {
            if let key, index[key] == nil { index[key] = position }
        }
        self.index = index
    }

    private func duplicate(_ key: Node.Scalar, first: Mark) -> YAMLDiagnostic {
        YAMLDiagnostic(
            mark: key.mark, message: "duplicate key '\(key.value)'",
            notes: [YAMLDiagnostic.Note(mark: first, message: "first defined here")])
    }
}
