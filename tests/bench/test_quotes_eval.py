"""The PolNeAR harness (bench/polnear.py, bench/quotes_eval.py) on a brat article of our own.

PolNeAR's texts cannot be committed, so this writes a small article in its layout (a text
file and one annotator's .ann) and checks what the harness makes of it and of digest.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.polnear import articles, read_article
from bench.quotes_eval import classify, main, same_person

TEXT = (
    "Mayor speaks on budget\n\n"
    'Mayor Helen Park spoke on Monday. "The budget is balanced," Park said.\n\n'
    'On Tuesday critics called it a "grave mistake" in a statement.\n\n'
    'The plan was dubbed "Operation Sunrise" by staff.\n'
)


def _ann(text: str) -> str:
    def span(needle: str) -> tuple[int, int]:
        start = text.index(needle)
        return start, start + len(needle)

    rows = []
    relations = [
        ("Park", "said", '"The budget is balanced,"'),
        ("critics", "called", 'it a "grave mistake"'),
    ]
    for k, (source, cue, content) in enumerate(relations):
        ids = [f"T{3 * k + i + 1}" for i in range(3)]
        for tid, (label, needle) in zip(ids, (("Source", source), ("Cue", cue),
                                              ("Content", content)), strict=True):
            a, b = span(needle) if label != "Source" or source != "Park" else (
                text.index("Park said"), text.index("Park said") + 4)
            rows.append(f"{tid}\t{label} {a} {b}\t{text[a:b]}")
        rows.append(f"E{k + 1}\tAttribution:{ids[1]} Source:{ids[0]} Cue:{ids[1]} "
                    f"Content:{ids[2]}")
    return "\n".join(rows) + "\n"


def test_gold_quotes_are_marked_spans_inside_content() -> None:
    article = read_article(TEXT, _ann(TEXT), "local", "dev")
    assert [(q.text, q.source) for q in article.quotes] == [
        ("The budget is balanced", "Park"), ("grave mistake", "critics")]
    # "Operation Sunrise" is in marks but in no Content span: a name, not a quote.
    assert [article.paragraphs[p][s:e] for p, s, e in article.non_quotes] == [
        "Operation Sunrise"]


def test_sources_are_classified_as_a_reader_would() -> None:
    assert classify("Park").kind == "name"
    assert classify("Sen. Tom Carper of Delaware").name == ("Tom", "Carper")
    assert classify("her senior policy adviser, Jake Sullivan,").name == ("Jake", "Sullivan")
    assert classify("he").kind == "pronoun"
    assert classify("a New Hampshire Republican").kind == "nominal"
    assert classify("Cruz and Trump").kind == "group"
    assert classify("The Washington Post").kind == "org"


def test_a_surname_matches_the_full_name_the_article_gives() -> None:
    names = {"park": {("Helen", "Park")}}
    assert same_person(("Park",), "Helen Park", names)
    assert not same_person(("Park",), "Jin Park", names)
    assert not same_person(("Helen", "Park"), "Helen Roe", names)


def test_the_harness_scores_a_split(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "polnear" / "data" / "dev"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "local.txt").write_text(TEXT, encoding="utf-8")
    (folder / "attributions" / "local_a1.ann").write_text(_ann(TEXT), encoding="utf-8")
    assert len(list(articles(tmp_path / "polnear", "dev"))) == 1
    assert main(["--data", str(tmp_path), "--split", "dev"]) == 0
    out = capsys.readouterr().out
    assert "extraction F1" in out
    rows = {line[:34].strip(): line[34:].split() for line in out.splitlines()}
    assert rows["attribution recall (named)"] == ["1.000"]  # Park said it, and digest says so


def test_without_the_data_it_says_where_to_put_it(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tmp_path)]) == 2
    assert "never data/test" in capsys.readouterr().err
