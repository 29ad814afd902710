import Foundation
import HTS
import Testing
import TestSupport
@testable import Consequence

/// Haplotype-aware consequences (bcftools csq's rule): alleles of one haplotype in one codon, or after a frameshift
/// until the frame is restored, are translated together; the combined change is reported on the first record and
/// the others point back to it (`COMPOUND`: `31177+31178` / `@31177`).
@Suite struct HaplotypeTests {
    /// BCF genotype encoding: `(allele + 1) << 1 | phased`.
    static func gt(_ allele: Int, phased: Bool = false) -> Int32 { Int32((allele + 1) << 1 | (phased ? 1 : 0)) }
    static let end = Int32.min + 1

    @Test func genotypesPlaceAllelesOnlyWhenThePhaseIsKnown() {
        // Samples: 0|1 (phased), 0/1 (unphased het), 1/1 (homozygous), 1 (haploid: vector end), ./. (missing).
        let values: [Int32] = [Self.gt(0), Self.gt(1, phased: true),
                               Self.gt(0), Self.gt(1),
                               Self.gt(1), Self.gt(1),
                               Self.gt(1), Self.end,
                               0, 0]
        let placed = values.withUnsafeBufferPointer { HaplotypeVariant.place(alt: 1, genotypes: $0, samples: 5, ploidy: 2) }
        #expect(placed.haplotypes == [1, 4, 5, 6])
        #expect(placed.unplaced)
        let other = values.withUnsafeBufferPointer { HaplotypeVariant.place(alt: 2, genotypes: $0, samples: 5, ploidy: 2) }
        #expect(other.haplotypes.isEmpty && !other.unplaced)
    }

    /// `CSL_CSQ` entries of one record, split into fields.
    static func entries(_ info: String) -> [[String]] {
        info.split(separator: ",").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }

    /// bcftools' `haploid-diploid` case (GYG2, + strand): SAMPLE1 carries 31177 C>T and 31178 G>T on one haplotype
    /// (one codon: Ala→Val together), SAMPLE2 carries them on different haplotypes. bcftools 1.16 writes, per record,
    /// the lone change and the combined one (`31177C>T+31178G>T`) at 31177, and `@31177` plus the lone synonymous
    /// change at 31178. Our `csql` output must hold the same entries.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func phasedSamplesMatchBcftools() throws {
        guard try SharedData.require() else { return }
        let dir = SharedData.path("bcftools-csq/ENST00000381157")
        let tmp = try Command.temporaryDirectory()
        let theirs = tmp.appendingPathComponent("bcftools.vcf").path
        let ours = tmp.appendingPathComponent("ours.vcf").path
        let b = try Command.peer("bcftools", ["csq", "-f", "\(dir)/ENST00000381157.fa", "-g", "\(dir)/ENST00000381157.gff",
                                              "\(dir)/haploid-diploid.vcf", "-o", theirs])
        #expect(b.status == 0, "\(b.stderr)")
        let c = try Command.consilium(["csq", "\(dir)/haploid-diploid.vcf", "-f", "\(dir)/ENST00000381157.fa",
                                       "-g", "\(dir)/ENST00000381157.gff", "-q", "-o", ours])
        #expect(c.status == 0, "\(c.stderr)")
        let qb = try Command.peer("bcftools", ["query", "-f", "%POS\t%BCSQ\n", theirs]).stdoutText
        let qo = try Command.peer("bcftools", ["query", "-f", "%POS\t%CSL_CSQ\n", ours]).stdoutText
        let oursByPos = Dictionary(uniqueKeysWithValues: qo.split(separator: "\n").map { line -> (String, String) in
            let f = line.split(separator: "\t").map(String.init)
            return (f[0], f.count > 1 ? f[1] : ".")
        })
        let pad = try GeneModelReader.read(path: "\(dir)/ENST00000381157.gff").transcripts[0].cdsPad > 0 ? 1 : 0
        var compared = 0
        for line in qb.split(separator: "\n") {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 2, f[1] != "." else { continue }
            let mine = Self.entries(oursByPos[f[0]] ?? "")
            let expected = f[1].split(separator: ",").map(String.init)
            #expect(mine.count == expected.count, "POS \(f[0]): bcftools \(f[1]); ours \(oursByPos[f[0]] ?? "")")
            for e in expected {
                compared += 1
                if e.hasPrefix("@") {
                    #expect(mine.contains { $0[20] == e }, "POS \(f[0]) lacks \(e)")
                    continue
                }
                let entry = BCSQEntry(e)
                let members = entry.compoundMembers
                let compound = members.count > 1 ? members.map(String.init).joined(separator: "+") : ""
                let wanted = entry.terms.map { BCSQEntry.soTerms(for: $0) }
                let hit = mine.contains { m in
                    m[20] == compound && Int(m[14]) == (entry.proteinPosition ?? 0) + pad
                        && wanted.allSatisfy { alts in alts.contains { m[1].split(separator: "&").contains(Substring($0.name)) } }
                }
                #expect(hit, "POS \(f[0]): no entry for bcftools' \(e); ours \(oursByPos[f[0]] ?? "")")
            }
        }
        #expect(compared == 5)
    }

    /// bcftools' `starts-with-1` case through the command with `--sites-as-haplotype` (sites-only read as one
    /// haplotype, as bcftools reads it): the 17-bp insertion at POS 1
    /// shifts the frame to the end of the CDS, so the 21 SNVs after it join it; the combined change is a frameshift
    /// from residue 1, listed on POS 1, and every other record points back with `@1`.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func unrestoredFrameCombinesToTheEnd() throws {
        guard try SharedData.require() else { return }
        let dir = SharedData.path("bcftools-csq/EDUMMY0001")
        let out = try Command.temporaryDirectory().appendingPathComponent("out.vcf").path
        let c = try Command.consilium(["csq", "\(dir)/starts-with-1.vcf", "-f", "\(dir)/EDUMMY0001.fa",
                                       "-g", "\(dir)/EDUMMY0001.gff", "-q", "--sites-as-haplotype", "-o", out])
        #expect(c.status == 0, "\(c.stderr)")
        let rows = try Command.peer("bcftools", ["query", "-f", "%POS\t%CSL_CSQ\n", out]).stdoutText
            .split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.count == 22)
        let positions = rows.map { $0[0] }
        let lead = Self.entries(rows[0][1]).first { $0[20].contains("+") }
        #expect(lead?[20] == positions.joined(separator: "+"))
        #expect(lead?[1] == "frameshift_variant" && lead?[14].hasPrefix("1") == true)
        for r in rows.dropFirst() {
            #expect(Self.entries(r[1]).contains { $0[20] == "@1" }, "POS \(r[0])")
        }
        // By default a sites-only file has no phase (ClinVar lists alternatives, not a chromosome), and with
        // --no-haplotypes nothing is combined either: every allele alone, as VEP predicts.
        for extra in [[], ["--sites-as-haplotype", "--no-haplotypes"]] {
            let alone = try Command.temporaryDirectory().appendingPathComponent("alone.vcf").path
            _ = try Command.consilium(["csq", "\(dir)/starts-with-1.vcf", "-f", "\(dir)/EDUMMY0001.fa",
                                       "-g", "\(dir)/EDUMMY0001.gff", "-q"] + extra + ["-o", alone])
            let plain = try Command.peer("bcftools", ["query", "-f", "%CSL_CSQ\n", alone]).stdoutText
            #expect(plain.split(separator: "\n").count == 22 && !plain.contains("|@1") && !plain.contains("+175"), "\(extra)")
        }
    }
}
