import OAuthCtlTestSupport
import Testing
import YAML

@Suite("Marks")
struct MarkTests {
    @Test("keys, scalars, mappings and sequences keep 1-based marks")
    func nodeMarks() throws {
        let fixture = MarkedText(
            """
            1️⃣client_id: 2️⃣billing
            3️⃣redirect_uris:
              4️⃣- 5️⃣https://a.example/cb
              - "6️⃣https://b.example/cb"
            7️⃣scopes: 8️⃣[9️⃣openid, email]
            """)
        let result = load(fixture)
        #expect(result.diagnostics.isEmpty)
        let root = try #require(rootMapping(result))
        #expect(root.mark == fixture.mark(1))
        #expect(root.entries[0].key.mark == fixture.mark(1))
        #expect(root["client_id"]?.mark == fixture.mark(2))
        #expect(root.entries[1].key.mark == fixture.mark(3))
        let uris = try #require(root["redirect_uris"])
        #expect(uris.mark == fixture.mark(4))
        #expect(uris.items?.first?.mark == fixture.mark(5))
        // A quoted scalar starts at its opening quote.
        #expect(uris.items?.last?.mark == Mark(line: fixture.mark(6).line, column: fixture.mark(6).column - 1))
        #expect(root.entries[2].key.mark == fixture.mark(7))
        #expect(root["scopes"]?.mark == fixture.mark(8))
        #expect(root["scopes"]?.items?.first?.mark == fixture.mark(9))
    }

    @Test("columns are counted in Unicode scalars")
    func unicodeColumns() throws {
        let fixture = MarkedText("name: 'テスト' \nnext: 1️⃣x\nemoji: [😀, 2️⃣é]")
        let root = try #require(rootMapping(load(fixture)))
        #expect(root["next"]?.mark == fixture.mark(1))
        #expect(root["emoji"]?.items?.last?.mark == fixture.mark(2))
        #expect(fixture.mark(2) == Mark(line: 3, column: 12))
    }

    @Test("each document of a stream is its own Document with its own start mark")
    func multipleDocuments() {
        let fixture = MarkedText("1️⃣a: 1\n2️⃣---\nb: 2\n3️⃣--- 4️⃣[x]\n")
        let result = load(fixture)
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.count == 3)
        #expect(result.documents.map(\.mark) == [fixture.mark(1), fixture.mark(2), fixture.mark(3)])
        #expect(result.documents[0].root?.keys == ["a"])
        #expect(result.documents[1].root?.keys == ["b"])
        #expect(result.documents[2].root?.mark == fixture.mark(4))
    }

    @Test("empty documents have a nil root; an empty stream has no documents")
    func emptyDocuments() {
        let result = load("---\n---\n# only a comment\n...\n--- ~\n--- ''\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.count == 4)
        #expect(result.documents[0].root == nil)
        #expect(result.documents[1].root == nil)
        #expect(result.documents[2].root?.text == "~")
        #expect(result.documents[3].root?.text == "")
        #expect(load("").documents.isEmpty)
        #expect(load("# nothing\n").documents.isEmpty)
    }

    @Test("a mapping's subscript returns the first entry for a scalar key")
    func subscriptLookup() throws {
        let root = try #require(rootMapping(load("a: 1\nb: {c: 2}\n")))
        #expect(root["a"]?.text == "1")
        #expect(root["b"]?.mapping?["c"]?.text == "2")
        #expect(root["missing"] == nil)
    }
}
