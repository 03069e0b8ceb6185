import OAuthCtlTestSupport
import Testing
import YAML

@Suite("Duplicate keys")
struct DuplicateKeyTests {
    @Test("a duplicate key is reported at the second key with a note at the first")
    func duplicate() throws {
        let fixture = MarkedText(
            """
            client_id: web
            1️⃣grant_types: [authorization_code]
            scope: openid
            2️⃣grant_types: [client_credentials]
            """)
        let result = load(fixture)
        #expect(
            result.diagnostics == [
                YAMLDiagnostic(
                    mark: fixture.mark(2), message: "duplicate key 'grant_types'",
                    notes: [YAMLDiagnostic.Note(mark: fixture.mark(1), message: "first defined here")])
            ])
        // The first definition is kept, so later checks see one consistent value.
        let root = try #require(rootMapping(result))
        #expect(root.entries.count == 3)
        #expect(root["grant_types"]?.items?.first?.text == "authorization_code")
    }

    @Test("keys compare by scalar value whatever their style, in nested and flow mappings")
    func byValue() {
        let fixture = MarkedText("outer:\n  1️⃣a: 1\n  2️⃣'a': 2\nflow: {3️⃣b: 1, 4️⃣\"b\": 2}\n")
        let result = load(fixture)
        #expect(result.diagnostics.map(\.mark) == [fixture.mark(2), fixture.mark(4)])
        #expect(result.diagnostics.map { $0.notes.map(\.mark) } == [[fixture.mark(1)], [fixture.mark(3)]])
    }

    @Test("every repeat is reported in a large mapping, each with a note at the first")
    func largeMapping() {
        var text = ""
        for index in 0..<40 { text += "key\(index): \(index)\n" }
        text += "key7: again\nkey33: again\nkey7: thrice\n"
        let result = load(text)
        #expect(result.diagnostics.map(\.message) == ["duplicate key 'key7'", "duplicate key 'key33'", "duplicate key 'key7'"])
        #expect(result.diagnostics.map(\.mark.line) == [41, 42, 43])
        #expect(result.diagnostics.map { $0.notes.first?.mark.line } == [8, 34, 8])
    }

    @Test("two '<<' keys are duplicates; different keys that look alike are not")
    func mergeAndLookalikes() {
        let fixture = MarkedText("a: &a {x: 1}\nb:\n  1️⃣<<: *a\n  2️⃣<<: *a\nc: {1: x, 01: y, A: z, a: w}\n")
        let result = load(fixture)
        #expect(
            result.diagnostics == [
                YAMLDiagnostic(
                    mark: fixture.mark(2), message: "duplicate key '<<'",
                    notes: [YAMLDiagnostic.Note(mark: fixture.mark(1), message: "first defined here")])
            ])
    }
}
