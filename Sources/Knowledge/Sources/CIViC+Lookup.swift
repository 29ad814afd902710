import Foundation
import HTS

/// Finds the CIViC variants a sequence variant is, and their evidence and assertions.
///
/// CIViC publishes coordinates on GRCh37 only (API v1/v2, 2017–2024 exports), so a GRCh38 record is matched
/// through build-independent keys, most specific first:
/// 1. the ClinVar variation id the knowledge base found for the allele (`clinvarIDs` of the CIViC variant);
/// 2. the record's dbSNP id (`rs…` in the VCF ID column) among the variant's aliases, *and* the same REF/ALT
///    bases as CIViC's coordinates (an rs id alone names a site, not an allele: rs113488022 is V600E, V600G, …);
/// 3. gene and one-letter protein change from the consequence stage (`BRAF` + `V600E`) against the variant name;
/// 4. position and alleles when the record's build is CIViC's (GRCh37).
/// Only evidence and assertions whose molecular profile is this single variant are returned: a complex profile
/// (`EGFR L858R AND EGFR T790M`) needs every part and is not matched by one record.
public struct CIViCVariantMatcher: Sendable {
    public let knowledge: CIViCKnowledge
    private var byProtein: [String: [Int]] = [:]
    private var byClinVar: [String: [Int]] = [:]
    private var byDbSNP: [String: [Int]] = [:]
    private var byPosition: [String: [Int]] = [:]
    private var evidenceOf: [Int: [Int]] = [:]
    private var assertionsOf: [Int: [Int]] = [:]
    private var variantIndex: [Int: Int] = [:]

    public init(knowledge: CIViCKnowledge) {
        self.knowledge = knowledge
        for (i, v) in knowledge.variants.enumerated() {
            variantIndex[v.id] = i
            if let g = v.gene { byProtein["\(g):\(v.name.uppercased())", default: []].append(v.id) }
            for c in v.clinvarIDs { byClinVar[c, default: []].append(v.id) }
            for a in v.aliases where a.lowercased().hasPrefix("rs") && a.dropFirst(2).allSatisfy(\.isNumber) {
                byDbSNP[a.lowercased(), default: []].append(v.id)
            }
            if let c = v.coordinates, let allele = c.vcfAllele, let build = c.build {
                byPosition[Self.positionKey(build: build, chrom: allele.chrom, pos: allele.pos, ref: allele.ref, alt: allele.alt),
                           default: []].append(v.id)
            }
        }
        for (i, e) in knowledge.evidence.enumerated() { if let v = e.variantID { evidenceOf[v, default: []].append(i) } }
        for (i, a) in knowledge.assertions.enumerated() { if let v = a.variantID { assertionsOf[v, default: []].append(i) } }
    }

    static func positionKey(build: String, chrom: String, pos: String, ref: String, alt: String) -> String {
        var c = chrom
        if c.lowercased().hasPrefix("chr") { c = String(c.dropFirst(3)) }
        return "\(build.uppercased()):\(c):\(pos):\(ref.uppercased()):\(alt.uppercased())"
    }

    public func variant(id: Int) -> CIViCVariant? { variantIndex[id].map { knowledge.variants[$0] } }

    /// Variants named `proteinChange` (one-letter, e.g. `V600E`) in `gene`.
    public func variants(gene: String, proteinChange: String) -> [Int] { byProtein["\(gene):\(proteinChange.uppercased())"] ?? [] }

    /// Variants listing this ClinVar variation id.
    public func variants(clinvarID: String) -> [Int] { byClinVar[clinvarID] ?? [] }

    /// Variants with this dbSNP id among their aliases and CIViC coordinates with these REF/ALT bases.
    public func variants(dbSNP: String, ref: String, alt: String) -> [Int] {
        (byDbSNP[dbSNP.lowercased()] ?? []).filter { id in
            guard let a = variant(id: id)?.coordinates?.vcfAllele else { return false }
            return a.ref.uppercased() == ref.uppercased() && a.alt.uppercased() == alt.uppercased()
        }
    }

    /// Variants at this position with these alleles on `build` (CIViC's coordinates are GRCh37).
    public func variants(build: String, chrom: String, pos: Int, ref: String, alt: String) -> [Int] {
        byPosition[Self.positionKey(build: build, chrom: chrom, pos: String(pos), ref: ref, alt: alt)] ?? []
    }

    public func evidence(variant id: Int) -> [CIViCEvidenceItem] { (evidenceOf[id] ?? []).map { knowledge.evidence[$0] } }
    public func assertions(variant id: Int) -> [CIViCAssertion] { (assertionsOf[id] ?? []).map { knowledge.assertions[$0] } }
}

extension CIViCKnowledge {
    /// The CIViC records of a knowledge base (`kb build --civic`), or nil when it has none.
    ///
    /// The bundle file was checked against the manifest when the knowledge base was opened.
    public static func load(from kb: KnowledgeBase) throws(InputError) -> CIViCKnowledge? {
        guard let source = kb.manifest.sources.first(where: { $0.kind == "civic" }) else { return nil }
        let path = (kb.path as NSString).appendingPathComponent(source.index)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, location: .file, problem: "the CIViC file the manifest lists is missing or unreadable",
                             hint: "rebuild the knowledge base with `consilium kb build --civic DIR`")
        }
        do {
            return try JSONDecoder().decode(CIViCKnowledge.self, from: data)
        } catch {
            throw InputError(file: path, location: .file, problem: "the CIViC file is not in this consilium's format",
                             hint: "rebuild the knowledge base with this version of consilium")
        }
    }
}
