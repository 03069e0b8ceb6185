import OAuthCtlTestSupport
import Testing
import YAML

@Suite("Anchors and aliases")
struct AliasTests {
    @Test("an alias is replaced by a copy of the anchored node, which keeps its original marks (at its anchor)")
    func expansion() throws {
        let fixture = MarkedText(
            """
            base: &uris
              - 1️⃣https://a.example/cb
            web: *uris
            copy: 2️⃣&one hello
            again: *one
            """)
        let result = load(fixture)
        #expect(result.diagnostics.isEmpty)
        let root = try #require(rootMapping(result))
        #expect(root["web"] == root["base"])
        #expect(root["web"]?.items?.first?.text == "https://a.example/cb")
        #expect(root["web"]?.items?.first?.mark == fixture.mark(1))
        #expect(root["again"]?.text == "hello")
        #expect(root["again"]?.mark == fixture.mark(2))
    }

    @Test("a redefined anchor refers to its latest definition")
    func redefinition() throws {
        let root = try #require(rootMapping(load("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")))
        #expect(root["b"]?.text == "1")
        #expect(root["d"]?.text == "2")
    }

    @Test("an undefined alias is reported at the alias and becomes an empty scalar")
    func undefinedAlias() throws {
        let fixture = MarkedText("a: 1\nb: 1️⃣*nope\n")
        let result = load(fixture)
        #expect(result.diagnostics == [YAMLDiagnostic(mark: fixture.mark(1), message: "undefined alias '*nope'")])
        let root = try #require(rootMapping(result))
        #expect(root["b"]?.text == "")
    }

    @Test("an alias inside its own anchored node is undefined, so there are no cycles")
    func selfReference() {
        let fixture = MarkedText("a: &loop [1️⃣*loop]\n")
        let result = load(fixture)
        #expect(result.diagnostics.map(\.message) == ["undefined alias '*loop'"])
        #expect(result.diagnostics.first?.mark == fixture.mark(1))
    }

    @Test("anchors do not carry over to the next document")
    func anchorsPerDocument() {
        let fixture = MarkedText("a: &x 1\n---\nb: 1️⃣*x\n")
        let result = load(fixture)
        #expect(result.documents.count == 2)
        #expect(result.diagnostics == [YAMLDiagnostic(mark: fixture.mark(1), message: "undefined alias '*x'")])
    }

    @Test("billion laughs is stopped at the expansion limit with one diagnostic at the alias that crosses it")
    func billionLaughs() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let previous = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(previous)]\n"
        }
        let result = load(text)
        let diagnostics = result.diagnostics
        #expect(diagnostics.map(\.message) == ["alias expansion exceeds 100000 nodes (possible alias bomb)"])
        // 9^5 scalars under a5 first exceed 100 000 nodes: the alias that crosses is on line 6 (a5's own row).
        #expect(diagnostics.first?.mark.line == 6)
        #expect(result.documents.count == 1)
        let total = try #require(result.documents.first?.root).nodeCount
        #expect(total <= 100_000 + 200)
    }

    @Test("the expansion limit is configurable and counts every node of each copy")
    func configurableLimit() {
        var limits = LoadLimits()
        limits.maxAliasExpansion = 6
        let fixture = MarkedText("a: &x [1, 2]\nb: *x\nc: *x\nd: 1️⃣*x\n")
        let result = load(fixture, limits: limits)
        #expect(
            result.diagnostics == [
                YAMLDiagnostic(mark: fixture.mark(1), message: "alias expansion exceeds 6 nodes (possible alias bomb)")
            ])
    }
}

extension Node {
    /// The number of nodes in this tree, keys included.
    var nodeCount: Int {
        switch self {
        case .scalar: 1
        case .sequence(let sequence): sequence.items.reduce(1) { $0 + $1.nodeCount }
        case .mapping(let mapping): mapping.entries.reduce(1) { $0 + $1.key.nodeCount + $1.value.nodeCount }
        }
    }
}
