import OAuthCtlCore
/// Placeholder for the provider registry.
public enum ProviderRegistryPlaceholder {}
