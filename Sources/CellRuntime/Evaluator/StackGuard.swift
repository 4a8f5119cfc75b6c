#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops a recipe's recursion (nested expressions, blocks and function calls together) with a
/// positioned error before it overflows the thread's stack.
///
/// Counting limits alone cannot bound the stack: a debug-build `evaluate` frame is ~8.6 KiB
/// (measured), and a 200-deep recursion whose body nests blocks and expressions multiplies the
/// levels. So `evaluate` and `execute` compare the stack pointer with the thread's real stack
/// bounds instead, which holds in debug and release builds and on any thread.
enum StackGuard {
    /// Stack kept free below the checked frames, for the work done under them without a check
    /// (simulations, fits, formatting, the error path itself): 1 MiB, or a quarter of a
    /// small thread stack.
    static let reserveBytes = 1 << 20

    /// The lowest stack address the calling thread may reach at a check; 0 (no limit) when the
    /// platform does not tell.
    static func currentLimit() -> UInt {
        #if os(Linux)
        var attributes = pthread_attr_t()
        guard let getAttributes = linuxGetAttributes,
              getAttributes(pthread_self(), &attributes) == 0 else { return 0 }
        defer { pthread_attr_destroy(&attributes) }
        var address: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attributes, &address, &size) == 0, let address else { return 0 }
        let low = UInt(bitPattern: address)
        #elseif canImport(Darwin)
        let high = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        let size = pthread_get_stacksize_np(pthread_self())
        let low = high - UInt(size)
        #else
        let low: UInt = 0, size = 0
        #endif
        guard size > 0 else { return 0 }
        return low + UInt(min(reserveBytes, size / 4))
    }

    #if os(Linux)
    /// glibc's `pthread_getattr_np` (the Glibc module hides it behind `_GNU_SOURCE`), looked up
    /// once by name; nil if the C library lacks it.
    private static let linuxGetAttributes: (@convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32)? = {
        guard let symbol = dlsym(nil, "pthread_getattr_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32).self)
    }()
    #endif

    /// An address in the caller's stack frame (the stack grows down on every supported CPU).
    @inline(never)
    static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }
}
