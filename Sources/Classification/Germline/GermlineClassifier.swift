/// Assembles a germline ACMG/AMP classification from plain facts: evaluates the population and known-variant
/// criteria, takes the sequence criteria as given, applies the curator's decisions, and combines both the
/// computed and the final criteria under the profile and the gene's VCEP specification.
///
/// Threshold precedence for BA1, BS1 and PM2: the gene table's cell, then the specification's value, then
/// (BS1) Whiffin's maximum credible allele frequency from the gene table's parameters, then the profile's
/// default. A specification's strength changes (e.g. RUNX1 PM1 at Supporting) apply to computed criteria; a
/// curator's strength is kept as written.
public struct GermlineClassifier: Sendable {
    public var profile: ClassificationProfile
    public var catalog: SpecificationCatalog
    public var frequency: FrequencySettings
    /// PM1: tumours a hotspot residue needs.
    public var hotspotMinimumSamples: Int

    public init(profile: ClassificationProfile = .default, catalog: SpecificationCatalog = .builtIn,
                frequency: FrequencySettings = .clingenSVI, hotspotMinimumSamples: Int = 10) {
        self.profile = profile
        self.catalog = catalog
        self.frequency = frequency
        self.hotspotMinimumSamples = hotspotMinimumSamples
    }

    /// Criteria only a curator applies; listed as not evaluated when no curator entry gives them.
    static let curatorOnly: [Criterion] = Criterion.allCases.filter(\.isCuratorCriterion)

    public func specification(for facts: GermlineFacts) -> VCEPSpecification? {
        profile.usesSpecifications ? catalog.specification(gene: facts.gene, expertPanel: facts.expertPanel) : nil
    }

    /// The computed criteria (before the curator).
    public func computedCriteria(_ facts: GermlineFacts) -> [CriterionResult] {
        let spec = specification(for: facts)
        let gene = facts.geneParameters
        let specName = spec.map(\.versionedID)

        let ba1 = gene?.ba1 ?? spec?.frequency?.ba1.map { ResolvedThreshold(value: $0, inclusive: false, origin: specName ?? "specification") }
            ?? ResolvedThreshold(value: frequency.ba1, inclusive: false, origin: "\(profile.versionedID) default")
        var bs1 = gene?.bs1 ?? spec?.frequency?.bs1.map { ResolvedThreshold(value: $0, inclusive: false, origin: specName ?? "specification") }
        if bs1 == nil, let w = gene?.whiffin, let max = w.maximumCredibleAlleleFrequency {
            bs1 = ResolvedThreshold(value: max, inclusive: false, origin: "maximum credible AF, \(w.description)")
        }
        if bs1 == nil, let d = frequency.bs1Default {
            bs1 = ResolvedThreshold(value: d, inclusive: false, origin: "\(profile.versionedID) default")
        }
        let pm2 = gene?.pm2 ?? spec?.frequency?.pm2.map { ResolvedThreshold(value: $0, inclusive: true, origin: specName ?? "specification") }
            ?? ResolvedThreshold(value: frequency.pm2, inclusive: true, origin: "\(profile.versionedID) default")
        let excepted = facts.variant.map { BA1ExceptionList.isExcepted($0, specification: spec) } ?? false
        let pm2Strength = spec?.strengthChanges[.PM2] ?? profile.pm2Strength

        var results: [CriterionResult] = [
            BA1Rule.evaluate(facts.frequencies, threshold: ba1, minimumAN: frequency.minimumAN, excepted: excepted),
            BS1Rule.evaluate(facts.frequencies, threshold: bs1, minimumAN: frequency.minimumAN),
            BS2Rule.evaluate(facts.frequencies, inheritance: gene?.mode ?? .unknown, penetrance: gene?.penetrance, settings: frequency),
            PM2Rule.evaluate(facts.frequencies, threshold: pm2, minimumAN: frequency.pm2MinimumAN, strength: pm2Strength,
                             requireJapanese: frequency.pm2RequiresJapaneseSource),
        ]
        let known = facts.knownPathogenic
        let ps1 = KnownResidueRules.ps1(facts.proteinChange, known: known, mayAffectSplicing: facts.mayAffectSplicing)
        var pm5 = KnownResidueRules.pm5(facts.proteinChange, known: known)
        if ps1.status == .met, pm5.status == .met {
            pm5 = CriterionResult(criterion: .PM5, status: .notMet, strength: pm5.strength,
                                  fact: (pm5.fact ?? "") + "; PS1 is met at this residue: PM5 is not applied as well",
                                  source: pm5.source)
        }
        results += [ps1, pm5,
                    PM1Rule.evaluate(facts.proteinChange, hotspots: facts.hotspots, domains: facts.domains,
                                     minimumSamples: hotspotMinimumSamples),
                    MissenseGeneRules.pp2(facts.proteinChange, flag: gene?.pp2),
                    MissenseGeneRules.bp1(facts.proteinChange, flag: gene?.bp1)]
        // Sequence criteria (CRIT-SEQ) as given; one result per criterion, the first kept.
        for r in facts.sequenceResults where !results.contains(where: { $0.criterion == r.criterion }) {
            results.append(r)
        }
        // A specification's strength changes apply to the computed criteria it names (PM2 handled above).
        if let spec {
            for i in results.indices {
                let c = results[i].criterion
                guard c != .PM2, let s = spec.strengthChanges[c], results[i].strength != s else { continue }
                results[i].fact = (results[i].fact ?? "") + " (at \(s.label) per \(spec.versionedID))"
                results[i].strength = s
            }
        }
        for c in Self.curatorOnly where !results.contains(where: { $0.criterion == c }) {
            results.append(CriterionResult(criterion: c, status: .notEvaluated(reason: "needs case, family or functional data: applied by a curator"),
                                           fact: "no curator entry", source: "curator criterion (issue 5 part 2)"))
        }
        return results.sorted { $0.criterion < $1.criterion }
    }

    public func classify(_ facts: GermlineFacts) -> GermlineClassification {
        let computed = computedCriteria(facts)
        // The latest decision per criterion wins (entries are in date order when they come from the curation file).
        var overrides: [CriterionResult] = []
        for e in facts.curatorEntries {
            overrides.removeAll { $0.criterion == e.criterion }
            overrides.append(e.result)
        }
        let evidence = Evidence(computed: computed, overrides: overrides)
        var outcomes: [GermlineClassification.CriterionOutcome] = []
        for f in evidence.final {
            outcomes.append(.init(criterion: f.criterion, computed: computed.first { $0.criterion == f.criterion }, final: f))
        }
        let combiner = ACMGCombiner(profile: profile, catalog: catalog)
        let computedCombination = combiner.combine(evidence.appliedComputed, gene: facts.gene, expertPanel: facts.expertPanel, variant: facts.variant)
        let finalCombination = combiner.combine(evidence.appliedFinal, gene: facts.gene, expertPanel: facts.expertPanel, variant: facts.variant)
        return GermlineClassification(variant: facts.variant, gene: facts.gene, profile: profile.versionedID,
                                      specification: specification(for: facts)?.versionedID, criteria: outcomes,
                                      computed: computedCombination, final: finalCombination,
                                      clinvar: facts.clinvar, priorCuration: facts.priorCuration)
    }
}
