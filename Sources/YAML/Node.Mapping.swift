extension Node {
    /// A mapping with its entries in source order (keys keep their own marks).
    package struct Mapping: Sendable, Hashable {
        package var entries: [Entry]
        package var tag: String?
        package var mark: Mark

        package init(entries: [Entry], tag: String? = nil, mark: Mark) {
            self.entries = entries
            self.tag = tag
            self.mark = mark
        }

        /// One `key: value` pair.
        package struct Entry: Sendable, Hashable {
            package var key: Node
            package var value: Node
            package init(key: Node, value: Node) {
                self.key = key
                self.value = value
            }
        }

        /// The value of the first entry whose key is the scalar `key`.
        package subscript(key: String) -> Node? {
            entry(key)?.value
        }

        /// The first entry whose key is the scalar `key`.
        package func entry(_ key: String) -> Entry? {
            // By index, comparing each key in place: `first(where:)` copied every entry it passed.
            for index in entries.indices where entries[index].key.isScalar(key) { return entries[index] }
            return nil
        }
    }

    /// A sequence with its items in order.
    package struct Sequence: Sendable, Hashable {
        package var items: [Node]
        package var tag: String?
        package var mark: Mark

        package init(items: [Node], tag: String? = nil, mark: Mark) {
            self.items = items
            self.tag = tag
            self.mark = mark
        }
    }
}
