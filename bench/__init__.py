"""Benchmarks that print figures; none is part of the test suite.

Run each from the repository root as a module, `python -m bench.<name> --help`, so that it imports
the installed `salesbot` package and the tests' local servers (`tests.servers`) as packages.
"""
