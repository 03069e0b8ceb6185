import OAuthCtlCore
import Testing

/// A list written straight from where it is kept (`JSONEncoding.ObjectList`) gives exactly the text of the
/// same objects built as `JSONValue`s, wherever it stands in a document; a plan's JSON is unchanged by it.
@Suite("JSON object lists")
struct JSONObjectListTests {
    @Test("a list's text is the text of its objects as values, at any depth and size")
    func sameText() {
        var random = SplitMix64(seed: 29)
        let keys = ["provider", "id", "kind", "owner", "é\"\n"]
        let values: [JSONValue?] = [nil, .null, .string(""), .string("a\"b\\c\u{1}é\u{202E}"), .int(-3), .bool(true), .string("x")]
        for count in [0, 1, 2, 7, 50] {
            let objects: [[String: JSONValue]] = (0..<count).map { _ in
                var object: [String: JSONValue] = [:]
                for key in keys { object[key] = values[Int.random(in: 0..<values.count, using: &random)] }
                return object
            }
            let list = JSONEncoding.ObjectList(count: count, keys: keys) { index, key in objects[index][key] }
            let documents: [(JSONValue, JSONValue)] = [
                (.array(objects.map(JSONValue.object)), .string(list.placeholder)),
                (["b": ["c": .array(objects.map(JSONValue.object))], "a": 1], ["b": ["c": .string(list.placeholder)], "a": 1]),
                (.array([.null, .array(objects.map(JSONValue.object))]), .array([.null, .string(list.placeholder)])),
            ]
            for (values, withList) in documents {
                #expect(JSONEncoding.pretty(withList, lists: [list]) == JSONEncoding.pretty(values), "\(count) objects")
            }
        }
    }

    @Test("a string that is not a list's placeholder is written as a string")
    func otherStrings() {
        let list = JSONEncoding.ObjectList(count: 1, keys: ["id"]) { _, _ in .string("x") }
        let other = JSONEncoding.ObjectList(count: 1, keys: ["id"]) { _, _ in .string("y") }
        #expect(list.placeholder != other.placeholder)
        #expect(
            JSONEncoding.pretty(["a": .string(other.placeholder)], lists: [list]) == JSONEncoding.pretty(["a": .string(other.placeholder)]))
    }

    @Test("a plan's JSON writes its untouched clients from the plan, to the same text")
    func planJSON() {
        let untouched: [Plan.Untouched] = (0..<30).map { index in
            .init(
                provider: "p", id: "c\(index)", kind: [.unmanaged, .orphaned, .managedElsewhere][index % 3],
                owner: index % 3 == 2 ? "other" : nil)
        }
        let document = PlanDocument(plan: Plan(actions: [], untouched: untouched), toolVersion: "1", providers: [])
        #expect(JSONRenderer().render(document) == JSONEncoding.pretty(document.json) + "\n")
        #expect(JSONEncoding.pretty(document.json).contains(#""owner": "other""#))
    }

    @Test("a long document is handed over in pieces that make the same text, each ending after a whole item")
    func pieces() {
        let ids = (0..<40_000).map { "client-é-\($0)" }
        let list = JSONEncoding.ObjectList(count: ids.count, keys: ["id", "kind"]) { index, key in
            key == "id" ? .string(ids[index]) : .string("unmanaged")
        }
        let document: JSONValue = ["b": .string(list.placeholder), "a": .array(ids.prefix(20_000).map(JSONValue.string))]
        var pieces: [String] = []
        JSONEncoding.pretty(document, lists: [list]) { pieces.append($0) }
        #expect(pieces.count > 2)
        #expect(pieces.joined() == JSONEncoding.pretty(document, lists: [list]))
        #expect(
            pieces.joined()
                == JSONEncoding.pretty(["b": .array(ids.map { ["id": .string($0), "kind": "unmanaged"] }), "a": document["a"] ?? .null]))
        // An oracle outside the writer: the text parses back to the document it stands for.
        let expected: JSONValue = ["b": .array(ids.map { ["id": .string($0), "kind": "unmanaged"] }), "a": document["a"] ?? .null]
        #expect((try? JSONParser.parse(pieces.joined())) == expected)
        #expect(pieces.dropLast().allSatisfy { $0.hasSuffix("}") || $0.hasSuffix("\"") })
    }
}
