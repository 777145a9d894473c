"""Implementation phases and their time windows."""

from __future__ import annotations

import datetime as dt

from safetyplan.layouts.phases import find_phases, window_dates
from safetyplan.model import Phase, Section


def test_phases_are_read_from_headings_at_any_depth() -> None:
    steps = Section(
        "三、",
        "实施步骤",
        children=(
            Section("（一）", "部署发动阶段（8月初至8月上旬）"),
            Section("（二）", "组织实施阶段(2022年8月11日—11月20日)"),
            Section("（三）", "加强组织领导"),
        ),
    )
    assert find_phases([steps], 2019) == (
        Phase("（一）", "部署发动阶段", "8月初至8月上旬", dt.date(2019, 8, 1), dt.date(2019, 8, 10)),
        Phase("（二）", "组织实施阶段", "2022年8月11日—11月20日", dt.date(2022, 8, 11), dt.date(2022, 11, 20)),
    )


def test_window_ends() -> None:
    assert window_dates("8月上旬至11月中旬", 2019) == (dt.date(2019, 8, 1), dt.date(2019, 11, 20))
    assert window_dates("11月中旬至11月底", 2019) == (dt.date(2019, 11, 11), dt.date(2019, 11, 30))
    assert window_dates("11月下旬至次年2月", 2019)[0] == dt.date(2019, 11, 21)
    assert window_dates("12月至2月", 2022) == (dt.date(2022, 12, 1), dt.date(2023, 2, 28))
    assert window_dates("9月", 2022) == (None, None)
    assert window_dates("8月初至8月上旬", None) == (None, None)
