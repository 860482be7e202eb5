// libFuzzer's entry point for programs that have their own main (LLVM 12 and later).
// SwiftPM links every executable with `--defsym main=<module>_main`, which hides libFuzzer's
// main, so each fuzz target's main.swift hands control to libFuzzer through this function.
#ifndef CFUZZER_H
#define CFUZZER_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*test_one_input)(const uint8_t *data, size_t size));

#endif
