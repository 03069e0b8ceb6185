import YAML

/// Applies `Interpolation` to every scalar of a node tree, reporting problems at their position.
struct NodeInterpolator {
    var interpolation: Interpolation
    var file: String

    /// The diagnostic code of interpolation problems.
    static let code = "variable"

    /// Expands every scalar. `unresolved` gets the position of each scalar whose expansion failed: its value
    /// is meaningless, so the resolver drops later diagnostics about it (one cause, one error).
    func apply(_ node: Node, into diagnostics: inout [Diagnostic], unresolved: inout Set<SourceLocation>) -> Node {
        expanded(node, into: &diagnostics, unresolved: &unresolved) ?? node
    }

    /// The node with its scalars expanded, or nil when nothing changed: unchanged subtrees are shared with
    /// the input, not copied.
    private func expanded(_ node: Node, into diagnostics: inout [Diagnostic], unresolved: inout Set<SourceLocation>) -> Node? {
        switch node {
        case .scalar(var scalar):
            guard scalar.value.utf8.contains(UInt8(ascii: "$")) else { return nil }
            let (expanded, problems) = interpolation.expand(scalar.value)
            for problem in problems {
                diagnostics.append(.error(problem.message, at: location(of: problem.offset, in: scalar), code: Self.code))
            }
            if !problems.isEmpty { unresolved.insert(DocumentLoader.location(scalar.mark, file)) }
            guard expanded != scalar.value else { return nil }
            scalar.value = expanded
            return .scalar(scalar)
        case .sequence(var sequence):
            var changed = false
            for index in sequence.items.indices {
                if let item = expanded(sequence.items[index], into: &diagnostics, unresolved: &unresolved) {
                    sequence.items[index] = item
                    changed = true
                }
            }
            return changed ? .sequence(sequence) : nil
        case .mapping(var mapping):
            var changed = false
            for index in mapping.entries.indices {
                if let value = expanded(mapping.entries[index].value, into: &diagnostics, unresolved: &unresolved) {
                    mapping.entries[index].value = value
                    changed = true
                }
            }
            return changed ? .mapping(mapping) : nil
        }
    }

    /// The position of a character of a single-line scalar; the scalar's start otherwise.
    private func location(of offset: Int, in scalar: Node.Scalar) -> SourceLocation {
        let prefix = scalar.value.unicodeScalars.prefix(offset)
        let quote = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0
        guard scalar.style != .literal, scalar.style != .folded, !prefix.contains("\n") else {
            return DocumentLoader.location(scalar.mark, file)
        }
        return SourceLocation(file: file, line: scalar.mark.line, column: scalar.mark.column + quote + offset)
    }
}
