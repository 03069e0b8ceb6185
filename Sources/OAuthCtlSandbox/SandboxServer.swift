/// Placeholder: the loopback sandbox server (see README.md).
public enum SandboxPlaceholder {}
