extension Node {
    /// A scalar: its text exactly as written (after YAML unescaping), its style, tag and position.
    public struct Scalar: Sendable, Hashable {
        public var value: String
        public var style: ScalarStyle
        public var tag: String?
        public var mark: Mark

        public init(value: String, style: ScalarStyle = .plain, tag: String? = nil, mark: Mark) {
            self.value = value
            self.style = style
            self.tag = tag
            self.mark = mark
        }

        /// The typed value: YAML 1.2 core schema for untagged plain scalars (`yes`/`no`/`on`/`off` stay
        /// strings); quoted and block scalars, and `!!str`, are strings.
        public var resolved: ScalarValue { CoreSchema.resolve(self) }
    }
}
