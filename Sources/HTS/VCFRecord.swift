import CHTSlib

/// One VCF/BCF record, reused across reads to keep the hot path allocation-free.
///
/// Owns its `bcf1_t`. Coordinates are 0-based like htslib's; `position1` gives VCF's 1-based POS.
public final class VCFRecord {
    public let pointer: UnsafeMutablePointer<bcf1_t>

    public init() {
        // bcf_init only fails when malloc does; nothing sensible can continue then.
        guard let p = bcf_init() else { fatalError("out of memory allocating a VCF record") }
        pointer = p
    }

    deinit { bcf_destroy(pointer) }

    /// Contig index in the header dictionary.
    public var rid: Int32 { pointer.pointee.rid }
    /// 0-based position.
    public var position: Int64 { pointer.pointee.pos }
    /// VCF POS (1-based).
    public var position1: Int64 { pointer.pointee.pos + 1 }
    /// Length on the reference (REF length, or INFO/END for symbolic alleles).
    public var referenceLength: Int64 { pointer.pointee.rlen }
    public var alleleCount: Int { Int(pointer.pointee.n_allele) }

    /// Unpacks the shared part up to the alleles, so `allele(_:)` is valid.
    @inline(__always)
    public func unpackAlleles() { bcf_unpack(pointer, BCF_UN_STR) }

    /// Allele `i` (0 = REF) as a C string; valid until the record changes. Call `unpackAlleles()` first.
    @inline(__always)
    public func alleleCString(_ i: Int) -> UnsafeMutablePointer<CChar> {
        pointer.pointee.d.allele[i]!
    }

    /// Allele `i` as a Swift string (allocates; not for hot paths).
    public func allele(_ i: Int) -> String {
        unpackAlleles()
        return String(cString: alleleCString(i))
    }

    public var alleles: [String] {
        unpackAlleles()
        return (0..<alleleCount).map { String(cString: alleleCString($0)) }
    }

    /// Copies another record into this one.
    public func copy(from other: VCFRecord) {
        _ = bcf_copy(pointer, other.pointer)
    }
}
