/// A missense impact predictor with a published ClinGen calibration (one is chosen per profile, in advance and
/// genome-wide: Pejaver et al. 2022 warn against picking the tool per variant).
public enum MissensePredictor: String, Sendable, Hashable, Codable, CaseIterable {
    case revel = "REVEL"
    /// BayesDel without the allele-frequency feature, as calibrated (frequency would be counted twice with PM2/BS1).
    case bayesDelNoAF = "BayesDel_noAF"
    case alphaMissense = "AlphaMissense"

    /// The score intervals for each PP3/BP4 strength.
    public var calibration: PredictorCalibration {
        switch self {
        case .revel:
            // Pejaver 2022 Table 2. REVEL is the only tool of the three that reaches BP4 Very Strong.
            return PredictorCalibration(predictor: self, citation: SequenceSources.pejaver2022, bands: [
                .init(.BP4, .veryStrong, .atMost(0.003)),
                .init(.BP4, .strong, .openClosed(0.003, 0.016)),
                .init(.BP4, .moderate, .openClosed(0.016, 0.183)),
                .init(.BP4, .supporting, .openClosed(0.183, 0.290)),
                .init(.PP3, .supporting, .closedOpen(0.644, 0.773)),
                .init(.PP3, .moderate, .closedOpen(0.773, 0.932)),
                .init(.PP3, .strong, .atLeast(0.932)),
            ])
        case .bayesDelNoAF:
            return PredictorCalibration(predictor: self, citation: SequenceSources.pejaver2022, bands: [
                .init(.BP4, .moderate, .atMost(-0.36)),
                .init(.BP4, .supporting, .openClosed(-0.36, -0.18)),
                .init(.PP3, .supporting, .closedOpen(0.13, 0.27)),
                .init(.PP3, .moderate, .closedOpen(0.27, 0.50)),
                .init(.PP3, .strong, .atLeast(0.50)),
            ])
        case .alphaMissense:
            // Bergquist 2025 [verify]: the values are from a secondary listing, the bound conventions follow
            // Pejaver 2022 (benign side closed above, pathogenic side closed below).
            return PredictorCalibration(predictor: self, citation: SequenceSources.bergquist2025, bands: [
                .init(.BP4, .moderate, .atMost(0.070)),
                .init(.BP4, .supporting, .openClosed(0.070, 0.169)),
                .init(.PP3, .supporting, .closedOpen(0.792, 0.906)),
                .init(.PP3, .moderate, .closedOpen(0.906, 0.990)),
                .init(.PP3, .strong, .atLeast(0.990)),
            ])
        }
    }
}

/// One predictor's calibrated intervals: which criterion and strength each score interval gives.
public struct PredictorCalibration: Sendable, Hashable {
    public struct Band: Sendable, Hashable {
        public var criterion: Criterion
        public var strength: Strength
        public var interval: ScoreInterval
        public init(_ criterion: Criterion, _ strength: Strength, _ interval: ScoreInterval) {
            self.criterion = criterion
            self.strength = strength
            self.interval = interval
        }
    }

    public var predictor: MissensePredictor
    public var citation: Citation
    /// Disjoint intervals; a score in none of them is indeterminate (neither PP3 nor BP4).
    public var bands: [Band]

    /// The band holding `score`, nil when the score is indeterminate or not a number.
    public func band(for score: Double) -> Band? {
        bands.first { $0.interval.contains(score) }
    }
}
