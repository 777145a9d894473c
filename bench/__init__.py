"""Benchmarks for safetyplan: speed, memory and scale, each against a floor.

Run from the repository root, with safetyplan installed (``pip install -e .``)::

    python -m bench                 # every figure; prints the table, writes docs/performance.md
    python -m bench --quick         # fewer repeats, smaller inputs; writes nothing
    python -m bench --only import,xml --output /tmp/perf.md

Every figure is a ratio against a floor measured in the same run (see
:mod:`bench.measure`), so the figures hold on a noisy machine:

1. import of each corpus document vs reading it and one regex per line (≤ 10×)
2. the DOCX task table of each plan vs the same cells with plain python-docx (≤ 1×)
3. XML write + read of each plan vs lxml on the same tree (≤ 3×)
4. scale: time(10,000 measures) / time(1,000) for import, XML and the DOCX
   table (≤ 11), and peak memory of the 10,000-measure plan through every
   writer (≤ 300 MB)
5. start-up of ``safetyplan --help`` and ``safetyplan plugins`` vs
   ``python -c pass`` (≤ +150 ms)
6. batch of 500 files, ``--jobs 2`` vs ``--jobs 1`` (speed-up ≥ 1.7)
7. pandoc text → .docx beside ours, where pandoc is installed (reference;
   ``pip install -e ".[bench]"`` installs one)

A figure that cannot be measured — a writer not installed, a document no
layout reads — is reported as skipped with the reason.  The command exits
non-zero only when it cannot run at all (safetyplan not importable, no corpus,
nothing measurable); a missed target is a finding, not a failure.
"""
