/// YAML 1.2 core schema resolution of plain scalars.
enum CoreSchema {
    static func resolve(_ s: Node.Scalar) -> ScalarValue {
        .string(s.value)
    }
}
