from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from digest.ingest.dates import (
    DateLine,
    date_from_name,
    parse_date,
    pick_date,
    read_date_line,
    split_prefix,
)
from digest.model import EntryDate

D = date(2024, 10, 23)


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2024-10-23", None),
        ("2024-10-23 16:12", datetime(2024, 10, 23, 16, 12)),
        ("2024-10-23T16:12:05", datetime(2024, 10, 23, 16, 12, 5)),
        ("23 October 2024", None),
        ("23 October 2024 16:12", datetime(2024, 10, 23, 16, 12)),
        ("23 October 2024, 16:12", datetime(2024, 10, 23, 16, 12)),
        ("23rd Oct 2024", None),
        ("Wednesday, 23 October 2024, 16:12", datetime(2024, 10, 23, 16, 12)),
        ("Wed 23 October 2024", None),
        ("16:12, 23 October 2024", datetime(2024, 10, 23, 16, 12)),
        ("October 23, 2024", None),
        ("Oct 23, 2024, 4:12 PM", datetime(2024, 10, 23, 16, 12)),
        ("Oct. 23rd, 2024 at 4:12 p.m.", datetime(2024, 10, 23, 16, 12)),
        ("Oct 23, 2024, 12:05 AM", datetime(2024, 10, 23, 0, 5)),
        ("23.10.2024", None),
        ("23.10.2024 16.12", datetime(2024, 10, 23, 16, 12)),
        ("  23 october 2024  ", None),
    ],
)
def test_supported_forms(text: str, moment: datetime | None) -> None:
    assert parse_date(text) == EntryDate(D, moment)


def test_zones_make_aware_datetimes_and_only_real_zones_do() -> None:
    utc = parse_date("2024-10-23T16:12:00Z")
    assert utc is not None and utc.moment == datetime(2024, 10, 23, 16, 12, tzinfo=UTC)
    kyiv = parse_date("2024-10-23T16:12:00+03:00")
    assert kyiv is not None and kyiv.moment is not None
    assert kyiv.moment.utcoffset() == timedelta(hours=3)
    west = parse_date("23 October 2024 16:12 GMT-5")
    assert west is not None and west.moment == datetime(
        2024, 10, 23, 16, 12, tzinfo=timezone(timedelta(hours=-5)))
    # An abbreviation like EDT is ambiguous: the time stays naive, not guessed.
    edt = parse_date("Oct 23, 2024, 4:12 PM EDT")
    assert edt is not None and edt.moment is not None and edt.moment.tzinfo is None


@pytest.mark.parametrize(
    "text",
    [
        "31 February 2024", "2024-02-30", "30.02.2024", "2024-13-01", "February 29, 2023",
        "23 October 2024 25:00", "Oct 23, 2024, 13:00 PM", "2024-10-23T16:12+25:00",
        "", "yesterday", "June 2024", "23 October", "Published on 23 October 2024 in Kyiv",
    ],
)
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_prefix_is_split_off() -> None:
    assert split_prefix(" date 2024-10-30 The president said.") == (
        EntryDate(date(2024, 10, 30)), "The president said.")
    assert split_prefix("date 2024-10-31\nText") == (EntryDate(date(2024, 10, 31)), "\nText")
    unprefixed = "The update 2024-10-30 is late."
    assert split_prefix(unprefixed) == (None, unprefixed)


def test_invalid_prefix_is_removed_but_gives_no_date() -> None:
    assert split_prefix("date 2024-02-31 Text") == (None, "Text")


def test_a_prefix_with_only_the_month_goes_and_gives_no_date() -> None:
    assert split_prefix(" date 2023-12 O presidente fez um discurso.") == (
        None, "O presidente fez um discurso.")


@pytest.mark.parametrize(
    ("text", "day", "moment"),
    [
        ("4 mai 2012", date(2012, 5, 4), None),
        ("mercredi 11 janvier 2012 à 00h42min", date(2012, 1, 11), datetime(2012, 1, 11, 0, 42)),
        ("25. März 2020", date(2020, 3, 25), None),
        ("02.05.2022, 19:22 Uhr", date(2022, 5, 2), datetime(2022, 5, 2, 19, 22)),
        ("27 марта 2024", date(2024, 3, 27), None),
        ("25 листопада 2025 21:29", date(2025, 11, 25), datetime(2025, 11, 25, 21, 29)),
        ("27 Shkurt 2026, 12:02", date(2026, 2, 27), datetime(2026, 2, 27, 12, 2)),
        ("4 de mayo de 2012", date(2012, 5, 4), None),
        ("21 de dezembro de 2022", date(2022, 12, 21), None),
        ("lunedì 26 settembre 2022", date(2022, 9, 26), None),
        ("25 października 2024", date(2024, 10, 25), None),
        ("Sept. 5, 2016", date(2016, 9, 5), None),
        ("25/10/2024", date(2024, 10, 25), None),
        ("10/25/2024", date(2024, 10, 25), None),
        ("Mon, 21 Oct 2024 17:58:00 +0300", date(2024, 10, 21), datetime(
            2024, 10, 21, 17, 58, tzinfo=timezone(timedelta(hours=3)))),
    ],
)
def test_dates_in_many_languages_and_forms(text: str, day: date, moment: datetime | None) -> None:
    assert parse_date(text) == EntryDate(day, moment)


def test_a_slashed_date_that_could_be_either_way_round_is_no_date() -> None:
    assert parse_date("06/08/2008") is None  # 6 August or June 8: not guessed


def test_author_glued_to_weekday() -> None:
    line = read_date_line("Iryna KutielievaThursday, 31 October 2024, 11:40")
    assert line == DateLine(
        EntryDate(date(2024, 10, 31), datetime(2024, 10, 31, 11, 40)), 1, "Iryna Kutielieva")


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("By Jane Doe | October 23, 2024", "Jane Doe"),
        ("Jane Doe, 23.10.2024", "Jane Doe"),
        ("23 October 2024 by Jane Doe and John Smith", "Jane Doe and John Smith"),
        ("Kyiv, 23 October 2024", None),
        ("Published: 23 October 2024", None),
    ],
)
def test_date_lines_with_bylines_and_labels(text: str, author: str | None) -> None:
    line = read_date_line(text)
    assert line is not None and line.date.day == D and line.author == author


@pytest.mark.parametrize(
    ("text", "day", "author"),
    [
        ("Politics / Jane Roe / 2024-10-25 03:47:50", date(2024, 10, 25), "Jane Roe"),
        ("March 26, 2014 7:45 PM EDT 162 Comments", date(2014, 3, 26), None),
        ("Jun 02, 2022 at 17:08 876", date(2022, 6, 2), None),
        ("May 19, 2015 / 6:10 PM / 2 years ago", date(2015, 5, 19), None),
        ("2026-01-30 - 09:06", date(2026, 1, 30), None),
        ("WASHINGTON | Thu Jun 27, 2013 4:38pm EDT", date(2013, 6, 27), None),
        ("Veröffentlicht von Nina Scheer 25. März 2020", date(2020, 3, 25), "Nina Scheer"),
        ("Дата публікації: 25 листопада 2025 21:29", date(2025, 11, 25), None),
    ],
)
def test_date_lines_with_page_furniture(text: str, day: date, author: str | None) -> None:
    line = read_date_line(text)
    assert line is not None and (line.date.day, line.author) == (day, author)


def test_labels_in_other_languages_rank_the_date() -> None:
    published = read_date_line("Publié le 4 mai 2012")
    updated = read_date_line("Updated 3:47 PM EDT, Fri October 25, 2024")
    assert published is not None and published.rank == 0
    assert updated is not None and updated.rank == 2
    assert updated.date.moment == datetime(2024, 10, 25, 15, 47)


def test_published_beats_updated_on_one_line() -> None:
    for text in ("Updated: 25 Oct 2024 | Published: 23 Oct 2024",
                 "Published 23 Oct 2024, last updated 25 Oct 2024"):
        line = read_date_line(text)
        assert line is not None and line.date.day == D


@pytest.mark.parametrize(
    "text",
    [
        "on 19 June 2024, Russian President Vladimir Putin paid his first visit.",
        "The talks began on 23 October 2024",
        "About The Author 23.10.2024",
        "Summit Set For 23 October 2024",
        "31 February 2024",
        "No date here at all",
    ],
)
def test_sentences_and_junk_are_no_date_lines(text: str) -> None:
    assert read_date_line(text) is None


def test_pick_prefers_published_then_the_more_precise_agreeing_time() -> None:
    updated = DateLine(EntryDate(date(2024, 10, 25)), 2, None)
    published = DateLine(EntryDate(D, datetime(2024, 10, 23, 9, 0)), 0, None)
    assert pick_date(None, [updated, published]) == published.date
    assert pick_date(EntryDate(D), [published]) == published.date
    assert pick_date(EntryDate(D), []) == EntryDate(D)
    assert pick_date(None, []) is None


def test_pick_keeps_the_prefix_when_a_header_line_disagrees() -> None:
    other_day = DateLine(EntryDate(date(2024, 10, 1), datetime(2024, 10, 1, 8, 0)), 1, None)
    assert pick_date(EntryDate(D), [other_day]) == EntryDate(D)


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("2016-11-07-clinton-wins.txt", date(2016, 11, 7)),  # Jekyll
        ("breitbart_2016-11-07_clinton-wins.txt", date(2016, 11, 7)),  # archive exports
        ("clinton-wins.2016-11-07.md", date(2016, 11, 7)),
        ("clinton-wins.txt", None),
        ("x2016-11-07.txt", None),  # part of a longer token
        ("12016-11-07.txt", None),
        ("2016-13-07-bad-month.txt", None),
        ("20161107-compact.txt", None),
    ],
)
def test_a_day_in_a_file_name(name: str, day: date | None) -> None:
    found = date_from_name(name)
    assert (found.day if found else None) == day
