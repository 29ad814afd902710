import CHTSlib
import Classification
import HTS

/// In-silico scores of one allele, as read from the input record's INFO.
public struct InSilicoScores: Sendable, Hashable {
    public var revel: Double?
    public var bayesDelNoAF: Double?
    public var alphaMissense: Double?
    /// The highest of SpliceAI's four delta scores for the allele.
    public var spliceAIMaxDelta: Double?

    public init(revel: Double? = nil, bayesDelNoAF: Double? = nil, alphaMissense: Double? = nil,
                spliceAIMaxDelta: Double? = nil) {
        self.revel = revel
        self.bayesDelNoAF = bayesDelNoAF
        self.alphaMissense = alphaMissense
        self.spliceAIMaxDelta = spliceAIMaxDelta
    }

    /// The score of the profile's predictor.
    public func missense(_ predictor: MissensePredictor) -> Double? {
        switch predictor {
        case .revel: return revel
        case .bayesDelNoAF: return bayesDelNoAF
        case .alphaMissense: return alphaMissense
        }
    }
}

/// The INFO fields holding the scores (configurable: annotation tools name them differently, e.g. dbNSFP's
/// `REVEL_score`, `BayesDel_noAF_score`, `AlphaMissense_score`).
public struct InSilicoFieldNames: Sendable, Hashable {
    public var revel: String
    public var bayesDelNoAF: String
    public var alphaMissense: String
    /// SpliceAI's own VCF annotation, `SpliceAI=ALT|SYMBOL|DS_AG|DS_AL|DS_DG|DS_DL|DP_AG|DP_AL|DP_DG|DP_DL[,…]`,
    /// or a Float field holding the maximum delta already.
    public var spliceAI: String

    public init(revel: String = "REVEL", bayesDelNoAF: String = "BayesDel_noAF",
                alphaMissense: String = "AlphaMissense", spliceAI: String = "SpliceAI") {
        self.revel = revel
        self.bayesDelNoAF = bayesDelNoAF
        self.alphaMissense = alphaMissense
        self.spliceAI = spliceAI
    }
}

extension SequenceFacts {
    /// The highest delta score (DS_AG, DS_AL, DS_DG, DS_DL) among the entries of a SpliceAI INFO value for
    /// `alt`; when `gene` is given and some entry names it, only those entries count. nil when no entry is for
    /// `alt` or none has a number.
    public static func spliceAIMaxDelta(_ value: String, alt: String, gene: String? = nil) -> Double? {
        var all: Double?
        var ofGene: Double?
        for entry in value.split(separator: ",") {
            let f = entry.split(separator: "|", omittingEmptySubsequences: false)
            guard f.count >= 6, f[0].uppercased() == alt.uppercased() else { continue }
            let deltas = f[2...5].compactMap { Double($0) }.filter(\.isFinite)
            guard let m = deltas.max() else { continue }
            all = max(all ?? m, m)
            if let gene, f[1] == gene { ofGene = max(ofGene ?? m, m) }
        }
        return ofGene ?? all
    }

    /// A numeric score written as text: one value, or several (one per transcript, as dbNSFP writes them,
    /// separated by `,`, `&`, `|` or `;`) of which the highest is taken; `.` and empty parts are missing.
    public static func numericScore(_ text: String) -> Double? {
        var best: Double?
        for part in text.split(whereSeparator: { $0 == "," || $0 == "&" || $0 == "|" || $0 == ";" }) {
            guard let x = Double(part), x.isFinite else { continue }
            best = max(best ?? x, x)
        }
        return best
    }
}

/// Reads the in-silico scores of a record's ALT alleles from INFO. Fields the header does not declare are
/// skipped (their scores stay nil). Not thread-safe: reuses its buffers.
public final class InSilicoScoreReader {
    public let names: InSilicoFieldNames
    private let header: VCFHeader
    private var buffer: UnsafeMutableRawPointer?
    private var capacity: Int32 = 0

    public init(names: InSilicoFieldNames = InSilicoFieldNames(), header: VCFHeader) {
        self.names = names
        self.header = header
    }

    deinit { free(buffer) }

    /// Scores of ALT `alt` (0-based) of `record`, whose ALT allele text is `altAllele`; `gene` picks SpliceAI
    /// entries of the report transcript's gene.
    public func scores(_ record: VCFRecord, alt: Int, altAllele: String, gene: String?) -> InSilicoScores {
        var s = InSilicoScores()
        s.revel = number(names.revel, record, alt: alt)
        s.bayesDelNoAF = number(names.bayesDelNoAF, record, alt: alt)
        s.alphaMissense = number(names.alphaMissense, record, alt: alt)
        switch fieldType(names.spliceAI) {
        case Int32(BCF_HT_STR):
            s.spliceAIMaxDelta = string(names.spliceAI, record).flatMap {
                SequenceFacts.spliceAIMaxDelta($0, alt: altAllele, gene: gene)
            }
        case nil: break
        default: s.spliceAIMaxDelta = number(names.spliceAI, record, alt: alt)
        }
        return s
    }

    /// The header type of INFO `key` (BCF_HT_REAL, BCF_HT_INT, BCF_HT_STR …), nil when not declared.
    private func fieldType(_ key: String) -> Int32? {
        let id = bcf_hdr_id2int(header.pointer, Int32(BCF_DT_ID), key)
        guard id >= 0, csl_hdr_id_exists(header.pointer, Int32(BCF_HL_INFO), id) != 0 else { return nil }
        return Int32(csl_hdr_id_type(header.pointer, Int32(BCF_HL_INFO), id))
    }

    private func number(_ key: String, _ record: VCFRecord, alt: Int) -> Double? {
        switch fieldType(key) {
        case Int32(BCF_HT_REAL):
            let n = bcf_get_info_values(header.pointer, record.pointer, key, &buffer, &capacity, Int32(BCF_HT_REAL))
            guard n > 0, let buffer else { return nil }
            // Number=A holds one value per ALT; Number=1 one for the record.
            let i = Int(n) > alt ? alt : 0
            let v = buffer.load(fromByteOffset: i * 4, as: Float.self)
            if csl_float_is_missing(v) != 0 || csl_float_is_vector_end(v) != 0 || !v.isFinite { return nil }
            // The shortest decimal of the 32-bit value: REVEL 0.932 is stored as 0.93199998…, which read as a
            // Double would fall below the PP3_Strong bound.
            return Double(String(v))
        case Int32(BCF_HT_STR):
            return string(key, record).flatMap(SequenceFacts.numericScore)
        default:
            return nil
        }
    }

    private func string(_ key: String, _ record: VCFRecord) -> String? {
        let n = bcf_get_info_values(header.pointer, record.pointer, key, &buffer, &capacity, Int32(BCF_HT_STR))
        guard n > 0, let buffer else { return nil }
        let s = String(cString: buffer.assumingMemoryBound(to: CChar.self))
        return s.isEmpty || s == "." ? nil : s
    }
}
