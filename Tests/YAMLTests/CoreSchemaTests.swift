import Testing
import YAML

@Suite("Core schema")
struct CoreSchemaTests {
    static let plainScalars: [(String, ScalarValue)] = [
        ("", .null), ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null),
        ("nULL", .string("nULL")),
        ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)), ("tRUE", .string("tRUE")),
        ("yes", .string("yes")), ("no", .string("no")), ("on", .string("on")), ("off", .string("off")),
        ("y", .string("y")), ("n", .string("n")), ("Yes", .string("Yes")), ("NO", .string("NO")),
        ("0", .int(0)), ("42", .int(42)), ("-17", .int(-17)), ("+8", .int(8)), ("007", .int(7)),
        ("0o17", .int(15)), ("0x1F", .int(31)), ("0xff", .int(255)), ("0o8", .string("0o8")),
        ("0x", .string("0x")), ("-0x1", .string("-0x1")), ("1_000", .string("1_000")),
        ("9223372036854775807", .int(Int.max)), ("-9223372036854775808", .int(Int.min)),
        ("9223372036854775808", .string("9223372036854775808")), ("0x1FFFFFFFFFFFFFFFF", .string("0x1FFFFFFFFFFFFFFFF")),
        ("1.5", .float(1.5)), ("-2.", .float(-2)), (".5", .float(0.5)), ("+.5e3", .float(500)),
        ("1e3", .float(1000)), ("6.02E+23", .float(6.02e23)), ("1E-2", .float(0.01)),
        (".inf", .float(.infinity)), ("-.Inf", .float(-.infinity)), ("+.INF", .float(.infinity)),
        (".", .string(".")), ("1e", .string("1e")), ("e3", .string("e3")), ("1.2.3", .string("1.2.3")),
        ("inf", .string("inf")), ("nan", .string("nan")), ("0x1p3", .string("0x1p3")), ("12:30", .string("12:30")),
        ("-", .string("-")), ("+", .string("+")), ("1 2", .string("1 2")), ("tru", .string("tru")),
    ]

    @Test("untagged plain scalars resolve by the YAML 1.2 core schema", arguments: plainScalars)
    func plain(text: String, expected: ScalarValue) {
        #expect(Node.Scalar(value: text, mark: Mark(line: 1, column: 1)).resolved == expected)
    }

    @Test("NaN spellings resolve to a NaN float", arguments: [".nan", ".NaN", ".NAN"])
    func notANumber(text: String) {
        guard case .float(let value) = Node.Scalar(value: text, mark: Mark(line: 1, column: 1)).resolved else {
            Issue.record("\(text) did not resolve to a float")
            return
        }
        #expect(value.isNaN)
    }

    @Test(
        "quoted and block scalars are strings",
        arguments: [
            "a: 'no'", "a: \"true\"", "a: '42'", "a: \"\"", "a: |\n  null\n", "a: >\n  1.5\n",
        ])
    func nonPlainIsString(text: String) throws {
        let value = try #require(rootMapping(load(text))?["a"])
        guard case .scalar(let scalar) = value else {
            Issue.record("not a scalar")
            return
        }
        #expect(scalar.resolved == .string(scalar.value))
    }

    static let tagged: [(String, ScalarValue)] = [
        ("!!str 42", .string("42")), ("!!str true", .string("true")), ("!!str ~", .string("~")),
        ("!!int '42'", .int(42)), ("!!int abc", .string("abc")), ("!!bool \"false\"", .bool(false)),
        ("!!bool yes", .string("yes")), ("!!null ''", .null), ("!!null x", .string("x")),
        ("!!float 3", .float(3)), ("!!float '2.5'", .float(2.5)), ("!!float x", .string("x")),
        ("!custom 42", .string("42")), ("! 42", .string("42")),
    ]

    @Test("tags decide the type where the text is valid for them", arguments: tagged)
    func taggedScalars(text: String, expected: ScalarValue) throws {
        let value = try #require(rootMapping(load("a: \(text)"))?["a"])
        guard case .scalar(let scalar) = value else {
            Issue.record("not a scalar")
            return
        }
        #expect(scalar.resolved == expected)
    }
}
