"""newsfold's benchmarks: each module runs as a script, prints a table beside the peers measured
in the same run and writes JSON under ``benchmarks/results/``; tests import their scorers."""
