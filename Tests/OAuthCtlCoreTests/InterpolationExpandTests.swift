import OAuthCtlCore
import Testing

/// `Interpolation.expand` over every shape of reference: text around references is copied byte for byte,
/// and problems are named at the scalar offset of their `$`.
@Suite("Interpolation: expanding references")
struct InterpolationExpandTests {
    static let interpolation = Interpolation(variables: ["DOMAIN": "example.org", "EMPTY": "", "É": "x"])

    @Test(
        "references, defaults, escapes and plain dollars",
        arguments: [
            ("no reference", "no reference"),
            ("https://${DOMAIN}/cb", "https://example.org/cb"),
            ("a${DOMAIN}b${DOMAIN}c", "aexample.orgbexample.orgc"),
            ("${UNSET:-fallback}/${DOMAIN:-other}", "fallback/example.org"),
            ("${UNSET:-}|${EMPTY}|${EMPTY:-d}", "||"),
            ("${UNSET:-a:-b}", "a:-b"),
            ("$${DOMAIN} and $$ and $ and $x and a$", "${DOMAIN} and $$ and $ and $x and a$"),
            ("café ${DOMAIN} ünïcode", "café example.org ünïcode"),
            ("${DOMAIN}", "example.org"),
        ])
    func expands(text: String, expected: String) {
        let (expanded, problems) = Self.interpolation.expand(text)
        #expect(expanded == expected)
        #expect(problems.isEmpty)
    }

    @Test(
        "problems at the scalar offset of their '$'; the rest still expanded",
        arguments: [
            ("ab${UNSET}c", "abc", 2, "variable 'UNSET' is not set"),
            ("é${A:b}", "é", 1, "invalid variable name 'A:b' in '${A:b}'"),
            ("${DOMAIN} ${1X}", "example.org ", 10, "invalid variable name '1X'"),
            ("ü ${DOMAIN", "ü ${DOMAIN", 2, "unterminated '${'"),
            ("${É}", "", 0, "invalid variable name 'É'"),
        ] as [(String, String, Int, String)])
    func problems(text: String, expected: String, offset: Int, message: String) throws {
        let (expanded, problems) = Self.interpolation.expand(text)
        #expect(expanded == expected)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.offset == offset)
        #expect(problem.message.hasPrefix(message), "\(problem.message)")
    }
}
