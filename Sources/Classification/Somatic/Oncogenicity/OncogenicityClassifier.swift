import Foundation

/// Evaluates the ClinGen/CGC/VICC oncogenicity SOP (Horak et al. 2022) for one variant.
///
/// Automatic where the input allows: OVS1 (null variant + tumor-suppressor role), OS1 (established oncogenic
/// variants with the same change, when looked up), OS3/OM3/OP3 (cancer-hotspot counts), OM2 (in-frame indel or
/// stop-loss + role), OP1/SBP1 (computational summary), OP4/SBVS1/SBS1 (population frequency). OS2, OM1, OM4,
/// OP2, SBS2 and SBP2 need a curator and are "not evaluated" until one decides. Curator calls replace computed
/// results; the exclusion rules are applied last, so they hold for curated calls too.
public struct OncogenicityClassifier: Sendable {
    public var labelMap: OncogenicityLabelMap

    public init(labelMap: OncogenicityLabelMap = .horak2022) {
        self.labelMap = labelMap
    }

    /// Hotspot cut-offs (Horak 2022 Table 2): ≥ 50 samples at the residue for OS3, ≥ 10 with the same change.
    public static let hotspotResidueSamples = 50
    public static let hotspotChangeSamples = 10
    /// Population cut-offs (Horak 2022 Table 2): SBVS1 > 5 %, SBS1 > 1 % in any continental population.
    public static let sbvs1AlleleFrequency = 0.05
    public static let sbs1AlleleFrequency = 0.01

    public func classify(_ input: OncogenicityInput) -> OncogenicityResult {
        let computed = OncogenicityCriterion.allCases.map { evaluate($0, input) }
        var byCriterion: [OncogenicityCriterion: OncogenicityCriterionResult] = [:]
        for r in computed { byCriterion[r.criterion] = r }
        for call in input.curated {
            byCriterion[call.criterion] = result(call.criterion, call.met ? .met : .notMet, fact: call.justification,
                                                 source: "curator", origin: .curator(name: call.curator, date: call.date, justification: call.justification))
        }
        applyExclusions(&byCriterion)
        let criteria = OncogenicityCriterion.allCases.compactMap { byCriterion[$0] }
        let points = criteria.reduce(0) { $0 + $1.points }
        return OncogenicityResult(oncogenicityClass: OncogenicityClass(points: points), points: points, criteria: criteria,
                                  computed: computed, labelMap: labelMap)
    }

    private func result(_ c: OncogenicityCriterion, _ status: CriterionStatus, fact: String?, source: String? = nil,
                        origin: EvidenceOrigin = .computed) -> OncogenicityCriterionResult {
        OncogenicityCriterionResult(criterion: c, code: labelMap.code(c), status: status, points: status == .met ? c.points : 0,
                                    fact: fact, source: source, origin: origin)
    }

    private func curatorOnly(_ c: OncogenicityCriterion, _ what: String) -> OncogenicityCriterionResult {
        result(c, .notEvaluated(reason: "curator criterion: \(what)"), fact: nil)
    }

    // Exclusions from Horak 2022 Table 2 notes: a met criterion that another met criterion excludes is kept
    // visible as not met, with the reason, and scores nothing.
    private func applyExclusions(_ r: inout [OncogenicityCriterion: OncogenicityCriterionResult]) {
        let rules: [(OncogenicityCriterion, [OncogenicityCriterion])] = [
            (.hotspotHighCount, [.sameAminoAcidChange]),
            (.proteinLengthChange, [.nullInTumorSuppressor]),
            (.hotspotLowResidueCount, [.criticalDomain, .differentMissenseSameResidue]),
            (.hotspotRareChange, [.criticalDomain, .hotspotLowResidueCount, .hotspotHighCount]),
            (.frequentInPopulation, [.commonInPopulation]),
        ]
        for (excluded, by) in rules {
            guard var target = r[excluded], target.status == .met else { continue }
            if let winner = by.first(where: { r[$0]?.status == .met }) {
                target.status = .notMet
                target.points = 0
                target.fact = "not counted with \(labelMap.code(winner)) (Horak 2022 Table 2)" + (target.fact.map { "; \($0)" } ?? "")
                r[excluded] = target
            }
        }
    }

    private func evaluate(_ c: OncogenicityCriterion, _ input: OncogenicityInput) -> OncogenicityCriterionResult {
        switch c {
        case .nullInTumorSuppressor:
            guard let vc = input.variantClass else { return result(c, .notEvaluated(reason: "consequence not known"), fact: nil) }
            guard vc == .null else { return result(c, .notMet, fact: "not a null variant (\(vc.rawValue))") }
            guard let role = input.geneRole else {
                return result(c, .notEvaluated(reason: "null variant, but the gene's role (tumor suppressor) is not known"), fact: nil)
            }
            return role == .oncogene ? result(c, .notMet, fact: "null variant in an oncogene")
                : result(c, .met, fact: "null variant in tumor suppressor \(input.gene ?? "gene")")
        case .sameAminoAcidChange:
            guard let known = input.establishedOncogenicSameChange else {
                return result(c, .notEvaluated(reason: "no source of established oncogenic variants"), fact: nil)
            }
            return known.isEmpty ? result(c, .notMet, fact: "no established oncogenic variant with this change")
                : result(c, .met, fact: "established oncogenic: \(known.joined(separator: ", "))")
        case .functionalOncogenic: return curatorOnly(c, "well-established functional studies")
        case .criticalDomain: return curatorOnly(c, "critical part of a functional domain")
        case .differentMissenseSameResidue:
            return curatorOnly(c, "a different missense at this residue established oncogenic, with Grantham distances")
        case .singleEtiology: return curatorOnly(c, "malignancy with a single genetic etiology")
        case .functionalNoEffect: return curatorOnly(c, "functional studies showing no oncogenic effect")
        case .hotspotHighCount, .hotspotLowResidueCount, .hotspotRareChange:
            return hotspot(c, input.hotspot)
        case .proteinLengthChange:
            guard let vc = input.variantClass else { return result(c, .notEvaluated(reason: "consequence not known"), fact: nil) }
            switch vc {
            case .inFrameIndel:
                guard let role = input.geneRole else {
                    return result(c, .notEvaluated(reason: "in-frame indel, but the gene's role is not known"), fact: nil)
                }
                return result(c, .met, fact: "in-frame length change in a known \(role.rawValue) gene")
            case .stopLoss:
                guard let role = input.geneRole else {
                    return result(c, .notEvaluated(reason: "stop-loss, but the gene's role is not known"), fact: nil)
                }
                return role == .oncogene ? result(c, .notMet, fact: "stop-loss in an oncogene")
                    : result(c, .met, fact: "stop-loss in a tumor suppressor")
            default:
                return result(c, .notMet, fact: "no protein length change (\(vc.rawValue))")
            }
        case .computationalOncogenic, .computationalBenign:
            guard let comp = input.computational else {
                return result(c, .notEvaluated(reason: "no computational prediction"), fact: nil)
            }
            let wanted: OncogenicityInput.Computational = c == .computationalOncogenic ? .oncogenic : .benign
            return result(c, comp == wanted ? .met : .notMet, fact: input.computationalFact ?? "computational evidence: \(comp.rawValue)")
        case .absentFromControls:
            guard let present = input.presentInControls else {
                return result(c, .notEvaluated(reason: "no population frequency source"), fact: nil)
            }
            return present ? result(c, .notMet, fact: "present in \(input.populationSource ?? "population controls")")
                : result(c, .met, fact: "absent from \(input.populationSource ?? "population controls")", source: input.populationSource)
        case .commonInPopulation, .frequentInPopulation:
            let cut = c == .commonInPopulation ? Self.sbvs1AlleleFrequency : Self.sbs1AlleleFrequency
            guard input.presentInControls != nil || input.populationMaxAF != nil else {
                return result(c, .notEvaluated(reason: "no population frequency source"), fact: nil)
            }
            let af = input.populationMaxAF ?? 0
            let text = "max population AF \(Self.format(af)) \(af > cut ? ">" : "≤") \(Self.format(cut))"
            return result(c, af > cut ? .met : .notMet, fact: text, source: input.populationSource)
        case .silentNoImpact:
            guard let vc = input.variantClass else { return result(c, .notEvaluated(reason: "consequence not known"), fact: nil) }
            return vc == .synonymous ? curatorOnly(c, "synonymous: splice impact and conservation need review")
                : result(c, .notMet, fact: "not synonymous (\(vc.rawValue))")
        }
    }

    private func hotspot(_ c: OncogenicityCriterion, _ h: OncogenicityInput.Hotspot) -> OncogenicityCriterionResult {
        switch h {
        case .notLooked:
            return result(c, .notEvaluated(reason: "no cancer-hotspot table"), fact: nil)
        case .notApplicable(let reason):
            return result(c, .notEvaluated(reason: reason), fact: nil)
        case .notHotspot(let source):
            return result(c, .notMet, fact: "not a hotspot residue", source: source)
        case .hotspot(let residue, let n, let k, let source):
            let fact = "\(residue): \(n) samples at the residue, \(k) with this change"
            let met: Bool
            switch c {
            case .hotspotHighCount: met = n >= Self.hotspotResidueSamples && k >= Self.hotspotChangeSamples
            case .hotspotLowResidueCount: met = n < Self.hotspotResidueSamples && k >= Self.hotspotChangeSamples
            default: met = k < Self.hotspotChangeSamples
            }
            return result(c, met ? .met : .notMet, fact: fact, source: source)
        }
    }

    static func format(_ x: Double) -> String {
        if x == 0 { return "0" }
        var s = String(format: "%.6g", x)
        if s.contains("e") { s = String(format: "%.2e", x) }
        return s
    }
}
