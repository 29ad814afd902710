extension OncogenicityInput.Computational {
    /// One calibrated missense predictor as the SOP's computational line (OP1 / SBP1, counted once).
    ///
    /// Horak 2022 names no score thresholds. The ClinGen SVI calibration is used instead (Pejaver et al. 2022,
    /// AJHG 109:2163, Table 2; REVEL by default, the same bands as PP3/BP4): a score in any PP3 band supports an
    /// oncogenic effect, a score in any BP4 band suggests no impact, and a score between the two is `mixed`
    /// (neither OP1 nor SBP1). **[verify]**: a VCEP or the SOP authors may prefer other cut-offs.
    public static func from(predictor: MissensePredictor, score: Double) -> (value: Self, fact: String) {
        let name = predictor.rawValue
        guard let band = predictor.calibration.band(for: score) else {
            return (.mixed, "\(name) \(score) between the BP4 and PP3 bands (Pejaver 2022): indeterminate")
        }
        let text = "\(name) \(score) in the \(band.criterion.rawValue) band \(band.interval) (Pejaver 2022)"
        return (band.criterion == .PP3 ? .oncogenic : .benign, text)
    }
}
