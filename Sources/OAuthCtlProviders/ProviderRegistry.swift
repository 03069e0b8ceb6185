import OAuthCtlCore

/// Every provider type oauthctl knows: its descriptor (schema) and, later, its adapter.
public enum ProviderRegistry {
    /// The descriptors, by type name order.
    public static let descriptors: [ProviderDescriptor] = [HydraSchema.hydra, HydraSchema.oryNetwork]

    /// The descriptor for `type`.
    public static func descriptor(_ type: String) -> ProviderDescriptor? {
        descriptors.first { $0.type == type }
    }
}
