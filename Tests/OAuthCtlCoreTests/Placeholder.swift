import Testing
@Test("placeholder") func placeholderOAuthCtlCoreTests() { #expect(1 + 1 == 2) }
