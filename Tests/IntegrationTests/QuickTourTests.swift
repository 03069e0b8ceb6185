import Foundation
import OAuthCtlTestSupport
import Testing

/// The README's quick tour, run top to bottom against the sandbox by scripts/quick-tour.sh.
@Suite("README quick tour")
struct QuickTourTests {
    @Test("scripts/quick-tour.sh runs every line of the quick tour with the exit codes the README gives")
    func quickTour() throws {
        let home = try TemporaryDirectory()
        let run = try OAuthCtlBinary.run(
            executable: URL(fileURLWithPath: "/bin/bash"),
            [OAuthCtlBinary.repositoryRoot.appendingPathComponent("scripts/quick-tour.sh").path],
            environment: ["PATH": "/usr/bin:/bin", "HOME": home.path, "NO_COLOR": "1", "OAUTHCTL": OAuthCtlBinary.url.path])
        #expect(run.status == 0, "\(run.combined)")
        let summary = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(summary.hasPrefix("quick tour: ") && summary.hasSuffix(" commands, every exit code as the README says"), "\(run.combined)")
        // The stale-plan example is part of it, with its exit 3.
        #expect(run.stdout.contains("== oauthctl apply --plan plan.json examples/hydra\n"), "\(run.stdout)")
    }
}
