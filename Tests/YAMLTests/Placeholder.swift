import Testing
@Test("placeholder") func placeholderYAMLTests() { #expect(1 + 1 == 2) }
