import Testing

@testable import OAuthCtlSandbox

@Suite("Request parser: request line, header syntax, body length")
struct RequestParserTests {
    private func parse(_ text: String) throws -> (HTTPRequest, Int) {
        try RequestParser.parseHead(ArraySlice(Array(text.utf8)))
    }

    @Test("a plain request: method, path, query, headers lower-cased and trimmed, body length")
    func wellFormed() throws {
        let (request, length) = try parse(
            "\r\nPOST /admin/clients?page_size=2 HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\nX-Odd:\t v \t\r\n\r\n")
        #expect(request.method == "POST")
        #expect(request.path == "/admin/clients")
        #expect(request.query == "page_size=2")
        #expect(request.headers.map(\.0) == ["host", "content-length", "x-odd"])
        #expect(request.headers.map(\.1) == ["x", "12", "v"])
        #expect(length == 12)
    }

    @Test(
        "a bare LF or CR, a bad field name or a NUL in a value is malformed",
        arguments: [
            "GET / HTTP/1.1\nHost: x\r\n\r\n",  // bare LF ends the request line
            "GET / HTTP/1.1\r\nHost: x\ny: z\r\n\r\n",  // bare LF inside a header line
            "GET / HTTP/1.1\r\nHost: x\ry: z\r\n\r\n",  // bare CR inside a header line
            "GET / HTTP/1.1\r\nHost: x\r\r\n\r\n",  // CR before CRLF
            "GET / HTTP/1.1\r\nX Y: z\r\n\r\n",  // space in the name
            "GET / HTTP/1.1\r\nHost : x\r\n\r\n",  // space before the colon (RFC 9112 §5.1)
            "GET / HTTP/1.1\r\n: x\r\n\r\n",  // empty name
            "GET / HTTP/1.1\r\nX(y): z\r\n\r\n",  // delimiter in the name
            "GET / HTTP/1.1\r\nX\u{7F}: z\r\n\r\n",  // DEL in the name
            "GET / HTTP/1.1\r\nNo colon\r\n\r\n",
            "GET / HTTP/1.1\r\nX: a\u{0}b\r\n\r\n",  // NUL in the value
            "GET / HTTP/1.1\r\n\tfolded\r\n\r\n",  // obsolete line folding
            "get / HTTP/1.1\r\n\r\n", "GET x HTTP/1.1\r\n\r\n", "GET / HTTP/2\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n",
        ])
    func malformed(head: String) {
        #expect(throws: RequestParser.Failure.malformed) { try parse(head) }
    }

    @Test("every tchar is allowed in a field name")
    func tokenNames() throws {
        let (request, _) = try parse("GET / HTTP/1.1\r\nA1!#$%&'*+-.^_`|~z: v\r\n\r\n")
        #expect(request.headers.first?.0 == "a1!#$%&'*+-.^_`|~z")
    }

    @Test("Transfer-Encoding is refused; Content-Length must be one run of digits, the same if repeated")
    func bodyLength() throws {
        #expect(throws: RequestParser.Failure.chunkedUnsupported) {
            try parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
        }
        for value in ["-1", "+1", "1 2", "", "0x10", "1e3", String(repeating: "9", count: 19)] {
            #expect(throws: RequestParser.Failure.badContentLength) { try parse("POST / HTTP/1.1\r\nContent-Length: \(value)\r\n\r\n") }
        }
        #expect(throws: RequestParser.Failure.badContentLength) {
            try parse("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
        }
        #expect(try parse("POST / HTTP/1.1\r\nContent-Length: 7\r\nContent-Length: 7\r\n\r\n").1 == 7)
    }

    @Test("the head ends at the first CRLF CRLF, found across reads")
    func headEnd() {
        let bytes = Array("GET / HTTP/1.1\r\nHost: x\r\n\r\nnext".utf8)
        #expect(RequestParser.headEnd(in: bytes) == bytes.count - 4)
        #expect(RequestParser.headEnd(in: bytes, from: 20) == bytes.count - 4)
        #expect(RequestParser.headEnd(in: Array("GET / HTTP/1.1\r\n\n\r\n".utf8)) == nil)
    }

    @Test("a response never writes a control from a header: CR/LF/NUL become %XX, the head stays one field per line")
    func responseHeadersEscaped() {
        let response = HTTPResponse(status: 200, headers: [("X-Rule", "a\r\nSet-Cookie: evil=1"), ("X\nY", "v\u{0}")])
        let head = String(decoding: response.serialized(keepAlive: true), as: UTF8.self)
        #expect(head.contains("X-Rule: a%0D%0ASet-Cookie: evil=1\r\n"))
        #expect(head.contains("X%0AY: v%00\r\n"))
        #expect(!head.contains("\r\nSet-Cookie"))
    }

    @Test("a fault rule whose header or Retry-After could inject a line is refused")
    func faultRuleHeaders() throws {
        let bad: [JSONValue] = [
            .object([("status", .number("503")), ("headers", .object([("Link", .string("a\r\nX: y"))]))]),
            .object([("status", .number("503")), ("headers", .object([("Bad Name", .string("v"))]))]),
            .object([("status", .number("503")), ("retry_after", .string("1\nX: y"))]),
        ]
        for rule in bad {
            guard case .failure = FaultRule.parse(rule) else {
                Issue.record("accepted \(rule)")
                continue
            }
        }
        let good = JSONValue.object([("status", .number("503")), ("headers", .object([("Link", .string("</x>; rel=\"next\""))]))])
        #expect(throws: Never.self) { try FaultRule.parse(good).get() }
    }
}
