import Testing
@testable import HTS

/// `-r` follows bcftools/htslib region syntax: 1-based, inclusive, comma-separated.
@Suite struct RegionTests {
    @Test func parsesContigOnly() throws {
        let r = try Region.parse("chr17")
        #expect(r == Region(contig: "chr17"))
        #expect(r.description == "chr17")
    }

    @Test func parsesRangeAsZeroBasedHalfOpen() throws {
        let r = try Region.parse("chr17:43044295-43125483")
        #expect(r.start == 43_044_294)
        #expect(r.end == 43_125_483)
        #expect(r.description == "chr17:43044295-43125483")
    }

    @Test func parsesSinglePosition() throws {
        let r = try Region.parse("17:7675088")
        #expect(r.start == 7_675_087 && r.end == 7_675_088)
    }

    @Test func parsesList() throws {
        let rs = try Region.parseList("17:1-10,chrX")
        #expect(rs.count == 2)
        #expect(rs[1].contig == "chrX")
    }

    @Test(arguments: ["chr1:0-5", "chr1:10-5", ":5-10", "chr1:-5"])
    func rejectsInvalid(_ text: String) {
        #expect(throws: InputError.self) { try Region.parse(text) }
    }
}
