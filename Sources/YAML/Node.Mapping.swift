extension Node {
    /// A mapping with its entries in source order (keys keep their own marks).
    public struct Mapping: Sendable, Hashable {
        public var entries: [Entry]
        public var tag: String?
        public var mark: Mark

        public init(entries: [Entry], tag: String? = nil, mark: Mark) {
            self.entries = entries
            self.tag = tag
            self.mark = mark
        }

        /// One `key: value` pair.
        public struct Entry: Sendable, Hashable {
            public var key: Node
            public var value: Node
            public init(key: Node, value: Node) {
                self.key = key
                self.value = value
            }
        }

        /// The value of the first entry whose key is the scalar `key`.
        public subscript(key: String) -> Node? {
            entry(key)?.value
        }

        /// The first entry whose key is the scalar `key`.
        public func entry(_ key: String) -> Entry? {
            entries.first { if case .scalar(let s) = $0.key { s.value == key } else { false } }
        }
    }

    /// A sequence with its items in order.
    public struct Sequence: Sendable, Hashable {
        public var items: [Node]
        public var tag: String?
        public var mark: Mark

        public init(items: [Node], tag: String? = nil, mark: Mark) {
            self.items = items
            self.tag = tag
            self.mark = mark
        }
    }
}
