extension HTTPResponse {
    /// `{"data": value}`, Phoenix's JSON content type.
    static func data(_ status: Int, _ value: JSONValue) -> HTTPResponse {
        var response = HTTPResponse.json(status, .object([("data", value)]))
        response.body.removeLast()  // Jason writes no trailing newline
        return response
    }
}
