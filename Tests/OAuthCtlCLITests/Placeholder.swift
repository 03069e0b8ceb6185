import Testing
@Test("placeholder") func placeholderOAuthCtlCLITests() { #expect(1 + 1 == 2) }
