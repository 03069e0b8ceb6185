/// Temporary.
public enum SandboxPlaceholder {}
