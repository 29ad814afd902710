import Foundation

/// ClinVar review status → the "gold stars" ClinVar shows, as defined at
/// https://www.ncbi.nlm.nih.gov/clinvar/docs/review_status/ :
///
/// | stars | CLNREVSTAT |
/// |---|---|
/// | 4 | practice guideline |
/// | 3 | reviewed by expert panel |
/// | 2 | criteria provided, multiple submitters, no conflicts |
/// | 1 | criteria provided, single submitter; criteria provided, conflicting interpretations (classifications) |
/// | 0 | no assertion criteria provided; no assertion provided; no classification provided (and the other "no …" statuses) |
///
/// The VCF spells statuses with `_` for spaces (`criteria_provided,_single_submitter`); both spellings are read.
/// An unknown status gives nil rather than a guess.
public enum ReviewStars {
    public static func stars(forReviewStatus status: String) -> Int? {
        var text = status.lowercased().replacingOccurrences(of: "_", with: " ")
        text = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ",")
        switch text {
        case "practice guideline": return 4
        case "reviewed by expert panel": return 3
        case "criteria provided,multiple submitters,no conflicts": return 2
        case "criteria provided,single submitter",
             "criteria provided,conflicting interpretations",
             "criteria provided,conflicting classifications": return 1
        case "no assertion criteria provided", "no assertion provided", "no classification provided",
             "no interpretation for the single variant", "no classification for the single variant",
             "no classifications from unflagged records": return 0
        default: return nil
        }
    }
}
