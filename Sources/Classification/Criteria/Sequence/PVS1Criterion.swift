/// The outcome of the PVS1 decision tree for one variant.
public enum PVS1Decision: Sendable, Hashable {
    /// A leaf of the figure was reached.
    case branch(PVS1Branch)
    /// Not a null variant: the tree does not start.
    case notNull(String)
    /// The gene table says loss of function is not an established mechanism: PVS1 does not apply.
    case lofNotMechanism
    /// The gene table has no loss-of-function value for the gene.
    case lofMechanismUnknown
    /// The tree stopped at a question whose answer is not known: the path so far, what is missing, and where
    /// each answer would lead.
    case undetermined(path: [String], missing: [String], outcomes: String)
}

/// PVS1 by the ClinGen SVI decision tree (Abou Tayoun et al. 2018, Hum Mutat 39:1517, Figure 1).
///
/// Precondition: loss of function is an established disease mechanism for the gene. Nonsense and frameshift
/// variants go by NMD (the 50-nt rule), exon relevance, the critical-region question, population LoF frequency and
/// the > 10 % rule; canonical ±1/2 splice variants and exon deletions by the predicted product (frame disrupted
/// with or without NMD, or preserved); duplications by tandem evidence; initiation codons by alternative starts
/// and pathogenic variants upstream of the closest in-frame start codon.
public enum PVS1Criterion {
    public static func evaluate(_ input: PVS1Input) -> CriterionResult {
        let decision = decide(input)
        let source = SequenceSources.abouTayoun2018.description
        let prefix = [input.gene, input.location].compactMap { $0 }.joined(separator: " ")
        func fact(_ text: String) -> String { prefix.isEmpty ? text : "\(prefix): \(text)" }
        switch decision {
        case .notNull(let what):
            return CriterionResult(criterion: .PVS1, status: .notMet, fact: fact("not a null variant (\(what))"),
                                   source: source)
        case .lofNotMechanism:
            return CriterionResult(criterion: .PVS1, status: .notMet,
                                   fact: fact("loss of function is not an established disease mechanism for the gene"),
                                   source: source)
        case .lofMechanismUnknown:
            return CriterionResult(criterion: .PVS1,
                                   status: .notEvaluated(reason: "the gene table has no loss-of-function mechanism value for \(input.gene ?? "the gene")"),
                                   source: source)
        case .undetermined(let path, let missing, let outcomes):
            let reason = "\(path.joined(separator: " → ")): needs \(missing.joined(separator: " and ")) (\(outcomes))"
            return CriterionResult(criterion: .PVS1, status: .notEvaluated(reason: fact(reason)), source: source)
        case .branch(let branch):
            let text = fact(branch.description + sizeNote(input, branch))
            if let strength = branch.strength {
                return CriterionResult(criterion: .PVS1, status: .met, strength: strength, fact: text, source: source)
            }
            return CriterionResult(criterion: .PVS1, status: .notMet, fact: text, source: source)
        }
    }

    public static func decide(_ input: PVS1Input) -> PVS1Decision {
        if case .notNull(let what) = input.variantType { return .notNull(what) }
        switch input.lofMechanism {
        case false?: return .lofNotMechanism
        case nil: return .lofMechanismUnknown
        case true?: break
        }
        switch input.variantType {
        case .notNull(let what): return .notNull(what)
        case .fullGeneDeletion: return .branch(.fullGeneDeletion)
        case .exonDuplication: return duplication(input)
        case .initiationCodon: return initiationCodon(input)
        case .nonsense, .frameshift: return afterFrame(.nonsenseFrameshift, input)
        case .canonicalSplice: return productFrame(.spliceSite, input)
        case .exonDeletion: return productFrame(.exonDeletion, input)
        }
    }

    /// Splice site and exon deletion: does the predicted product keep the reading frame?
    private static func productFrame(_ route: PVS1Branch.Route, _ input: PVS1Input) -> PVS1Decision {
        guard let preserved = input.readingFramePreserved else {
            let what = route == .spliceSite ? "a predicted splicing outcome (exon skipping or cryptic site)"
                                            : "whether the deletion keeps the reading frame"
            return .undetermined(path: [route.rawValue], missing: [what],
                                 outcomes: "frame disrupted → NMD question; frame preserved → critical region and size")
        }
        return preserved ? regionSubtree(route, .inFrame, input) : afterFrame(route, input)
    }

    /// Frame disrupted (or a nonsense/frameshift variant): NMD decides the branch.
    private static func afterFrame(_ route: PVS1Branch.Route, _ input: PVS1Input) -> PVS1Decision {
        guard let nmd = input.predictedNMD else {
            let path = route == .nonsenseFrameshift ? [route.rawValue] : [route.rawValue, "reading frame disrupted"]
            return .undetermined(path: path, missing: ["an NMD prediction"],
                                 outcomes: "NMD → exon relevance; no NMD → critical region and size")
        }
        return nmd ? nmdLeaf(route, input) : regionSubtree(route, .noNMD, input)
    }

    /// NMD predicted: PVS1 when the exon is in biologically relevant transcript(s), else N/A.
    private static func nmdLeaf(_ route: PVS1Branch.Route, _ input: PVS1Input) -> PVS1Decision {
        switch input.exonInRelevantTranscripts {
        case true?: return .branch(.truncating(route, .nmd, .exonRelevant))
        case false?: return .branch(.truncating(route, .nmd, .exonNotRelevant))
        case nil:
            return .undetermined(path: [route.rawValue, PVS1Branch.Product.nmd.rawValue],
                                 missing: ["whether the exon is in biologically relevant transcript(s)"],
                                 outcomes: "yes → PVS1; no → N/A")
        }
    }

    /// No NMD or frame preserved: critical region → Strong; else population LoF frequency and exon relevance
    /// → N/A; else the share of the protein removed (> 10 % Strong, ≤ 10 % Moderate).
    private static func regionSubtree(_ route: PVS1Branch.Route, _ product: PVS1Branch.Product,
                                      _ input: PVS1Input) -> PVS1Decision {
        if input.truncatedRegionCritical == true { return .branch(.truncating(route, product, .criticalRegion)) }
        if input.lofFrequentInExon == true || input.exonInRelevantTranscripts == false {
            return .branch(.truncating(route, product, .frequentOrNotRelevant))
        }
        let sizeLeaf = removesOver10Percent(input).map { $0 ? PVS1Branch.Leaf.over10Percent : .atMost10Percent }
        var missing: [String] = []
        if input.lofFrequentInExon == nil { missing.append("whether LoF variants in this exon are frequent in the population") }
        if input.exonInRelevantTranscripts == nil { missing.append("whether the exon is in biologically relevant transcript(s)") }
        if sizeLeaf == nil { missing.append("the protein length and the residues removed") }
        guard missing.isEmpty, let sizeLeaf else {
            let ifNot = sizeLeaf.flatMap { PVS1Branch.truncating(route, product, $0).strength }
                .map { "PVS1_\($0.label)" } ?? "PVS1_Strong if >10% of the protein is removed, else PVS1_Moderate"
            return .undetermined(path: [route.rawValue, product.rawValue, "role of region unknown"], missing: missing,
                                 outcomes: "frequent or not relevant → N/A; otherwise \(ifNot)")
        }
        return .branch(.truncating(route, product, sizeLeaf))
    }

    /// "Variant removes > 10 % of protein"; nil without the numbers.
    static func removesOver10Percent(_ input: PVS1Input) -> Bool? {
        guard let length = input.proteinLength, let removed = input.residuesRemoved, length > 0, removed >= 0 else {
            return nil
        }
        return removed * 10 > length
    }

    private static func duplication(_ input: PVS1Input) -> PVS1Decision {
        guard let tandem = input.tandem else {
            return .undetermined(path: ["duplication"], missing: ["whether the duplication is in tandem"],
                                 outcomes: "proven/presumed in tandem with frameshift and NMD → PVS1/PVS1_Strong; otherwise N/A")
        }
        let disruptsWithNMD = input.readingFramePreserved == false && input.predictedNMD == true
        switch tandem {
        case .provenNotInTandem: return .branch(.duplication(.provenNotInTandem))
        case .proven: return .branch(.duplication(disruptsWithNMD ? .provenTandemFrameshiftNMD : .noOrUnknownImpact))
        case .presumed: return .branch(.duplication(disruptsWithNMD ? .presumedTandemFrameshiftNMD : .noOrUnknownImpact))
        }
    }

    private static func initiationCodon(_ input: PVS1Input) -> PVS1Decision {
        if input.alternativeStartInOtherTranscript == true { return .branch(.initiationCodon(.alternativeStart)) }
        switch input.pathogenicUpstreamOfNextStart {
        case true?: return .branch(.initiationCodon(.pathogenicUpstream))
        case false?: return .branch(.initiationCodon(.noPathogenicUpstream))
        case nil:
            let next = input.nextInFrameStart.map { " (Met\($0))" } ?? ""
            return .undetermined(path: ["initiation codon", "no known alternative start codon"],
                                 missing: ["whether a pathogenic variant lies upstream of the closest in-frame start codon\(next)"],
                                 outcomes: "yes → PVS1_Moderate; no → PVS1_Supporting")
        }
    }

    private static func sizeNote(_ input: PVS1Input, _ branch: PVS1Branch) -> String {
        guard case .truncating(_, _, let leaf) = branch, leaf == .over10Percent || leaf == .atMost10Percent,
              let length = input.proteinLength, let removed = input.residuesRemoved, length > 0 else { return "" }
        let percent = Double(removed) * 100 / Double(length)
        let rounded = (percent * 10).rounded() / 10
        return " (\(removed) of \(length) residues, \(rounded)%)"
    }
}
