import OAuthCtlProviders
import Testing

@testable import OAuthCtlCore

/// The shortcuts a large no-op plan takes give exactly what the plain paths give.
@Suite("Plan speed paths")
struct PlanSpeedPathTests {
    /// Values with their JSON text written out by hand (compact, then pretty when it differs): the byte writer
    /// is checked against these, not against `compact`, which is built on it.
    static let values: [(JSONValue, String, String?)] = [
        (.null, "null", nil), (true, "true", nil), (0, "0", nil), (7, "7", nil), (-12, "-12", nil), (.double(1.5), "1.5", nil),
        (.double(2.0), "2", nil), ("plain", #""plain""#, nil),
        ("quote \" back\\slash\n\t\r\u{1}", #""quote \" back\\slash\n\t\r\u0001""#, nil),
        ("é ünïcode 🙂", #""é ünïcode 🙂""#, nil),
        (
            ["b": 1, "a": [1, "x", .null], "é": ["z": .double(1.25)]], #"{"a":[1,"x",null],"b":1,"é":{"z":1.25}}"#,
            "{\n  \"a\": [\n    1,\n    \"x\",\n    null\n  ],\n  \"b\": 1,\n  \"é\": {\n    \"z\": 1.25\n  }\n}"
        ),
        ([], "[]", nil), ([:], "{}", nil),
    ]

    @Test("the byte writer writes the expected JSON text, compact and pretty")
    func writer() {
        for (value, compact, pretty) in Self.values {
            #expect(JSONEncoding.compactUTF8(value) == Array(compact.utf8))
            #expect(JSONEncoding.compact(value) == compact)
            #expect(JSONEncoding.pretty(value) == pretty ?? compact)
        }
        #expect(JSONEncoding.compact(["b": [1, 2], "a": "x\"y"]) == #"{"a":"x\"y","b":[1,2]}"#)
        #expect(JSONEncoding.pretty(["b": [1, 2], "a": [:]]) == "{\n  \"a\": {},\n  \"b\": [\n    1,\n    2\n  ]\n}")
    }

    @Test("an added key and a sorted-keys hint write what the combined object writes")
    func addedKey() {
        let object: [String: JSONValue] = ["b": 1, "(": "x", "a": ["k": .double(2.5)], "é": "y"]
        let extra: (key: String, value: JSONValue) = ("(marker)", ["managed_by": "me"])
        var combined = object
        combined[extra.key] = extra.value
        let expected = Array(JSONEncoding.compact(.object(combined)).utf8)
        let keys = Array(combined.keys).sorted()
        #expect(JSONEncoding.compactUTF8(object, adding: extra, sortedKeys: keys) == expected)
        // Wrong hints fall back to sorting.
        #expect(JSONEncoding.compactUTF8(object, adding: extra, sortedKeys: keys.reversed().dropLast() + ["zz"]) == expected)
        #expect(JSONEncoding.compactUTF8(.object(combined), sortedKeys: ["a", "b", "c", "d", "e"]) == expected)
    }

    @Test("already-canonical lists and scopes canonicalize like any other spelling")
    func canonicalFastPaths() {
        let canonicalizer = Canonicalizer(schema: HydraSchema.hydra.clientSchema)
        let spellings: [[String: JSONValue]] = [
            ["scope": "openid email", "contacts": ["a@x", "b@x"], "metadata": ["n": 1]],
            ["scope": "email openid", "contacts": ["b@x", "a@x", "a@x"], "metadata": ["n": .double(1.0)]],
            ["scope": " email\topenid  email", "contacts": ["a@x", "b@x", "b@x"], "metadata": ["n": 1]],
        ]
        let forms = spellings.map(canonicalizer.canonicalize)
        #expect(forms.allSatisfy { $0 == forms[0] })
        #expect(forms[0]["scope"] == "email openid")
        #expect(forms[0]["contacts"] == ["a@x", "b@x"])
        #expect(
            canonicalizer.canonicalize([:])["scope"]
                == .string(HydraSchema.defaultScope.split(separator: " ").sorted().joined(separator: " ")))
    }
}
