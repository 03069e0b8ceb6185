import YAML

/// Applies `Interpolation` to every scalar of a node tree, reporting problems at their position.
struct NodeInterpolator {
    var interpolation: Interpolation
    var file: String
    /// Scalars (by position) whose unset variables are not reported here: a Provider's connection settings
    /// under `validate`, which is offline (`plan` reports them). They are still marked unresolved, and
    /// malformed references in them are still reported.
    var deferUnsetAt: Set<Mark> = []

    /// The diagnostic code of interpolation problems.
    static let code = "variable"

    /// Expands every scalar of `node` in place. `unresolved` gets the position of each scalar whose expansion
    /// failed: its value is meaningless, so the resolver drops later diagnostics about it (one cause, one error).
    ///
    /// Works in place so that a tree the caller owns alone is not copied; scalars without a `$` are only read.
    func apply(to node: inout Node, into diagnostics: inout [Diagnostic], unresolved: inout Set<SourceLocation>) {
        switch node {
        case .scalar(let scalar):
            guard Self.mentionsDollar(scalar.value) else { return }
            if let expanded = expanded(scalar, into: &diagnostics, unresolved: &unresolved) { node = .scalar(expanded) }
        case .sequence(var sequence):
            // Drop `node`'s reference first, so `sequence.items` is uniquely referenced and updated in place.
            node = Self.placeholder
            for index in sequence.items.indices {
                apply(to: &sequence.items[index], into: &diagnostics, unresolved: &unresolved)
            }
            node = .sequence(sequence)
        case .mapping(var mapping):
            node = Self.placeholder
            for index in mapping.entries.indices {
                apply(to: &mapping.entries[index].value, into: &diagnostics, unresolved: &unresolved)
            }
            node = .mapping(mapping)
        }
    }

    /// Holds a node's place while its collection is updated (an empty scalar: no allocation).
    private static let placeholder = Node.scalar(Node.Scalar(value: "", mark: Mark(line: 1, column: 1)))

    /// True when `text` has a `$`, the start of every reference: most scalars have none and need no work.
    private static func mentionsDollar(_ text: String) -> Bool {
        let dollar = UInt8(ascii: "$")
        return text.utf8.withContiguousStorageIfAvailable { $0.contains(dollar) } ?? text.utf8.contains(dollar)
    }

    /// The scalar with its references expanded, or nil when its text did not change.
    private func expanded(
        _ scalar: Node.Scalar, into diagnostics: inout [Diagnostic], unresolved: inout Set<SourceLocation>
    ) -> Node.Scalar? {
        let (expanded, problems) = interpolation.expand(scalar.value)
        let deferUnset = !deferUnsetAt.isEmpty && deferUnsetAt.contains(scalar.mark)
        for problem in problems where !(deferUnset && problem.isUnsetVariable) {
            diagnostics.append(.error(problem.message, at: location(of: problem.offset, in: scalar), code: Self.code))
        }
        if !problems.isEmpty { unresolved.insert(YAMLSourceMap.location(scalar.mark, file)) }
        guard expanded != scalar.value else { return nil }
        var result = scalar
        result.value = expanded
        return result
    }

    /// The position of a character of a single-line scalar; the scalar's start otherwise.
    private func location(of offset: Int, in scalar: Node.Scalar) -> SourceLocation {
        let prefix = scalar.value.unicodeScalars.prefix(offset)
        let quote = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0
        guard scalar.style != .literal, scalar.style != .folded, !prefix.contains("\n") else {
            return YAMLSourceMap.location(scalar.mark, file)
        }
        return SourceLocation(file: file, line: scalar.mark.line, column: scalar.mark.column + quote + offset)
    }
}
