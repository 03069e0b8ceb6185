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
}
