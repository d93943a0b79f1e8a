"""extract_quotes on the five seed entries against the hand-labelled set (fixtures/quotes).

A prediction matches a label of the same entry and paragraph when their spans overlap by at
least 80% of the shorter; quotes (direct and partial) and indirect attributions are scored
apart. `pytest -s` prints the figures; the floors keep them from slipping.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from digest.content import load_entries
from digest.extract.markdown import new_renderer, render_body
from digest.extract.quotes import extract_quotes
from digest.model import Quote
from digest.people import People, Person

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "tests" / "fixtures" / "quotes" / "seeds.yaml"
# Spellings the registry exists for: outlets transliterate Ukrainian names differently.
REGISTRY = People([
    Person("Volodymyr Zelenskyy", aliases=("Zelensky", "Volodymyr Zelensky")),
    Person("Kyrylo Budanov", aliases=("Kirill Budanov",)),
])
FLOORS = {
    "quote precision": 1.0, "quote recall": 1.0, "quote kind accuracy": 1.0,
    "indirect precision": 1.0, "indirect recall": 1.0, "attribution accuracy": 1.0,
}


@dataclass(frozen=True)
class Span:
    entry: str
    paragraph: int
    start: int
    end: int
    kind: str
    speaker: str | None


def _seed_paragraphs() -> dict[str, tuple[str, ...]]:
    md = new_renderer()
    return {Path(entry.origin or "").name[:3]: render_body(entry.body, md).paragraphs
            for entry in load_entries(ROOT / "content").entries}


def _labels(paragraphs: dict[str, tuple[str, ...]]) -> list[Span]:
    items: list[dict[str, Any]] = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    spans = []
    for item in items:
        text = paragraphs[item["entry"]][item["paragraph"]]
        start = text.index(item["text"])
        spans.append(Span(item["entry"], item["paragraph"], start, start + len(item["text"]),
                          item["kind"], item["speaker"]))
    return spans


def _overlaps(a: Span, b: Span) -> bool:
    if (a.entry, a.paragraph) != (b.entry, b.paragraph):
        return False
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared >= 0.8 * min(a.end - a.start, b.end - b.start)


def _match(predicted: Sequence[Span], labels: Sequence[Span]) -> list[tuple[Span, Span]]:
    pairs: list[tuple[Span, Span]] = []
    free = list(labels)
    for guess in predicted:
        label = next((lab for lab in free if _overlaps(guess, lab)), None)
        if label is not None:
            free.remove(label)
            pairs.append((guess, label))
    return pairs


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    paragraphs = _seed_paragraphs()
    labels = _labels(paragraphs)
    predicted: list[Span] = []
    for entry, texts in sorted(paragraphs.items()):
        quotes: Sequence[Quote] = extract_quotes(texts, REGISTRY)
        for q in quotes:
            assert texts[q.paragraph][q.start:q.end] == q.text
            predicted.append(Span(entry, q.paragraph, q.start, q.end, q.kind, q.speaker))
    result: dict[str, float] = {}
    matched: list[tuple[Span, Span]] = []
    for name, kinds in (("quote", {"direct", "partial"}), ("indirect", {"indirect"})):
        guesses = [p for p in predicted if p.kind in kinds]
        wanted = [lab for lab in labels if lab.kind in kinds]
        pairs = _match(guesses, wanted)
        matched += pairs
        result[f"{name} precision"] = _ratio(len(pairs), len(guesses))
        result[f"{name} recall"] = _ratio(len(pairs), len(wanted))
        if name == "quote":
            same = sum(g.kind == lab.kind for g, lab in pairs)
            result["quote kind accuracy"] = _ratio(same, len(pairs))
            for lab in wanted:
                if not any(lab is l2 for _, l2 in pairs):
                    print(f"missed quote: {lab}")
        for guess in guesses:
            if not any(guess is g for g, _ in pairs):
                print(f"unlabelled {name}: {guess}")
    right = sum(g.speaker == lab.speaker for g, lab in matched)
    result["attribution accuracy"] = _ratio(right, len(matched))
    for guess, lab in matched:
        if guess.speaker != lab.speaker:
            print(f"wrong speaker: {guess.speaker!r} for {lab}")
    print(f"\nquote extraction on the seeds ({len(labels)} labels):")
    for name, value in result.items():
        print(f"  {name}: {value:.3f}")
    return result


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_figure_stays_above_floor(figures: dict[str, float], name: str) -> None:
    assert figures[name] >= FLOORS[name]
