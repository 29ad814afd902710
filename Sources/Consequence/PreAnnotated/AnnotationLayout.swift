import Foundation

/// The tool that wrote a pre-annotated consequence field.
public enum AnnotationTool: String, Sendable {
    /// Ensembl VEP `CSQ` (also gnomAD's `vep`, and our own `CSL_CSQ`, which uses VEP's layout).
    case vep
    /// SnpEff `ANN` (the 2015 "VCF annotation format" standard).
    case snpEff
    /// bcftools csq `BCSQ`.
    case bcftools
}

/// Where each value sits in one entry of a pre-annotated INFO field, read from the header's Description.
///
/// VEP: `… Format: Allele|Consequence|IMPACT|…`; SnpEff: `Functional annotations: 'Allele | Annotation | … '`;
/// bcftools: `… BCFtools/csq … Format: Consequence|gene|transcript|biotype|strand|amino_acid_change|dna_change`.
/// Fields are found by name, so extra or reordered columns (gnomAD's 46-field `vep`) are read the same way.
public struct AnnotationLayout: Sendable, Equatable {
    public let tool: AnnotationTool
    /// The INFO ID (`CSQ`, `ANN`, `BCSQ`, `vep`, `CSL_CSQ`…).
    public let tag: String
    /// Field names in entry order, as the header writes them.
    public let fields: [String]

    /// Column indices of the values the classifier reads; -1 when the layout lacks the field.
    let allele, consequence, impact, symbol, gene, feature, biotype, exon, intron, hgvsc, hgvsp, proteinPosition,
        aminoAcids, strand, canonical, mane, dnaChange: Int

    public init(tool: AnnotationTool, tag: String, fields: [String]) {
        self.tool = tool
        self.tag = tag
        self.fields = fields
        func at(_ names: String...) -> Int {
            for n in names { if let i = fields.firstIndex(where: { $0.caseInsensitiveCompare(n) == .orderedSame }) { return i } }
            return -1
        }
        switch tool {
        case .vep:
            allele = at("Allele"); consequence = at("Consequence"); impact = at("IMPACT"); symbol = at("SYMBOL")
            gene = at("Gene"); feature = at("Feature"); biotype = at("BIOTYPE"); exon = at("EXON"); intron = at("INTRON")
            hgvsc = at("HGVSc"); hgvsp = at("HGVSp"); proteinPosition = at("Protein_position")
            aminoAcids = at("Amino_acids"); strand = at("STRAND"); canonical = at("CANONICAL")
            mane = at("MANE_SELECT", "MANE"); dnaChange = -1
        case .snpEff:
            allele = at("Allele"); consequence = at("Annotation"); impact = at("Annotation_Impact"); symbol = at("Gene_Name")
            gene = at("Gene_ID"); feature = at("Feature_ID"); biotype = at("Transcript_BioType"); exon = at("Rank")
            intron = -1; hgvsc = at("HGVS.c"); hgvsp = at("HGVS.p"); proteinPosition = at("AA.pos / AA.length")
            aminoAcids = -1; strand = -1; canonical = -1; mane = -1; dnaChange = -1
        case .bcftools:
            allele = -1; consequence = at("Consequence"); impact = -1; symbol = at("gene"); gene = -1
            feature = at("transcript"); biotype = at("biotype"); exon = -1; intron = -1; hgvsc = -1; hgvsp = -1
            proteinPosition = at("amino_acid_change"); aminoAcids = at("amino_acid_change"); strand = at("strand")
            canonical = -1; mane = -1; dnaChange = at("dna_change")
        }
    }

    /// The layout of INFO field `tag` from its header Description, nil when it is not one of the three formats.
    public init?(tag: String, description: String) {
        if let r = description.range(of: "Functional annotations:") {
            // SnpEff quotes the list: 'Allele | Annotation | … | ERRORS / WARNINGS / INFO'
            let rest = description[r.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " '\""))
            self.init(tool: .snpEff, tag: tag, fields: rest.components(separatedBy: "|").map { $0.trimmingCharacters(in: .whitespaces) })
            return
        }
        guard let r = description.range(of: "Format:") else { return nil }
        let list = description[r.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " '\""))
        let fields = list.components(separatedBy: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        if description.contains("BCFtools/csq") || fields.first?.hasPrefix("Consequence") == true && fields.contains("dna_change") {
            self.init(tool: .bcftools, tag: tag, fields: fields)
        } else if fields.contains("Allele") && fields.contains("Consequence") {
            self.init(tool: .vep, tag: tag, fields: fields)
        } else {
            return nil
        }
    }

    /// Every consequence field a VCF header declares (`##INFO=<ID=…,Description="…">` lines), in header order.
    public static func detect(headerText: String) -> [AnnotationLayout] {
        var out: [AnnotationLayout] = []
        for line in headerText.split(separator: "\n") where line.hasPrefix("##INFO=<") {
            guard let id = Self.attribute("ID", in: line), let d = Self.attribute("Description", in: line),
                  let layout = AnnotationLayout(tag: id, description: d) else { continue }
            out.append(layout)
        }
        return out
    }

    /// The value of `key=` in a structured header line (`Description` is quoted and may hold commas).
    static func attribute(_ key: String, in line: Substring) -> String? {
        guard let r = line.range(of: "\(key)=") else { return nil }
        var rest = line[r.upperBound...]
        if rest.first == "\"" {
            rest = rest.dropFirst()
            var value = ""
            var escaped = false
            for c in rest {
                if escaped { value.append(c); escaped = false; continue }
                if c == "\\" { escaped = true; continue }
                if c == "\"" { return value }
                value.append(c)
            }
            return value
        }
        return String(rest.prefix { $0 != "," && $0 != ">" })
    }
}
