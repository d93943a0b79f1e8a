from datetime import date, datetime
from pathlib import Path

from digest.extract import Extracted
from digest.group import group_entries, newest_first
from digest.model import Entry, EntryDate


def x(slug: str, day: date | None, *, time: datetime | None = None, source: str | None = None,
      topics: tuple[str, ...] = ()) -> Extracted:
    when = EntryDate(day, time) if day else None
    e = Entry(Path(f"{slug}.md"), slug, slug.title(), "", date=when, source=source)
    return Extracted(e, html="", paragraphs=(), text="", excerpt="", topics=topics)


def test_newest_first_with_times_then_undated_by_title() -> None:
    items = [
        x("b-undated", None), x("old", date(2024, 10, 1)),
        x("morning", date(2024, 10, 30), time=datetime(2024, 10, 30, 9, 0)),
        x("evening", date(2024, 10, 30), time=datetime(2024, 10, 30, 18, 0)),
        x("a-undated", None),
    ]
    assert [i.entry.slug for i in newest_first(items)] == [
        "evening", "morning", "old", "a-undated", "b-undated"]


def test_groups_by_day_month_topic_and_source() -> None:
    g = group_entries([
        x("a", date(2024, 10, 30), source="Babel", topics=("NATO", "Kursk")),
        x("b", date(2024, 10, 30), source="babel", topics=("nato",)),
        x("c", date(2024, 9, 2), source="Reuters"),
        x("d", None, topics=("Kursk",)),
    ])
    assert [(d.key, len(d.entries)) for d in g.days] == [("2024-10-30", 2), ("2024-09-02", 1)]
    assert g.days[0].title == "Wednesday, 30 October 2024"
    assert [(m.key, m.title) for m in g.months] == [("2024-10", "October 2024"),
                                                    ("2024-09", "September 2024")]
    assert [c.slug for c in g.undated] == ["d"]
    # Names that slug alike share one page, titled by the first spelling seen.
    assert [(t.key, t.title, len(t.entries)) for t in g.topics] == [
        ("kursk", "Kursk", 2), ("nato", "NATO", 2)]
    assert [(s.key, len(s.entries)) for s in g.sources] == [("babel", 2), ("reuters", 1)]
