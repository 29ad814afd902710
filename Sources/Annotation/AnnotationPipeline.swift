import HTS
import Knowledge
import Variants

/// Counts reported at the end of `consilium annotate`.
public struct AnnotationStatistics: Sendable, Equatable {
    public var recordsIn = 0
    public var recordsOut = 0
    /// Alleles found, per source label (`clinvar`, then the frequency labels).
    public var found: [String: Int] = [:]
    public init() {}
}

/// Streams a VCF/BCF through normalization, knowledge-base lookups, the record annotators and a writer, in
/// input order.
///
/// Memory does not grow with the input: one record is in flight at a time (plus what the normalizer
/// holds back to left-align, and with haplotype-aware consequences the records within one transcript that may
/// still combine), and lookups read the memory-mapped knowledge base.
public final class AnnotationPipeline {
    public let reader: VCFReader
    public let normalizer: Normalizer
    public let lookup: AlleleLookup
    public let kb: KnowledgeBase
    /// Run in order on every output record after the lookup (consequences, then classifications).
    public let annotators: [RecordAnnotator]
    /// The consequence stage when it combines haplotypes: records that may share a codon with later ones are
    /// held (`held`) until no later record can join them, then annotated and written in order.
    private let holder: ConsequenceAnnotator?
    private var held: [VCFRecord] = []
    private var spare: [VCFRecord] = []
    private var heldRid: Int32 = -1
    private var holdUntil = 0

    /// Opens the normalizer over `reader` and checks that the query and the knowledge base agree on the
    /// genome build and contig lengths. The annotators' `##INFO` lines are declared in
    /// `normalizer.outputHeader` here, before any writer copies it, because `annotate` sets those fields
    /// on records described by that header (also for table output, which reads them back from the annotators).
    public init(reader: VCFReader, reference: FastaReference?, kb: KnowledgeBase,
                annotators: [RecordAnnotator] = []) throws(InputError) {
        self.reader = reader
        self.kb = kb
        self.annotators = annotators
        holder = annotators.lazy.compactMap { $0 as? ConsequenceAnnotator }.first { $0.combinesHaplotypes }
        try AnnotationPipeline.checkCompatible(reader: reader, kb: kb)
        var options = NormalizeOptions()
        options.split = true
        options.leftAlign = reference != nil
        options.checkRef = .warn
        do {
            normalizer = try Normalizer(header: reader.header, reference: reference, options: options)
        } catch {
            throw error.located(file: reader.path, at: .file)
        }
        lookup = AlleleLookup(kb: kb, header: reader.header)
        for a in annotators {
            for line in a.headerLines where !normalizer.outputHeader.append(line: line) {
                throw InputError(file: reader.path, location: .file, field: "header",
                                 problem: "cannot declare an annotation field in the output header",
                                 hint: "an INFO field of that name may already be declared with another type; remove it from the input (bcftools annotate -x)")
            }
        }
    }

    /// Refuses a query of another genome build, or whose contig lengths differ from the knowledge base's
    /// for the same contig, naming both.
    public static func checkCompatible(reader: VCFReader, kb: KnowledgeBase) throws(InputError) {
        let contigs = reader.header.contigs
        if let q = GenomeBuild.detect(contigs: contigs), let k = kb.genomeBuild, q.build != k {
            throw InputError(file: reader.path, location: .file, field: "##contig",
                             problem: "the VCF is \(q.build.rawValue) (\(q.evidence)) but the knowledge base \(kb.path) is \(k.rawValue) (\(kb.manifest.genomeBuildEvidence ?? "manifest"))",
                             hint: "annotate against a knowledge base built from \(q.build.rawValue) sources, or lift the VCF over first")
        }
        for (name, length) in contigs where length > 0 {
            guard let i = kb.contigIndex(of: name) else { continue }
            let c = kb.manifest.contigs[i]
            if c.length > 0 && c.length != length {
                throw InputError(file: reader.path, location: .file, field: "##contig",
                                 problem: "contig \(name) has length \(length) in the VCF but \(c.name) has length \(c.length) in the knowledge base \(kb.path): they are different assemblies",
                                 hint: "use a knowledge base built for the VCF's genome build")
            }
        }
    }

    /// Runs to the end of the input. `progress` is called after each input record.
    public func run(into sink: AnnotationSink, progress: (VCFReader) -> Void = { _ in }) throws(InputError) -> AnnotationStatistics {
        var stats = AnnotationStatistics()
        // Unchanged records go out as their text plus the new fields. Annotators change INFO with htslib
        // (such records are formatted again anyway), so the reader keeps no text for them.
        if annotators.isEmpty, let writer = sink as? VCFAnnotationWriter, writer.acceptsText {
            reader.keepsText = true
            writer.textSource = reader
        }
        let record = VCFRecord()
        while try reader.read(into: record) {
            stats.recordsIn += 1
            do { try normalizer.push(record) } catch { throw error.located(file: reader.path, at: reader.location) }
            while let out = normalizer.nextReady() {
                try process(out, into: sink)
                stats.recordsOut += 1
            }
            progress(reader)
        }
        normalizer.finish()
        while let out = normalizer.nextReady() {
            try process(out, into: sink)
            stats.recordsOut += 1
        }
        try flushHeld(into: sink)
        try sink.finish()
        var labels: [String] = []
        if kb.clinvar != nil { labels.append("clinvar") }
        labels += kb.frequencies.map(\.label)
        for (i, l) in labels.enumerated() { stats.found[l] = lookup.found[i] }
        return stats
    }

    /// Holds `record` while it may combine with later ones on a haplotype (as `consilium csq`), else emits it;
    /// output order is input order either way.
    private func process(_ record: VCFRecord, into sink: AnnotationSink) throws(InputError) {
        guard let holder else { return try emit(record, into: sink) }
        let position = Int(record.position1)
        if !held.isEmpty && (record.rid != heldRid || position > holdUntil) { try flushHeld(into: sink) }
        let hold = holder.prepare(record, header: normalizer.outputHeader)
        guard !held.isEmpty || hold > 0 else { return try emit(record, into: sink) }
        let copy = spare.popLast() ?? VCFRecord()
        copy.copy(from: record)
        held.append(copy)
        heldRid = record.rid
        holdUntil = max(holdUntil, hold)
    }

    private func flushHeld(into sink: AnnotationSink) throws(InputError) {
        guard let holder, !held.isEmpty else { return }
        holder.combinePrepared(held, header: normalizer.outputHeader)
        for r in held { try emit(r, into: sink) }
        spare.append(contentsOf: held)
        held.removeAll(keepingCapacity: true)
        heldRid = -1
        holdUntil = 0
    }

    @inline(__always)
    private func emit(_ record: VCFRecord, into sink: AnnotationSink) throws(InputError) {
        lookup.lookUp(record)
        for a in annotators {
            try a.annotate(record, header: normalizer.outputHeader, lookup: lookup)
        }
        try sink.write(record, lookup: lookup)
    }
}
