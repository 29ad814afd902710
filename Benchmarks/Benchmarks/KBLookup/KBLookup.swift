// The knowledge-base lookup path (issue 3 goal: ≥ 1M variants/s), through the Knowledge library API only.
//
// Setup writes a generated population-frequency VCF of 1,000,000 records (deterministic: SplitMix64, seed 42)
// into a temporary folder, builds a knowledge base from it with `KBBuilder` (as `consilium kb build
// --frequencies pop=F` does, without a reference) and opens it with `KnowledgeBase`. The queries are
// 1,000,000 alleles at the records' positions: half are the records' own alleles (hits), half another ALT
// at the same position (misses: the binary search runs to the end). One iteration looks up every query:
// trim shared trailing bases, pack the key (`VariantKey`), binary-search the chunk (`VariantIndex.find`), or,
// as `AlleleLookup` does for annotate, gallop on from where the previous search ended (`find(…cursor:)`).
// `lookups/s` is queries / wall time of the iteration.
import Benchmark
import Foundation
import HTS
import Knowledge

/// Deterministic 64-bit generator (SplitMix64): the same data on every run and machine.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// One query allele: contig, 0-based position, and its REF/ALT as ranges of `LookupData.bases`.
struct Query {
    var contig: Int
    var position: Int64
    var refStart: Int, refCount: Int
    var altStart: Int, altCount: Int
}

/// The knowledge base and the queries, made once in setup.
final class LookupData: @unchecked Sendable {
    static let records = 1_000_000
    static let contigs = [("chr1", 30_000_000), ("chr2", 30_000_000)]
    nonisolated(unsafe) static var shared: LookupData?

    let folder: URL
    let kb: KnowledgeBase
    let table: FrequencyTable
    /// Queries in the order a sorted VCF would ask them, and the same queries shuffled.
    let sorted: [Query]
    let shuffled: [Query]
    let bases: [UInt8]
    let buildSeconds: Double
    let kbBytes: Int

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("consilium-kblookup-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var rng = SplitMix64(state: 42)
        let acgt: [UInt8] = Array("ACGT".utf8)
        var vcf = [UInt8]()
        vcf.reserveCapacity(Self.records * 48)
        var header = "##fileformat=VCFv4.2\n"
        for (name, length) in Self.contigs { header += "##contig=<ID=\(name),length=\(length)>\n" }
        header += """
            ##INFO=<ID=AC,Number=A,Type=Integer,Description="Alternate allele count">
            ##INFO=<ID=AN,Number=1,Type=Integer,Description="Total number of alleles">
            ##INFO=<ID=AF,Number=A,Type=Float,Description="Alternate allele frequency">
            #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO

            """
        vcf += Array(header.utf8)
        var bases = [UInt8]()
        var queries: [Query] = []
        queries.reserveCapacity(Self.records)
        let perContig = Self.records / Self.contigs.count
        for (c, (name, length)) in Self.contigs.enumerated() {
            // Positions strictly increase (mean gap 25 bp), so no two records share an allele.
            var pos = 1000
            for _ in 0..<perContig {
                pos += 1 + rng.below(49)
                precondition(pos < length - 100)
                let kind = rng.below(100)
                let first = acgt[rng.below(4)]
                var ref: [UInt8] = [first], alt: [UInt8]
                if kind < 80 {  // SNV
                    alt = [acgt[(acgt.firstIndex(of: first)! + 1 + rng.below(3)) & 3]]
                } else if kind < 88 {  // deletion of 1-6 bases
                    for _ in 0..<(1 + rng.below(6)) { ref.append(acgt[rng.below(4)]) }
                    alt = [first]
                } else if kind < 97 {  // insertion of 1-6 bases
                    alt = [first]
                    for _ in 0..<(1 + rng.below(6)) { alt.append(acgt[rng.below(4)]) }
                } else {  // insertion too long for the packed key: the side table
                    alt = [first]
                    for _ in 0..<(20 + rng.below(20)) { alt.append(acgt[rng.below(4)]) }
                }
                let ac = 1 + rng.below(500), an = 1000 + rng.below(1_000_000)
                vcf += Array("\(name)\t\(pos)\t.\t".utf8) + ref + [0x09] + alt
                vcf += Array("\t.\tPASS\tAC=\(ac);AN=\(an);AF=\(Float(ac) / Float(an))\n".utf8)
                // Every other query is this allele (a hit); the others another ALT here (a miss).
                let qAlt: [UInt8]
                if queries.count % 2 == 0 {
                    qAlt = alt
                } else if alt.count == 1 && ref.count == 1 {
                    qAlt = [acgt.first { $0 != first && $0 != alt[0] } ?? first]
                } else {
                    qAlt = alt + [alt.last == 0x41 ? 0x43 : 0x41]
                }
                let r = bases.count
                bases += ref
                let a = bases.count
                bases += qAlt
                queries.append(Query(contig: c, position: Int64(pos - 1), refStart: r, refCount: ref.count,
                                     altStart: a, altCount: qAlt.count))
            }
        }
        let source = folder.appendingPathComponent("pop.vcf").path
        guard FileManager.default.createFile(atPath: source, contents: Data(vcf)) else {
            throw InputError(file: source, location: .file, problem: "cannot write the generated source")
        }
        let kbPath = folder.appendingPathComponent("kb").path
        var builder = KBBuilder(output: kbPath)
        builder.frequencies = [.init(label: "pop", path: source)]
        let start = ContinuousClock.now
        let manifest = try builder.build()
        buildSeconds = seconds(ContinuousClock.now - start)
        precondition(manifest.sources[0].counts.indexed == Self.records, "every generated record is indexed")
        kb = try KnowledgeBase(path: kbPath)
        guard let t = kb.frequencies.first else {
            throw InputError(file: kbPath, location: .file, problem: "the built knowledge base has no frequency table")
        }
        table = t
        kbBytes = (try? FileManager.default.attributesOfItem(atPath: t.index.file.path)[.size] as? Int) ?? 0
        self.bases = bases
        sorted = queries
        var shuffled = queries
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, rng.below(i + 1)) }
        self.shuffled = shuffled
        FileHandle.standardError.write(Data(("KBLookup: built a \(Self.records)-record knowledge base in "
            + String(format: "%.2f s (index %d bytes)\n", buildSeconds, kbBytes)).utf8))
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Looks every query up; returns the number found (and, with `values`, sums AC so the reads are kept).
    @inline(never)
    func lookUpAll(_ queries: [Query], values: Bool, cursor useCursor: Bool = false) -> Int {
        let index = table.index
        let contigs = queries.map(\.contig).max().map { $0 + 1 } ?? 0
        // The knowledge base's contig for each query contig, resolved once as AlleleLookup does.
        let kbContig = (0..<contigs).map { kb.contigIndex(of: Self.contigs[$0].0) ?? -1 }
        let ac = table.ac ?? 0
        var found = 0, sum = 0, cursor = 0
        bases.withUnsafeBufferPointer { all in
            for q in queries {
                let refFull = UnsafeBufferPointer(rebasing: all[q.refStart..<(q.refStart + q.refCount)])
                let altFull = UnsafeBufferPointer(rebasing: all[q.altStart..<(q.altStart + q.altCount)])
                let (rl, al) = VariantKey.trimmedLengths(ref: refFull, alt: altFull)
                let ref = UnsafeBufferPointer(rebasing: refFull[0..<rl]), alt = UnsafeBufferPointer(rebasing: altFull[0..<al])
                let bits = VariantKey.encodeAlleles(ref: ref, alt: alt)
                let row = useCursor
                    ? index.find(contig: kbContig[q.contig], position: q.position, alleleBits: bits, ref: ref, alt: alt, cursor: &cursor)
                    : index.find(contig: kbContig[q.contig], position: q.position, alleleBits: bits, ref: ref, alt: alt)
                if let row {
                    found += 1
                    if values { sum &+= Int(index.int(ac, row: row) ?? 0) }
                }
            }
        }
        blackHole(sum)
        return found
    }
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

let lookupsPerSecond = BenchmarkMetric.custom("lookups/s", polarity: .prefersLarger, useScalingFactor: false)

/// One iteration = every query once; reports lookups/s and checks the hit count.
func measureLookups(_ benchmark: Benchmark, shuffled: Bool, values: Bool, cursor: Bool = false) {
    guard let data = LookupData.shared else { fatalError("setup did not run") }
    let queries = shuffled ? data.shuffled : data.sorted
    for _ in benchmark.scaledIterations {
        let start = ContinuousClock.now
        let found = data.lookUpAll(queries, values: values, cursor: cursor)
        let elapsed = seconds(ContinuousClock.now - start)
        // Half the queries are the records' own alleles: anything else is a wrong answer, not a speed.
        precondition(found == queries.count / 2, "found \(found) of \(queries.count / 2) expected hits")
        benchmark.measurement(lookupsPerSecond, Int(Double(queries.count) / elapsed))
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident, lookupsPerSecond],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 20
    )
    // Setup runs before each benchmark: build once. The mapped index stays readable after teardown
    // removes the folder (Linux keeps an unlinked file's pages while they are mapped).
    Benchmark.setup = { if LookupData.shared == nil { LookupData.shared = try LookupData() } }
    Benchmark.teardown = { LookupData.shared?.remove() }

    Benchmark("1M lookups, sorted (annotate order), 50% hits") { benchmark in
        measureLookups(benchmark, shuffled: false, values: false)
    }
    Benchmark("1M lookups, sorted, cursor (annotate's path), 50% hits") { benchmark in
        measureLookups(benchmark, shuffled: false, values: false, cursor: true)
    }
    Benchmark("1M lookups, random order, cursor, 50% hits") { benchmark in
        measureLookups(benchmark, shuffled: true, values: false, cursor: true)
    }
    Benchmark("1M lookups + read AC of hits, sorted, cursor") { benchmark in
        measureLookups(benchmark, shuffled: false, values: true, cursor: true)
    }
    Benchmark("1M lookups, random order, 50% hits") { benchmark in
        measureLookups(benchmark, shuffled: true, values: false)
    }
    Benchmark("1M lookups + read AC of hits, sorted") { benchmark in
        measureLookups(benchmark, shuffled: false, values: true)
    }
}
