import Foundation
import HTS
@testable import Consequence

/// One record of a bcftools csq test case with the BCSQ bcftools expects (INFO/EXP).
struct BcftoolsCaseRecord {
    var caseName: String
    var chrom: String
    var pos: Int
    var ref: String
    var alt: String
    /// Raw EXP value: `.` (no consequence), `@POS` (compound, reported at POS) or comma-separated BCSQ entries.
    var expected: String
}

/// One expected BCSQ entry `consequence|gene|transcript|biotype|strand|amino_acid_change|dna_change`.
struct BCSQEntry {
    var terms: [String]
    var gene: String
    var transcript: String
    var biotype: String
    var aminoAcidChange: String
    var dnaChange: String

    init(_ text: String) {
        let f = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        terms = (f.first ?? "").split(separator: "&").map(String.init)
        gene = f.count > 1 ? f[1] : ""
        transcript = f.count > 2 ? f[2] : ""
        biotype = f.count > 3 ? f[3] : ""
        aminoAcidChange = f.count > 5 ? f[5] : ""
        dnaChange = f.count > 6 ? f[6] : ""
    }

    /// VCF positions of a combined change (`1T>TTA+175T>C` → [1, 175]); one position for a single change.
    var compoundMembers: [Int] {
        dnaChange.split(separator: "+").compactMap { Int($0.prefix { $0.isNumber }) }
    }

    /// bcftools writes `*term` for a consequence of a compound (haplotype-combined) change.
    var isCompound: Bool { terms.contains { $0.hasPrefix("*") } }

    /// The protein position bcftools names (`508VA>508V` → 508), nil when none.
    var proteinPosition: Int? {
        let digits = aminoAcidChange.prefix { $0.isNumber }
        return Int(digits)
    }

    /// bcftools' short consequence names and the VEP SO terms that carry the same meaning.
    static func soTerms(for term: String) -> [SOTerm] {
        switch term.hasPrefix("*") ? String(term.dropFirst()) : term {
        case "intergenic": return [.intergenic]
        case "intron": return [.intron]
        case "splice_acceptor": return [.spliceAcceptor]
        case "splice_donor": return [.spliceDonor]
        case "splice_region": return [.spliceRegion]
        case "stop_gained": return [.stopGained]
        case "stop_lost": return [.stopLost]
        case "start_lost": return [.startLost]
        case "start_retained": return [.startRetained]
        case "stop_retained": return [.stopRetained]
        case "frameshift": return [.frameshift]
        case "inframe_deletion": return [.inframeDeletion]
        case "inframe_insertion": return [.inframeInsertion]
        case "inframe_altering": return [.proteinAltering, .inframeDeletion, .inframeInsertion]
        case "missense": return [.missense]
        case "synonymous": return [.synonymous]
        case "coding_sequence": return [.codingSequence]
        case "5_prime_utr": return [.fivePrimeUTR]
        case "3_prime_utr": return [.threePrimeUTR]
        case "non_coding": return [.nonCodingTranscriptExon, .nonCodingTranscript]
        case "NMD_transcript": return [.nmdTranscript]
        default: return []
        }
    }
}

enum BcftoolsCases {
    static let root = "bcftools-csq"

    /// Case directories with their FASTA, GFF3 and the VCFs whose records carry INFO/EXP.
    static func directories() throws -> [String] {
        let dir = SharedDataPaths.path(root)
        return try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
            .filter { FileManager.default.fileExists(atPath: "\(dir)/\($0)/\($0).gff") }
    }

    static func records(vcf path: String, caseName: String) throws -> [BcftoolsCaseRecord] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var out: [BcftoolsCaseRecord] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 8, let pos = Int(f[1]) else { continue }
            guard let exp = f[7].split(separator: ";").first(where: { $0.hasPrefix("EXP=") }) else { continue }
            out.append(BcftoolsCaseRecord(caseName: caseName, chrom: f[0], pos: pos, ref: f[3], alt: f[4],
                                          expected: String(exp.dropFirst(4))))
        }
        return out
    }
}
