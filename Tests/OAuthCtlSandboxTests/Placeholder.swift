import Testing
@Test("placeholder") func placeholderOAuthCtlSandboxTests() { #expect(1 + 1 == 2) }
