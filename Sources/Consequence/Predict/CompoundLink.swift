/// How one entry relates to a haplotype-combined change (bcftools csq's "compound" consequences).
///
/// Alleles of one haplotype that touch the same codon, or that follow a frameshift before the frame is
/// restored, are translated together. The combined change is reported once, on the entry of the member that
/// comes first in transcript order (the lead: the lowest POS on the + strand, the highest on the − strand, as
/// bcftools reports it); the entries of the other records keep their own consequence and point back to the
/// lead, as bcftools writes `@POS`.
public struct CompoundLink: Sendable, Equatable {
    /// VCF POS of the lead record.
    public var lead: Int
    /// VCF POS of every member, lead included, ascending; empty on the entries that point back to the lead.
    public var members: [Int]

    public init(lead: Int, members: [Int]) {
        self.lead = lead
        self.members = members
    }

    /// True on the entry that carries the combined change.
    public var isLead: Bool { !members.isEmpty }

    /// The CSQ field text: `1+175+198` on the lead, `@1` on the others.
    public var text: String {
        isLead ? members.map(String.init).joined(separator: "+") : "@\(lead)"
    }
}
