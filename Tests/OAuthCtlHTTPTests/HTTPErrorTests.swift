import Foundation
import OAuthCtlHTTP
import Testing

/// One server error body and the description `HTTPError` must give for it.
struct ErrorBodyCase: Sendable, CustomTestStringConvertible {
    var name: String
    var status: Int
    var body: String
    var expected: String
    var testDescription: String { name }
}

private let bodyCases: [ErrorBodyCase] = [
    ErrorBodyCase(
        name: "Hydra RFC 6749 error", status: 400,
        body: #"{"error":"invalid_redirect_uri","error_description":"The value of one or more redirect_uris is invalid."}"#,
        expected:
            "PUT /admin/clients/billing-web: 400 Bad Request: invalid_redirect_uri: The value of one or more redirect_uris is invalid."
    ),
    ErrorBodyCase(
        name: "Hydra 404 with an empty description", status: 404,
        body: #"{"error":"Unable to locate the resource","error_description":""}"#,
        expected: "PUT /admin/clients/billing-web: 404 Not Found: Unable to locate the resource"),
    ErrorBodyCase(
        name: "code and message", status: 404, body: #"{"code":"NOT_FOUND","message":"expected at least one result"}"#,
        expected: "PUT /admin/clients/billing-web: 404 Not Found: NOT_FOUND: expected at least one result"),
    ErrorBodyCase(
        name: "numeric code is left to the status", status: 500, body: #"{"code":500,"message":"boom"}"#,
        expected: "PUT /admin/clients/billing-web: 500 Internal Server Error: boom"),
    ErrorBodyCase(
        name: "Boruta errors by field", status: 422,
        body:
            #"{"code":"UNPROCESSABLE_ENTITY","message":"Your request could not be processed.","errors":{"redirect_uris":["is invalid"],"name":["can't be blank","is too short"]}}"#,
        expected:
            "PUT /admin/clients/billing-web: 422 Unprocessable Content: UNPROCESSABLE_ENTITY: Your request could not be processed. name: can't be blank, is too short; redirect_uris: is invalid"
    ),
    ErrorBodyCase(
        name: "errors object alone", status: 400, body: #"{"errors":{"scope":"must be a JSON array"}}"#,
        expected: "PUT /admin/clients/billing-web: 400 Bad Request: scope: must be a JSON array"),
    ErrorBodyCase(
        name: "herodot nested error object", status: 404,
        body:
            #"{"error":{"code":404,"status":"Not Found","message":"The requested resource could not be found","reason":"no such client"}}"#,
        expected: "PUT /admin/clients/billing-web: 404 Not Found: The requested resource could not be found: no such client"),
    ErrorBodyCase(
        name: "Glewlwyd array of strings", status: 400,
        body: #"["client_id already exist","scope must be a JSON array of string"]"#,
        expected: "PUT /admin/clients/billing-web: 400 Bad Request: client_id already exist; scope must be a JSON array of string"
    ),
    ErrorBodyCase(
        name: "FastAPI detail list", status: 422,
        body: #"{"detail":[{"loc":["body","redirect_uris",0],"msg":"invalid url","type":"value_error"}]}"#,
        expected: "PUT /admin/clients/billing-web: 422 Unprocessable Content: redirect_uris.0: invalid url"),
    ErrorBodyCase(
        name: "detail string", status: 403, body: #"{"detail":"role lacks permission"}"#,
        expected: "PUT /admin/clients/billing-web: 403 Forbidden: role lacks permission"),
    ErrorBodyCase(
        name: "Ory 429 with an empty body", status: 429, body: "",
        expected: "PUT /admin/clients/billing-web: 429 Too Many Requests"),
    ErrorBodyCase(
        name: "plain text across lines", status: 502, body: "upstream\n  connect error\n",
        expected: "PUT /admin/clients/billing-web: 502 Bad Gateway: upstream connect error"),
    ErrorBodyCase(
        name: "an HTML error page is left out", status: 503, body: "<html><body>Service Unavailable</body></html>",
        expected: "PUT /admin/clients/billing-web: 503 Service Unavailable"),
]

@Test("error descriptions for each body shape", arguments: bodyCases)
func errorBodyShapes(_ row: ErrorBodyCase) throws {
    let url = try #require(URL(string: "https://acme.projects.oryapis.com/admin/clients/billing-web?page_token=abc&api_key=k1"))
    let error = HTTPError(
        request: HTTPRequest(method: .put, url: url), response: HTTPResponse(status: row.status, body: Data(row.body.utf8)))
    #expect(error.description == row.expected)
    #expect(!error.description.contains("?"))
    #expect(!error.description.contains("page_token"))
}

@Test("the query string never reaches the path, whichever initializer is used")
func noQueryString() throws {
    let url = try #require(URL(string: "http://127.0.0.1:4445/admin/clients?client_name=x&token=secret"))
    let error = HTTPError(request: HTTPRequest(method: .get, url: url), response: HTTPResponse(status: 401))
    #expect(error.path == "/admin/clients")
    #expect(error.description == "GET /admin/clients: 401 Unauthorized")
    let direct = HTTPError(method: .delete, path: "/admin/clients/a?token=secret#frag", status: 404)
    #expect(direct.description == "DELETE /admin/clients/a: 404 Not Found")
}

@Test("a secret that the server echoes is scrubbed from the description")
func echoedSecretIsScrubbed() throws {
    let secret = "OAUTHCTL-SENTINEL-5b1d"
    let url = try #require(URL(string: "http://127.0.0.1:4445/admin/clients"))
    let request = HTTPRequest(method: .post, url: url, body: Data(#"{"client_secret":"\#(secret)"}"#.utf8))
    let body = #"{"error":"invalid_client_metadata","error_description":"secret '\#(secret)' is too short"}"#
    let error = HTTPError(
        request: request, response: HTTPResponse(status: 400, body: Data(body.utf8)), sensitiveKeys: ["client_secret"])
    #expect(!error.description.contains(secret))
    #expect(error.serverDescription == "secret '(sensitive)' is too short")
}

@Test("a long server text is cut to one short line")
func longTextIsShortened() {
    let error = HTTPError(method: .get, path: "/", status: 500, serverDescription: String(repeating: "x ", count: 400))
    #expect((error.serverDescription?.count ?? 0) == HTTPError.maximumServerTextLength + 1)
    #expect(error.serverDescription?.hasSuffix("…") == true)
    #expect(!error.description.contains("\n"))
}

@Test("an unknown status has no reason phrase")
func unknownStatus() {
    #expect(HTTPError(method: .get, path: "/x", status: 599).description == "GET /x: 599")
}
