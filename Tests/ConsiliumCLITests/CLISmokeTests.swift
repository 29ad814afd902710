import Foundation
import Testing
import TestSupport

/// The CLI contract in ../shared/design.md: exit 0 success, 1 bad input, 2 bad usage; help teaches.
@Suite struct CLISmokeTests {
    @Test func helpListsNormWithExamples() throws {
        let r = try Command.consilium(["norm", "--help"])
        #expect(r.status == 0)
        #expect(r.stdoutText.contains("Examples:"))
        #expect(r.stdoutText.contains("--check-ref"))
    }

    @Test func badUsageExitsTwo() throws {
        let r = try Command.consilium(["norm", "x.vcf", "--check-ref", "q"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--check-ref"))
    }

    @Test func missingInputExitsOne() throws {
        let r = try Command.consilium(["norm", "/nonexistent/in.vcf"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("/nonexistent/in.vcf"))
        #expect(!r.crashed)
    }
}
