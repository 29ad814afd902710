import Foundation
import HTS
import Testing
import TestSupport
@testable import Consequence

/// Curated HGVS for TP53, BRCA1 and PALB2: ClinGen eRepo (dev set; GRCh38 g. and MANE c. in `HGVS Expressions`,
/// p. in the variation name) and biocommons' ClinVar vectors (g. and c.). From the g. we predict and name the
/// variant on the MANE Select transcript of our gene model; c. must equal the curated c. (legacy `delTT` written
/// as `del`), p. the curated p. without parentheses. MANE pairs share numbering (NM_000546 ≡ ENST00000269305,
/// NM_024675 ≡ ENST00000261584).
@Suite struct CuratedHGVSTests {
    struct Gene {
        var symbol: String
        var genomic: String
        var contig: String
        /// Accession prefixes whose c. numbering is our transcript's.
        var accessions: [String]
        var transcript: String
        var setup: () throws -> ClinicalGenesTests.Setup
    }

    static var genes: [Gene] { [
        Gene(symbol: "TP53", genomic: "NC_000017.11:g.", contig: "chr17", accessions: ["NM_000546.", "ENST00000269305."],
             transcript: "ENST00000269305", setup: ClinicalGenesTests.tp53),
        Gene(symbol: "BRCA1", genomic: "NC_000017.11:g.", contig: "chr17", accessions: ["NM_007294.", "ENST00000357654."],
             transcript: "NM_007294.4", setup: ClinicalGenesTests.brca1),
        Gene(symbol: "PALB2", genomic: "NC_000016.10:g.", contig: "chr16", accessions: ["NM_024675.", "ENST00000261584."],
             transcript: "ENST00000261584", setup: ClinicalGenesTests.palb2),
    ] }

    struct Tally {
        var rows = 0, noGenomic = 0, cCompared = 0, cEqual = 0, pCompared = 0, pEqual = 0, gCompared = 0, gEqual = 0
        var differences: [String] = []
    }

    /// Names one curated row; records the comparisons in `tally`.
    static func check(gene: Gene, setup: ClinicalGenesTests.Setup, expressions: [String], curatedP: String?,
                      label: String, tally: inout Tally) {
        tally.rows += 1
        guard let gText = expressions.first(where: { $0.hasPrefix(gene.genomic) }),
              let g = GenomicHGVS(gText, base: setup.base(gene.contig)) else { tally.noGenomic += 1; return }
        // Our g. of the parsed allele must give back the curated g. (3' rule on the + strand; legacy sequence dropped).
        tally.gCompared += 1
        let ourG = setup.namer.genomicName(g.allele, contig: gene.contig).map { String(gene.genomic.dropLast(2)) + $0 }
        if ourG == modernHGVS(gText) { tally.gEqual += 1 } else {
            tally.differences.append("\(label): g. expected \(modernHGVS(gText)) ours \(ourG ?? "nil")")
        }
        guard let cCurated = expressions.first(where: { e in gene.accessions.contains { e.hasPrefix($0) } }),
              let colon = cCurated.firstIndex(of: ":") else { tally.noGenomic += 1; return }
        let expectedC = modernHGVS(String(cCurated[cCurated.index(after: colon)...]))
        guard let (_, names) = setup.effect(gene.contig, g.allele, gene.transcript) else {
            tally.cCompared += 1
            tally.differences.append("\(label): no effect on \(gene.transcript) for \(gText)")
            return
        }
        tally.cCompared += 1
        if names.transcript == expectedC { tally.cEqual += 1 } else {
            tally.differences.append("\(label): c. expected \(expectedC) ours \(names.transcript ?? "nil")")
        }
        if let p = curatedP {
            tally.pCompared += 1
            if names.protein == p || (p.hasSuffix("fs") && names.protein.map(Self.shortFrameshift) == p) { tally.pEqual += 1 } else {
                tally.differences.append("\(label): p. expected \(p) ours \(names.protein ?? "nil")")
            }
        }
    }

    /// ClinVar names frameshifts in the short form (`p.Ser172fs`): ours without the new residue and the Ter count.
    static func shortFrameshift(_ p: String) -> String {
        p.replacingOccurrences(of: #"^(p\.[A-Z][a-z]{2}\d+)[A-Z][a-z]{2}fs.*$"#, with: "$1fs", options: .regularExpression)
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func eRepoDevSet() throws {
        guard try SharedData.require() else { return }
        let text = try String(contentsOfFile: SharedData.path("classification/clingen_erepo_dev.tsv"), encoding: .utf8)
        var tally = Tally()
        for gene in Self.genes {
            let setup = try gene.setup()
            for line in text.split(separator: "\n").dropFirst() {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard f.count > 4, f[4] == gene.symbol else { continue }
                let expressions = f[3].components(separatedBy: ", ")
                // The variation name carries p. when it is named on the MANE transcript: `NM_000546.5(TP53):c.…(p.Arg175His)`.
                var p: String?
                if gene.accessions.contains(where: { f[0].hasPrefix($0) }), let open = f[0].range(of: "(p."), let close = f[0].lastIndex(of: ")") {
                    p = String(f[0][f[0].index(after: open.lowerBound)..<close])
                }
                Self.check(gene: gene, setup: setup, expressions: expressions, curatedP: p, label: "eRepo \(f[1])", tally: &tally)
            }
        }
        print("eRepo TP53/BRCA1/PALB2: \(tally.rows) rows, \(tally.noGenomic) without a GRCh38 g. or MANE c.; c. equal \(tally.cEqual)/\(tally.cCompared), p. equal \(tally.pEqual)/\(tally.pCompared), g. equal \(tally.gEqual)/\(tally.gCompared)")
        for d in tally.differences { print("  \(d)") }
        #expect(tally.rows == 43)
        #expect(tally.differences.isEmpty)
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func clinVarVectors() throws {
        guard try SharedData.require() else { return }
        let r = try Command.run("/bin/gzip", ["-dc", SharedData.path("hgvs/biocommons/clinvar.gz")])
        var tally = Tally()
        for gene in Self.genes {
            let setup = try gene.setup()
            // The file mixes LF and CRLF line ends.
            for line in r.stdoutText.components(separatedBy: .newlines) {
                let f = line.split(separator: "\t").map(String.init)
                guard f.count == 3, f[0] == gene.symbol else { continue }
                Self.check(gene: gene, setup: setup, expressions: f[2].components(separatedBy: " "), curatedP: nil,
                      label: "ClinVar \(f[1])", tally: &tally)
            }
        }
        print("ClinVar vectors TP53/BRCA1/PALB2: \(tally.rows) rows; c. equal \(tally.cEqual)/\(tally.cCompared); g. equal \(tally.gEqual)/\(tally.gCompared)")
        for d in tally.differences { print("  \(d)") }
        #expect(tally.rows == 9)
        // 12361: g.7674903_7674904delTT deletes two T of the TTT run at 7674902-7674904 (AAA on TP53's strand).
        // The 3' rule puts it at c.628_629del; ClinVar's legacy c.627_628delAA was projected without the shift.
        // 126586 and 126619 (PALB2, − strand): ClinVar's g. is left-aligned (VCF style) instead of 3'-shifted on the
        // + strand. chr16:23635488-23635502 is TTCTCTGTTTGATTT: deleting 23635493-6 (TGTT) or 23635495-8 (TTTG) gives
        // the same sequence and the latter is the most 3'; likewise inserting TCA after 23634819 in …CTTTCA… equals
        // inserting CAT after 23634820. Their c. names (3' on the transcript strand) agree with ours.
        #expect(tally.differences == ["ClinVar 12361: c. expected c.627_628del ours c.628_629del",
                                      "ClinVar 126586: g. expected NC_000016.10:g.23635493_23635496del ours NC_000016.10:g.23635495_23635498del",
                                      "ClinVar 126619: g. expected NC_000016.10:g.23634819_23634820insTCA ours NC_000016.10:g.23634820_23634821insCAT"])
    }
}
