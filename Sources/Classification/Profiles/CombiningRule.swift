/// How a profile or a VCEP specification turns applied criteria into a class.
public enum CombiningRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// ACMG/AMP 2015 Table 5 only; contradictory or insufficient evidence is uncertain.
    case table5 = "acmg-2015-table5"
    /// Tavtigian 2020 points only.
    case points = "tavtigian-2020-points"
    /// ClinGen SVI behaviour: the 2015 table where it reaches a class on one-directional evidence, points where
    /// the table is silent or the evidence conflicts. See `ACMGCombiner` for the exact precedence.
    case sviHybrid = "clingen-svi-hybrid"
}
