import Foundation
import OAuthCtlTestSupport

extension LoopbackHTTP {
    /// GETs a JSON document and returns it as Foundation objects.
    ///
    /// Foundation's parser on purpose: the tests read the servers' answers with a parser that is not the
    /// one under test (`OAuthCtlJSON`), so a bug there can't cancel itself out.
    static func getJSON(_ url: String, headers: [String: String] = [:]) async throws -> Any {
        let (_, body) = try await send("GET", url, headers: headers)
        return try JSONSerialization.jsonObject(with: body)
    }
}
