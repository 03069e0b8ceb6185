import Testing
import YAML

@Suite("Scalar styles and tags")
struct ScalarStyleTests {
    @Test("each scalar keeps the style it was written in and its unescaped text")
    func styles() throws {
        let text = """
            plain: no
            single: 'it''s'
            double: "tab\\there"
            literal: |
              line one
              line two
            folded: >
              line one
              line two
            """
        let root = try #require(rootMapping(load(text)))
        let scalars = root.entries.compactMap { entry -> Node.Scalar? in
            if case .scalar(let scalar) = entry.value { scalar } else { nil }
        }
        #expect(scalars.map(\.style) == [.plain, .singleQuoted, .doubleQuoted, .literal, .folded])
        #expect(scalars.map(\.value) == ["no", "it's", "tab\there", "line one\nline two\n", "line one line two"])
    }

    @Test("a quoted 'no' stays a string while a plain no is also a string and a plain true is a bool")
    func quotedNo() throws {
        let root = try #require(rootMapping(load("a: 'no'\nb: no\nc: true\nd: \"true\"\n")))
        let resolved = root.entries.compactMap { entry -> ScalarValue? in
            if case .scalar(let scalar) = entry.value { scalar.resolved } else { nil }
        }
        #expect(resolved == [.string("no"), .string("no"), .bool(true), .string("true")])
    }

    @Test("standard tags are written in the !! shorthand; local tags are kept; untagged nodes have none")
    func tags() throws {
        let text = "a: !!str 1\nb: !!map {x: 1}\nc: !!seq [1]\nd: !local x\ne: plain\nf: !<tag:example.com,2024:t> y\n"
        let root = try #require(rootMapping(load(text)))
        #expect(root.entries.map(\.value.tag) == ["!!str", "!!map", "!!seq", "!local", nil, "tag:example.com,2024:t"])
    }
}
