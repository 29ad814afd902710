import Foundation
import HTS
import Testing
@testable import Variants

/// REF against the reference (`--check-ref e|w|x|s`, bcftools' letters), REF validation (issue 2 item 5),
/// contig aliases, and the sorted output after left-alignment moves a record back.
@Suite struct NormReferenceCheckTests {
    //                    1234567890123456789012345678901234567890
    static let fasta = ">chr1\nGGGGGGGGGGTTTTTACGTACGTACGTAAAAAAAAAACCCC\n"
    static let header = """
    ##fileformat=VCFv4.2
    ##contig=<ID=1,length=41>
    ##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count">
    ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
    #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1

    """

    static func options(_ letters: String) -> NormalizeOptions {
        var o = NormalizeOptions()
        o.checkRef = NormalizeOptions.CheckRef(letters: letters) ?? .error
        return o
    }

    @Test func aMismatchStopsWithAnErrorNamingThePositionAndWhatToDo() throws {
        // The VCF says C at 1:3 where the reference (named chr1: aliases resolve 1 to chr1) has G.
        let vcf = Self.header + "1\t3\t.\tC\tT\t.\t.\t.\tGT\t0/1\n"
        do {
            _ = try NormRun.records(vcf, reference: Self.fasta, options: Self.options("e"))
            Issue.record("expected an error")
        } catch let error as NormalizeError {
            #expect(error.field == "REF")
            #expect(error.problem.contains("1:3"))
            #expect(error.hint?.contains("--check-ref") == true)
        }
    }

    @Test func warnKeepsExcludeDropsAndTheLettersCombine() throws {
        let vcf = Self.header + "1\t3\t.\tC\tT\t.\t.\t.\tGT\t0/1\n1\t11\t.\tT\tA\t.\t.\t.\tGT\t0/1\n"
        var warnings: [String] = []
        let warned = try NormRun.records(vcf, reference: Self.fasta, options: Self.options("w"), warnings: { warnings.append($0) })
        #expect(warned.count == 2)
        #expect(warnings == ["REF_MISMATCH\t1\t3\tC\tG"])
        let excluded = try NormRun.records(vcf, reference: Self.fasta, options: Self.options("x"))
        #expect(excluded.map { $0.split(separator: "\t")[1] } == ["11"])
        warnings = []
        let both = try NormRun.records(vcf, reference: Self.fasta, options: Self.options("wx"), warnings: { warnings.append($0) })
        #expect(both.count == 1 && warnings.count == 1)
        // 'e' overrides the other letters, as in bcftools.
        #expect(NormalizeOptions.CheckRef(letters: "we") == .error)
    }

    @Test func setSwapsREFWithTheALTThatIsTheReferenceAndRecodesGenotypes() throws {
        // REF C / ALT G at 1:3, where the reference is G: the alleles were swapped; GT 0/1 becomes 1/0.
        let vcf = Self.header + "1\t3\t.\tC\tG\t.\t.\tAC=1\tGT\t0/0\n"
        let lines = try NormRun.records(vcf, reference: Self.fasta, options: Self.options("s"))
        #expect(lines == ["1\t3\t.\tG\tC\t.\t.\tAC=2\tGT\t1/1"])
    }

    @Test func setReplacesREFWhenNoALTIsTheReference() throws {
        let vcf = Self.header + "1\t3\t.\tC\tT\t.\t.\t.\tGT\t0/1\n"
        let lines = try NormRun.records(vcf, reference: Self.fasta, options: Self.options("s"))
        #expect(lines == ["1\t3\t.\tG\tT\t.\t.\t.\tGT\t0/1"])
    }

    @Test func aREFWithCharactersThatAreNotBasesIsRefused() throws {
        // The reader or the normalizer may be the one to refuse it; either way the message names REF.
        let vcf = Self.header + "1\t3\t.\tG1\tT\t.\t.\t.\tGT\t0/1\n"
        #expect { try NormRun.records(vcf) } throws: {
            ($0 as? NormalizeError)?.field == "REF" || ($0 as? InputError)?.field == "REF"
        }
    }

    @Test func IUPACCodesInREFNeedAReference() throws {
        // R (A or G) cannot be checked without a reference; with one, it is a mismatch for --check-ref.
        let vcf = Self.header + "1\t3\t.\tR\tT\t.\t.\t.\tGT\t0/1\n"
        #expect { try NormRun.records(vcf) } throws: { ($0 as? NormalizeError)?.field == "REF" }
        let set = try NormRun.records(vcf, reference: Self.fasta, options: Self.options("s"))
        #expect(set.map { $0.split(separator: "\t")[3] } == ["G"])
    }

    @Test func aContigMissingFromTheReferenceIsAnErrorNamingBoth() throws {
        let vcf = Self.header.replacingOccurrences(of: "##contig=<ID=1,length=41>", with: "##contig=<ID=1,length=41>\n##contig=<ID=5,length=10>")
            + "5\t3\t.\tC\tT\t.\t.\t.\tGT\t0/1\n"
        do {
            _ = try NormRun.records(vcf, reference: Self.fasta)
            Issue.record("expected an error")
        } catch let error as NormalizeError {
            #expect(error.field == "CHROM")
            #expect(error.problem.contains("'5'") && error.problem.contains("ref.fa"))
        }
    }

    @Test func aRecordMovedBackByLeftAlignmentIsWrittenInPositionOrder() throws {
        // The deletion written at 1:36 (near the end of the A run at 28-37) moves to 1:27, before the SNV at 1:30.
        let vcf = Self.header + "1\t30\t.\tA\tC\t.\t.\t.\tGT\t0/1\n1\t36\t.\tAA\tA\t.\t.\t.\tGT\t0/1\n"
        let lines = try NormRun.records(vcf, reference: Self.fasta)
        #expect(lines.map { NormRun.columns($0, [1, 3, 4]) } == ["27 TA T", "30 A C"])
    }

    @Test func aSymbolicDeletionIsLeftAlignedWithItsEnd() throws {
        // <DEL> of 1:36-37 (two As of the run at 28-37) is the deletion of 28-29 anchored on T 27 (bcftools
        // 1.20+, norm.symbolic); END moves with it.
        let header = Self.header.replacingOccurrences(of: "##FORMAT", with: "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End\">\n##FORMAT")
        let lines = try NormRun.records(header + "1\t35\t.\tA\t<DEL>\t.\t.\tEND=37\tGT\t0/1\n", reference: Self.fasta)
        #expect(lines.map { NormRun.columns($0, [1, 3, 4, 7]) } == ["27 T <DEL> END=29"])
    }
}
