/// Classifies one variant in one tumor type on the three somatic axes (AMP/ASCO/CAP, oncogenicity, JP levels).
///
/// The three axes are computed independently from the same inputs and reported side by side: the AMP tier does
/// not read the oncogenicity class except to tell tier III from tier IV, and the JP level reads it only for F.
public struct SomaticClassifier: Sendable {
    public var oncoTree: OncoTree
    public var oncogenicity: OncogenicityClassifier

    /// Tier IV cut-off: an allele this common in a population (the SOP's SBS1 cut-off, > 1 %) with no evidence is
    /// benign for tiering. Li 2017 says "significant allele frequency" without a number. [verify]
    public static let tierIVAlleleFrequency = 0.01

    public init(oncoTree: OncoTree, labelMap: OncogenicityLabelMap = .horak2022) {
        self.oncoTree = oncoTree
        oncogenicity = OncogenicityClassifier(labelMap: labelMap)
    }

    /// Checks a tumor type code against the OncoTree (for usage errors before any record is read).
    public func validate(tumorType: String) throws(SomaticInputError) {
        guard oncoTree.node(tumorType) != nil else {
            throw SomaticInputError(source: oncoTree.release, line: nil, field: "--tumor-type",
                                    problem: "'\(tumorType)' is not an OncoTree code of this release (e.g. SKCM, NSCLC, COAD)")
        }
    }

    public func classify(tumorType: String, evidence: [ActionabilityEvidence],
                         oncogenicity input: OncogenicityInput) throws(SomaticInputError) -> SomaticClassification {
        try validate(tumorType: tumorType)
        let onco = oncogenicity.classify(input)

        var assessed: [AssessedEvidence] = []
        for e in evidence {
            let code = DiseaseOncoTreeMap.code(doid: e.doid, name: e.disease, in: oncoTree)
            let match = oncoTree.match(evidence: code, tumor: tumorType)
            let amp = AMPLevelDerivation.level(for: e, onLabel: match.onLabel)
            let jp = JPLevelDerivation.level(for: e, onLabel: match.onLabel)
            assessed.append(AssessedEvidence(evidence: e, match: match, ampLevel: amp.level, ampReason: amp.reason,
                                             jpLevel: jp?.level, jpReason: jp?.reason))
        }
        assessed.sort { a, b in
            switch (a.ampLevel, b.ampLevel) {
            case let (l?, r?) where l != r: return l < r
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.sourceID.localizedStandardCompare(b.sourceID) == .orderedAscending
            }
        }

        return SomaticClassification(
            tumorType: tumorType, tumorTypeName: oncoTree.node(tumorType)?.name, oncoTreeRelease: oncoTree.release,
            amp: ampResult(assessed, onco: onco, input: input), oncogenicity: onco,
            jp: jpResult(assessed, onco: onco), evidence: assessed, therapies: therapies(assessed))
    }

    private func ampResult(_ assessed: [AssessedEvidence], onco: OncogenicityResult, input: OncogenicityInput) -> AMPResult {
        if let best = assessed.compactMap(\.ampLevel).min() {
            let deciders = assessed.filter { $0.ampLevel == best }
            return AMPResult(category: AMPCategory(level: best), decidedBy: deciders.map(\.sourceID),
                             reason: deciders.map { "\($0.sourceID): \($0.ampReason) (\($0.match.explanation))" }.joined(separator: "; "))
        }
        if [.benign, .likelyBenign].contains(onco.oncogenicityClass) {
            return AMPResult(category: AMPCategory(tier: .IV), decidedBy: [],
                             reason: "no tiered evidence; oncogenicity \(onco.oncogenicityClass.code) (\(onco.points) points)")
        }
        if let af = input.populationMaxAF, af > Self.tierIVAlleleFrequency {
            return AMPResult(category: AMPCategory(tier: .IV), decidedBy: [],
                             reason: "no tiered evidence; population AF \(OncogenicityClassifier.format(af)) > 1 %")
        }
        return AMPResult(category: AMPCategory(tier: .III), decidedBy: [], reason: "no tiered evidence for this tumor type")
    }

    private func jpResult(_ assessed: [AssessedEvidence], onco: OncogenicityResult) -> JPResult {
        let resistance = assessed.filter { $0.jpLevel == .R }.map(\.sourceID)
        let sensitivity = assessed.filter { $0.jpLevel != nil && $0.jpLevel != .R }
        if let best = sensitivity.compactMap(\.jpLevel).min() {
            let deciders = sensitivity.filter { $0.jpLevel == best }
            return JPResult(level: best, decidedBy: deciders.map(\.sourceID), resistance: resistance,
                            reason: deciders.map { "\($0.sourceID): \($0.jpReason ?? "")" }.joined(separator: "; "))
        }
        if !resistance.isEmpty {
            return JPResult(level: .R, decidedBy: resistance, resistance: resistance, reason: "resistance evidence only")
        }
        if [.oncogenic, .likelyOncogenic].contains(onco.oncogenicityClass) {
            return JPResult(level: .F, decidedBy: [], resistance: [],
                            reason: "\(onco.oncogenicityClass.code) (\(onco.points) points), no drug evidence")
        }
        return JPResult(level: nil, decidedBy: [], resistance: [], reason: "no levelled drug evidence, not known oncogenic")
    }

    private func therapies(_ assessed: [AssessedEvidence]) -> [SomaticTherapy] {
        var groups: [String: SomaticTherapy] = [:]
        var order: [String] = []
        for a in assessed where a.evidence.category == .therapeutic && !a.evidence.therapies.isEmpty
            && (a.ampLevel != nil || a.jpLevel != nil) {
            let drugs = a.evidence.therapies.sorted()
            let key = drugs.joined(separator: "+") + "|" + a.evidence.effect.rawValue + "|" + (a.evidence.therapyInteraction ?? "")
            if var g = groups[key] {
                g.ampLevel = [g.ampLevel, a.ampLevel].compactMap { $0 }.min()
                g.jpLevel = [g.jpLevel, a.jpLevel].compactMap { $0 }.min()
                g.onLabel = g.onLabel || a.onLabel
                g.sourceIDs.append(a.sourceID)
                if let d = a.evidence.disease, !g.diseases.contains(d) { g.diseases.append(d) }
                groups[key] = g
            } else {
                order.append(key)
                groups[key] = SomaticTherapy(therapies: drugs, therapyText: a.evidence.therapyText, effect: a.evidence.effect,
                                            ampLevel: a.ampLevel, jpLevel: a.jpLevel, onLabel: a.onLabel,
                                            sourceIDs: [a.sourceID], diseases: a.evidence.disease.map { [$0] } ?? [])
            }
        }
        return order.compactMap { groups[$0] }
    }
}
