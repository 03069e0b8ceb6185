/// The process exit codes of DESIGN §4.
package enum ExitCode: Int32, Sendable {
    /// Success; with `--detailed-exitcode` (and always for `drift`): no changes.
    case success = 0
    /// Bad input, API failure, partial apply.
    case failure = 1
    /// `--detailed-exitcode` / `drift`: success, and there are changes.
    case changesPresent = 2
    /// `apply --plan`: the saved plan is stale; nothing was changed.
    case stalePlan = 3
    /// SIGINT/SIGTERM ended the run; the report says what was done.
    case interrupted = 130
}
