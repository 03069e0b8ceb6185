import Foundation

/// One stored Rightbrain OAuth client (rightbrain.md §3), with its secret kept only as a salted hash.
struct RightbrainClient: Sendable, Equatable {
    /// Internal id used in paths (UUIDv7-like, so ids sort in creation order).
    var id: String
    /// The OAuth 2.0 client_id at the authorization server.
    var clientID: String
    var orgID: String
    var projectID: String
    var name: String
    var description: String?
    /// nil = never set (read back as `null`).
    var redirectURIs: [String]?
    var grantTypes: [String]?
    var tokenEndpointAuthMethod: String
    var pkceRequired: Bool
    var pkceChallengeMethod: String?
    var created: Date
    var modified: Date
    /// Empty for public clients (no secret).
    var secretHash: String
    /// "Allowed scopes" and "trusted status": accepted on create and update (wire names inferred, as in
    /// oauthctl's table), kept, and like the documented response never returned (only the state file has them).
    var scopes: [String]? = nil
    var trusted: Bool? = nil

    /// The response shape of list, get, create and update.
    ///
    /// `secret` is the plain secret, given only in
    /// the create response; every other read has `client_secret: null`.
    func render(secret: String? = nil) -> JSONValue {
        func strings(_ list: [String]?) -> JSONValue { list.map { .array($0.map(JSONValue.string)) } ?? .null }
        return .object([
            ("id", .string(id)),
            ("name", .string(name)),
            ("client_id", .string(clientID)),
            ("project_id", .string(projectID)),
            ("created", .string(RFC3339.format(created))),
            ("modified", .string(RFC3339.format(modified))),
            ("description", description.map(JSONValue.string) ?? .null),
            ("redirect_uris", strings(redirectURIs)),
            ("grant_types", strings(grantTypes)),
            ("token_endpoint_auth_method", .string(tokenEndpointAuthMethod)),
            ("pkce_required", .bool(pkceRequired)),
            ("pkce_challenge_method", pkceChallengeMethod.map(JSONValue.string) ?? .null),
            ("client_secret", secret.map(JSONValue.string) ?? .null),
        ])
    }
}

/// Time-ordered UUIDs (version 7): 48 bits of Unix milliseconds, then a counter, then random bits.
///
/// Monotonic within the process, so ids created in one millisecond still sort in creation order.
final class UUIDv7: @unchecked Sendable {
    private let state = LockedValue<(ms: UInt64, counter: UInt16)>((0, 0))

    func next(at date: Date) -> String {
        let (ms, counter) = state.withValue { s -> (UInt64, UInt16) in
            let now = UInt64(max(0, date.timeIntervalSince1970 * 1000))
            if now > s.ms {
                s = (now, 0)
            } else {
                s.counter &+= 1
                if s.counter > 0x0FFF { s = (s.ms + 1, 0) }
            }
            return s
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8((ms >> UInt64(8 * (5 - i))) & 0xFF) }
        bytes[6] = 0x70 | UInt8((counter >> 8) & 0x0F)
        bytes[7] = UInt8(counter & 0xFF)
        for i in 8..<16 { bytes[i] = UInt8.random(in: 0...255) }
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return Self.format(bytes)
    }

    /// A random (version 4) UUID, for `client_id`.
    static func random() -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255) }
        bytes[6] = 0x40 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return format(bytes)
    }

    static func format(_ bytes: [UInt8]) -> String {
        let hex = SHA256.hex(bytes)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex.dropFirst(range.lowerBound).prefix(range.count))
        }
        return parts.joined(separator: "-")
    }

    /// True for the canonical 8-4-4-4-12 hex form (FastAPI's `UUID` path type; any case).
    static func isValid(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
