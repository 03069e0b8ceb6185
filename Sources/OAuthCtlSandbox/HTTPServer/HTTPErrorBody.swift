/// Transport-level error responses (before routing), in herodot's JSON error shape.
enum HTTPErrorBody {
    static func response(_ status: Int, _ error: String, _ description: String = "") -> HTTPResponse {
        var response = HTTPResponse.json(status, .object([("error", .string(error)), ("error_description", .string(description))]))
        response.close = true
        return response
    }
}
