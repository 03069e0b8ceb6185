import Testing
@Test("placeholder") func placeholderIntegrationTests() { #expect(1 + 1 == 2) }
