import OAuthCtlTestSupport
import Testing
import YAML

@Suite("Merge keys")
struct MergeKeyTests {
    @Test("a single merged mapping adds its entries where '<<' was, keeping their source marks")
    func singleMerge() throws {
        let fixture = MarkedText(
            """
            defaults: &defaults
              1️⃣token_endpoint_auth_method: client_secret_basic
              scope: openid
            client:
              client_id: web
              <<: *defaults
              2️⃣audience: api
            """)
        let result = load(fixture)
        #expect(result.diagnostics.isEmpty)
        let client = try #require(rootMapping(result)?["client"])
        #expect(client.keys == ["client_id", "token_endpoint_auth_method", "scope", "audience"])
        #expect(client.mapping?.entry("token_endpoint_auth_method")?.key.mark == fixture.mark(1))
        #expect(client.mapping?.entry("audience")?.key.mark == fixture.mark(2))
    }

    @Test("explicit keys win over merged ones, before or after '<<', without a duplicate-key error")
    func explicitWins() throws {
        let fixture = MarkedText(
            """
            base: &base {scope: openid, audience: old, grant_types: [code]}
            client:
              audience: new
              <<: *base
              scope: 1️⃣email
            """)
        let result = load(fixture)
        #expect(result.diagnostics.isEmpty)
        let client = try #require(rootMapping(result)?["client"]?.mapping)
        #expect(client.entries.compactMap(\.key.text) == ["audience", "grant_types", "scope"])
        #expect(client["audience"]?.text == "new")
        #expect(client["scope"]?.text == "email")
        #expect(client["scope"]?.mark == fixture.mark(1))
    }

    @Test("in a merge list, earlier mappings win over later ones")
    func mergeListOrder() throws {
        let text = """
            a: &a {x: from-a, y: from-a}
            b: &b {y: from-b, z: from-b}
            c:
              <<: [*a, *b]
              w: own
            """
        let result = load(text)
        #expect(result.diagnostics.isEmpty)
        let c = try #require(rootMapping(result)?["c"]?.mapping)
        #expect(c.entries.compactMap(\.key.text) == ["x", "y", "z", "w"])
        #expect(c["x"]?.text == "from-a")
        #expect(c["y"]?.text == "from-a")
        #expect(c["z"]?.text == "from-b")
    }

    @Test("a merged mapping that itself merges passes on its merged entries")
    func nestedMerge() throws {
        let result = load("a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: {<<: *b}\n")
        #expect(result.diagnostics.isEmpty)
        #expect(rootMapping(result)?["c"]?.keys == ["x", "y"])
    }

    @Test("merging a scalar or a sequence item that is not a mapping is reported at that node")
    func notMergeable() throws {
        let fixture = MarkedText("a: &a {x: 1}\nb:\n  <<: 1️⃣just-text\nc:\n  <<: [*a, 2️⃣[1, 2]]\n")
        let result = load(fixture)
        #expect(
            result.diagnostics == [
                YAMLDiagnostic(
                    mark: fixture.mark(1), message: "cannot merge a scalar; '<<' takes a mapping or a sequence of mappings"),
                YAMLDiagnostic(
                    mark: fixture.mark(2), message: "cannot merge a sequence; '<<' takes a mapping or a sequence of mappings"),
            ])
        let root = try #require(rootMapping(result))
        #expect(root["b"]?.keys == [])
        #expect(root["c"]?.keys == ["x"])
    }

    @Test("a quoted '<<' is an ordinary key")
    func quotedMergeKey() throws {
        let result = load("a: &a {x: 1}\nb: {'<<': *a}\n")
        #expect(result.diagnostics.isEmpty)
        #expect(rootMapping(result)?["b"]?.keys == ["<<"])
    }

    @Test("merging large mappings keeps the same precedence: explicit first, then earlier sources")
    func largeMerge() throws {
        let first = (0..<40).map { "k\($0): first" }.joined(separator: ", ")
        let second = (20..<60).map { "k\($0): second" }.joined(separator: ", ")
        let result = load("a: &a {\(first)}\nb: &b {\(second)}\nc:\n  k5: own\n  <<: [*a, *b]\n  k59: own\n")
        #expect(result.diagnostics.isEmpty)
        let c = try #require(rootMapping(result)?["c"]?.mapping)
        #expect(c.entries.count == 60)
        #expect(c["k5"]?.text == "own")
        #expect(c["k30"]?.text == "first")
        #expect(c["k45"]?.text == "second")
        #expect(c["k59"]?.text == "own")
        #expect(Set(c.entries.compactMap(\.key.text)).count == 60)
    }

    @Test("merging an alias that was already reported adds no second diagnostic")
    func failedAliasInMerge() {
        let fixture = MarkedText("a:\n  <<: 1️⃣*missing\nb:\n  <<: [2️⃣*missing]\n")
        let result = load(fixture)
        #expect(
            result.diagnostics == [
                YAMLDiagnostic(mark: fixture.mark(1), message: "undefined alias '*missing'"),
                YAMLDiagnostic(mark: fixture.mark(2), message: "undefined alias '*missing'"),
            ])
    }
}
