import Foundation

/// Consequence sets per (variant, transcript) read from `consilium csq` (INFO/CSL_CSQ) and `snpEff ann`
/// (INFO/ANN), in one vocabulary: VEP's SO terms.
enum SnpEffComparison {
    /// `chrom:pos:ref:alt` then the transcript id.
    struct Key: Hashable, Comparable {
        var variant: String
        var transcript: String
        static func < (a: Key, b: Key) -> Bool { (a.variant, a.transcript) < (b.variant, b.transcript) }
    }

    /// SnpEff effect names that VEP spells differently (snpEff's own names → VEP's SO term). SnpEff splits
    /// in-frame indels by whether they keep codon boundaries; VEP does not. A premature start codon in the
    /// 5′ UTR is reported by SnpEff next to (or instead of) 5_prime_UTR_variant; VEP's core has no such term.
    static let snpEffToVEP: [String: String] = [
        "conservative_inframe_insertion": "inframe_insertion",
        "disruptive_inframe_insertion": "inframe_insertion",
        "conservative_inframe_deletion": "inframe_deletion",
        "disruptive_inframe_deletion": "inframe_deletion",
        "5_prime_UTR_premature_start_codon_gain_variant": "5_prime_UTR_variant",
    ]

    /// Terms left out on both sides before comparing: VEP's two transcript-class terms. NMD_transcript_variant
    /// says the transcript's biotype is nonsense_mediated_decay (SnpEff writes the biotype in its own field);
    /// non_coding_transcript_variant is the parent term VEP adds to intron and splice terms of non-coding
    /// transcripts, which SnpEff writes only for some (5′ UTR + intron of a CDS-less model).
    static let transcriptClassTerms: Set<String> = ["NMD_transcript_variant", "non_coding_transcript_variant"]

    /// The two sets in the compared form (docs/snpeff-differential.md, "Normalisation"): the transcript-class
    /// terms dropped, and intron_variant dropped from both when both report the same splice donor or acceptor
    /// hit. SnpEff's intron covers the splice-site bases, so it adds intron_variant to every splice-site change;
    /// VEP's `intronic` flag covers only intron bases 3 to −3, so a change confined to the donor/acceptor
    /// dinucleotide is splice_*_variant alone.
    static func normalized(_ ours: Set<String>, _ theirs: Set<String>) -> (Set<String>, Set<String>) {
        var a = ours.subtracting(transcriptClassTerms), b = theirs.subtracting(transcriptClassTerms)
        for splice in ["splice_donor_variant", "splice_acceptor_variant"] where a.contains(splice) && b.contains(splice) {
            a.remove("intron_variant")
            b.remove("intron_variant")
        }
        return (a, b)
    }

    /// Each transcript's span (its own line and its exons), keyed by id without its GFF prefix. A region
    /// export keeps the transcript line of a model that runs out of the window but not its outside exons.
    static func transcriptSpans(gff: String) throws -> [String: ClosedRange<Int>] {
        var spans: [String: ClosedRange<Int>] = [:]
        for line in try String(contentsOfFile: gff, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 9, f[2] != "gene", !f[2].hasSuffix("_gene"), f[2] != "CDS", let start = Int(f[3]), let end = Int(f[4]) else { continue }
            let attributes = f[8].split(separator: ";")
            let key = f[2] == "exon" ? "Parent=" : "ID="
            guard let value = attributes.first(where: { $0.hasPrefix(key) }) else { continue }
            let id = SnpEffGFF.strippedID(String(value.dropFirst(key.count)))
            let old = spans[id] ?? start...end
            spans[id] = min(old.lowerBound, start)...max(old.upperBound, end)
        }
        return spans
    }

    /// VEP's severity order (Ensembl Variation Constants.pm), for the most severe term of a set.
    static let severity: [String] = [
        "transcript_ablation", "splice_acceptor_variant", "splice_donor_variant", "stop_gained", "frameshift_variant",
        "stop_lost", "start_lost", "transcript_amplification", "inframe_insertion", "inframe_deletion",
        "missense_variant", "protein_altering_variant", "splice_donor_5th_base_variant", "splice_region_variant",
        "splice_donor_region_variant", "splice_polypyrimidine_tract_variant", "incomplete_terminal_codon_variant",
        "start_retained_variant", "stop_retained_variant", "synonymous_variant", "coding_sequence_variant",
        "5_prime_UTR_variant", "3_prime_UTR_variant", "non_coding_transcript_exon_variant", "intron_variant",
        "NMD_transcript_variant", "non_coding_transcript_variant", "upstream_gene_variant", "downstream_gene_variant",
        "intergenic_variant",
    ]

    static func mostSevere(_ terms: Set<String>) -> String {
        terms.min { (severity.firstIndex(of: $0) ?? 999, $0) < (severity.firstIndex(of: $1) ?? 999, $1) } ?? ""
    }

    /// Record lines of a VCF text with the value of INFO/`tag` split at `,` (entries) — `(variant, entries)`.
    static func entries(vcf: String, tag: String) -> [(variant: String, entries: [[Substring]])] {
        var out: [(String, [[Substring]])] = []
        let prefix = tag + "="
        for line in vcf.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", maxSplits: 8, omittingEmptySubsequences: false)
            guard f.count >= 8 else { continue }
            let variant = "\(f[0]):\(f[1]):\(f[3]):\(f[4])"
            let value = f[7].split(separator: ";").first { $0.hasPrefix(prefix) }.map { $0.dropFirst(prefix.count) } ?? ""
            out.append((variant, value.split(separator: ",").map { $0.split(separator: "|", omittingEmptySubsequences: false) }))
        }
        return out
    }

    /// Consilium's terms per (variant, transcript), from CSL_CSQ (Consequence = field 1, Feature = field 6), and
    /// its Amino_acids (field 15, `REF/ALT` peptides of the touched codons, VEP's form).
    static func consilium(_ vcf: String) -> (sets: [Key: Set<String>], aminoAcids: [Key: String]) {
        var sets: [Key: Set<String>] = [:]
        var aminoAcids: [Key: String] = [:]
        for (variant, list) in entries(vcf: vcf, tag: "CSL_CSQ") {
            for e in list where e.count > 15 && e[5] == "Transcript" {
                let key = Key(variant: variant, transcript: String(e[6]))
                sets[key, default: []].formUnion(e[1].split(separator: "&").map(String.init))
                if !e[15].isEmpty { aminoAcids[key] = String(e[15]) }
            }
        }
        return (sets, aminoAcids)
    }

    /// SnpEff's terms per (variant, transcript), from ANN (Annotation = field 1, Feature_ID = field 6); several
    /// ANN entries for one transcript are merged, `&`-combined effects split and renamed to VEP's terms.
    static func snpEff(_ vcf: String) -> (sets: [Key: Set<String>], warnings: [Key: String]) {
        var sets: [Key: Set<String>] = [:]
        var warnings: [Key: String] = [:]
        for (variant, list) in entries(vcf: vcf, tag: "ANN") {
            for e in list where e.count > 15 && e[5] == "transcript" {
                let key = Key(variant: variant, transcript: String(e[6]))
                let terms = e[1].split(separator: "&").map { snpEffToVEP[String($0)] ?? String($0) }
                sets[key, default: []].formUnion(terms)
                if !e[15].isEmpty { warnings[key] = String(e[15]) }
            }
        }
        return (sets, warnings)
    }
}

/// The disagreement classes between `consilium csq` and SnpEff, each explained against VEP's definitions in
/// docs/snpeff-differential.md (same names). A disagreement that fits none of them fails the test.
enum SnpEffDisagreement: String, CaseIterable {
    case insertionBesideSpliceSite = "K1"
    case deletionAcrossExonEdge = "K2"
    case frameshiftStopGained = "K3"
    case insertionWithStop = "K4"
    case insertionBesideSpliceRegion = "K5"
    case insertionAtFeatureEdge = "K6"
    case indelAtStopCodon = "K7"
    case incompleteModel = "K8"
    case spliceRegionAtTranscriptEnd = "K9"
    case inframeInsertionKeepingResidueBeforeStop = "K10"

    /// Whose answer differs from VEP's for this class.
    enum Verdict: String { case snpEff = "SnpEff differs from VEP", consilium = "Consilium differs from VEP", unsettled = "unsettled" }

    var verdict: Verdict {
        switch self {
        case .insertionBesideSpliceSite, .deletionAcrossExonEdge, .insertionWithStop, .spliceRegionAtTranscriptEnd: return .snpEff
        case .frameshiftStopGained, .insertionBesideSpliceRegion, .inframeInsertionKeepingResidueBeforeStop: return .consilium
        case .insertionAtFeatureEdge, .indelAtStopCodon, .incompleteModel: return .unsettled
        }
    }

    static let exonic: Set<String> = ["frameshift_variant", "inframe_insertion", "inframe_deletion", "stop_gained",
                                      "missense_variant", "synonymous_variant", "coding_sequence_variant",
                                      "5_prime_UTR_variant", "3_prime_UTR_variant", "non_coding_transcript_exon_variant",
                                      "splice_region_variant"]

    /// The class of a disagreement: `ours`/`theirs` are the normalized sets, `variant` is `chrom:pos:ref:alt`,
    /// `warning` SnpEff's ERRORS/WARNINGS field for the pair, `span` the transcript's first to last base,
    /// `aminoAcids` Consilium's Amino_acids (`REF/ALT`).
    static func classify(ours a: Set<String>, theirs b: Set<String>, variant: String, warning: String,
                         span: ClosedRange<Int>?, aminoAcids: String) -> SnpEffDisagreement? {
        let f = variant.split(separator: ":")
        guard f.count == 4, let pos = Int(f[1]) else { return nil }
        let insertion = f[3].count > f[2].count, deletion = f[3].count < f[2].count
        let splice: Set<String> = ["splice_donor_variant", "splice_acceptor_variant"]
        if warning.contains("NO_START_CODON") || warning.contains("NO_STOP_CODON") || warning.contains("TRANSCRIPT_INCOMPLETE") {
            return .incompleteModel
        }
        if (insertion || deletion) && !a.union(b).isDisjoint(with: ["stop_lost", "stop_retained_variant"]) { return .indelAtStopCodon }
        if insertion && a.isDisjoint(with: splice) && !b.isDisjoint(with: splice) && a.contains("splice_region_variant") {
            return .insertionBesideSpliceSite
        }
        if deletion && a.contains("coding_sequence_variant") && !b.isDisjoint(with: ["frameshift_variant", "inframe_deletion"])
            && a.subtracting(["coding_sequence_variant"]) == b.subtracting(["frameshift_variant", "inframe_deletion"]) {
            return .deletionAcrossExonEdge
        }
        if a.contains("frameshift_variant") && b.contains("frameshift_variant") && a.symmetricDifference(b) == ["stop_gained"] {
            return .frameshiftStopGained
        }
        if insertion && a.contains("stop_gained") && b == a.union(["inframe_insertion"]) {
            // VEP's inframe_insertion: the alt peptide, cut after its first stop, starts or ends with the ref one.
            let p = aminoAcids.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard p.count == 2 else { return nil }
            let ref = p[0] == "-" ? "" : p[0]
            let alt = p[1].firstIndex(of: "*").map { String(p[1][...$0]) } ?? p[1]
            return alt.hasPrefix(ref) || alt.hasSuffix(ref) ? .inframeInsertionKeepingResidueBeforeStop : .insertionWithStop
        }
        if insertion && a == b.union(["splice_region_variant"]) && !b.contains("splice_region_variant") { return .insertionBesideSpliceRegion }
        if !insertion && !deletion, let span, b == a.union(["splice_region_variant"]), !a.contains("splice_region_variant"),
           pos - span.lowerBound < 3 || span.upperBound - pos < 3 {
            return .spliceRegionAtTranscriptEnd
        }
        if insertion && b.subtracting(a).isSubset(of: exonic) && a.subtracting(b).isSubset(of: ["upstream_gene_variant", "downstream_gene_variant"]) {
            return .insertionAtFeatureEdge
        }
        return nil
    }
}
