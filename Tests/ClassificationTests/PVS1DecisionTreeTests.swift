import Testing
@testable import Classification

/// PVS1 by the ClinGen SVI decision tree: Abou Tayoun et al. 2018, Hum Mutat 39:1517, Figure 1
/// (https://pmc.ncbi.nlm.nih.gov/articles/PMC6185798/). One case per leaf of the figure, named by its path.
@Suite struct PVS1DecisionTreeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let input: PVS1Input
        let branch: PVS1Branch
        let strength: Strength?
        var testDescription: String { name }
    }

    /// A nonsense variant in a gene with LoF as mechanism; the rest set per case.
    static func input(_ type: PVS1Input.VariantType, nmd: Bool? = nil, frame: Bool? = nil, relevant: Bool? = true,
                      critical: Bool? = nil, frequent: Bool? = false, length: Int? = 1000, removed: Int? = nil,
                      altStart: Bool? = nil, upstream: Bool? = nil, tandem: PVS1Input.Tandem? = nil) -> PVS1Input {
        PVS1Input(variantType: type, lofMechanism: true, predictedNMD: nmd, readingFramePreserved: frame,
                  exonInRelevantTranscripts: relevant, truncatedRegionCritical: critical, lofFrequentInExon: frequent,
                  proteinLength: length, residuesRemoved: removed, alternativeStartInOtherTranscript: altStart,
                  pathogenicUpstreamOfNextStart: upstream, tandem: tandem)
    }

    /// The shared lower part of the figure (critical region, frequency/relevance, > 10 %) under one product.
    static func regionCases(_ route: PVS1Branch.Route, _ type: PVS1Input.VariantType, _ product: PVS1Branch.Product,
                            nmd: Bool?, frame: Bool?) -> [Case] {
        let p = "\(route.rawValue) → \(product.rawValue)"
        return [
            Case(name: "\(p) → critical region → PVS1_Strong",
                 input: input(type, nmd: nmd, frame: frame, critical: true, removed: 5),
                 branch: .truncating(route, product, .criticalRegion), strength: .strong),
            Case(name: "\(p) → role unknown, LoF frequent in exon → N/A",
                 input: input(type, nmd: nmd, frame: frame, frequent: true, removed: 500),
                 branch: .truncating(route, product, .frequentOrNotRelevant), strength: nil),
            Case(name: "\(p) → role unknown, exon absent from relevant transcripts → N/A",
                 input: input(type, nmd: nmd, frame: frame, relevant: false, removed: 500),
                 branch: .truncating(route, product, .frequentOrNotRelevant), strength: nil),
            Case(name: "\(p) → role unknown → removes >10% (101/1000) → PVS1_Strong",
                 input: input(type, nmd: nmd, frame: frame, critical: false, removed: 101),
                 branch: .truncating(route, product, .over10Percent), strength: .strong),
            Case(name: "\(p) → role unknown → removes exactly 10% (100/1000) → PVS1_Moderate",
                 input: input(type, nmd: nmd, frame: frame, removed: 100),
                 branch: .truncating(route, product, .atMost10Percent), strength: .moderate),
        ]
    }

    static func nmdCases(_ route: PVS1Branch.Route, _ type: PVS1Input.VariantType, frame: Bool?) -> [Case] {
        [
            Case(name: "\(route.rawValue) → NMD → exon in relevant transcripts → PVS1",
                 input: input(type, nmd: true, frame: frame, relevant: true),
                 branch: .truncating(route, .nmd, .exonRelevant), strength: .veryStrong),
            Case(name: "\(route.rawValue) → NMD → exon absent from relevant transcripts → N/A",
                 input: input(type, nmd: true, frame: frame, relevant: false),
                 branch: .truncating(route, .nmd, .exonNotRelevant), strength: nil),
        ]
    }

    static let cases: [Case] =
        nmdCases(.nonsenseFrameshift, .nonsense, frame: nil)
        + regionCases(.nonsenseFrameshift, .frameshift, .noNMD, nmd: false, frame: nil)
        + nmdCases(.spliceSite, .canonicalSplice, frame: false)
        + regionCases(.spliceSite, .canonicalSplice, .noNMD, nmd: false, frame: false)
        + regionCases(.spliceSite, .canonicalSplice, .inFrame, nmd: nil, frame: true)
        + [Case(name: "deletion → full gene deletion → PVS1", input: input(.fullGeneDeletion),
                branch: .fullGeneDeletion, strength: .veryStrong)]
        + nmdCases(.exonDeletion, .exonDeletion, frame: false)
        + regionCases(.exonDeletion, .exonDeletion, .noNMD, nmd: false, frame: false)
        + regionCases(.exonDeletion, .exonDeletion, .inFrame, nmd: nil, frame: true)
        + [
            Case(name: "duplication → proven in tandem, frameshift with NMD → PVS1",
                 input: input(.exonDuplication, nmd: true, frame: false, tandem: .proven),
                 branch: .duplication(.provenTandemFrameshiftNMD), strength: .veryStrong),
            Case(name: "duplication → presumed in tandem, frameshift with NMD → PVS1_Strong",
                 input: input(.exonDuplication, nmd: true, frame: false, tandem: .presumed),
                 branch: .duplication(.presumedTandemFrameshiftNMD), strength: .strong),
            Case(name: "duplication → proven in tandem, frame preserved → N/A",
                 input: input(.exonDuplication, nmd: false, frame: true, tandem: .proven),
                 branch: .duplication(.noOrUnknownImpact), strength: nil),
            Case(name: "duplication → presumed in tandem, unknown impact on frame and NMD → N/A",
                 input: input(.exonDuplication, tandem: .presumed),
                 branch: .duplication(.noOrUnknownImpact), strength: nil),
            Case(name: "duplication → proven not in tandem → N/A",
                 input: input(.exonDuplication, nmd: true, frame: false, tandem: .provenNotInTandem),
                 branch: .duplication(.provenNotInTandem), strength: nil),
            Case(name: "initiation codon → alternative start codon in another functional transcript → N/A",
                 input: input(.initiationCodon, altStart: true, upstream: true),
                 branch: .initiationCodon(.alternativeStart), strength: nil),
            Case(name: "initiation codon → ≥1 pathogenic variant upstream of the closest in-frame Met → PVS1_Moderate",
                 input: input(.initiationCodon, altStart: false, upstream: true),
                 branch: .initiationCodon(.pathogenicUpstream), strength: .moderate),
            Case(name: "initiation codon → no pathogenic variant upstream of the closest in-frame Met → PVS1_Supporting",
                 input: input(.initiationCodon, altStart: nil, upstream: false),
                 branch: .initiationCodon(.noPathogenicUpstream), strength: .supporting),
        ]

    @Test("every leaf of Figure 1", arguments: cases)
    func leaf(_ c: Case) {
        #expect(PVS1Criterion.decide(c.input) == .branch(c.branch))
        #expect(c.branch.strength == c.strength)
        let r = PVS1Criterion.evaluate(c.input)
        #expect(r.criterion == .PVS1)
        if let s = c.strength {
            #expect(r.status == .met)
            #expect(r.strength == s)
        } else {
            #expect(r.status == .notMet)
        }
        #expect(r.fact?.contains(c.branch.description) == true)
        #expect(r.source?.contains("Abou Tayoun") == true)
    }

    @Test func everyLeafIsCoveredOnce() {
        #expect(Self.cases.count == 40)
        #expect(Set(Self.cases.map(\.branch)).count == 34, "frequent and not-relevant share one leaf; two duplication cases share N/A")
    }

    @Test("precondition: LoF must be a known mechanism")
    func lofMechanism() {
        var i = Self.input(.nonsense, nmd: true)
        i.lofMechanism = false
        #expect(PVS1Criterion.decide(i) == .lofNotMechanism)
        #expect(PVS1Criterion.evaluate(i).status == .notMet)
        i.lofMechanism = nil
        i.gene = "GENE1"
        guard case .notEvaluated(let reason) = PVS1Criterion.evaluate(i).status else {
            Issue.record("unknown mechanism must be not evaluated"); return
        }
        #expect(reason.contains("GENE1"))
    }

    @Test("a missense variant is not a null variant")
    func notNull() {
        let r = PVS1Criterion.evaluate(PVS1Input(variantType: .notNull("missense_variant"), lofMechanism: true))
        #expect(r.status == .notMet)
        #expect(r.fact?.contains("missense_variant") == true)
    }

    @Test("a question the tree needs but nobody answered leaves PVS1 not evaluated, naming the fact and the outcomes")
    func undetermined() {
        // NMD escape, role unknown, population LoF frequency not known.
        let i = Self.input(.nonsense, nmd: false, frequent: nil, removed: 50)
        guard case .undetermined(_, let missing, let outcomes) = PVS1Criterion.decide(i) else {
            Issue.record("expected undetermined"); return
        }
        #expect(missing == ["whether LoF variants in this exon are frequent in the population"])
        #expect(outcomes.contains("PVS1_Moderate"))  // 50 of 1000 residues
        guard case .notEvaluated = PVS1Criterion.evaluate(i).status else { Issue.record("status"); return }

        // A critical region decides before the unknown frequency is needed.
        #expect(PVS1Criterion.decide(Self.input(.nonsense, nmd: false, critical: true, frequent: nil))
                == .branch(.truncating(.nonsenseFrameshift, .noNMD, .criticalRegion)))
        // Splice variant without a predicted outcome; start-loss without the upstream-pathogenic answer.
        if case .undetermined = PVS1Criterion.decide(Self.input(.canonicalSplice)) {} else { Issue.record("splice") }
        if case .undetermined(_, _, let o) = PVS1Criterion.decide(Self.input(.initiationCodon)) {
            #expect(o == "yes → PVS1_Moderate; no → PVS1_Supporting")
        } else { Issue.record("initiation codon") }
    }

    @Test("the fact names the share of the protein removed")
    func sizeInFact() {
        let r = PVS1Criterion.evaluate(Self.input(.frameshift, nmd: false, length: 1863, removed: 98))
        #expect(r.strength == .moderate)
        #expect(r.fact?.hasSuffix("(98 of 1863 residues, 5.3%)") == true)
    }
}
