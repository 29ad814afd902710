import Testing
@testable import Annotation
