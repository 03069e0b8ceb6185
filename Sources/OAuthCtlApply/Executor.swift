import OAuthCtlCore
/// Placeholder for the executor.
public enum ExecutorPlaceholder {}
