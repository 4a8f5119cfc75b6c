// libFuzzer target: the measured-data readers (EIS spectra and voltage traces) over arbitrary
// bytes. Built only by `make fuzz` (swiftc -sanitize=fuzzer, see Makefile).
import CellData

/// File names whose extensions steer the readers' format order; the input's length picks one,
/// so every hint is exercised without spending input bytes on it.
private let hintNames = ["fuzz.z", "fuzz.mpt", "fuzz.mpr", "fuzz.txt", "fuzz.csv", "fuzz.dta", "fuzz.par", "fuzz"]

/// One execution: both readers must either return data or throw a `DataError`, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDataReaders(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let name = hintNames[count % hintNames.count]
    if let spectrum = try? EISFileReader.parse(data: bytes, fileName: name) {
        _ = spectrum.spectrum.count
    }
    if let trace = try? TraceReader.parse(data: bytes, fileName: name) {
        _ = trace.time.count
    }
    return 0
}
