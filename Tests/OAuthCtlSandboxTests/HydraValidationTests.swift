import Foundation
import Testing

@testable import OAuthCtlSandbox

@Suite("Hydra validation and error bodies (hydra.md §3)")
struct HydraValidationTests {
    static let meta = HydraError.metadataDescription
    static let malformed = "The request was malformed or contained invalid parameters"

    /// (request body, status, error, error_description)
    static let cases: [(String, Int, String, String)] = [
        (
            #"{"token_endpoint_auth_method":"private_key_jwt"}"#, 400, "invalid_client_metadata",
            meta + " When token_endpoint_auth_method is 'private_key_jwt', either jwks or jwks_uri must be set."
        ),
        (
            #"{"token_endpoint_auth_method":"private_key_jwt","jwks_uri":"https://k","token_endpoint_auth_signing_alg":"HS256"}"#, 400,
            "invalid_client_metadata",
            meta
                + " Only RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 and ES512 are supported as algorithms for private key authentication."
        ),
        (
            #"{"jwks_uri":"https://k","jwks":{"keys":[]}}"#, 400, "invalid_client_metadata",
            meta + " Fields jwks and jwks_uri can not both be set, you must choose one."
        ),
        (#"{"jwks":{"keys":[{"kty":"RSA"}]}}"#, 400, "invalid_client_metadata", meta + " Invalid JSON web key in set."),
        (
            #"{"client_secret":"short"}"#, 400, "invalid_client_metadata",
            meta + " Field client_secret must contain a secret that is at least 6 characters long."
        ),
        (
            #"{"allowed_cors_origins":["ftp://x"]}"#, 400, "invalid_client_metadata",
            meta + " Origin URL ftp://x must use https:// or http:// as HTTP scheme."
        ),
        (
            #"{"allowed_cors_origins":["https://u:p@x"]}"#, 400, "invalid_client_metadata",
            meta + " Origin URL https://u:p@x has HTTP user and/or password set which is not allowed."
        ),
        (
            #"{"allowed_cors_origins":["https://x/path"]}"#, 400, "invalid_client_metadata",
            meta + " Origin URL https://x/path must have an empty path, query, and fragment but one of the parts is not empty."
        ),
        (#"{"sector_identifier_uri":"http://x/s.json"}"#, 400, "invalid_client_metadata", meta),
        (
            #"{"userinfo_signed_response_alg":"HS256"}"#, 400, "invalid_client_metadata",
            meta + " Field userinfo_signed_response_alg can either be 'none' or 'RS256'."
        ),
        (
            #"{"redirect_uris":["https://a/cb#x"]}"#, 400, "invalid_redirect_uri",
            "The value of one or more redirect_uris is invalid. Redirect URIs must not contain fragments (#)."
        ),
        (
            #"{"redirect_uris":["relative/cb"]}"#, 400, "invalid_redirect_uri",
            "The value of one or more redirect_uris is invalid. Unable to parse redirect URL: relative/cb"
        ),
        (
            #"{"subject_type":"pairwise"}"#, 400, "invalid_client_metadata",
            meta + " Subject type pairwise is not supported by server, only [public] are allowed."
        ),
        (
            #"{"redirect_uris":["https://a/cb"],"post_logout_redirect_uris":["https://b/out"]}"#, 400, "invalid_client_metadata",
            meta
                + " post_logout_redirect_uri 'https://b/out' must match the domain, port, scheme of at least one of the registered redirect URIs but did not"
        ),
        (
            #"{"post_logout_redirect_uris":["nope"]}"#, 400, "invalid_client_metadata",
            meta + " Unable to parse post_logout_redirect_uri: nope"
        ),
        (#"{"tos_uri":"not a uri"}"#, 400, "invalid_client_metadata", meta + " Field tos_uri must be a valid URI."),
        (
            #"{"logo_uri":"ftp://x/logo.png"}"#, 400, "invalid_client_metadata",
            meta + " ftp://x/logo.png must use https:// or http:// as HTTP scheme for field logo_uri."
        ),
        (#"{"access_token_strategy":"magic"}"#, 400, "invalid_client_metadata", meta + " invalid access token strategy: magic"),
        (#"{"client_name":"x""#, 400, malformed, "Unable to decode the request body: unexpected EOF"),
        ("", 400, malformed, "Unable to decode the request body: EOF"),
        ("[1]", 400, malformed, "Unable to decode the request body: json: cannot unmarshal array into Go value of type client.Client"),
        (
            #"{"redirect_uris":"https://a"}"#, 400, malformed,
            "Unable to decode the request body: json: cannot unmarshal string into Go struct field Client.redirect_uris of type sqlxx.StringSliceJSONFormat"
        ),
        (
            #"{"implicit_grant_id_token_lifespan":"1x"}"#, 400, malformed,
            "Unable to decode the request body: time: unknown unit 'x' in duration '1x'"
        ),
    ]

    @Test("each validation answers Hydra's status and exact error body", arguments: cases.indices)
    func validation(index: Int) throws {
        let (body, status, error, description) = Self.cases[index]
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        let response = try sandbox.call("POST", "/admin/clients", body)
        #expect(response.status == status, "\(body)")
        #expect(Sandbox.object(response) == .object([("error", .string(error)), ("error_description", .string(description))]), "\(body)")
    }

    @Test("not validated by Hydra: grant/response type values, auth method values, metadata type")
    func notValidated() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        let response = try sandbox.call(
            "POST", "/admin/clients",
            #"{"grant_types":["fooclient_credentials"],"response_types":["x"],"token_endpoint_auth_method":"foo","metadata":[1],"jwks":{}}"#
        )
        #expect(response.status == 201)
        // Content type is not checked: Hydra decodes JSON regardless.
        let plain = try sandbox.call("POST", "/admin/clients", "{}", headers: ["Content-Type": "text/plain"])
        #expect(plain.status == 201)
    }

    @Test("unknown paths are 404 and wrong methods 405, both with JSON bodies")
    func routing() throws {
        let sandbox = try Sandbox()
        defer { sandbox.stop() }
        #expect(try sandbox.call("GET", "/admin/nothing").status == 404)
        let wrong = try sandbox.call("DELETE", "/admin/clients")
        #expect(wrong.status == 405 && wrong.header("allow") == "GET, POST")
    }
}
