import Foundation
import OAuthCtlCLI

#if canImport(Glibc)
    import Glibc

    /// A plan of a large repository allocates ~100 MB in a fraction of a second, on several threads: with
    /// glibc's defaults each thread's heap grows a few pages at a time (an mprotect call each) and every
    /// large page body is a fresh mmap (page faults to zero it). Growing heaps 32 MB at a time and keeping
    /// blocks up to 32 MB in them, for reuse, saves most of that system time. (`mallopt` is not in the
    /// Glibc module: it is looked up; the values are glibc's `M_TOP_PAD` and `M_MMAP_THRESHOLD`.)
    func tuneMalloc() {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-2, 32 << 20)
        _ = mallopt(-3, 32 << 20)
    }
    tuneMalloc()
#endif

exit(await OAuthCtl.main(CommandLine.arguments))
