"""Stage timings: what `digest build --timings` prints."""

from digest.timings import Clock, StageTime, table


def test_each_stage_is_timed_in_order_with_its_count() -> None:
    clock = Clock()
    assert clock("load", "files", len, lambda: [1, 2, 3]) == [1, 2, 3]
    clock("plan", "pages", lambda pages: pages * 2, lambda: 5)
    assert [(s.name, s.items, s.unit) for s in clock.stages] == [
        ("load", 3, "files"), ("plan", 10, "pages")]
    assert all(s.wall >= 0 and s.cpu >= 0 for s in clock.stages)


def test_the_table_aligns_stages_and_totals_them() -> None:
    lines = table([StageTime("check", 0.25, 0.125, 1000, "files"),
                   StageTime("write", 1.5, 1.0, 31, "pages rendered")]).splitlines()
    assert lines == [
        "stage   wall s    cpu s  items",
        "check    0.250    0.125  1000 files",
        "write    1.500    1.000  31 pages rendered",
        "total    1.750    1.125",
    ]
