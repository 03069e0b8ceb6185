/// Collects a mapping's entries in source order, rejecting duplicate keys and holding `<<` merges aside.
///
/// Keys are compared by scalar value (`"a"` and `a` are the same key); non-scalar keys are never
/// duplicates. The first occurrence is kept, and the second is reported at its own mark with a note at
/// the first. Entries that come in through `<<` never clash with explicit keys: explicit keys win.
///
/// The entries themselves wait in a `PendingEntries` stack shared by every mapping being composed (a
/// nested mapping is finished before its parent gets another entry), so each mapping's array is
/// allocated once, at its final size, instead of growing entry by entry.
struct MappingBuilder {
    /// Where this mapping's entries start in the shared stack.
    private let start: Int
    /// Key value → position in the stack; built only once the mapping is too large for a linear scan.
    private var index: [String: Int]?
    /// The first `<<` key and the explicit-entry count when it was seen (merged entries go there).
    private var merge: (key: Node.Scalar, value: Node, position: Int)?

    /// Below this many keys a linear scan beats hashing.
    static let indexThreshold = 32

    /// A builder whose entries go on top of `pending`.
    init(on pending: PendingEntries) {
        start = pending.entries.count
    }

    /// Adds one entry; returns a diagnostic if the key was already defined.
    mutating func add(key: Node, value: Node, to pending: inout PendingEntries) -> YAMLDiagnostic? {
        guard case .scalar(let scalar) = key else {
            pending.push(Node.Mapping.Entry(key: key, value: value), key: nil)
            return nil
        }
        if MergeKeys.isMergeKey(scalar) {
            if let first = merge?.key { return duplicate(scalar, first: first.mark) }
            merge = (scalar, value, pending.entries.count - start)
            return nil
        }
        if let first = position(of: scalar.value, in: pending) {
            return duplicate(scalar, first: pending.entries[first].key.mark)
        }
        index?[scalar.value] = pending.entries.count
        pending.push(Node.Mapping.Entry(key: key, value: value), key: scalar.value)
        if index == nil, pending.keys.count - start >= MappingBuilder.indexThreshold { buildIndex(pending) }
        return nil
    }

    /// Takes this mapping's entries off `pending`, with any `<<` merge applied, and the problems found
    /// while merging. Scalars at `failedAliases` stand for aliases already reported, and are skipped
    /// without another diagnostic.
    func finish(
        _ pending: inout PendingEntries, skipping failedAliases: Set<Mark> = []
    ) -> (entries: [Node.Mapping.Entry], diagnostics: [YAMLDiagnostic]) {
        guard let merge else { return (pending.pop(from: start), []) }
        let (sources, problems) = MergeKeys.sources(of: merge.value, skipping: failedAliases)
        let merged = MergeKeys.entries(from: sources, excluding: pending.keys[start...].compactMap { $0 })
        var result = pending.pop(from: start)
        result.insert(contentsOf: merged, at: merge.position)
        return (result, problems)
    }

    private func position(of key: String, in pending: PendingEntries) -> Int? {
        if let index { return index[key] }
        for position in start..<pending.keys.count where pending.keys[position] == key { return position }
        return nil
    }

    private mutating func buildIndex(_ pending: PendingEntries) {
        var index: [String: Int] = [:]
        for position in start..<pending.keys.count {
            if let key = pending.keys[position], index[key] == nil { index[key] = position }
        }
        self.index = index
    }

    private func duplicate(_ key: Node.Scalar, first: Mark) -> YAMLDiagnostic {
        YAMLDiagnostic(
            mark: key.mark, message: "duplicate key '\(key.value)'",
            notes: [YAMLDiagnostic.Note(mark: first, message: "first defined here")])
    }
}

/// The entries of the mappings being composed, innermost mapping's last, and beside each entry its key's
/// scalar value (nil for a non-scalar key), so that looking a key up never copies a `Node`.
struct PendingEntries {
    private(set) var entries: [Node.Mapping.Entry] = []
    private(set) var keys: [String?] = []

    mutating func push(_ entry: Node.Mapping.Entry, key: String?) {
        entries.append(entry)
        keys.append(key)
    }

    /// The entries from `start` on, removed from the stack, in an array of exactly their count.
    mutating func pop(from start: Int) -> [Node.Mapping.Entry] {
        let popped = ScratchStack.take(
            &entries, from: start, filler: Node.Mapping.Entry(key: ScratchStack.fillerNode, value: ScratchStack.fillerNode))
        ScratchStack.truncate(&keys, to: start)
        return popped
    }
}

/// Helpers for arrays used as stacks of work in progress.
///
/// They index instead of slicing: a live `ArraySlice` shares the array's buffer, and the next removal would
/// then copy the whole stack instead of shrinking it in place.
enum ScratchStack {
    /// A node that holds nothing to release (an empty scalar), for `take`'s filler.
    static let fillerNode = Node.scalar(Node.Scalar(value: "", mark: Mark(line: 1, column: 1)))

    /// The elements from `start` on, moved (not copied) into a new array of exactly their count and taken
    /// off the stack; their places are filled with `filler` (a value that costs nothing to drop) meanwhile.
    static func take<Element>(_ stack: inout [Element], from start: Int, filler: Element) -> [Element] {
        let count = stack.count - start
        guard count > 0 else { return [] }
        let taken = stack.withUnsafeMutableBufferPointer { source in
            [Element](unsafeUninitializedCapacity: count) { target, initialized in
                if let from = source.baseAddress, let to = target.baseAddress {
                    to.moveInitialize(from: from + start, count: count)
                    (from + start).initialize(repeating: filler, count: count)
                    initialized = count
                }
            }
        }
        truncate(&stack, to: start)
        return taken
    }

    /// Removes the elements from `start` on, keeping the capacity.
    static func truncate<Element>(_ stack: inout [Element], to start: Int) {
        while stack.count > start { stack.removeLast() }
    }
}
