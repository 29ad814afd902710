extension Transcript {
    /// The same transcript with its MANE Select and canonical flags set as given.
    public func flagged(maneSelect: Bool? = nil, canonical: Bool? = nil) -> Transcript {
        Transcript(id: id, geneID: geneID, symbol: symbol, biotype: biotype, contig: contig, strand: strand,
                   exons: exons, codingStart: codingStart, codingEnd: codingEnd, cdsStartPhase: cdsStartPhase,
                   isMANESelect: maneSelect ?? isMANESelect, isCanonical: canonical ?? isCanonical)
    }

    /// The id without its `.N` version suffix (`NM_007294.4` → `NM_007294`).
    public var unversionedID: Substring {
        guard let dot = id.lastIndex(of: "."), id[id.index(after: dot)...].allSatisfy(\.isNumber) else { return id[...] }
        return id[..<dot]
    }
}
