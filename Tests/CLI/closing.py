"""Runs a test module's unittest cases and ends with the line CI reads: `N passed, M failed`."""
import sys
import unittest


def run_and_report():
    program = unittest.main(exit=False, verbosity=1)
    result = program.result
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed or result.testsRun == 0 else 0)
