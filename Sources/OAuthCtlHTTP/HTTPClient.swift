/// Placeholder for the HTTP client.
public enum HTTPPlaceholder {}
