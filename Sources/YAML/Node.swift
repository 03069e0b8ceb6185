/// A YAML node with its source position. Aliases are already expanded and `<<` merges applied.
package enum Node: Sendable, Hashable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    /// Where the node starts in the source.
    package var mark: Mark {
        switch self {
        case .scalar(let s): s.mark
        case .mapping(let m): m.mark
        case .sequence(let s): s.mark
        }
    }

    /// True when this is a scalar whose text is `text`.
    package func isScalar(_ text: String) -> Bool {
        if case .scalar(let scalar) = self { scalar.value == text } else { false }
    }

    /// The node's explicit tag (e.g. `!!str`), if any was written.
    package var tag: String? {
        switch self {
        case .scalar(let s): s.tag
        case .mapping(let m): m.tag
        case .sequence(let s): s.tag
        }
    }
}

/// How a scalar was written. Quoted and block scalars are always strings.
package enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// The value of a scalar under the YAML 1.2 core schema (plain scalars only; every other style is a string).
package enum ScalarValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
}
