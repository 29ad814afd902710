import Testing
@testable import Consequence
