import CFuzzer

#if canImport(Glibc)
  import Glibc
#endif

// libFuzzer runs the show: it parses its own options (-max_total_time=, -runs=, a corpus
// folder or single inputs to replay) and calls `fuzzTestOneInput` for each input.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzTestOneInput(data, size) })
