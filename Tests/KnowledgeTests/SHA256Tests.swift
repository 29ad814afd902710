import Foundation
import Testing
import TestSupport
@testable import Knowledge

/// SHA-256 (FIPS 180-4) must equal `sha256sum` byte for byte: the manifest's checksums are compared with
/// digests users compute themselves.
@Suite struct SHA256Tests {
    /// Messages around the padding boundaries (55, 56, 63, 64 bytes) and multi-block ones.
    @Test(arguments: [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 1000, 100_003])
    func equalsSha256sumOnGeneratedBytes(length: Int) throws {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let expected = try Command.peer("sha256sum", ["-"], input: Data(bytes)).stdoutText.prefix(64)
        var h = SHA256()
        // Feed in uneven pieces to exercise the block buffer.
        var i = 0
        var step = 1
        while i < bytes.count {
            let end = min(bytes.count, i + step)
            h.update(bytes[i..<end])
            i = end
            step = step * 3 % 97 + 1
        }
        #expect(h.finalizeHex() == String(expected))
    }

    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote),
          arguments: ["clinvar/clinvar_20211025_GRCh38_vep-testset.vcf.gz",
                      "gnomad/annonars_freqs_grch38_v4.0_gnomad-exomes.1.vcf.bgz",
                      "somatic/pcgr_T001-COAD.grch38.vcf.gz"])
    func equalsSha256sumOnRealFiles(file: String) throws {
        guard try SharedData.require() else { return }
        let path = SharedData.path(file)
        let expected = try Command.peer("sha256sum", [path]).stdoutText.prefix(64)
        #expect(try SHA256.file(path) == String(expected))
    }

    /// FIPS 180-4 example "abc".
    @Test func knownAnswerABC() {
        var h = SHA256()
        h.update(Array("abc".utf8))
        #expect(h.finalizeHex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
