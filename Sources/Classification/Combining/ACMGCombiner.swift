/// Combines applied ACMG/AMP criteria into a class under a profile and, where it applies, a VCEP specification.
///
/// Both the 2015 Table 5 result and the Tavtigian 2020 points are always computed and returned; the profile
/// decides which is final. Precedence for the `clingen-svi` rule:
/// 1. BA1 counted and the variant not on the exception list → Benign.
/// 2. Evidence in one direction only (a lone PM2_Supporting is not counted as a direction when the profile says
///    so) and a Table 5 row met → that row's class.
/// 3. Otherwise (table silent, or evidence in both directions) → the point total on the profile's boundaries.
public struct ACMGCombiner: Sendable {
    public var profile: ClassificationProfile
    public var catalog: SpecificationCatalog

    public init(profile: ClassificationProfile = .default, catalog: SpecificationCatalog = .builtIn) {
        self.profile = profile
        self.catalog = catalog
    }

    /// - Parameters:
    ///   - criteria: the applied criteria (duplicates are counted once, at their strongest).
    ///   - gene: HGNC symbol, used to choose a specification.
    ///   - expertPanel: the panel name, used first to choose a specification (eRepo `Expert Panel`).
    ///   - variant: the variant's name, used only for the BA1 exception list.
    public func combine(_ criteria: [AppliedCriterion], gene: String? = nil, expertPanel: String? = nil,
                        variant: VariantName? = nil) -> CombinationResult {
        let spec = profile.usesSpecifications ? catalog.specification(gene: gene, expertPanel: expertPanel) : nil
        var ignored: [IgnoredCriterion] = []
        var counted: [AppliedCriterion] = []
        for c in criteria.sorted() {
            if counted.contains(where: { $0.criterion == c.criterion }) {
                ignored.append(IgnoredCriterion(criterion: c, reason: "\(c.criterion.rawValue) is already counted at a stronger or equal strength"))
            } else if c.criterion.isRetired {
                ignored.append(IgnoredCriterion(criterion: c, reason: "retired by ClinGen SVI (Biesecker & Harrison 2018); ClinVar is context, not evidence"))
            } else if let spec, spec.disabledCriteria.contains(c.criterion) {
                ignored.append(IgnoredCriterion(criterion: c, reason: "not used by \(spec.versionedID)"))
            } else if c.criterion == .BA1, let variant, BA1ExceptionList.isExcepted(variant, specification: spec) {
                ignored.append(IgnoredCriterion(criterion: c, reason: "variant is on the BA1 exception list (\(BA1ExceptionList.citation.text))"))
            } else {
                counted.append(c)
            }
        }

        let table5 = profile.table5.evaluate(counted)
        let points = PointsCombiner.points(counted)
        let pointsClass = PointThresholds.tavtigian2020.classify(points)
        let rule = spec?.combining ?? profile.combining
        let thresholds = spec?.thresholds ?? profile.thresholds

        func result(_ c: ACMGClass, _ by: DecidingRule, _ text: String) -> CombinationResult {
            CombinationResult(acmgClass: c, points: points, pointsClass: pointsClass, table5: table5, decidedBy: by,
                              rule: text, profile: profile.versionedID, specification: spec?.versionedID,
                              counted: counted, ignored: ignored)
        }
        func byPoints(_ why: String) -> CombinationResult {
            let c = thresholds.classify(points)
            if let spec, spec.minusOneIsLikelyBenignWithOnlyPM2Supporting, points == -1, onlyPM2Supporting(counted) {
                return result(.likelyBenign, .specificationOverride,
                              "points -1 with PM2_Supporting the only pathogenic code → Likely Benign (\(spec.id) Table 4)")
            }
            let source = spec?.thresholds != nil ? " (\(spec?.id ?? ""))" : ""
            return result(c, .points, "points \(points) → \(c.rawValue) [\(thresholds.band(of: c))]\(source)\(why)")
        }

        if profile.ba1EndsClassification, let sa = counted.first(where: { $0.strength == .standAlone }) {
            return result(.benign, .ba1, "\(sa.code) stand-alone → Benign (2015 Table 5 Benign (i); Ghosh 2018)")
        }
        switch rule {
        case .table5:
            return result(table5.acmgClass, .table5, table5.explanation)
        case .points:
            return byPoints("")
        case .sviHybrid:
            let tally = EvidenceTally(counted)
            let lonePM2 = profile.lonePM2SupportingIsNotConflict && onlyPM2(counted)
            let conflicting = tally.hasPathogenic && tally.hasBenign && !lonePM2
            if !conflicting, !table5.isSilent {
                return result(table5.acmgClass, .table5, table5.explanation)
            }
            return byPoints(conflicting ? "; evidence in both directions" : "; no 2015 Table 5 row met")
        }
    }

    /// PM2, at whatever strength the panel wrote it, is the only pathogenic code and there is benign evidence.
    /// A bare `PM2` in a specification older than the ClinGen SVI PM2 recommendation (v1.0, 2020) is Moderate;
    /// it is the same rarity observation the recommendation calibrates as Supporting, so it does not make the
    /// evidence conflicting either (see `ClassificationProfile.lonePM2SupportingIsNotConflict`).
    private func onlyPM2(_ criteria: [AppliedCriterion]) -> Bool {
        let pathogenic = criteria.filter { $0.direction == .pathogenic }
        return pathogenic.count == 1 && pathogenic[0].criterion == .PM2
            && criteria.contains { $0.direction == .benign }
    }

    /// PM2 at Supporting is the only pathogenic code and there is benign evidence.
    private func onlyPM2Supporting(_ criteria: [AppliedCriterion]) -> Bool {
        let pathogenic = criteria.filter { $0.direction == .pathogenic }
        return pathogenic.count == 1 && pathogenic[0].criterion == .PM2 && pathogenic[0].strength == .supporting
            && criteria.contains { $0.direction == .benign }
    }
}
