/// The five verbs oauthctl needs from a provider's admin API. Adapters live in `OAuthCtlProviders`;
/// the engine calls only this protocol, so it never names a provider.
package protocol ProviderAdapter: Sendable {
    /// The provider's client schema.
    var schema: ClientSchema { get }
    /// The schema as this server supports it, checked before listing: e.g. `ownership` becomes
    /// `.unavailable(reason:)` when the server has no place for the marker, so `--prune` deletes nothing.
    /// The default is `schema`.
    func liveSchema() async throws -> ClientSchema
    /// Every client on the server, as raw JSON objects in the provider's own field names.
    func listClients() async throws -> [[String: JSONValue]]
    /// Every client on the server, a page at a time, so a caller can keep only what it needs. The
    /// default hands over `listClients()` as one page.
    func forEachPage(_ body: @Sendable ([LiveClient]) async throws -> Void) async throws
    /// The first page of the listing, and how to read the rest (nil when that page was all): one request
    /// tells whether the server is small enough to list. The default is the whole listing as one page.
    func firstPage() async throws -> FirstPage
    /// One client, or nil when it doesn't exist.
    func getClient(id: String) async throws -> [String: JSONValue]?
    /// Creates a client from a full body; returns the server's response (which may carry a generated secret).
    func createClient(_ body: [String: JSONValue]) async throws -> CreateResult
    /// Replaces a client with a full body.
    func updateClient(id: String, _ body: [String: JSONValue]) async throws
    /// Deletes a client.
    func deleteClient(id: String) async throws

    /// How `oauthctl rotate` gives a client a new secret on this provider. Default: `.unsupported`.
    var secretRotation: SecretRotation { get }
    /// `.overlap` and `.regenerate`: asks the server for a new secret and returns it.
    func rotateSecret(id: String, live: [String: JSONValue]) async throws -> RotatedSecret
    /// `.overlap`: ends the overlap; only the newest secret stays valid.
    func finishSecretRotation(id: String) async throws
    /// `.update`: a fresh random secret that oauthctl then writes with `updateClient`.
    func generateSecret() -> SecretValue?
}

extension ProviderAdapter {
    package func liveSchema() async throws -> ClientSchema { schema }
    package func forEachPage(_ body: @Sendable ([LiveClient]) async throws -> Void) async throws {
        try await body(try await listClients().map(LiveClient.init))
    }
    package func firstPage() async throws -> FirstPage {
        FirstPage(clients: try await listClients().map(LiveClient.init), rest: nil)
    }
    package var secretRotation: SecretRotation { .unsupported("oauthctl can't rotate secrets on \(schema.providerType)") }
    package func rotateSecret(id: String, live: [String: JSONValue]) async throws -> RotatedSecret {
        throw RotationUnsupported(providerType: schema.providerType)
    }
    package func finishSecretRotation(id: String) async throws {
        throw RotationUnsupported(providerType: schema.providerType)
    }
    package func generateSecret() -> SecretValue? { nil }
}

/// One page of a listing and, when there are more, the pages after it.
package struct FirstPage: Sendable {
    package typealias Pages = @Sendable (_ body: @Sendable ([LiveClient]) async throws -> Void) async throws -> Void
    package var clients: [LiveClient]
    /// Streams the pages after this one; nil when the listing is complete.
    package var rest: Pages?
    package init(clients: [LiveClient], rest: Pages?) {
        self.clients = clients
        self.rest = rest
    }
}

extension FirstPage {
    /// Every client that a page stream (`forEachPage`, or `rest`) delivers, in order, as one list of objects.
    package static func collect(_ pages: Pages) async throws -> [[String: JSONValue]] {
        let collected = CollectedPages()
        try await pages { collected.append($0) }
        return collected.clients
    }
}

/// The clients of the pages handed over so far (pages arrive one after another, never concurrently).
private final class CollectedPages: @unchecked Sendable {
    private(set) var clients: [[String: JSONValue]] = []
    func append(_ page: [LiveClient]) { clients += page.map(\.object) }
}

/// How a provider rotates a client secret (`oauthctl rotate`).
package enum SecretRotation: Sendable, Equatable {
    /// The server makes the new secret and keeps the old ones valid until the overlap is ended
    /// (`finishSecretRotation`): Hydra and Ory Network.
    case overlap
    /// The server makes the new secret; the old one stops working at once (e.g. Rightbrain's regenerate).
    case regenerate
    /// oauthctl makes the new secret and writes it with an update; the old one stops working at once.
    case update
    /// Not possible here; the reason says why.
    case unsupported(String)

    /// Whether the old secret keeps working after a rotation.
    package var overlaps: Bool { self == .overlap }
}

/// A secret the server made for `rotateSecret`.
package struct RotatedSecret: Sendable {
    package var secret: SecretValue
    /// The OAuth 2.0 client_id to record beside it, when it is not the id (as in `CreateResult`).
    package var oauthClientID: String?
    package init(secret: SecretValue, oauthClientID: String? = nil) {
        self.secret = secret
        self.oauthClientID = oauthClientID
    }
}

/// `rotateSecret` or `finishSecretRotation` on a provider that can't.
package struct RotationUnsupported: Error, CustomStringConvertible {
    package var providerType: String
    package var description: String { "\(providerType) has no secret rotation in oauthctl" }
}

/// What a create returned: the id and, when the server generated one, the secret.
package struct CreateResult: Sendable {
    package var id: String
    package var generatedSecret: SecretValue?
    /// The OAuth 2.0 client_id to authenticate with, when it is not `id` (e.g. Rightbrain's internal
    /// `id` is used in API paths, while its `client_id` is what the token endpoint wants). The secrets
    /// sink records this one beside the secret.
    package var oauthClientID: String?
    package init(id: String, generatedSecret: SecretValue?, oauthClientID: String? = nil) {
        self.id = id
        self.generatedSecret = generatedSecret
        self.oauthClientID = oauthClientID
    }
}

/// An adapter error after which the server may or may not have carried out the write (a timeout, a lost
/// connection or a gateway's 502/504 after a POST). The engine reads the client back before deciding;
/// it never sends such a write again blindly.
package protocol UncertainOutcome: Error {
    var outcomeIsUnknown: Bool { get }
}
