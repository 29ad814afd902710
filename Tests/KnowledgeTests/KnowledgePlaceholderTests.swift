import Testing
@testable import Knowledge
