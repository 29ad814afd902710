import Foundation
import HTS
import Testing
import TestSupport
@testable import Consequence

/// NMD prediction for premature stops, the 50-nt rule (Nagy & Maquat 1998; as used by Abou Tayoun 2018 for
/// PVS1): a stop whose last base lies more than 50 nt upstream of the last exon-exon junction triggers NMD; a stop
/// in the last exon, or in the last 50 nt of the penultimate exon, escapes it; a single-exon transcript has no
/// junction. Checked on every stop-creating SNV of the BRCA1 MANE transcript (NM_007294.4, 23 exons).
@Suite struct NMDTests {
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func fiftyNucleotideRuleOnBRCA1() throws {
        guard try SharedData.require() else { return }
        let s = try ClinicalGenesTests.brca1()
        let ti = try #require(s.model.transcripts.firstIndex { $0.id == "NM_007294.4" })
        let t = s.model.transcripts[ti]
        let handle = try #require(s.model.contigHandle("chr17"))
        // The last exon-exon junction, as the cDNA position of the last base before it.
        let junction = try #require(t.exonCDNAStart.last) - 1
        var nmd = 0, escapeLastExon = 0, escapePenultimate = 0
        let lo = try #require(t.codingStart), hi = try #require(t.codingEnd)
        for exon in t.exons where exon.end >= lo && exon.start <= hi {
            for g in max(exon.start, lo)...min(exon.end, hi) {
                guard let ref = s.predictor.sequences.genomic(contig: "chr17", start: g, end: g)?.first else { continue }
                for alt in Array("ACGT".utf8) where alt != ref {
                    let allele = VariantAllele(start: g, refLength: 1, alt: [alt])
                    let e = s.predictor.effect(of: allele, on: ti)
                    guard e.terms.contains(.stopGained) else { continue }
                    // The stop codon's last base on the cDNA: the codon of the changed residue.
                    let stopEnd = t.cdsStartCDNA - 1 + e.proteinStart * 3
                    let distance = junction - stopEnd
                    let expected = stopEnd <= junction && distance > 50
                    #expect(e.triggersNMD == expected, "c.\(e.cdsStart) distance \(distance)")
                    if expected { nmd += 1 } else if stopEnd > junction { escapeLastExon += 1 } else { escapePenultimate += 1 }
                }
            }
        }
        print("BRCA1 NM_007294.4 stop-gained SNVs: \(nmd) NMD, \(escapeLastExon) in the last exon, \(escapePenultimate) within 50 nt of the last junction")
        #expect(nmd > 300 && escapeLastExon > 5 && escapePenultimate > 0)
        // c.5503C>T p.Arg1835Ter lies in the last exon (exon 23 of NM_007294.4): NMD escape, a known
        // truncating variant whose PVS1 strength is reduced for that reason.
        let r1835 = VariantAllele(start: try #require(t.genomic(cdna: t.cdsStartCDNA + 5502)), refLength: 1, alt: [UInt8(ascii: "A")])
        let e = try #require(s.predictor.effects(contig: handle, allele: r1835).first { $0.transcript == ti })
        #expect(e.terms.contains(.stopGained) && e.proteinStart == 1835)
        #expect(e.triggersNMD == false)
        #expect(HGVSNamer(predictor: s.predictor).names(of: r1835, on: ti).protein == "p.Arg1835Ter")
    }
}
