"""The standard safetyplan conformance checks, run on this region's samples."""

from safetyplan.testing import LayoutConformance


class TestShili(LayoutConformance):
    layout = "shili"
    samples = "samples/*.txt"
    gold = "gold"
