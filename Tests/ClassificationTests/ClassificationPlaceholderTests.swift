import Testing
@testable import Classification
