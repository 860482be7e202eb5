import Testing

@testable import LinkProbe

@Test func builds() { #expect(Bool(true)) }
