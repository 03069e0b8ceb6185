import Foundation
import OAuthCtlCLI

#if canImport(Glibc)
    import Glibc

    /// A plan of a large repository allocates ~100 MB in a fraction of a second, on several threads: with
    /// glibc's defaults each thread's heap grows a few pages at a time (an mprotect call each: 10,669 in a
    /// 10,000-client plan) and every large page body is a fresh mmap (page faults to zero it). A new heap
    /// made 16 MB at once (3,212 calls; 32 MB would make 79, but holds ~45 MB more of a 1,000,000-client
    /// drift), and blocks up to 32 MB kept in the heaps for reuse, save most of that system time.
    /// (`mallopt` is not in the Glibc module: it is looked up; -2 and -3 are `M_TOP_PAD` and `M_MMAP_THRESHOLD`.)
    func tuneMalloc() {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-2, 16 << 20)
        _ = mallopt(-3, 32 << 20)
    }
    tuneMalloc()
#endif

exit(await OAuthCtl.main(CommandLine.arguments))
