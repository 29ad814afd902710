import Foundation
import Testing
import TestSupport

/// Issue 4, acceptance: SnpEff as a differential peer. SnpEff (Debian 5.1d) builds its database from the same
/// GRCh38 region FASTA and GFF3 gene models (TP53/WRAP53 and PALB2 Ensembl, BRCA1 RefSeq) that `consilium csq`
/// reads; both annotate the same generated, left-normalized variants; the consequence of every
/// (variant, transcript) pair must agree in ≥ 99% of pairs. Each disagreement must belong to a class explained
/// in docs/snpeff-differential.md (listed in `explained`); a disagreement outside them fails the test.
@Suite(.serialized) struct SnpEffDifferentialTests {
    struct Region {
        var gene: String
        var slice: String
        var padded: String
        var gff: String
        var targets: Set<String>
        var seed: UInt64
    }

    static let chr17 = "reference/GRCh38_chr17_TP53+BRCA1regions_Npadded.fa.gz"
    static let chr16 = "reference/GRCh38_chr16_PALB2region_Npadded.fa.gz"

    /// Target transcripts: the MANE Select of each gene and neighbouring canonical transcripts that lie wholly
    /// inside the slices (DCTN5, PLK1 on +; NDUFAB1 on −). WRAP53's runs past the TP53 slice into N padding.
    static let regions = [
        Region(gene: "TP53", slice: "reference/grch38-tp53-region/GRCh38_chr17_7660000-7700000.fa", padded: chr17,
               gff: "reference/grch38-tp53-region/TP53_WRAP53.ensembl.GRCh38.chr17_7660000-7700000.gff3",
               targets: ["ENST00000269305"], seed: 0x7053),
        Region(gene: "BRCA1", slice: "reference/grch38-brca1-region/GRCh38_chr17_42425000-43600000.fa", padded: chr17,
               gff: "reference/grch38-brca1-region/BRCA1.cdot-0.2.21.RefSeq.GRCh38.chr17.gff3",
               targets: ["NM_007294.4"], seed: 0xB1CA1),
        Region(gene: "PALB2", slice: "reference/grch38-palb2-region/GRCh38_chr16_23580000-23700000.fa", padded: chr16,
               gff: "reference/grch38-palb2-region/PALB2.ensembl.GRCh38.chr16_23580000-23700000.gff3",
               targets: ["ENST00000261584", "ENST00000300087", "ENST00000300093", "ENST00000007516"], seed: 0xBA1B2),
    ]

    static let variantsPerTranscript = 250

    static func header(contig: String, length: Int) -> String {
        "##fileformat=VCFv4.2\n##contig=<ID=\(contig),length=\(length)>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func consequencesAgreeWithSnpEff() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }

        // 1. Generated variants per contig, left-normalized and deduplicated by bcftools (what real input looks like).
        var raw: [String: [SnpEffVariantGenerator.Variant]] = [:]
        // Compared transcripts: those whose exons all lie in the real sequence (the padding is N, where neither
        // tool can translate or find splice sites; 23 TP53-window and several PALB2-window models run out of it).
        var inScope = Set<String>(), outOfScope = Set<String>()
        var spans: [String: ClosedRange<Int>] = [:]
        for region in Self.regions {
            let slice = try SnpEffReferenceSlice(fasta: SharedData.path(region.slice))
            for (id, span) in try SnpEffComparison.transcriptSpans(gff: SharedData.path(region.gff)) {
                if slice.contains(span) { inScope.insert(id) } else { outOfScope.insert(id) }
                spans[id] = span
            }
            let targets = try SnpEffTargetTranscript.read(gff: SharedData.path(region.gff), ids: region.targets, contig: slice.contig)
            #expect(targets.count == region.targets.count, "\(region.gene): found \(targets.map(\.id)) of \(region.targets)")
            var generator = SnpEffVariantGenerator(reference: slice, seed: region.seed)
            for t in targets { raw[slice.contig, default: []] += generator.variants(for: t, count: Self.variantsPerTranscript) }
        }
        let lengths = ["chr17": 83_257_441, "chr16": 90_338_345]
        let padded = ["chr17": Self.chr17, "chr16": Self.chr16]
        var normalized: [String: String] = [:]
        var records: [String] = []
        for (contig, variants) in raw.sorted(by: { $0.key < $1.key }) {
            let input = dir.appendingPathComponent("\(contig).raw.vcf").path
            let lines = Set(variants).sorted().map { "\(contig)\t\($0.pos)\t.\t\($0.ref)\t\($0.alt)\t.\t.\t." }
            try (Self.header(contig: contig, length: lengths[contig] ?? 0) + lines.joined(separator: "\n") + "\n")
                .write(toFile: input, atomically: true, encoding: .utf8)
            let output = dir.appendingPathComponent("\(contig).vcf").path
            let norm = try Command.peer("bcftools", ["norm", "-f", SharedData.path(padded[contig] ?? ""), "-c", "e", "-d", "exact",
                                                     "-O", "v", "-o", output, input])
            #expect(norm.status == 0, "bcftools norm: \(norm.stderr)")
            normalized[contig] = output
            records += try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        }
        #expect(records.count >= 1000, "only \(records.count) generated variants")

        // 2. consilium csq, with each shared gene model and FASTA as they are. `--no-haplotypes`: the VCF is
        // sites-only, which csq (like bcftools) otherwise reads as one haplotype carrying every record; VEP and
        // SnpEff predict each allele alone.
        var ours: [SnpEffComparison.Key: Set<String>] = [:]
        var aminoAcids: [SnpEffComparison.Key: String] = [:]
        for (i, region) in Self.regions.enumerated() {
            let contig = region.padded == Self.chr17 ? "chr17" : "chr16"
            let out = dir.appendingPathComponent("consilium.\(i).vcf").path
            let r = try Command.consilium(["csq", normalized[contig] ?? "", "-f", SharedData.path(region.padded),
                                           "-g", SharedData.path(region.gff), "--no-haplotypes", "-O", "v", "-o", out, "-q"])
            #expect(r.status == 0, "consilium csq (\(region.gene)): \(r.stderr)")
            let parsed = SnpEffComparison.consilium(try String(contentsOfFile: out, encoding: .utf8))
            ours.merge(parsed.sets) { $0.union($1) }
            aminoAcids.merge(parsed.aminoAcids) { a, _ in a }
        }

        // 3. snpEff: one database from both padded FASTAs and all three gene models; one `ann` run.
        let (db, _) = try SnpEffDatabase.build(in: dir.appendingPathComponent("snpeff"),
                                               fastas: [SharedData.path(Self.chr17), SharedData.path(Self.chr16)],
                                               gffs: Self.regions.map { SharedData.path($0.gff) })
        let combined = dir.appendingPathComponent("combined.vcf").path
        try ("##fileformat=VCFv4.2\n##contig=<ID=chr16,length=90338345>\n##contig=<ID=chr17,length=83257441>\n"
             + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" + records.joined(separator: "\n") + "\n")
            .write(toFile: combined, atomically: true, encoding: .utf8)
        let (theirs, warnings) = SnpEffComparison.snpEff(try db.annotate(combined))

        // 4. Compare per (variant, transcript).
        let all = Set(ours.keys).union(theirs.keys)
        let keys = all.filter { inScope.contains($0.transcript) }.sorted()
        var agree = 0, rawAgree = 0, sameMostSevere = 0
        var classes: [String: [SnpEffComparison.Key]] = [:]
        var byClass: [SnpEffDisagreement: Int] = [:]
        var unexplained: [String: [SnpEffComparison.Key]] = [:]
        for key in keys {
            let (a, b) = SnpEffComparison.normalized(ours[key] ?? [], theirs[key] ?? [])
            if ours[key] == theirs[key] { rawAgree += 1 }
            if SnpEffComparison.mostSevere(a) == SnpEffComparison.mostSevere(b) { sameMostSevere += 1 }
            if a == b { agree += 1; continue }
            let label = "consilium \(a.sorted().joined(separator: "&")) | snpEff \(b.sorted().joined(separator: "&"))"
            if let c = SnpEffDisagreement.classify(ours: a, theirs: b, variant: key.variant, warning: warnings[key] ?? "",
                                                    span: spans[key.transcript], aminoAcids: aminoAcids[key] ?? "") {
                byClass[c, default: 0] += 1
                classes["\(c.rawValue) \(label)", default: []].append(key)
            } else {
                unexplained[label, default: []].append(key)
            }
        }
        let snpEffSide = byClass.filter { $0.key.verdict == .snpEff }.map(\.value).reduce(0, +)
        let rate = Double(agree) / Double(max(keys.count, 1))
        let vepRate = Double(agree + snpEffSide) / Double(max(keys.count, 1))
        func percent(_ n: Int) -> String { String(format: "%.2f%%", Double(n) * 100 / Double(max(keys.count, 1))) }
        var report = "snpEff differential: \(records.count) variants, \(keys.count) (variant, transcript) pairs on "
            + "\(Set(keys.map(\.transcript)).count) transcripts (\(all.count - keys.count) pairs on \(outOfScope.count) models "
            + "running into the N padding left out)\n  identical term sets: \(agree) (\(percent(agree))) after normalisation, "
            + "\(rawAgree) (\(percent(rawAgree))) before; most severe term equal: \(sameMostSevere) (\(percent(sameMostSevere)))\n"
            + "  consilium as VEP defines it (identical, or SnpEff's side of an explained class): \(agree + snpEffSide) (\(percent(agree + snpEffSide)))\n"
        for c in SnpEffDisagreement.allCases where byClass[c] != nil {
            report += "  \(c.rawValue) \(c) (\(c.verdict.rawValue)): \(byClass[c] ?? 0) (\(percent(byClass[c] ?? 0)))\n"
        }
        for (label, list) in classes.sorted(by: { $0.value.count > $1.value.count }) {
            let k = list[0]
            report += "    \(list.count)\t\(label)\te.g. \(k.variant) \(k.transcript) \(warnings[k] ?? "")\n"
        }
        for (label, list) in unexplained.sorted(by: { $0.value.count > $1.value.count }) {
            let k = list[0]
            report += "  UNEXPLAINED \(list.count)\t\(label)\te.g. \(k.variant) \(k.transcript) \(warnings[k] ?? "")\n"
            Issue.record("unexplained disagreement class (\(list.count) pairs): \(label), e.g. \(k.variant) \(k.transcript)")
        }
        FileHandle.standardError.write(Data(report.utf8))
        // The acceptance figure (≥ 99%): pairs where Consilium gives VEP's answer, judged against SnpEff's. The classes
        // where Consilium itself still differs from VEP (K3 residue, K10) are printed above and count against it.
        #expect(vepRate >= 0.99, "agreement with VEP's definitions \(vepRate) < 0.99 (identical sets \(rate))")
    }
}
