import Foundation
import Testing
import TestSupport

/// The peer side of the differential tests: sources and queries normalized with `bcftools norm -m -any`,
/// annotated with `bcftools annotate -a SOURCE -c NEW:=OLD`, values read back with `bcftools query`.
enum AnnotatePeer {
    struct Failed: Error, CustomStringConvertible { var description: String }

    @discardableResult
    static func bcftools(_ args: [String]) throws -> Command.Result {
        let r = try Command.peer("bcftools", args)
        guard r.status == 0 else { throw Failed(description: "bcftools \(args.joined(separator: " ")) failed: \(r.stderr)") }
        return r
    }

    static func index(_ path: String) throws {
        let r = try Command.peer("tabix", ["-f", "-p", "vcf", path])
        guard r.status == 0 else { throw Failed(description: "tabix \(path): \(r.stderr)") }
    }

    /// `bcftools norm -m -any [-f REF]` into a bgzipped, indexed file.
    static func normalize(_ input: String, to output: String, reference: String? = nil) throws {
        var args = ["norm", "-m", "-any", "-Oz", "-o", output]
        if let reference { args += ["-f", reference] }
        try bcftools(args + [input])
        try index(output)
    }

    /// Renames `chr1`… to `1`… (bcftools needs one naming style; consilium matches both).
    static func dropChrPrefix(_ input: String, to output: String, in dir: URL) throws {
        let map = dir.appendingPathComponent("chr2num.txt").path
        let lines = ((1...22).map(String.init) + ["X", "Y"]).map { "chr\($0)\t\($0)" } + ["chrM\tMT"]
        try (lines.joined(separator: "\n") + "\n").write(toFile: map, atomically: true, encoding: .utf8)
        try bcftools(["annotate", "--rename-chrs", map, "-Oz", "-o", output, input])
    }

    /// Chains `bcftools annotate` over the sources; each step is `(source, columns)`.
    static func annotate(_ query: String, steps: [(String, String)], in dir: URL) throws -> String {
        var current = query
        for (i, step) in steps.enumerated() {
            let out = dir.appendingPathComponent("peer.\(i).vcf.gz").path
            try bcftools(["annotate", "-a", step.0, "-c", step.1, "-Oz", "-o", out, current])
            try index(out)
            current = out
        }
        return current
    }

    /// One line per record: CHROM POS REF ALT and the given INFO fields, sorted (left-alignment may order
    /// records at one position differently; the values are compared record by record).
    static func table(_ vcf: String, fields: [String]) throws -> [String] {
        let format = "%CHROM\t%POS\t%REF\t%ALT" + fields.map { "\t%INFO/\($0)" }.joined() + "\n"
        return try bcftools(["query", "-f", format, vcf]).stdoutText.split(separator: "\n").map(String.init).sorted()
    }

    static let clinvarColumns = "INFO/CLINVAR_ID:=ID,INFO/CLINVAR_SIG:=INFO/CLNSIG,INFO/CLINVAR_REVSTAT:=INFO/CLNREVSTAT,INFO/CLINVAR_DN:=INFO/CLNDN"

    static func frequencyColumns(label: String, grpmax: String?, faf: String?) -> String {
        var c = ["\(label)_AF:=INFO/AF", "\(label)_AC:=INFO/AC", "\(label)_AN:=INFO/AN", "\(label)_NHOMALT:=INFO/nhomalt"]
        if let grpmax { c.append("\(label)_AF_GRPMAX:=INFO/\(grpmax)") }
        if let faf { c.append("\(label)_FAF95:=INFO/\(faf)") }
        return c.map { "INFO/" + $0 }.joined(separator: ",")
    }

    static func frequencyFields(label: String) -> [String] {
        ["AF", "AC", "AN", "NHOMALT", "AF_GRPMAX", "FAF95"].map { "\(label)_\($0)" }
    }

    /// How many lines have a value (not `.`) in column `column` (0-based, after CHROM POS REF ALT).
    static func annotated(_ lines: [String], column: Int) -> Int {
        lines.filter { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            return f.count > 4 + column && f[4 + column] != "."
        }.count
    }
}
