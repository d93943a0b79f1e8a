"""Floors for ingest's titles, dates and languages on real pasted pages (bench/meta_eval.py).

The committed labelled set always runs; PolNeAR only where its texts are (DIGEST_EVAL_DATA
or .data/), since they cannot be committed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bench.meta_eval import (
    Scores,
    date_class,
    evaluate,
    load_pages,
    load_polnear,
    main,
    polnear_folder,
    score,
    title_class,
    token_f1,
)


@pytest.fixture(scope="module")
def pages() -> Scores:
    return score(evaluate(case for case in load_pages() if case.set == "pages"))


@pytest.fixture(scope="module")
def held_out() -> Scores:
    return score(evaluate(case for case in load_pages() if case.set == "held-out"))


def test_labelled_set_spans_many_outlets_and_languages() -> None:
    cases = load_pages()
    assert len(cases) >= 50
    assert all(case.path.is_file() for case in cases)
    assert len({case.language for case in cases}) >= 8
    assert sum(case.date is not None for case in cases) >= 20


def test_titles_on_real_pages(pages: Scores, held_out: Scores) -> None:
    assert pages.title_exact >= 0.85
    assert pages.title_f1 >= 0.88
    assert held_out.title_exact >= 0.9


def test_dates_on_real_pages(pages: Scores, held_out: Scores) -> None:
    assert pages.date_day >= 0.8
    assert held_out.date_day >= 0.9


def test_polnear_titles_and_dates() -> None:
    cases = load_polnear(polnear_folder(None))
    if not cases:
        pytest.skip("PolNeAR is not in DIGEST_EVAL_DATA or .data/")
    scores = score(evaluate(cases))
    assert scores.title_exact >= 0.97
    assert scores.date_day >= 0.99  # from the file names: the texts name no dates


def test_misses_are_classed_by_shape() -> None:
    text = "Politics / Jane Roe / 2024-10-25 03:47:50\nTalks resume in Geneva\nBody."
    assert title_class("Talks resume in Geneva", "Talks resume in Geneva", text) is None
    assert title_class("State Dept", "State Dept. drops more emails", text) == "cut short"
    assert title_class("Politics / Jane Roe / 2024-10-25 03:47:50", "Talks resume in Geneva",
                       text) == "byline or date line"
    assert title_class("(Bloomberg) -- Stocks fell", "Stocks fell", text) == "wire prefix"
    assert date_class(None, date(2024, 10, 25), text) == "missed (year in text)"
    assert date_class(date(2024, 10, 25), None, text) == "invented"
    assert token_f1("Talks resume", "Talks resume in Geneva") == pytest.approx(2 / 3)


def test_command_prints_scores_and_classes(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    assert main(["--set", "all", "--data", str(tmp_path), "--show", "all"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[1].startswith("pages")
    assert any(line.startswith("held-out") for line in out.splitlines())
    assert "title got" in out
    assert f"polnear: skipped, no corpus at {tmp_path}" in err
