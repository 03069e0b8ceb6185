extension ApplyCommand {
    /// `apply`'s own options, declared once for the table and read through the same constants. The shared
    /// groups are read where they are used (`PlanSession`, `ManifestInput`, `SecretsOutput`).
    struct Options {
        static let autoApprove = OptionSpec("auto-approve", short: "y", aliases: ["yes"], help: "don't ask for confirmation")
        static let dryRun = OptionSpec("dry-run", help: "print each HTTP call apply would make (secrets redacted) and send nothing")
        static let parallelism = OptionSpec("parallelism", value: "N", help: "how many clients to write at once (default 4)")
        static let plan = OptionSpec(
            "plan", value: "PLAN", help: "apply exactly this saved plan (from 'plan --out'); refuses if anything changed since")
        static let format = OutputFormat.option(
            [.text, .json],
            help: "the report: text (default) or json (versioned; per client: action, result, error); json needs -y or --plan")

        var autoApprove: Bool
        var dryRun: Bool
        /// As given; `run` checks it (after the checks that come first).
        var parallelism: String?
        var plan: String?
        var format: OutputFormat

        init(_ arguments: ParsedArguments) {
            autoApprove = arguments.flag(Self.autoApprove)
            dryRun = arguments.flag(Self.dryRun)
            parallelism = arguments.value(Self.parallelism)
            plan = arguments.value(Self.plan)
            format = arguments.format
        }
    }
}
