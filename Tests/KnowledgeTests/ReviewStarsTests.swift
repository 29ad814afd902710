import Testing
@testable import Knowledge

/// Review stars as ClinVar defines them (https://www.ncbi.nlm.nih.gov/clinvar/docs/review_status/), with the
/// CLNREVSTAT spellings of NCBI's VCF (underscores for spaces).
@Suite struct ReviewStarsTests {
    @Test(arguments: [
        ("practice_guideline", 4),
        ("reviewed_by_expert_panel", 3),
        ("criteria_provided,_multiple_submitters,_no_conflicts", 2),
        ("criteria_provided,_single_submitter", 1),
        ("criteria_provided,_conflicting_interpretations", 1),
        ("criteria_provided,_conflicting_classifications", 1),
        ("no_assertion_criteria_provided", 0),
        ("no_assertion_provided", 0),
        ("no_classification_provided", 0),
        ("no_interpretation_for_the_single_variant", 0),
        // The web page's spelling, with spaces.
        ("criteria provided, multiple submitters, no conflicts", 2),
        ("reviewed by expert panel", 3),
    ])
    func documentedStatuses(status: String, stars: Int) {
        #expect(ReviewStars.stars(forReviewStatus: status) == stars)
    }

    /// An unknown status is not guessed.
    @Test func unknownStatusHasNoStars() {
        #expect(ReviewStars.stars(forReviewStatus: "criteria_provided") == nil)
        #expect(ReviewStars.stars(forReviewStatus: "") == nil)
    }
}
