/// What PP3 and BP4 are decided from: one calibrated missense predictor and one splicing predictor.
public struct InSilicoInput: Sendable, Hashable {
    /// Which kind of variant the predictions are read for.
    public enum VariantClass: Sendable, Hashable {
        /// Missense: the missense predictor and SpliceAI both count (Pejaver 2022; Walker 2023).
        case missense
        /// A canonical ±1/2 splice-site variant: its splicing evidence belongs to PVS1 (Walker 2023: PP3 is not
        /// applied with PVS1 for the same variant).
        case canonicalSplice
        /// Any other variant (synonymous, intronic, UTR, in-frame): SpliceAI only.
        case other
    }

    public var variantClass: VariantClass
    /// The predictor chosen by the profile for missense variants.
    public var predictor: MissensePredictor
    public var missenseScore: Double?
    /// The highest of SpliceAI's four delta scores (DS_AG, DS_AL, DS_DG, DS_DL).
    public var spliceAIMaxDelta: Double?

    public init(variantClass: VariantClass, predictor: MissensePredictor = .revel, missenseScore: Double? = nil,
                spliceAIMaxDelta: Double? = nil) {
        self.variantClass = variantClass
        self.predictor = predictor
        self.missenseScore = missenseScore
        self.spliceAIMaxDelta = spliceAIMaxDelta
    }
}

/// PP3 and BP4 from calibrated computational predictions.
///
/// Missense (Pejaver et al. 2022, Table 2): the profile's one predictor gives PP3 or BP4 at the strength of the
/// interval its score falls in (`MissensePredictor.calibration`). Splicing (Walker et al. 2023): SpliceAI max
/// Δ ≥ 0.2 gives PP3 (Supporting), ≤ 0.1 BP4 (Supporting). For a missense variant PP3 is applied once, at the
/// stronger of the two, and BP4 needs both predictions to say "no impact" **[verify]**.
public enum InSilicoEvidence {
    public struct Results: Sendable, Hashable {
        public var pp3: CriterionResult
        public var bp4: CriterionResult
    }

    public static func evaluate(_ input: InSilicoInput) -> Results {
        switch input.variantClass {
        case .canonicalSplice:
            let fact = "canonical ±1/2 splice site: splicing evidence is weighed by PVS1, not PP3/BP4"
            return Results(pp3: result(.PP3, .notMet, fact: fact, SequenceSources.walker2023),
                           bp4: result(.BP4, .notMet, fact: fact, SequenceSources.walker2023))
        case .other:
            return spliceOnly(input.spliceAIMaxDelta)
        case .missense:
            return missense(input)
        }
    }

    /// The missense predictor's call on its own: the band's criterion and strength, nil when indeterminate.
    public static func missenseCall(_ predictor: MissensePredictor, score: Double) -> PredictorCalibration.Band? {
        predictor.calibration.band(for: score)
    }

    private static func spliceOnly(_ score: Double?) -> Results {
        let source = SequenceSources.walker2023
        guard let score, let impact = SpliceImpact(spliceAIMaxDelta: score) else {
            let reason = "no SpliceAI score for this allele"
            return Results(pp3: result(.PP3, .notEvaluated(reason: reason), fact: nil, source),
                           bp4: result(.BP4, .notEvaluated(reason: reason), fact: nil, source))
        }
        let s = SpliceImpact.describe(score)
        switch impact {
        case .impact:
            return Results(pp3: result(.PP3, .met, .supporting, fact: "\(s) ≥ 0.2: splicing impact predicted", source),
                           bp4: result(.BP4, .notMet, fact: "\(s) > 0.1", source))
        case .noImpact:
            return Results(pp3: result(.PP3, .notMet, fact: "\(s) < 0.2", source),
                           bp4: result(.BP4, .met, .supporting, fact: "\(s) ≤ 0.1: no splicing impact predicted", source))
        case .indeterminate:
            let fact = "\(s) between 0.1 and 0.2: no call"
            return Results(pp3: result(.PP3, .notMet, fact: fact, source), bp4: result(.BP4, .notMet, fact: fact, source))
        }
    }

    private static func missense(_ input: InSilicoInput) -> Results {
        let calibration = input.predictor.calibration
        let name = input.predictor.rawValue
        let splice = SpliceImpact(spliceAIMaxDelta: input.spliceAIMaxDelta)
        let spliceText = input.spliceAIMaxDelta.map(SpliceImpact.describe) ?? "no SpliceAI score"
        let sources = [calibration.citation, SequenceSources.walker2023Combination]
        let source = sources.map(\.description).joined(separator: "; ")

        guard let score = input.missenseScore, score.isFinite else {
            // Without the missense score only splicing can speak, and only for PP3.
            let reason = "no \(name) score for this allele"
            let pp3: CriterionResult
            if splice == .impact {
                pp3 = result(.PP3, .met, .supporting, fact: "\(spliceText) ≥ 0.2: splicing impact predicted (\(reason))",
                             SequenceSources.walker2023)
            } else {
                pp3 = result(.PP3, .notEvaluated(reason: reason), fact: nil, calibration.citation)
            }
            return Results(pp3: pp3, bp4: result(.BP4, .notEvaluated(reason: reason), fact: nil, calibration.citation))
        }

        let band = calibration.band(for: score)
        let scoreText = "\(name) \(ScoreInterval.text(score))"
        let bandText = band.map { "\(scoreText) in \($0.interval) → \($0.criterion.rawValue)_\($0.strength.label)" }
            ?? "\(scoreText) indeterminate (between the BP4 and PP3 intervals)"

        // PP3: the stronger of the missense band and the splicing prediction (Supporting).
        var pp3Strength: Strength?
        if let band, band.criterion == .PP3 { pp3Strength = band.strength }
        if splice == .impact { pp3Strength = max(pp3Strength ?? .supporting, .supporting) }
        let pp3: CriterionResult
        if let pp3Strength {
            pp3 = CriterionResult(criterion: .PP3, status: .met, strength: pp3Strength, fact: "\(bandText); \(spliceText)",
                                  source: source)
        } else {
            pp3 = CriterionResult(criterion: .PP3, status: .notMet, fact: "\(bandText); \(spliceText)", source: source)
        }

        // BP4: the missense band and no predicted splicing impact.
        let bp4: CriterionResult
        if let band, band.criterion == .BP4 {
            switch splice {
            case .noImpact?:
                bp4 = CriterionResult(criterion: .BP4, status: .met, strength: band.strength,
                                      fact: "\(bandText); \(spliceText) ≤ 0.1", source: source)
            case nil:
                bp4 = CriterionResult(criterion: .BP4,
                                      status: .notEvaluated(reason: "\(bandText), but no SpliceAI score: BP4 also needs no predicted splicing impact"),
                                      strength: band.strength, source: source)
            case .impact?, .indeterminate?:
                bp4 = CriterionResult(criterion: .BP4, status: .notMet,
                                      fact: "\(bandText), but \(spliceText) > 0.1", source: source)
            }
        } else {
            bp4 = CriterionResult(criterion: .BP4, status: .notMet, fact: bandText, source: source)
        }
        return Results(pp3: pp3, bp4: bp4)
    }

    static func result(_ c: Criterion, _ status: CriterionStatus, _ strength: Strength? = nil, fact: String?,
                       _ citation: Citation) -> CriterionResult {
        CriterionResult(criterion: c, status: status, strength: strength, fact: fact, source: citation.description)
    }
}
