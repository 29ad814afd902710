/// The ClinGen/CGC/VICC oncogenicity criteria (Horak et al. 2022, Genet Med 24:986, Tables 2 and 3), keyed by
/// meaning rather than by code, because two codes are printed differently by different tools (see
/// `OncogenicityLabelMap`).
public enum OncogenicityCriterion: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    /// OVS1: null variant in a bona fide tumor-suppressor gene.
    case nullInTumorSuppressor
    /// OS1: same amino-acid change as a previously established oncogenic variant.
    case sameAminoAcidChange
    /// OS2: well-established functional studies supportive of an oncogenic effect.
    case functionalOncogenic
    /// OS3: hotspot with ≥ 50 samples at the residue and the same change in ≥ 10.
    case hotspotHighCount
    /// OM1: critical, well-established part of a functional domain.
    case criticalDomain
    /// OM2: protein length change (in-frame indel in an oncogene or tumor suppressor; stop-loss in a tumor suppressor).
    case proteinLengthChange
    /// Horak Table 2 OM3: hotspot with < 50 samples at the residue and the same change in ≥ 10.
    case hotspotLowResidueCount
    /// Horak Table 2 OM4: missense at a residue where a different missense is established oncogenic.
    case differentMissenseSameResidue
    /// OP1: all computational evidence supports an oncogenic effect.
    case computationalOncogenic
    /// OP2: somatic variant in a gene of a malignancy with a single genetic etiology.
    case singleEtiology
    /// OP3: hotspot where this change is seen in < 10 samples.
    case hotspotRareChange
    /// OP4: absent from population controls (gnomAD).
    case absentFromControls
    /// SBVS1: minor allele frequency > 5 % in a continental population.
    case commonInPopulation
    /// SBS1: minor allele frequency > 1 % in a continental population.
    case frequentInPopulation
    /// SBS2: well-established functional studies show no oncogenic effect.
    case functionalNoEffect
    /// SBP1: all computational evidence suggests no impact.
    case computationalBenign
    /// SBP2: synonymous, no predicted splice impact, nucleotide not highly conserved.
    case silentNoImpact

    /// Points (Horak 2022 Table 3): very strong 8, strong 4, moderate 2, supporting 1; benign negative.
    public var points: Int {
        switch self {
        case .nullInTumorSuppressor: return 8
        case .sameAminoAcidChange, .functionalOncogenic, .hotspotHighCount: return 4
        case .criticalDomain, .proteinLengthChange, .hotspotLowResidueCount, .differentMissenseSameResidue: return 2
        case .computationalOncogenic, .singleEtiology, .hotspotRareChange, .absentFromControls: return 1
        case .commonInPopulation: return -8
        case .frequentInPopulation, .functionalNoEffect: return -4
        case .computationalBenign, .silentNoImpact: return -1
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }
}

/// Which code each criterion is printed as. Horak 2022 Table 2 (and Illumina Connected Insights) call the
/// low-count hotspot OM3 and the same-residue missense OM4; PCGR (`ONCG_OM3`/`ONCG_OM4`) and the Emory
/// calculator swap the two. Points are the same, classes never change; the map only decides the printed code,
/// and every result records the map it was printed with.
public enum OncogenicityLabelMap: String, Sendable, Codable, Hashable, CaseIterable {
    /// Horak et al. 2022, Genet Med 24:986, Table 2 (the default).
    case horak2022
    /// PCGR / Emory calculator: OM3 = different missense at the same residue, OM4 = hotspot < 50.
    case pcgr

    public func code(_ c: OncogenicityCriterion) -> String {
        switch c {
        case .nullInTumorSuppressor: return "OVS1"
        case .sameAminoAcidChange: return "OS1"
        case .functionalOncogenic: return "OS2"
        case .hotspotHighCount: return "OS3"
        case .criticalDomain: return "OM1"
        case .proteinLengthChange: return "OM2"
        case .hotspotLowResidueCount: return self == .horak2022 ? "OM3" : "OM4"
        case .differentMissenseSameResidue: return self == .horak2022 ? "OM4" : "OM3"
        case .computationalOncogenic: return "OP1"
        case .singleEtiology: return "OP2"
        case .hotspotRareChange: return "OP3"
        case .absentFromControls: return "OP4"
        case .commonInPopulation: return "SBVS1"
        case .frequentInPopulation: return "SBS1"
        case .functionalNoEffect: return "SBS2"
        case .computationalBenign: return "SBP1"
        case .silentNoImpact: return "SBP2"
        }
    }

    /// The criterion printed as `code` under this map (case-insensitive), for curator input.
    public func criterion(code: String) -> OncogenicityCriterion? {
        let c = code.uppercased()
        return OncogenicityCriterion.allCases.first { self.code($0) == c }
    }
}
