extension SOTerm {
    /// The VEP term for a consequence name written by VEP, SnpEff or bcftools csq; nil when VEP has no term of
    /// that meaning (SnpEff's `intragenic_variant`, `exon_loss_variant`, regulatory terms, …).
    public static func fromToolName(_ raw: Substring) -> SOTerm? {
        let name = raw.hasPrefix("*") ? raw.dropFirst() : raw  // bcftools marks compound consequences with `*`
        if let t = SOTerm(name: String(name)) { return t }
        switch name {
        // VEP ≥ 105 splice terms: splice_region_variant in the releases our terms follow.
        case "splice_donor_5th_base_variant", "splice_donor_region_variant", "splice_polypyrimidine_tract_variant":
            return .spliceRegion
        // SnpEff names (Cingolani 2012; ANN standard).
        case "intergenic_region": return .intergenic
        case "conservative_inframe_insertion", "disruptive_inframe_insertion": return .inframeInsertion
        case "conservative_inframe_deletion", "disruptive_inframe_deletion": return .inframeDeletion
        case "5_prime_UTR_premature_start_codon_gain_variant": return .fivePrimeUTR
        case "non_coding_exon_variant": return .nonCodingTranscriptExon
        case "initiator_codon_variant": return .startRetained
        // bcftools csq short names.
        case "intron": return .intron
        case "splice_acceptor": return .spliceAcceptor
        case "splice_donor": return .spliceDonor
        case "splice_region": return .spliceRegion
        case "frameshift": return .frameshift
        case "missense": return .missense
        case "synonymous": return .synonymous
        case "stop_retained": return .stopRetained
        case "start_retained": return .startRetained
        case "coding_sequence": return .codingSequence
        case "5_prime_utr": return .fivePrimeUTR
        case "3_prime_utr": return .threePrimeUTR
        case "non_coding": return .nonCodingTranscriptExon
        case "NMD_transcript": return .nmdTranscript
        case "inframe_altering": return .proteinAltering
        case "intergenic": return .intergenic
        default: return nil
        }
    }
}
