import Foundation
@testable import Consequence

/// A minimal parser of curated genomic HGVS (`g.` substitutions, del, dup, ins, delins, with or without the
/// legacy trailing sequence) into VCF-style alleles, for feeding curated truth sets to the predictor.
struct GenomicHGVS {
    var accession: String
    var allele: VariantAllele

    /// Parses `NC_…:g.…`; `base` returns reference bases (1-based, inclusive) for deletions and dups.
    init?(_ text: String, base: (Int, Int) -> [UInt8]?) {
        guard let colon = text.range(of: ":g.") else { return nil }
        accession = String(text[..<colon.lowerBound])
        let body = String(text[colon.upperBound...])
        let digits = CharacterSet.decimalDigits
        var scanner = Substring(body)
        func number() -> Int? {
            let d = scanner.prefix { $0.unicodeScalars.allSatisfy(digits.contains) }
            scanner = scanner.dropFirst(d.count)
            return Int(d)
        }
        guard let a = number() else { return nil }
        var b = a
        if scanner.hasPrefix("_") { scanner = scanner.dropFirst(); guard let x = number() else { return nil }; b = x }
        let rest = String(scanner)
        func bases(_ s: Substring) -> [UInt8] { Array(s.utf8) }
        if let gt = rest.firstIndex(of: ">") {
            allele = VariantAllele(start: a, refLength: 1, alt: bases(rest[rest.index(after: gt)...]))
        } else if let r = rest.range(of: "delins") ?? rest.range(of: "ins").flatMap({ rest.hasPrefix("del") ? rest.range(of: "ins") : $0 }) {
            let inserted = bases(rest[r.upperBound...])
            if rest.hasPrefix("del") {
                allele = VariantAllele(start: a, refLength: b - a + 1, alt: inserted)
            } else {
                allele = VariantAllele(start: b, refLength: 0, alt: inserted)  // between a and b = a + 1
            }
        } else if rest.hasPrefix("del") {
            allele = VariantAllele(start: a, refLength: b - a + 1, alt: [])
        } else if rest.hasPrefix("dup") {
            guard let dup = base(a, b) else { return nil }
            allele = VariantAllele(start: b + 1, refLength: 0, alt: dup)
        } else {
            return nil
        }
    }
}

/// Curated c. strings in current HGVS form: the legacy sequence after del/dup is dropped (`delTT` → `del`,
/// `delAAinsG` → `delinsG`), so they compare with ours.
func modernHGVS(_ c: String) -> String {
    var s = c
    if let r = s.range(of: #"del[ACGT]+ins"#, options: .regularExpression) { s.replaceSubrange(r, with: "delins") }
    if let r = s.range(of: #"(del|dup)[ACGT]+$"#, options: .regularExpression) {
        s.replaceSubrange(r, with: String(s[r].prefix(3)))
    }
    return s
}
