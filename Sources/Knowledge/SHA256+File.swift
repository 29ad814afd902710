import Foundation
import HTS

extension SHA256 {
    /// The hex digest of a file's bytes, read in 1 MiB blocks.
    public static func file(_ path: String) throws(InputError) -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(file: path, location: .file, problem: "cannot open the file to checksum it (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var hasher = SHA256()
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { block.deallocate() }
        while true {
            let n = read(fd, block.baseAddress, block.count)
            if n < 0 {
                throw InputError(file: path, location: .file, problem: "read error while checksumming (\(String(cString: strerror(errno))))")
            }
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: block[0..<n]))
        }
        return hasher.finalizeHex()
    }
}
