"""Linking one statement across outlets on news no rule was written for.

tests/fixtures/statements/ holds short excerpts of six events' coverage, labelled by hand
(its README); bench/statements_eval.py scores digest's linking on them. The floors sit at
what the linker reaches, so a change that loses links or makes wrong ones fails here.
`pytest -s` prints the figures.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from bench import statements_eval
from bench.statements_eval import FixtureError, load, outlet_key, run, size, vectors_of
from digest.link import semantic

PRECISION_FLOOR = 0.99
RECALL_FLOOR = 0.67
COVERAGE_FLOOR = 0.80
HARD_NEGATIVES_JOINED_CEILING = 1
# With the multilingual extra's vectors (digest.link.semantic).
VECTORS_RECALL_FLOOR = 0.80
VECTORS_COVERAGE_FLOOR = 0.86
VECTORS_ACROSS_LANGUAGES_FLOOR = 0.45


def test_the_set_is_as_large_as_the_issue_asks() -> None:
    fixture = load()
    s = size(fixture)
    assert s.events >= 6
    assert s.outlets >= 40
    assert s.shared >= 25  # statements carried by three or more outlets
    # Different wordings, not reprints: most shared statements have 3+ distinct texts.
    texts: dict[str, set[str]] = defaultdict(set)
    outlets: dict[str, set[str]] = defaultdict(set)
    for v in fixture.versions:
        texts[v.statement].add(" ".join(v.ref.text.casefold().split()))
        outlets[v.statement].add(outlet_key(v.outlet))
    reworded = [s for s in outlets if len(outlets[s]) >= 3 and len(texts[s]) >= 3]
    assert len(reworded) >= 25


def test_every_quote_is_printed_in_its_excerpt_and_labelled_once() -> None:
    fixture = load()  # raises on a text missing from its excerpt, or a label that disagrees
    ids = [v.ref.id for v in fixture.versions]
    assert len(ids) == len(set(ids))
    assert all(v.ref.text in v.excerpt for v in fixture.versions)


def test_a_bad_fixture_names_the_file_and_quote(tmp_path: Path) -> None:
    (tmp_path / "event.yaml").write_text(
        "event: e\npeople: []\nreports:\n"
        "  - {outlet: O, url: u, date: 2024-01-02, lang: en, quotes: [\n"
        "      {id: s, speaker: A, said_by: A, kind: direct, text: not here,"
        " excerpt: something else}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(FixtureError, match=r"event.yaml: report 1 \(O\), quote 1: text"):
        load(tmp_path)
    assert statements_eval.main(["--fixture", str(tmp_path)]) == 2


def test_linking_stays_at_its_figures() -> None:
    scores, _ = run(load())
    print(f"\nstatements: precision {scores.precision:.3f} recall {scores.recall:.3f}"
          f" coverage {scores.coverage:.3f}; hard negatives joined"
          f" {scores.hard_negatives_joined} of {scores.hard_negatives}")
    assert scores.precision >= PRECISION_FLOOR
    assert scores.recall >= RECALL_FLOOR
    assert scores.coverage >= COVERAGE_FLOOR
    assert scores.hard_negatives_joined <= HARD_NEGATIVES_JOINED_CEILING


@pytest.mark.skipif(not semantic.available(), reason="the multilingual extra is not installed")
def test_linking_with_vectors_stays_at_its_figures() -> None:
    fixture = load()
    model = vectors_of(fixture)
    assert model is not None
    scores, _ = run(fixture, vectors=model[1])
    linked, across = scores.recall_by["across languages"]
    print(f"\nstatements with vectors: precision {scores.precision:.3f} recall"
          f" {scores.recall:.3f} ({linked} of {across} across languages) coverage"
          f" {scores.coverage:.3f}; hard negatives joined {scores.hard_negatives_joined}")
    assert scores.precision >= PRECISION_FLOOR
    assert scores.recall >= VECTORS_RECALL_FLOOR
    assert linked / across >= VECTORS_ACROSS_LANGUAGES_FLOOR
    assert scores.coverage >= VECTORS_COVERAGE_FLOOR
    assert scores.hard_negatives_joined == 0
