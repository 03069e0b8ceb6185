import OAuthCtlTestSupport
import Testing
import YAML

/// Loads marked fixture text with default limits.
func load(_ fixture: MarkedText, limits: LoadLimits = LoadLimits()) -> LoadResult {
    YAMLLoader.load(fixture.bytes, limits: limits)
}

/// Loads plain text with default limits.
func load(_ text: String, limits: LoadLimits = LoadLimits()) -> LoadResult {
    YAMLLoader.load(Array(text.utf8), limits: limits)
}

extension MarkedText {
    /// Marker `number` as a YAML `Mark` (a missing marker gives 0:0, which no loader mark equals).
    func mark(_ number: Int) -> Mark {
        guard let position = self[number] else { return Mark(line: 0, column: 0) }
        return Mark(line: position.line, column: position.column)
    }
}

/// The root of the only document, as a mapping.
func rootMapping(_ result: LoadResult) -> Node.Mapping? {
    guard result.documents.count == 1, case .mapping(let mapping)? = result.documents[0].root else { return nil }
    return mapping
}

extension Node {
    /// The scalar text of this node, if it is a scalar.
    var text: String? {
        if case .scalar(let scalar) = self { scalar.value } else { nil }
    }

    /// The items of this node, if it is a sequence.
    var items: [Node]? {
        if case .sequence(let sequence) = self { sequence.items } else { nil }
    }

    /// The mapping, if this node is one.
    var mapping: Node.Mapping? {
        if case .mapping(let mapping) = self { mapping } else { nil }
    }

    /// Scalar keys of a mapping in order.
    var keys: [String] {
        mapping?.entries.compactMap(\.key.text) ?? []
    }
}
