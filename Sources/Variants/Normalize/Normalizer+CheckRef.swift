import CHTSlib
import Foundation
import HTS

/// `--check-ref s`: set REF from the reference, and the `--old-rec-tag` annotation of changed records.
extension Normalizer {
    /// Makes REF agree with the reference where it can, in bcftools' order: fill a missing REF (`.`), turn
    /// IUPAC codes into N, replace N by the reference base, swap REF with an ALT that is the reference
    /// (re-coding GT and INFO/AC), or else put the reference bases in REF.
    func fixReference(_ record: VCFRecord, contig: Int, reference: FastaReference) throws(NormalizeError) {
        let line = record.pointer
        bcf_unpack(line, Int32(BCF_UN_STR))
        let n = Int(line.pointee.n_allele)
        guard n > 0, let als = line.pointee.d.allele, let refC = als[0] else { return }
        let reflen = strlen(refC)
        var maxlen = reflen
        for i in 1..<n { if let a = als[i] { maxlen = max(maxlen, strlen(a)) } }
        bytes.removeAll(keepingCapacity: true)
        _ = reference.withBases(sequence: contig, start: line.pointee.pos, end: line.pointee.pos + Int64(maxlen)) { buf in
            for c in buf { bytes.append(Self.isACGTN(c) ? c : UInt8(ascii: "N")) }
        }
        let refSeq = bytes
        guard !refSeq.isEmpty else { return }
        if Self.equalsIgnoringCase(UnsafeRawPointer(refC).assumingMemoryBound(to: UInt8.self), reflen, refSeq) { return }

        // From here on the record changes.
        setOldRecordTag(on: line, from: line, alt: 0)
        var alleles: [[UInt8]] = (0..<n).map { i in
            guard let a = als[i] else { return [] }
            return Array(UnsafeBufferPointer(start: UnsafeRawPointer(a).assumingMemoryBound(to: UInt8.self), count: strlen(a)))
        }
        func refMatches() -> Bool {
            alleles[0].withUnsafeBufferPointer { b in
                b.baseAddress.map { Self.equalsIgnoringCase($0, b.count, refSeq) } ?? false
            }
        }

        // A missing REF.
        if reflen == 1 && alleles[0][0] == UInt8(ascii: ".") {
            alleles[0][0] = refSeq[0]
            statistics.referenceSet += 1
            updateAlleles(line, alleles)
            return
        }
        // IUPAC codes (in any non-symbolic allele) become N.
        var replaced = 0
        for i in 0..<n where alleles[i].first != UInt8(ascii: "<") {
            for k in alleles[i].indices where !Self.isACGTN(alleles[i][k]) {
                alleles[i][k] = UInt8(ascii: "N")
                replaced += 1
            }
        }
        if replaced > 0 {
            statistics.referenceSet += 1
            updateAlleles(line, alleles)
            if refMatches() { return }
        }
        // N in REF (and the same column of the ALTs) takes the reference base.
        var fixed = 0
        for k in 0..<reflen where k < refSeq.count {
            guard alleles[0][k] == UInt8(ascii: "N"), refSeq[k] != UInt8(ascii: "N") else { continue }
            alleles[0][k] = refSeq[k]
            fixed += 1
            for j in 1..<n where alleles[j].count > k && alleles[j][k] == UInt8(ascii: "N") {
                alleles[j][k] = refSeq[k]
                fixed += 1
            }
        }
        if fixed > 0 {
            statistics.referenceSet += 1
            updateAlleles(line, alleles)
            if refMatches() { return }
        }
        // Is an ALT the reference? Then REF and that ALT were swapped.
        var swapWith = 0
        for i in 1..<n where !alleles[i].isEmpty {
            let matches = alleles[i].withUnsafeBufferPointer { b in
                b.baseAddress.map { Self.equalsIgnoringCase($0, b.count, refSeq) } ?? false
            }
            if matches { swapWith = i; break }
        }
        if swapWith == 0 {
            statistics.referenceSet += 1
            alleles[0] = Array(refSeq.prefix(reflen))
            updateAlleles(line, alleles)
            return
        }
        alleles.swapAt(0, swapWith)
        updateAlleles(line, alleles)
        statistics.referenceSet += 1
        swapGenotypes(line, allele: swapWith)
    }

    /// After REF and ALT `i` swapped places: 0 ↔ i in GT, and INFO/AC of ALT i becomes the count of old REF calls.
    private func swapGenotypes(_ line: UnsafeMutablePointer<bcf1_t>, allele i: Int) {
        let ngt = bcf_get_format_values(inputHeader.pointer, line, "GT", &genotypes, &genotypesCount, Int32(BCF_HT_INT))
        var swapped: Int32 = 0
        if ngt > 0, let g = genotypes?.assumingMemoryBound(to: Int32.self) {
            let u0 = csl_gt_unphased(0), p0 = csl_gt_phased(0)
            let ui = csl_gt_unphased(Int32(i)), pi = csl_gt_phased(Int32(i))
            for j in 0..<Int(ngt) {
                switch g[j] {
                case u0: g[j] = ui; swapped += 1
                case p0: g[j] = pi; swapped += 1
                case ui: g[j] = u0
                case pi: g[j] = p0
                default: break
                }
            }
            _ = bcf_update_format(outputHeader.pointer, line, "GT", g, ngt, Int32(BCF_HT_INT))
        }
        let nac = bcf_get_info_values(inputHeader.pointer, line, "AC", &values, &valuesCount, Int32(BCF_HT_INT))
        if nac > 0, i <= Int(nac), let ac = values?.assumingMemoryBound(to: Int32.self) {
            ac[i - 1] = swapped
            _ = bcf_update_info(outputHeader.pointer, line, "AC", ac, nac, Int32(BCF_HT_INT))
        }
    }

    /// `--check-ref s` on an ALT equal to REF: drop it, re-numbering GT (calls of it become REF).
    func removeDuplicateAlleles(_ record: VCFRecord) {
        let line = record.pointer
        bcf_unpack(line, Int32(BCF_UN_STR | BCF_UN_FLT | BCF_UN_INFO | BCF_UN_FMT))
        let n = Int(line.pointee.n_allele)
        guard n > 1, let als = line.pointee.d.allele, let refC = als[0] else { return }
        var map = [Int32](repeating: 0, count: n)
        var kept: [[UInt8]] = [Array(UnsafeBufferPointer(start: UnsafeRawPointer(refC).assumingMemoryBound(to: UInt8.self), count: strlen(refC)))]
        var next: Int32 = 1
        for i in 1..<n {
            guard let a = als[i] else { continue }
            if strcasecmp(refC, a) != 0 {
                map[i] = next
                next += 1
                kept.append(Array(UnsafeBufferPointer(start: UnsafeRawPointer(a).assumingMemoryBound(to: UInt8.self), count: strlen(a))))
            }
        }
        updateAlleles(line, kept)
        let ngt = bcf_get_format_values(inputHeader.pointer, line, "GT", &genotypes, &genotypesCount, Int32(BCF_HT_INT))
        guard ngt > 0, let g = genotypes?.assumingMemoryBound(to: Int32.self) else { return }
        var changed = false
        for j in 0..<Int(ngt) {
            if csl_gt_is_missing(g[j]) != 0 || g[j] == csl_int32_vector_end() { continue }
            let allele = Int(csl_gt_allele(g[j]))
            if allele < n && Int32(allele) == map[allele] { continue }
            let new = allele < n ? map[allele] : 0
            g[j] = csl_gt_is_phased(g[j]) != 0 ? csl_gt_phased(new) : csl_gt_unphased(new)
            changed = true
        }
        if changed { _ = bcf_update_format(outputHeader.pointer, line, "GT", g, ngt, Int32(BCF_HT_INT)) }
    }

    /// Replaces the record's alleles.
    func updateAlleles(_ line: UnsafeMutablePointer<bcf1_t>, _ alleles: [[UInt8]]) {
        text.removeAll(keepingCapacity: true)
        for (i, a) in alleles.enumerated() {
            if i > 0 { text.append(CChar(bitPattern: UInt8(ascii: ","))) }
            for c in a { text.append(CChar(bitPattern: c)) }
        }
        text.append(0)
        text.withUnsafeBufferPointer { _ = bcf_update_alleles_str(outputHeader.pointer, line, $0.baseAddress) }
    }

    /// `--old-rec-tag`: writes `CHROM|POS|REF|ALT[|ALT_INDEX]` of `source` into `destination`'s INFO, unless
    /// an earlier step already recorded the original (a split record is annotated once, before alignment).
    func setOldRecordTag(on destination: UnsafeMutablePointer<bcf1_t>, from source: UnsafeMutablePointer<bcf1_t>, alt: Int) {
        guard let key = oldRecordKey else { return }
        let present = key.withUnsafeBufferPointer { bcf_get_info(outputHeader.pointer, destination, $0.baseAddress) }
        if present != nil { return }
        bcf_unpack(source, Int32(BCF_UN_STR))
        var s: [CChar] = []
        func put(_ p: UnsafePointer<CChar>) { var q = p; while q.pointee != 0 { s.append(q.pointee); q += 1 } }
        func put(_ str: String) { s.append(contentsOf: str.utf8CString.dropLast()) }
        if let name = csl_hdr_contig_name(inputHeader.pointer, source.pointee.rid) { put(name) }
        put("|\(source.pointee.pos + 1)|")
        let n = Int(source.pointee.n_allele)
        if let als = source.pointee.d.allele {
            if n > 0, let r = als[0] { put(r) }
            put("|")
            for i in 1..<max(n, 1) {
                if i > 1 { put(",") }
                if let a = als[i] { put(a) }
            }
        }
        if alt > 0 { put("|\(alt)") }
        s.append(0)
        _ = key.withUnsafeBufferPointer { k in
            s.withUnsafeBufferPointer { bcf_update_info(outputHeader.pointer, destination, k.baseAddress, $0.baseAddress, 1, Int32(BCF_HT_STR)) }
        }
    }

    /// Case-insensitive comparison of `count` bytes at `p` with the start of `reference` (false when it is shorter).
    static func equalsIgnoringCase(_ p: UnsafePointer<UInt8>, _ count: Int, _ reference: [UInt8]) -> Bool {
        guard reference.count >= count else { return false }
        for k in 0..<count where AlleleTrimmer.upper(p[k]) != AlleleTrimmer.upper(reference[k]) { return false }
        return true
    }
}
