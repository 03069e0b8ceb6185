import OAuthCtlJSON
import Testing

/// The parser reuses the keys of the previous object at the same depth (a page's clients spell the same
/// keys): reuse must never change what is parsed or accept what is not JSON.
@Suite("JSON parser: object keys")
struct JSONParserKeyTests {
    @Test("objects of a list with the same, fewer, more and other keys parse as each one says")
    func sameAndOtherKeys() throws {
        let value = try JSONParser.parse(#"[{"a":1,"bb":2},{"a":3,"bb":4},{"bb":5},{"a":6,"bb":7,"c":8},{"x":9,"a":10}]"#)
        #expect(value == [["a": 1, "bb": 2], ["a": 3, "bb": 4], ["bb": 5], ["a": 6, "bb": 7, "c": 8], ["x": 9, "a": 10]])
    }

    @Test("a key written with escapes, then plainly, then with other escapes, is the same key")
    func escapedKeys() throws {
        let value = try JSONParser.parse(#"[{"\u0061b":1},{"ab":2},{"a\u0062":3},{"a\"":4},{"a\"":5}]"#)
        #expect(value == [["ab": 1], ["ab": 2], ["ab": 3], ["a\"": 4], ["a\"": 5]])
    }

    @Test("a raw control character where the cached key had an escaped one is still an error")
    func controlCharacter() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("[{\"a\\nb\":1},{\"a\nb\":2}]") }
    }

    @Test("a key that is a prefix or an extension of the cached one is its own key")
    func prefixes() throws {
        let value = try JSONParser.parse(#"[{"scope":1},{"scopes":2},{"scop":3},{"scope":4}]"#)
        #expect(value == [["scope": 1], ["scopes": 2], ["scop": 3], ["scope": 4]])
    }

    @Test("nested objects keep their own keys; the last of a duplicated key wins")
    func nestedAndDuplicates() throws {
        let value = try JSONParser.parse(#"[{"m":{"a":1},"a":{"m":2}},{"m":{"m":3},"a":{"a":4}},{"a":1,"a":2}]"#)
        #expect(value == [["m": ["a": 1], "a": ["m": 2]], ["m": ["m": 3], "a": ["a": 4]], ["a": 2]])
    }
}
