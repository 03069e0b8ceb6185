import Foundation

/// The oauthctl command line.
public enum OAuthCtl {
    /// Runs the command line and returns the process exit code.
    public static func main(_ arguments: [String]) async -> Int32 { 0 }
}
