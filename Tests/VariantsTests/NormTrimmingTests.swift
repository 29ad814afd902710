import Testing
@testable import Variants

/// Trimming and left-alignment, the rule of Tan, Abecasis & Kang (2015), "Unified representation of
/// genetic variants", Bioinformatics 31:2202: a variant is normalized when its alleles share no last base
/// (it cannot be trimmed on the right, so it is as far left as it goes) and share no first base unless an
/// allele would become empty (it is parsimonious). bcftools norm applies it by trimming from the right and
/// padding from the left with reference bases, 100 at a time, then trimming shared leading bases.
@Suite struct NormTrimmingTests {
    /// Runs the trimmer on `alleles` at 0-based `position` against `reference` (the contig from base 0).
    static func normalize(_ alleles: [String], at position: Int64, reference: String) -> (Int64, [String])? {
        var t = AlleleTrimmer()
        for a in alleles { t.append(a) }
        let ref = Array(reference.utf8)
        guard let pos = t.trim(position: position, reference: { from, to, into in
            guard from >= 0, to <= Int64(ref.count) else { return false }
            for k in 0..<Int(to - from) {
                let c = ref[Int(from) + k]
                into[k] = Normalizer.isACGTN(c) ? c : UInt8(ascii: "N")
            }
            return true
        }) else { return nil }
        return (pos, (0..<t.count).map { t.string($0) })
    }

    @Test func aDeletionInAHomopolymerMovesToItsLeftmostPosition() throws {
        // C G A T T T T T C G: deleting one of the five Ts, written at the last T, is the same variant as
        // deleting the first; the normal form is anchored on the A before the run.
        let r = try #require(Self.normalize(["TT", "T"], at: 6, reference: "CGATTTTTCG"))
        #expect(r.0 == 2)
        #expect(r.1 == ["AT", "A"])
    }

    @Test func anInsertionInADinucleotideRepeatMovesBeforeTheRepeat() throws {
        // G C A C A C A C A T: one more CA after the last A is the same as one more CA before the first C.
        let r = try #require(Self.normalize(["A", "ACA"], at: 8, reference: "GCACACACAT"))
        #expect(r.0 == 0)
        #expect(r.1 == ["G", "GCA"])
    }

    @Test func sharedFirstAndLastBasesOfAnMNVAreTrimmedToTheChangedBase() throws {
        // bcftools' norm.vcf case 20:80 CACAG>CACAT, which is the SNV G>T four bases on.
        let r = try #require(Self.normalize(["CACAG", "CACAT"], at: 79, reference: String(repeating: "N", count: 100)))
        #expect(r.0 == 83)
        #expect(r.1 == ["G", "T"])
    }

    @Test func allAllelesOfAMultiallelicRecordAreTrimmedTogether() throws {
        // norm.vcf 1:105: the two trailing As are shared by all three alleles; the leading T is kept because
        // the first ALT would otherwise be empty.
        let r = try #require(Self.normalize(["TAAACCCTAAA", "TAA", "TAACCCTAAA"], at: 104,
                                            reference: String(repeating: "N", count: 200)))
        #expect(r.0 == 104)
        #expect(r.1 == ["TAAACCCTA", "T", "TAACCCTA"])
    }

    @Test func alignmentStopsAtTheFirstBaseOfTheContig() throws {
        // A A A A A C: the deletion of one A cannot be anchored before the contig starts, so it keeps two
        // bases of REF at position 0 (bcftools' norm.telomere case).
        let r = try #require(Self.normalize(["AA", "A"], at: 3, reference: "AAAAAC"))
        #expect(r.0 == 0)
        #expect(r.1 == ["AA", "A"])
    }

    @Test func paddingKeepsTheReferenceCaseOfSoftMaskedBases() throws {
        // bcftools 1.16 pads with the FASTA's bases as they are: a soft-masked anchor stays lower case.
        let r = try #require(Self.normalize(["GCAG", "G"], at: 20, reference: "acgtacgtacgtCAGCAGCAGCAGTTTT"))
        #expect(r.0 == 11)
        #expect(r.1 == ["tCAG", "t"])
    }

    @Test func aRepeatLongerThanOnePaddingWindowIsWalkedThroughCompletely() throws {
        // 250 As: more than the 100 bases fetched at a time, so the alleles are padded three times.
        let reference = "C" + String(repeating: "A", count: 250) + "G"
        let r = try #require(Self.normalize(["AA", "A"], at: 249, reference: reference))
        #expect(r.0 == 0)
        #expect(r.1 == ["CA", "C"])
    }

    @Test func aNormalizedVariantIsLeftAlone() throws {
        let r = try #require(Self.normalize(["A", "AT"], at: 5, reference: "GGGGGACCCCC"))
        #expect(r.0 == 5)
        #expect(r.1 == ["A", "AT"])
    }

    @Test func alternateAllelesAreComparedIgnoringCase() throws {
        // ALT in lower case is still the same base as the reference's upper-case one.
        let r = try #require(Self.normalize(["CT", "ct", "C"], at: 2, reference: "GGCTAA"))
        #expect(r.1[1] == "CT")
    }
}
