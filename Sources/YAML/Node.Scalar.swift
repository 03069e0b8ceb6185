extension Node {
    /// A scalar: its text exactly as written (after YAML unescaping), its style, tag and position.
    package struct Scalar: Sendable, Hashable {
        package var value: String
        package var style: ScalarStyle
        package var tag: String?
        package var mark: Mark

        package init(value: String, style: ScalarStyle = .plain, tag: String? = nil, mark: Mark) {
            self.value = value
            self.style = style
            self.tag = tag
            self.mark = mark
        }

        /// The typed value: YAML 1.2 core schema for untagged plain scalars (`yes`/`no`/`on`/`off` stay
        /// strings); quoted and block scalars, and `!!str`, are strings.
        package var resolved: ScalarValue { CoreSchema.resolve(self) }
    }
}
