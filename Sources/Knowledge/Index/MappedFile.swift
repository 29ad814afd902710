import Foundation
import HTS

/// A read-only memory map of a whole file; the bytes stay valid while the value lives.
///
/// Index files are mapped, not read: the kernel pages in only what lookups touch, and several processes
/// annotating against one knowledge base share the same pages.
public final class MappedFile: @unchecked Sendable {
    public let path: String
    public let bytes: UnsafeRawBufferPointer
    private let base: UnsafeMutableRawPointer?
    private let length: Int

    public init(path: String) throws(InputError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(file: path, location: .file, problem: "cannot open the knowledge-base file (\(String(cString: strerror(errno))))",
                             hint: "check that the knowledge-base folder is complete; rebuild it with `consilium kb build`")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw InputError(file: path, location: .file, problem: "cannot read the file's size")
        }
        length = Int(st.st_size)
        if length == 0 {
            base = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let p = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let p, p != MAP_FAILED else {
            throw InputError(file: path, location: .file, problem: "cannot memory-map the file (\(String(cString: strerror(errno))))")
        }
        base = p
        bytes = UnsafeRawBufferPointer(start: p, count: length)
    }

    deinit {
        if let base { munmap(base, length) }
    }
}
