import Testing
@testable import Variants

/// Build detection from contig lengths (GRC assembly reports: chr1 is 249,250,621 bp in GRCh37 and
/// 248,956,422 bp in GRCh38), whatever the naming style.
@Suite struct GenomeBuildTests {
    @Test func detectsGRCh38FromUCSCNames() {
        let d = GenomeBuild.detect(contigs: [("chr1", 248_956_422), ("chr17", 83_257_441)])
        #expect(d?.build == .grch38)
    }

    @Test func detectsGRCh37FromEnsemblNames() {
        let d = GenomeBuild.detect(contigs: [("1", 249_250_621)])
        #expect(d?.build == .grch37)
    }

    @Test func unknownWithoutLengths() {
        #expect(GenomeBuild.detect(contigs: [("1", 0), ("2", 0)]) == nil)
    }

    @Test func conflictingLengthsClaimNoBuild() {
        #expect(GenomeBuild.detect(contigs: [("1", 249_250_621), ("2", 242_193_529)]) == nil)
    }

    @Test func aliases() {
        #expect(ContigAliases.alternatives(of: "chr17") == ["17"])
        #expect(ContigAliases.alternatives(of: "17") == ["chr17"])
        #expect(ContigAliases.alternatives(of: "chrM").first == "MT")
        #expect(ContigAliases.canonical("chrM") == "MT")
        #expect(ContigAliases.resolve("chr17", in: { $0 == "17" }) == "17")
    }
}
