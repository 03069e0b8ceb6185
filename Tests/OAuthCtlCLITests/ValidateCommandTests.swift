import Foundation
import OAuthCtlCLI
import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

/// `oauthctl validate` in process: exit codes, text and JSON output, file discovery and variables.
@Suite("validate command")
struct ValidateCommandTests {
    static let provider = """
        apiVersion: oauthctl/v1
        kind: Provider
        metadata:
          name: prod
        spec:
          type: hydra
          url: http://127.0.0.1:4445

        """

    static let broken = """
        apiVersion: oauthctl/v1
        kind: OAuth2Client
        metadata:
          name: billing-web
        spec:
          redirect_uri: [https://billing.example.com/callback]
          skip_consent: yes

        """

    @Test("the examples validate: exit 0 and a summary on stdout")
    func examples() async {
        let result = await runOAuthCtl(["validate", repositoryRoot.appendingPathComponent("examples").path])
        #expect(result.exitCode == .success)
        #expect(result.stdout.hasPrefix("valid: 4 provider(s) and 18 client(s) in 11 file(s)"))
        #expect(result.stderr == "")
    }

    @Test("errors: exit 1, compiler-style lines on stderr sorted by line, then a count")
    func errors() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("provider.yaml", Self.provider)
        let path = try dir.write("clients.yaml", Self.broken)
        let result = await runOAuthCtl(["validate", dir.path])
        #expect(result.exitCode == .failure)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "\(path):6:3: error: unknown field 'redirect_uri' in OAuth2Client 'billing-web' (hydra); did you mean 'redirect_uris'?",
                "\(path):7:17: error: 'skip_consent' expects true or false, found plain 'yes'; write true or false (YAML 1.2 reads 'yes' as a string)",
                "validation failed: 2 error(s), 0 warning(s)",
            ])
        #expect(result.stdout == "")
    }

    @Test("warnings alone exit 0; --strict makes them fail")
    func warnings() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("provider.yaml", Self.provider)
        try dir.write(
            "spa.yaml",
            """
            apiVersion: oauthctl/v1
            kind: OAuth2Client
            metadata:
              name: legacy
            spec:
              grant_types: [implicit]
            """)
        let lax = await runOAuthCtl(["validate", dir.path])
        #expect(lax.exitCode == .success)
        #expect(lax.stderr.contains("warning: prod/legacy: the implicit grant"))
        #expect(lax.stdout.contains("1 warning(s)"))
        let strict = await runOAuthCtl(["validate", "--strict", dir.path])
        #expect(strict.exitCode == .failure)
    }

    @Test("--format json prints an array of {file, line, column, severity, message, code} on stdout")
    func jsonFormat() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("provider.yaml", Self.provider)
        let path = try dir.write("clients.yaml", Self.broken)
        let result = await runOAuthCtl(["validate", "--format", "json", dir.path])
        #expect(result.exitCode == .failure)
        let parsed = try JSONParser.parse(result.stdout)
        let items = try #require(parsed.arrayValue)
        #expect(items.count == 2)
        let first = try #require(items.first?.objectValue)
        #expect(Set(first.keys) == ["file", "line", "column", "severity", "message", "code"])
        #expect(first["file"] == .string(path))
        #expect(first["line"] == .int(6))
        #expect(first["column"] == .int(3))
        #expect(first["severity"] == "error")
        #expect(first["code"] == "unknown-field")
        #expect(first["message"]?.stringValue?.hasPrefix("unknown field 'redirect_uri'") == true)
        #expect(items.last?["code"] == "wrong-type")

        let clean = await runOAuthCtl(["validate", "--format=json", repositoryRoot.appendingPathComponent("examples").path])
        #expect(clean.exitCode == .success)
        #expect(try JSONParser.parse(clean.stdout) == .array([]))
    }

    @Test("a directory without manifests says so")
    func noManifests() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("README.md", "# not a manifest\n")
        let result = await runOAuthCtl(["validate", dir.path])
        #expect(result.exitCode == .failure)
        #expect(result.stderr.contains("error: no manifests (*.yaml, *.yml) found in '\(dir.path)'"))
    }

    @Test("a path that does not exist is an error naming it")
    func missingPath() async throws {
        let dir = try TemporaryDirectory()
        let result = await runOAuthCtl(["validate", dir.path + "/nope.yaml"])
        #expect(result.exitCode == .failure)
        #expect(result.stderr.contains("error: '\(dir.path)/nope.yaml' does not exist"))
    }

    @Test("unreadable files: a dangling symlink and (unless root) mode 000; a directory named x.yaml is walked, not read")
    func unreadable() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("provider.yaml", Self.provider)
        try FileManager.default.createDirectory(atPath: dir.path + "/x.yaml", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/dangling.yaml", withDestinationPath: dir.path + "/gone.yaml")
        let locked = try dir.write("locked.yaml", Self.provider)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: locked) }
        let result = await runOAuthCtl(["validate", dir.path])
        #expect(result.exitCode == .failure)
        #expect(!result.stderr.contains("x.yaml"), "a directory named x.yaml is a directory: \(result.stderr)")
        #expect(result.stderr.contains("error: can't read '\(dir.path)/dangling.yaml'; check that it exists and is readable"))
        if getuid() != 0 {
            #expect(result.stderr.contains("error: can't read '\(locked)'; check that it exists and is readable"))
        }
    }

    @Test("a 50 MB manifest finishes with a result, not a crash")
    func fiftyMegabytes() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/big.yaml"
        var text = Self.provider + "---\napiVersion: oauthctl/v1\nkind: OAuth2Client\nmetadata:\n  name: big\nspec:\n  client_name: Big\n"
        text += "x-notes: |\n"
        let line = "  " + String(repeating: "lorem ipsum dolor sit amet ", count: 3) + "\n"
        let lineCount = 50 * 1_048_576 / line.utf8.count + 1
        text += String(repeating: line, count: lineCount)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size >= 50 * 1_048_576)
        let result = await runOAuthCtl(["validate", path])
        #expect(result.exitCode == .success, "\(result.stderr.prefix(500))")
        #expect(result.stdout.hasPrefix("valid: 1 provider(s) and 1 client(s) in 1 file(s)"))
    }

    @Test("a file over 64 MiB is refused without being read")
    func tooLarge() async throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("huge.yaml", "")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 65 * 1_048_576)
        try handle.close()
        let result = await runOAuthCtl(["validate", path])
        #expect(result.exitCode == .failure)
        #expect(result.stderr.contains("error: '\(path)' is 65 MiB; manifests larger than 64 MiB are refused"))
    }

    /// A client whose `tos_uri` comes from `${TOS}`; the error message shows which value won.
    static let tosClient = """
        apiVersion: oauthctl/v1
        kind: OAuth2Client
        metadata:
          name: billing-web
        spec:
          tos_uri: ${TOS}

        """

    func tosValue(_ result: RunResult) -> String? {
        guard let range = result.stderr.range(of: "error: '") else { return nil }
        let rest = result.stderr[range.upperBound...]
        return rest.firstIndex(of: "'").map { String(rest[..<$0]) }
    }

    @Test("variables: OAUTHCTL_VAR_NAME < --var-file (YAML or dotenv, later wins) < --var; plain TOS is never read")
    func variablePrecedence() async throws {
        let dir = try TemporaryDirectory()
        let manifests = dir.path + "/m"
        try dir.write("m/provider.yaml", Self.provider)
        try dir.write("m/client.yaml", Self.tosClient)
        let yamlFile = try dir.write("vars.yaml", "TOS: ftp://yaml.example.com/tos\nOTHER: 1\n")
        let dotenv = try dir.write("vars.env", "# comment\nexport TOS=\"ftp://dotenv.example.com/tos\"\n")
        let env = ["OAUTHCTL_VAR_TOS": "ftp://env.example.com/tos", "TOS": "ftp://plain.example.com/tos"]

        let fromEnv = await runOAuthCtl(["validate", manifests], environment: env)
        #expect(tosValue(fromEnv) == "ftp://env.example.com/tos")
        let fromYAML = await runOAuthCtl(["validate", "--var-file", yamlFile, manifests], environment: env)
        #expect(tosValue(fromYAML) == "ftp://yaml.example.com/tos")
        let fromDotenv = await runOAuthCtl(["validate", "--var-file", dotenv, manifests], environment: env)
        #expect(tosValue(fromDotenv) == "ftp://dotenv.example.com/tos")
        let laterFileWins = await runOAuthCtl(["validate", "--var-file", dotenv, "--var-file=\(yamlFile)", manifests], environment: env)
        #expect(tosValue(laterFileWins) == "ftp://yaml.example.com/tos")
        let fromFlag = await runOAuthCtl(
            ["validate", "--var-file", yamlFile, "--var", "TOS=ftp://flag.example.com/tos", manifests], environment: env)
        #expect(tosValue(fromFlag) == "ftp://flag.example.com/tos")
        let valid = await runOAuthCtl(["validate", "--var", "TOS=https://ok.example.com/tos", manifests], environment: env)
        #expect(valid.exitCode == .success)
        let unset = await runOAuthCtl(["validate", manifests])
        #expect(
            unset.stderr.contains(
                "error: variable 'TOS' is not set; pass --var TOS=..., put it in a --var-file, or export OAUTHCTL_VAR_TOS"))
        #expect(unset.exitCode == .failure)

        // The plain variable is ignored, and said to be, by name only.
        let plainOnly = await runOAuthCtl(["validate", manifests], environment: ["TOS": "ftp://plain.example.com/tos"])
        #expect(plainOnly.exitCode == .failure)
        #expect(plainOnly.stderr.contains("the environment variable TOS is deliberately not read"), "\(plainOnly.stderr)")
        for result in [fromEnv, fromYAML, fromDotenv, laterFileWins, fromFlag, valid, plainOnly] {
            #expect(!(result.stdout + result.stderr).contains("plain.example.com"), "the plain TOS value was read")
        }
    }

    @Test("bad --var and --var-file input are errors")
    func badVariables() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("m/provider.yaml", Self.provider)
        let badDotenv = try dir.write("bad.env", "TOS=https://ok.example.com\nnot a line at all = x\n")
        let noEquals = await runOAuthCtl(["validate", "--var", "TOS", dir.path + "/m"])
        #expect(noEquals.stderr.contains("error: invalid --var 'TOS'; write --var NAME=VALUE"))
        #expect(noEquals.exitCode == .failure)
        let dotenv = await runOAuthCtl(["validate", "--var-file", badDotenv, dir.path + "/m"])
        #expect(dotenv.stderr.contains("\(badDotenv):2:1: error: expected NAME=value in variable file"))
        let missing = await runOAuthCtl(["validate", "--var-file", dir.path + "/none.env", dir.path + "/m"])
        #expect(missing.stderr.contains("error: can't read '\(dir.path)/none.env'"))
    }

    /// A Provider whose connection settings come from variables, and a client with one unset variable
    /// (not a connection setting) and one unknown field.
    static let connectionVariables = """
        apiVersion: oauthctl/v1
        kind: Provider
        metadata:
          name: prod
        spec:
          type: ory-network
          url: ${ORY_URL}
          writes_per_minute: ${RATE}
          auth:
            api_key: {from_env: ORY_API_KEY}
        ---
        apiVersion: oauthctl/v1
        kind: OAuth2Client
        metadata:
          name: billing-web
        spec:
          client_name: ${CLIENT_NAME}
          redirect_uri: [https://billing.example.com/callback]

        """

    static let unreadNote = "(other environment variables are not read, so a manifest can't print a CI secret)"

    @Test("validate is offline: an unset ${NAME} in a Provider's url is left to plan; the rest is still checked")
    func connectionVariablesAreOffline() async throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("m.yaml", Self.connectionVariables)
        let validate = await runOAuthCtl(["validate", dir.path])
        #expect(validate.exitCode == .failure)
        #expect(
            validate.stderr.split(separator: "\n").map(String.init) == [
                "\(path):8:22: error: variable 'RATE' is not set; pass --var RATE=..., put it in a --var-file, or export OAUTHCTL_VAR_RATE \(Self.unreadNote)",
                "\(path):17:16: error: variable 'CLIENT_NAME' is not set; pass --var CLIENT_NAME=..., put it in a --var-file, or export OAUTHCTL_VAR_CLIENT_NAME \(Self.unreadNote)",
                "\(path):18:3: error: unknown field 'redirect_uri' in OAuth2Client 'billing-web' (ory-network); did you mean 'redirect_uris'?",
                "validation failed: 3 error(s), 0 warning(s)",
            ])
        let fixed = Self.connectionVariables.replacingOccurrences(of: "redirect_uri:", with: "redirect_uris:")
        try dir.write("m.yaml", fixed)
        let valid = await runOAuthCtl(["validate", "--var", "RATE=30", "--var", "CLIENT_NAME=Billing", dir.path])
        #expect(valid.exitCode == .success, "\(valid.stderr)")
        #expect(valid.stdout == "valid: 1 provider(s) and 1 client(s) in 1 file(s)\n")

        // plan needs the connection, so it reports the unset url at its position (and connects to nothing).
        let plan = await runOAuthCtl(
            ["plan", "--var", "RATE=30", "--var", "CLIENT_NAME=Billing", dir.path], environment: ["ORY_API_KEY": "k"])
        #expect(plan.exitCode == .failure)
        #expect(
            plan.stderr
                == "\(path):7:8: error: variable 'ORY_URL' is not set; pass --var ORY_URL=..., put it in a --var-file, or export OAUTHCTL_VAR_ORY_URL \(Self.unreadNote)\n",
            "\(plan.stderr)")
        // A malformed reference is still an error in validate.
        try dir.write("m.yaml", fixed.replacingOccurrences(of: "${ORY_URL}", with: "${ORY_URL"))
        let malformed = await runOAuthCtl(["validate", "--var", "RATE=30", "--var", "CLIENT_NAME=Billing", dir.path])
        #expect(malformed.stderr.hasPrefix("\(path):7:8: error: unterminated '${'"), "\(malformed.stderr)")
    }

    @Test("a mistyped provider type is reported with did-you-mean, and its clients are still checked")
    func mistypedProviderType() async throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write(
            "m.yaml", Self.provider.replacingOccurrences(of: "type: hydra", with: "type: hydraa") + "---\n" + Self.broken)
        let result = await runOAuthCtl(["validate", dir.path])
        #expect(result.exitCode == .failure)
        #expect(
            result.stderr.split(separator: "\n").map(String.init) == [
                "\(path):6:9: error: unknown provider type 'hydraa'; did you mean 'hydra'? expected one of: boruta, glewlwyd, hydra, ory-network, rightbrain",
                "\(path):14:3: error: unknown field 'redirect_uri' in OAuth2Client 'billing-web' (hydra); did you mean 'redirect_uris'?",
                "\(path):15:17: error: 'skip_consent' expects true or false, found plain 'yes'; write true or false (YAML 1.2 reads 'yes' as a string)",
                "validation failed: 3 error(s), 0 warning(s)",
            ])
    }
}
