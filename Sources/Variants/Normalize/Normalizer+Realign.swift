import CHTSlib
import Foundation
import HTS

/// Trimming and left-alignment of one record against the reference (`bcftools norm -f REF`).
extension Normalizer {
    enum RealignOutcome {
        /// Normalized (changed or already normal).
        case done
        /// REF (or an ALT) is not what the reference says; `--check-ref` decides the record's fate.
        case referenceMismatch
        /// An ALT allele equals REF.
        case duplicateAllele
        /// Left as it is: breakends, `*`, symbolic alleles other than `<DEL>`/`<DUP>` with a known span.
        case untouched
    }

    enum Mismatch {
        case ref
        case refNotACGTN
        case altNotACGTN(Int)
    }

    func realign(_ record: VCFRecord, contig: Int, reference: FastaReference) throws(NormalizeError) -> RealignOutcome {
        let line = record.pointer
        bcf_unpack(line, Int32(BCF_UN_STR))
        let n = Int(line.pointee.n_allele)
        guard n > 0, let als = line.pointee.d.allele, let refC = als[0] else { return .untouched }
        let ref = UnsafeRawPointer(refC).assumingMemoryBound(to: UInt8.self)
        let reflen = strlen(refC)
        let pos = line.pointee.pos

        // REF must be A/C/G/T/N and equal the reference (IUPAC codes in the FASTA count as N, case ignored).
        for k in 0..<reflen where !Self.isACGTN(ref[k]) {
            try reportMismatch(line, .refNotACGTN, contig: contig, reference: reference)
            return .referenceMismatch
        }
        var matches = false
        if let buf = reference.bases(sequence: contig, start: pos, end: pos + Int64(reflen)), buf.count == reflen {
            matches = true
            for k in 0..<reflen where Self.referenceBase(buf[k]) != AlleleTrimmer.upper(ref[k]) { matches = false; break }
        }
        if !matches {
            try reportMismatch(line, .ref, contig: contig, reference: reference)
            return .referenceMismatch
        }

        if n == 1 {
            // A reference-only record keeps its first base, as bcftools does.
            if line.pointee.rlen > 1 && reflen > 1 {
                var one: [CChar] = [CChar(bitPattern: ref[0]), 0]
                one.withUnsafeMutableBufferPointer { b in
                    var p: UnsafePointer<CChar>? = UnsafePointer(b.baseAddress)
                    _ = bcf_update_alleles(outputHeader.pointer, line, &p, 1)
                }
            }
            return .done
        }

        // Classify the ALTs in order, as bcftools does: the first problem found decides.
        var deletions = 0, duplications = 0, sequenceAlts = 0
        for i in 1..<n {
            guard let a = als[i] else { return .untouched }
            let b = UnsafeRawPointer(a).assumingMemoryBound(to: UInt8.self)
            if b[0] == UInt8(ascii: "<") {
                if strcmp(a, "<DEL>") == 0 { deletions += 1; continue }
                if strcmp(a, "<DUP>") == 0 { duplications += 1; continue }
                return .untouched
            }
            if b[0] == UInt8(ascii: "*") { return .untouched }
            let len = strlen(a)
            for k in 0..<len where !Self.isACGTN(b[k]) {
                // Breakends pass through when every ALT is one (bcftools; htslib 1.16 calls some of them indels).
                if (1..<n).allSatisfy({ als[$0].map(Self.isBreakend) ?? false }) { return .untouched }
                try reportMismatch(line, .altNotACGTN(i), contig: contig, reference: reference)
                return .referenceMismatch
            }
            if len == reflen && strncasecmp(a, refC, len) == 0 { return .duplicateAllele }
            sequenceAlts += 1
        }

        // Most records are already normal: when neither the last bases nor (with more than one base left)
        // the first bases agree across alleles, there is nothing to trim and nothing to move.
        if deletions == 0 && duplications == 0 && !Self.mightTrim(als, n, ref, reflen) { return .done }

        // A symbolic <DEL> stands for the reference bases up to END; a <DUP> (with SVLEN) for an insertion
        // of the SVLEN bases after POS. Both are aligned in that spelled-out form (bcftools 1.20+).
        var span = 0
        var duplicated = 0
        if duplications > 0 {
            guard n == 2, reflen == 1, let svlen = singleInt(line, svlenKey), svlen > 0 else { return .untouched }
            duplicated = Int(svlen)
        } else if deletions > 0 {
            let rlen = Int(line.pointee.rlen)
            guard rlen > 1, rlen >= reflen else { return .untouched }
            span = rlen - reflen
        }

        trimmer.reset()
        let refBuffer = UnsafeBufferPointer(start: ref, count: reflen)
        if span > 0 {
            guard fetchReference(contig, reference, from: pos + Int64(reflen), count: span, upper: true) else { return .untouched }
        }
        let spanBytes = span > 0 ? bytes : []
        spanBytes.withUnsafeBufferPointer { spanBuf in
            let suffix: UnsafeBufferPointer<UInt8>? = span > 0 ? spanBuf : nil
            trimmer.append(refBuffer, suffix: suffix)
            for i in 1..<n {
                guard let a = als[i] else { continue }
                let b = UnsafeRawPointer(a).assumingMemoryBound(to: UInt8.self)
                if b[0] == UInt8(ascii: "<") {
                    if duplicated > 0 {
                        if fetchReference(contig, reference, from: pos + 1, count: duplicated, upper: true) {
                            bytes.withUnsafeBufferPointer { trimmer.append(UnsafeBufferPointer(rebasing: refBuffer[0..<1]), suffix: $0) }
                        } else {
                            trimmer.append(refBuffer)  // cannot spell it out: an allele equal to REF makes trim() stop early
                        }
                    } else {
                        trimmer.append(UnsafeBufferPointer(rebasing: refBuffer[0..<1]))
                    }
                } else {
                    trimmer.append(UnsafeBufferPointer(start: b, count: strlen(a)), suffix: suffix)
                }
            }
        }
        if duplicated > 0 && trimmer.length(1) != duplicated + 1 { return .untouched }

        guard let newPos = trimmer.trim(position: pos, reference: { from, to, into in
            Self.paddingBases(contig, reference, from: from, to: to, into: into)
        }) else { return .untouched }

        // Symbolic-only records keep a one-base REF; the span lives in END.
        let spanned = trimmer.length(0)
        let outRefLength = sequenceAlts == 0 ? 1 : spanned
        var unchanged = newPos == pos && outRefLength == reflen
        if unchanged {
            for k in 0..<reflen where AlleleTrimmer.upper(trimmer.byte(0, k)) != AlleleTrimmer.upper(ref[k]) {
                unchanged = false
                break
            }
        }
        if unchanged { return .done }

        setOldRecordTag(on: line, from: line, alt: 0)
        let oldEnd = singleInt(line, endKey)
        // The new alleles, symbolic ones copied as they are, before htslib overwrites the old ones.
        text.removeAll(keepingCapacity: true)
        for k in 0..<outRefLength { text.append(CChar(bitPattern: trimmer.byte(0, k))) }
        for i in 1..<n {
            text.append(CChar(bitPattern: UInt8(ascii: ",")))
            guard let a = als[i] else { continue }
            if a[0] == CChar(bitPattern: UInt8(ascii: "<")) {
                var p = a
                while p.pointee != 0 { text.append(p.pointee); p += 1 }
            } else {
                for k in 0..<trimmer.length(i) { text.append(CChar(bitPattern: trimmer.byte(i, k))) }
            }
        }
        text.append(0)
        line.pointee.pos = newPos
        text.withUnsafeBufferPointer { _ = bcf_update_alleles_str(outputHeader.pointer, line, $0.baseAddress) }
        statistics.realigned += 1

        if let oldEnd, newPos != pos || spanned != reflen + span {
            var end: Int32
            if duplicated > 0 {
                end = oldEnd + Int32(newPos - pos)  // a duplication keeps its span, moved with POS
            } else {
                end = Int32(newPos + Int64(spanned))
            }
            _ = bcf_update_info(outputHeader.pointer, line, endKey.withUnsafeBufferPointer { $0.baseAddress },
                                &end, 1, Int32(BCF_HT_INT))
        }
        return .done
    }

    /// Whether trimming could change the alleles: all share their last base (ignoring case), or all share
    /// their first base and each has more than one.
    static func mightTrim(_ als: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, _ n: Int,
                          _ ref: UnsafePointer<UInt8>, _ reflen: Int) -> Bool {
        let last = AlleleTrimmer.upper(ref[reflen - 1]), first = ref[0]
        var sameLast = true, sameFirst = reflen > 1
        for i in 1..<n {
            guard let a = als[i] else { return true }
            let b = UnsafeRawPointer(a).assumingMemoryBound(to: UInt8.self)
            let len = strlen(a)
            if len == 0 { return true }
            if AlleleTrimmer.upper(b[len - 1]) != last { sameLast = false }
            if len < 2 || AlleleTrimmer.upper(b[0]) != AlleleTrimmer.upper(first) { sameFirst = false }
            if !sameLast && !sameFirst { return false }
        }
        return true
    }

    /// A breakend ALT (VCF 4.3 §5.4): `t[p[`, `t]p]`, `]p]t`, `[p[t`, or a single breakend `t.` / `.t`.
    static func isBreakend(_ allele: UnsafeMutablePointer<CChar>) -> Bool {
        let b = UnsafeRawPointer(allele).assumingMemoryBound(to: UInt8.self)
        let len = strlen(allele)
        guard len > 1 else { return false }
        for k in 0..<len where b[k] == UInt8(ascii: "[") || b[k] == UInt8(ascii: "]") { return true }
        return b[0] == UInt8(ascii: ".") || b[len - 1] == UInt8(ascii: ".")
    }

    /// The value of a one-value integer INFO field, or nil.
    func singleInt(_ line: UnsafeMutablePointer<bcf1_t>, _ key: ContiguousArray<CChar>) -> Int32? {
        let got = key.withUnsafeBufferPointer {
            bcf_get_info_values(inputHeader.pointer, line, $0.baseAddress, &values, &valuesCount, Int32(BCF_HT_INT))
        }
        guard got == 1, let v = values?.load(as: Int32.self), v != csl_int32_missing() else { return nil }
        return v
    }

    /// Fills `bytes` with `count` reference bases from `from` (upper-cased, IUPAC codes as N).
    func fetchReference(_ contig: Int, _ reference: FastaReference, from: Int64, count: Int, upper: Bool) -> Bool {
        bytes.removeAll(keepingCapacity: true)
        guard let buf = reference.bases(sequence: contig, start: from, end: from + Int64(count)), buf.count == count else {
            return false
        }
        for c in buf { bytes.append(upper ? Self.referenceBase(c) : (Self.isACGTN(c) ? c : UInt8(ascii: "N"))) }
        return true
    }

    /// Reference bases for left padding: IUPAC codes become N, case is kept as in the FASTA (bcftools 1.16
    /// writes soft-masked bases in lower case when it pads with them).
    static func paddingBases(_ contig: Int, _ reference: FastaReference, from: Int64, to: Int64,
                             into: UnsafeMutablePointer<UInt8>) -> Bool {
        let n = Int(to - from)
        guard let buf = reference.bases(sequence: contig, start: from, end: to), buf.count == n else { return false }
        for k in 0..<n {
            let c = buf[k]
            into[k] = isACGTN(c) ? c : UInt8(ascii: "N")
        }
        return true
    }

    /// A reference base as compared with REF: upper case, IUPAC codes as N.
    @inline(__always)
    static func referenceBase(_ c: UInt8) -> UInt8 {
        let u = AlleleTrimmer.upper(c)
        return isACGTN(u) ? u : UInt8(ascii: "N")
    }

    /// Applies `--check-ref` to a mismatch: error, or warning; the caller excludes or keeps the record.
    func reportMismatch(_ line: UnsafeMutablePointer<bcf1_t>, _ kind: Mismatch, contig: Int, reference: FastaReference) throws(NormalizeError) {
        statistics.referenceMismatches += 1
        let where_ = position(line)
        let vcfRef = Self.shortened(line.pointee.d.allele.flatMap { $0[0] }.map { String(cString: $0) } ?? "")
        if checkRef == .error {
            let hint = "check that -f is the reference the VCF was called against (same build); --check-ref w warns and keeps such records, x excludes them, s sets REF from the reference"
            switch kind {
            case .ref:
                let refSeq = referenceText(line, contig: contig, reference: reference)
                throw NormalizeError(field: "REF", problem: "REF does not match the reference at \(where_): the VCF has '\(vcfRef)', the reference '\(refSeq)'", hint: hint)
            case .refNotACGTN:
                throw NormalizeError(field: "REF", problem: "REF at \(where_) has characters other than A, C, G, T, N (IUPAC codes or a missing REF)", hint: hint)
            case .altNotACGTN(let i):
                throw NormalizeError(field: "ALT", problem: "ALT allele \(i) at \(where_) has characters other than A, C, G, T, N",
                                     hint: "symbolic alleles belong in angle brackets (<DEL>); --check-ref w warns and keeps such records, x excludes them")
            }
        }
        if checkRef.contains(.warn) {
            let chrom = contigName(line), pos1 = line.pointee.pos + 1
            switch kind {
            case .ref:
                warningHandler("REF_MISMATCH\t\(chrom)\t\(pos1)\t\(vcfRef)\t\(referenceText(line, contig: contig, reference: reference))")
            case .refNotACGTN:
                warningHandler("NON_ACGTN_REF\t\(chrom)\t\(pos1)\t\(vcfRef)")
            case .altNotACGTN:
                warningHandler("NON_ACGTN_ALT\t\(chrom)\t\(pos1)")
            }
        }
    }

    /// The reference bases under REF, for a mismatch message.
    private func referenceText(_ line: UnsafeMutablePointer<bcf1_t>, contig: Int, reference: FastaReference) -> String {
        let reflen = line.pointee.d.allele.flatMap { $0[0] }.map { strlen($0) } ?? 1
        let got = reference.withBases(sequence: contig, start: line.pointee.pos, end: line.pointee.pos + Int64(reflen)) {
            String(decoding: $0.map(Self.referenceBase), as: UTF8.self)
        }
        return Self.shortened(got ?? "")
    }

    static func shortened(_ s: String) -> String {
        s.count > 50 ? String(s.prefix(50)) + "…(\(s.count) bases)" : s
    }
}
