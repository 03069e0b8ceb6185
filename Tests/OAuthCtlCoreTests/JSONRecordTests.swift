import OAuthCtlCore
import Testing

/// A page of clients decoded straight into records (`JSONParser.parseRecords`, `LiveClient`) holds exactly
/// what the dictionaries of `JSONParser.parse` hold, accepts and refuses the same text, and fails the same way.
@Suite("JSON records")
struct JSONRecordTests {
    static let layout = JSONRecordLayout(keys: ["client_id", "scope", "metadata", "a\"b", "é"])

    /// JSON text of a list of objects: keys from the layout and others, spelled plainly or with escapes,
    /// repeated, null, nested; the same keys in the same places from one object to the next, or not.
    static func page(_ random: inout SplitMix64) -> String {
        let keys = [
            #""client_id""#, #""scope""#, #""metadata""#, #""a\"b""#, #""\u00e9""#, #""é""#, #""other""#, #""cl\u0069ent_id""#,
        ]
        let values = [
            #""x""#, "null", "1", "2.5", "true", "[]", #"["a",{"k":null}]"#, #"{"oauthctl":{"managed_by":"r"},"m":1}"#,
            #""\n\u0000""#,
        ]
        func pick(_ choices: [String]) -> String { choices[Int.random(in: 0..<choices.count, using: &random)] }
        func keyList() -> [String] { (0..<Int.random(in: 0...6, using: &random)).map { _ in pick(keys) } }
        let shape = keyList()
        let objects = (0..<Int.random(in: 0...5, using: &random)).map { _ in
            let own = Bool.random(using: &random) ? shape : keyList()
            return "{" + own.map { "\($0): \(pick(values))" }.joined(separator: ", ") + "}"
        }
        return "[" + objects.joined(separator: ",") + "]"
    }

    @Test("records hold what the dictionaries hold, over 2,000 generated pages")
    func sameAsDictionaries() throws {
        var random = SplitMix64(seed: 13)
        var keysOutsideTheLayout = 0
        for _ in 0..<2000 {
            let text = Self.page(&random)
            let dictionaries = try JSONParser.parse(text).arrayValue?.compactMap(\.objectValue)
            let records = try #require(try JSONParser.parseRecords(Array(text.utf8), layout: Self.layout), "\(text)")
            #expect(records.map { $0.object(layout: Self.layout) } == dictionaries, "\(text)")
            let clients = records.map { LiveClient($0, layout: Self.layout) }
            for (client, dictionary) in zip(clients, dictionaries ?? []) {
                for key in Self.layout.keys + ["other", "missing"] { #expect(client[key] == dictionary[key], "\(text)") }
                #expect(client.object == dictionary)
            }
            keysOutsideTheLayout += records.filter { !$0.others.isEmpty }.count
        }
        #expect(keysOutsideTheLayout > 0)
    }

    @Test(
        "JSON of another shape is nil; text that is not JSON fails as parse fails",
        arguments: [
            "{}", "[1]", #"[{"a":1}, 2]"#, "null", #""x""#, "[[]]",
            #"[{"a":}]"#, "[{} x", "[{}] x", #"[{"a" 1}]"#, "[{", "", #"[{"a":1,}]"#, "[{}]]",
        ])
    func otherShapes(text: String) {
        let parsed = Result { try JSONParser.parse(text) }
        let records = Result { try JSONParser.parseRecords(Array(text.utf8), layout: Self.layout) }
        switch (parsed, records) {
        case (.success, .success(let records)): #expect(records == nil, "\(text)")
        case (.failure(let parseError), .failure(let recordsError)):
            #expect(parseError as? JSONParser.Failure == recordsError as? JSONParser.Failure, "\(text)")
        default: Issue.record("\(text): parse gave \(parsed), parseRecords gave \(records)")
        }
    }

    @Test("a missing comma is named with the bracket that was expected, at its offset")
    func missingComma() {
        func failure(_ parse: () throws -> Any?) -> String? {
            do {
                _ = try parse()
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(failure { try JSONParser.parse("[1 2]") } == "invalid JSON at byte 3: expected ',' or ']'")
        #expect(failure { try JSONParser.parse(#"{"a":1 "b":2}"#) } == "invalid JSON at byte 7: expected ',' or '}'")
        let records = Array(#"[{"a":1 "b":2}]"#.utf8)
        #expect(failure { try JSONParser.parseRecords(records, layout: Self.layout) } == "invalid JSON at byte 8: expected ',' or '}'")
    }

    @Test("an empty list is no records; the depth limit holds")
    func emptyAndDeep() throws {
        #expect(try JSONParser.parseRecords(Array("[ ]".utf8), layout: Self.layout) == [])
        let deep = Array(#"[{"a":[[1]]}]"#.utf8)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parseRecords(deep, layout: Self.layout, maxDepth: 3) }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parseRecords(Array("[{}]".utf8), layout: Self.layout, maxDepth: 1) }
    }

    @Test("a client gives its values by position only to its own layout")
    func valuesByPosition() throws {
        let record = JSONRecord(["client_id": "a", "other": 1], layout: Self.layout)
        let client = LiveClient(record, layout: Self.layout)
        #expect(client.values(in: Self.layout) == record.values)
        #expect(client.values(in: JSONRecordLayout(keys: Self.layout.keys)) == nil)
        #expect(LiveClient(["client_id": "a"]).values(in: Self.layout) == nil)
        #expect(client.object == ["client_id": "a", "other": 1])
    }

    @Test("a layout finds each of its keys by their bytes, and nothing else")
    func positionsByBytes() {
        // Enough keys to share slots, a repeated key (its first position), and keys that extend each other.
        let keys = (0..<300).map { "field_\($0)" } + ["field_7", "é", ""]
        let layout = JSONRecordLayout(keys: keys)
        func position(_ text: String) -> Int? {
            Array(text.utf8).withUnsafeBufferPointer { layout.position(spelledBy: $0) }
        }
        for (index, key) in keys.enumerated() { #expect(position(key) == layout.positions[key], "\(key) at \(index)") }
        #expect(position("field_7") == 7)
        #expect(position("é") == 301)
        #expect(position("") == 302)
        for unknown in ["field_", "field_3000", "field_7 ", "Field_7", "e\u{301}"] { #expect(position(unknown) == nil, "\(unknown)") }
    }

    @Test("a key is taken by its bytes only where they are its JSON spelling")
    func keysWithQuotes() throws {
        // The layout's `a"b` is spelled `"a\"b"`: the bytes a"b between quotes are not JSON, in any place.
        for text in [#"[{"a"b":1}]"#, #"[{"client_id":1},{"client_id":1,"a"b":1}]"#, #"[{"a\"b":1},{"a"b":1}]"#] {
            #expect(throws: JSONParser.Failure.self, "\(text)") { try JSONParser.parseRecords(Array(text.utf8), layout: Self.layout) }
        }
        // The same for an object's keys at any depth (a key is compared with the previous object's there).
        for text in [#"[{"x":{"a\"b":1}},{"x":{"a"b":1}}]"#, #"{"a\"b":{"c":1},"d":[{"a\"b":1},{"a"b":1}]}"#] {
            #expect(throws: JSONParser.Failure.self, "\(text)") { try JSONParser.parse(Array(text.utf8)) }
        }
        let text = #"[{"a\"b":1,"scope":2},{"a\"b":3,"scope":4}]"#
        let records = try #require(try JSONParser.parseRecords(Array(text.utf8), layout: Self.layout))
        #expect(records.map { $0.values[3] } == [1, 3])
        #expect(records.map { $0.values[1] } == [2, 4])
    }
}
