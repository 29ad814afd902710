import Foundation
import Testing
import TestSupport

/// Outputs appear only when complete (issue 2, item 5): a regular-file output is written to a temporary
/// file in the destination folder and renamed on success; Ctrl-C removes it. Standard output (`-`) and
/// anything that is not a regular file (`/dev/null`, a pipe) are written directly, never renamed over.
@Suite struct InterruptTests {
    /// A valid VCF with `records` biallelic SNVs on one contig, the same bytes on every run.
    static func writeVCF(records: Int, to path: String) throws {
        var text = "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=248956422>\n"
            + "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
            + "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
            + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
        let bases = ["A", "C", "G", "T"]
        text.reserveCapacity(records * 48)
        for i in 0..<records {
            let ref = bases[i % 4], alt = bases[(i + 1 + i / 4 % 3) % 4]
            text += "chr1\t\(100 + i * 7)\t.\t\(ref)\t\(alt)\t\(i % 90 + 10)\tPASS\tDP=\(i % 200)\tGT\t0/1\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func interruptedRunLeavesNoOutputAndNoTemporaryFile() throws {
        let inputDir = try Command.temporaryDirectory()
        let outputDir = try Command.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: inputDir)
            try? FileManager.default.removeItem(at: outputDir)
        }
        let input = inputDir.appendingPathComponent("big.vcf").path
        try Self.writeVCF(records: 300_000, to: input)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Command.consilium)
        process.arguments = ["norm", input, "-o", outputDir.appendingPathComponent("out.vcf.gz").path, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()

        // Wait until the temporary output exists, i.e. writing has started, then press Ctrl-C.
        var sawPartial = false
        for _ in 0..<3000 where process.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: outputDir.path)) ?? []
            if names.contains(where: { $0.hasSuffix(".partial") }) { sawPartial = true; break }
            usleep(2000)
        }
        #expect(sawPartial, "the run never created its temporary output (or finished before it was seen)")
        process.interrupt()
        process.waitUntilExit()

        // The run must have been stopped by the signal (a finished run would prove nothing here).
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGINT,
                "expected the run to end by SIGINT; it ended with \(process.terminationReason) \(process.terminationStatus)")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: outputDir.path)) ?? []
        #expect(left.isEmpty, "left behind after Ctrl-C: \(left)")
    }

    @Test func devNullIsWrittenDirectlyNotRenamedOver() throws {
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("small.vcf").path
        try Self.writeVCF(records: 50, to: input)

        let r = try Command.consilium(["norm", input, "-o", "/dev/null", "-O", "z", "--quiet"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        var st = stat()
        #expect(stat("/dev/null", &st) == 0)
        #expect(st.st_mode & S_IFMT == S_IFCHR, "/dev/null is no longer a character device")
        let names = try FileManager.default.contentsOfDirectory(atPath: "/dev").filter { $0.contains(".partial") }
        #expect(names.isEmpty, "temporary files left in /dev: \(names)")
    }

    @Test func standardOutputGetsEveryRecord() throws {
        let dir = try Command.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("small.vcf").path
        try Self.writeVCF(records: 50, to: input)

        for output in ["-", "/dev/stdout"] {
            let r = try Command.run(Command.consilium, ["norm", input, "-o", output, "-O", "v", "--quiet"],
                                    currentDirectory: dir.path)
            #expect(r.status == 0, "-o \(output): \(r.stderr)")
            let records = r.stdoutText.split(separator: "\n").filter { !$0.hasPrefix("#") }
            #expect(records.count == 50, "-o \(output): \(records.count) records on standard output")
            #expect(records.first?.hasPrefix("chr1\t100\t.\tA\t") == true)
            // Nothing but the input in the working folder: no temporary file, no file named "-".
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            #expect(names == ["small.vcf"], "-o \(output): files created: \(names)")
        }
    }
}
