import Testing
@Test("placeholder") func placeholderOAuthCtlHTTPTests() { #expect(1 + 1 == 2) }
