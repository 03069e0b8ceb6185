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
        switch node {
        case .scalar(var scalar):
            let (expanded, problems) = interpolation.expand(scalar.value)
            for problem in problems {
                diagnostics.append(.error(problem.message, at: location(of: problem.offset, in: scalar), code: Self.code))
            }
            if !problems.isEmpty { unresolved.insert(DocumentLoader.location(scalar.mark, file)) }
            scalar.value = expanded
            return .scalar(scalar)
        case .sequence(var sequence):
            sequence.items = sequence.items.map { apply($0, into: &diagnostics, unresolved: &unresolved) }
            return .sequence(sequence)
        case .mapping(var mapping):
            mapping.entries = mapping.entries.map {
                Node.Mapping.Entry(key: $0.key, value: apply($0.value, into: &diagnostics, unresolved: &unresolved))
            }
            return .mapping(mapping)
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
