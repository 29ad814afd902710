import Foundation
import Testing
@testable import Knowledge

/// The checksum verified at every knowledge-base open must catch the damage SHA-256 catches in practice:
/// any changed byte, a truncation, a block moved elsewhere.
@Suite struct FastChecksumTests {
    static func bytes(_ n: Int, seed: UInt64 = 7) -> [UInt8] {
        var x = seed
        return (0..<n).map { _ in x = x &* 6364136223846793005 &+ 1442695040888963407; return UInt8(truncatingIfNeeded: x >> 56) }
    }

    static func sum(_ b: [UInt8]) -> UInt64 { b.withUnsafeBytes { FastChecksum.hash($0) } }

    @Test func everySingleByteChangeIsDetected() {
        let original = Self.bytes(1000)
        let base = Self.sum(original)
        for i in 0..<original.count {
            var damaged = original
            damaged[i] ^= 0x01
            #expect(Self.sum(damaged) != base, "a flipped bit at byte \(i) went unnoticed")
        }
    }

    @Test func truncationIsDetected() {
        let original = Self.bytes(4096)
        let base = Self.sum(original)
        for n in [0, 1, 31, 32, 33, 4064, 4095] {
            #expect(Self.sum(Array(original.prefix(n))) != base)
        }
        // Zeros appended to a file whose tail is zero still change the length, hence the sum.
        #expect(Self.sum([0, 0, 0]) != Self.sum([0, 0, 0, 0]))
    }

    @Test func swappedBlocksAreDetected() {
        let original = Self.bytes(128)
        var swapped = original
        swapped.replaceSubrange(0..<32, with: original[32..<64])
        swapped.replaceSubrange(32..<64, with: original[0..<32])
        #expect(Self.sum(swapped) != Self.sum(original))
    }

    @Test func hexIsStableAndNamed() {
        let h = Self.bytes(100).withUnsafeBytes { FastChecksum.hex($0) }
        #expect(h.hasPrefix("fx64:") && h.count == 21)
        #expect(h == Self.bytes(100).withUnsafeBytes { FastChecksum.hex($0) })
    }
}
