"""bench.ingest_shape: what ingest makes of a folder, counted without writing entries."""

from pathlib import Path

import pytest

from bench.ingest_shape import main, measure

_WIRE = """\
LINCOLN TELECOMMUNICATIONS RAISES DIVIDEND, VOTES TWO-FOR-ONE SPLIT

18 June 1987 09:24

LINCOLN, Neb., June 18 - Lincoln Telecommunications Corp said
its board raised the quarterly dividend and voted a two-for-one
stock split, payable July 15 to holders of record June 30.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "wire.txt").write_text(_WIRE)
    (tmp_path / "byline.txt").write_text("Talks resume in Geneva as envoys meet\nBy JANE DOE\n"
                                         "Envoys met.\nBackground\nThey met before.\n")
    (tmp_path / "empty.txt").write_text("")
    return tmp_path


def test_authors_headings_titles_and_refusals_are_counted(folder: Path) -> None:
    shape = measure(folder)
    assert {name: shape.counts[name] for name in (
        "files", "refused", "authors", "authors in capitals", "headings",
        "entries with a heading", "paragraphs", "titles guessed", "titles = first line",
    )} == {"files": 3, "refused": 1, "authors": 1, "authors in capitals": 1, "headings": 1,
           "entries with a heading": 1, "paragraphs": 4, "titles guessed": 0,
           "titles = first line": 2}
    assert shape.refusals == {"the file has no text": 1}
    assert shape.capital_authors == [("byline.txt", "JANE DOE")]
    assert shape.headings == [("byline.txt", "## Background")]


def test_the_command_prints_counts_and_examples(folder: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(folder), "--show", "1"]) == 0
    out = capsys.readouterr().out
    assert "authors in capitals             1" in out
    assert "refused      1 x the file has no text" in out
    assert "  byline.txt: ## Background" in out
