extension BorutaAPI {
    /// The seeded state: boruta.seeds.exs, the Siopv2Implementation migration, and a CI client.
    static func seed(ciSecret: String, issuer: String) -> BorutaState {
        var state = BorutaState()
        state.identityProviders = [BorutaIdentityProvider(id: identityProviderID, name: "Default identity provider")]
        let scopes: [(String, String, Bool)] = [
            ("clients:manage:all", "0f1c1d3a-0000-4000-8000-0000000000a1", false),
            ("identity-providers:manage:all", "0f1c1d3a-0000-4000-8000-0000000000a2", false),
            ("scopes:manage:all", "0f1c1d3a-0000-4000-8000-0000000000a3", false),
            ("users:manage:all", "0f1c1d3a-0000-4000-8000-0000000000a4", false),
            ("openid", "0f1c1d3a-0000-4000-8000-0000000000b1", true),
            ("email", "0f1c1d3a-0000-4000-8000-0000000000b2", true),
            ("profile", "0f1c1d3a-0000-4000-8000-0000000000b3", true),
        ]
        state.scopes = scopes.map { BorutaScope(id: $0.1, name: $0.0, label: nil, isPublic: $0.2) }
        state.keyPairs = [("3c0e5b8a-0000-4000-8000-0000000000c1", BorutaRandom.publicKeyPEM())]

        var admin = BorutaClient(fields: BorutaClient.defaults())
        admin.fields["id"] = .string(adminUIClientID)
        admin.fields["name"] = .string("Boruta administration panel")
        admin.fields["secret"] = .string(BorutaRandom.token())
        admin.fields["redirect_uris"] = .array([.string("http://localhost:4001/admin/oauth-callback")])
        admin.fields["supported_grant_types"] = .array(["authorization_code", "refresh_token", "revoke"].map(JSONValue.string))
        admin.fields["public_key"] = .string(BorutaRandom.publicKeyPEM())
        admin.identityProviderID = identityProviderID

        var publicClient = BorutaClient(fields: BorutaClient.defaults())
        publicClient.fields["id"] = .string(BorutaRandom.uuid())
        publicClient.fields["name"] = .string("public client")
        publicClient.fields["public_client_id"] = .string(issuer)
        publicClient.fields["secret"] = .string(BorutaRandom.token())
        publicClient.fields["public_key"] = .string(BorutaRandom.publicKeyPEM())

        var ci = BorutaClient(fields: BorutaClient.defaults())
        ci.fields["id"] = .string(ciClientID)
        ci.fields["name"] = .string("oauthctl (sandbox)")
        ci.fields["secret"] = .string(ciSecret)
        ci.fields["confidential"] = .bool(true)
        ci.fields["authorize_scope"] = .bool(true)
        ci.fields["supported_grant_types"] = .array([.string("client_credentials")])
        ci.fields["public_key"] = .string(BorutaRandom.publicKeyPEM())
        ci.scopeIDs = Array(scopes.prefix(4).map(\.1))
        ci.identityProviderID = identityProviderID
        state.clients = [admin, publicClient, ci]
        return state
    }
}
