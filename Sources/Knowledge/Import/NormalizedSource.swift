import CHTSlib
import HTS
import Variants

/// Reads a source VCF through `consilium norm`'s `Normalizer` and hands over each ALT allele in its
/// knowledge-base form: contig index, 0-based position, REF and ALT with shared trailing bases trimmed.
struct NormalizedSource {
    var path: String
    var reference: FastaReference?

    /// What `visit` receives for each allele; the buffers are valid only during the call.
    struct Allele {
        var record: VCFRecord
        var header: VCFHeader
        /// 1-based ALT number in `record` (1 after splitting).
        var alt: Int
        var contig: Int
        var position: Int64
        var ref: UnsafeBufferPointer<UInt8>
        var altBases: UnsafeBufferPointer<UInt8>
    }

    /// Reads the whole file. `prepare` sees the header first (to pick fields and check the build).
    func read(contigs: inout ContigRegistry, counts: inout KBManifest.Counts,
              prepare: (VCFHeader) throws(InputError) -> Void,
              visit: (Allele) throws(InputError) -> Void) throws(InputError) {
        let reader = try VCFReader(path: path)
        var options = NormalizeOptions()
        options.split = true
        options.leftAlign = reference != nil
        // A source's REF is trusted as published; a mismatch is reported by `consilium norm`, not here.
        options.checkRef = .warn
        let normalizer: Normalizer
        do {
            normalizer = try Normalizer(header: reader.header, reference: reference, options: options)
        } catch {
            throw error.located(file: path, at: .file)
        }
        let header = normalizer.outputHeader
        // The build check first: it names the builds, which says more than a contig length.
        try prepare(header)
        for (name, length) in reader.header.contigs {
            _ = try contigs.register(name: name, length: length, origin: path)
        }
        let record = VCFRecord()
        var contigOfRid: [Int] = []
        func emit(_ out: VCFRecord) throws(InputError) {
            let rid = Int(out.rid)
            while contigOfRid.count <= rid { contigOfRid.append(-1) }
            if contigOfRid[rid] < 0 {
                let name = reader.header.contigName(out.rid)
                contigOfRid[rid] = try contigs.register(name: name, length: 0, origin: path)
            }
            out.unpackAlleles()
            let n = out.alleleCount
            guard n >= 2 else { return }
            let refPtr = UnsafeRawPointer(out.alleleCString(0)).assumingMemoryBound(to: UInt8.self)
            let refFull = UnsafeBufferPointer(start: refPtr, count: strlen(out.alleleCString(0)))
            for a in 1..<n {
                counts.alleles += 1
                let altPtr = UnsafeRawPointer(out.alleleCString(a)).assumingMemoryBound(to: UInt8.self)
                let altFull = UnsafeBufferPointer(start: altPtr, count: strlen(out.alleleCString(a)))
                guard VariantKey.isLookupAllele(altFull) else { counts.skipped += 1; continue }
                let (r, l) = VariantKey.trimmedLengths(ref: refFull, alt: altFull)
                try visit(Allele(record: out, header: header, alt: a, contig: contigOfRid[rid], position: out.position,
                                 ref: UnsafeBufferPointer(rebasing: refFull[0..<r]),
                                 altBases: UnsafeBufferPointer(rebasing: altFull[0..<l])))
            }
        }
        while try reader.read(into: record) {
            counts.records += 1
            do { try normalizer.push(record) } catch { throw error.located(file: path, at: reader.location) }
            while let out = normalizer.nextReady() { try emit(out) }
        }
        normalizer.finish()
        while let out = normalizer.nextReady() { try emit(out) }
    }
}
