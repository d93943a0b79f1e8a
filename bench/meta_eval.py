"""How well ingest reads titles, dates and languages from real pasted articles.

    python -m bench.meta_eval [--data DIR] [--set pages|polnear|all] [--show CLASS|all]

Two labelled sets, each article run through ingest's own reading (read_raw, then
compose: the same metadata `digest ingest` writes):

- pages: tests/fixtures/ingest_meta/, the heads of real web pages from many outlets as a
  reader copies them, each labelled by hand (labels.yaml). Committed. Those marked
  `held_out` were collected after the rules were tuned and are scored apart ("held-out").
- polnear: the train and dev texts of the PolNeAR corpus (never its test split), with the
  titles and publication dates of its metadata.tsv. Not redistributable, so read from
  DIR/polnear/data (DIR from --data, else $DIGEST_EVAL_DATA, else .data/); skipped when
  absent. Its file names carry the date (`outlet_2016-11-07_title.txt`).

Scores: title exact (after whitespace normalisation), title token F1 (lower-cased word
tokens), date accuracy on the day (a page that states no date must get none), language
accuracy; then the misses by class, each with a few article ids.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml

from digest.ingest.boilerplate import DEFAULT_BOILERPLATE
from digest.ingest.read import read_raw
from digest.ingest.writer import compose

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "fixtures" / "ingest_meta"
DEFAULT_DATA = ROOT / ".data"
POLNEAR_SPLITS = ("train", "dev")  # the test split stays unseen

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_DATE_IN_LINE = re.compile(r"\b(?:1[89]|20)\d\d\b")
_WIRE = re.compile(r"\((?:AP|AFP|Reuters|Bloomberg|UPI|dpa)\)\s*[-–—]", re.IGNORECASE)
_NAV_SEPARATORS = re.compile(r"\s*[|/›»>•·,]\s*")


@dataclass(frozen=True)
class Case:
    """One labelled article: where its text is and what ingest should read from it."""

    set: str
    id: str
    path: Path
    title: str
    date: date | None
    language: str | None


@dataclass(frozen=True)
class Result:
    case: Case
    title: str | None
    date: date | None
    language: str | None
    title_class: str | None  # None when right
    date_class: str | None


def load_pages(folder: Path = PAGES) -> list[Case]:
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    return [
        Case("held-out" if item.get("held_out") else "pages", item["file"].removesuffix(".txt"),
             folder / "pages" / item["file"], item["title"], item["date"], item.get("language"))
        for item in labels
    ]


def polnear_folder(data: Path | None) -> Path:
    base = data or Path(os.environ.get("DIGEST_EVAL_DATA") or DEFAULT_DATA)
    return base / "polnear" / "data"


def load_polnear(folder: Path) -> list[Case]:
    """The train and dev articles with their metadata; [] when the corpus is absent."""
    metadata = folder / "metadata.tsv"
    if not metadata.is_file():
        return []
    with metadata.open(encoding="utf-8", newline="") as handle:
        rows = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    cases = []
    for split in POLNEAR_SPLITS:
        for path in sorted((folder / split / "text").glob("*.txt")):
            row = rows.get(path.stem)
            if row is None:
                continue
            cases.append(Case("polnear", path.stem, path, row["title"],
                              date.fromisoformat(row["publication_date"]), "en"))
    return cases


def read_case(case: Case) -> Result:
    """What `digest ingest` would write for this article."""
    article = read_raw(case.path, case.path.read_bytes(), DEFAULT_BOILERPLATE)
    meta = compose(article, {}, str(case.path))
    title = meta.get("title")
    found = meta.get("date")
    day = found.date() if isinstance(found, datetime) else found
    language = meta.get("language")
    text = case.path.read_text(encoding="utf-8", errors="replace")
    return Result(
        case, title, day, language,
        title_class(title, case.title, text), date_class(day, case.date, text),
    )


def normalise(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def token_f1(got: str | None, want: str) -> float:
    got_tokens = Counter(_WORD.findall((got or "").casefold()))
    want_tokens = Counter(_WORD.findall(want.casefold()))
    common = sum((got_tokens & want_tokens).values())
    if not common:
        return 0.0
    precision = common / sum(got_tokens.values())
    recall = common / sum(want_tokens.values())
    return 2 * precision * recall / (precision + recall)


def title_class(got: str | None, want: str, text: str) -> str | None:
    """Why a title is wrong, told from its shape and where it stands in the text."""
    got_n, want_n = normalise(got), normalise(want)
    if got_n == want_n:
        return None
    if not got_n:
        return "no title"
    if _WORD.findall(got_n.casefold()) == _WORD.findall(want_n.casefold()):
        return "punctuation or case"
    if want_n.startswith(got_n.rstrip(".…").rstrip()):
        return "cut short"
    if want_n in got_n:
        return "wire prefix" if _WIRE.search(got_n) else "extra text around the headline"
    if got_n.startswith(want_n.rstrip(".…")):
        return "runs past the headline"
    if _WIRE.search(got_n):
        return "wire-prefixed lede"
    line = next((normalise(raw) for raw in text.splitlines() if got_n[:40] in normalise(raw)),
                got_n)
    if _DATE_IN_LINE.search(line) and not _DATE_IN_LINE.search(want_n):
        return "byline or date line"
    if len([part for part in _NAV_SEPARATORS.split(line) if part]) >= 3 and all(
        len(part.split()) <= 3 for part in _NAV_SEPARATORS.split(line)
    ):
        return "navigation line"
    position = normalise(text).find(want_n[:40])
    if position >= 0 and normalise(text).find(got_n[:40]) < position:
        return "line above the headline"
    return "body text as title"


def date_class(got: date | None, want: date | None, text: str) -> str | None:
    if got == want:
        return None
    if want is None:
        return "invented"
    if got is None:
        return "missed (year in text)" if str(want.year) in text else "missed (not in text)"
    return "wrong day"


@dataclass(frozen=True)
class Scores:
    articles: int
    title_exact: float
    title_f1: float
    date_day: float
    language: float | None


def score(results: Sequence[Result]) -> Scores:
    count = len(results) or 1
    labelled = [r for r in results if r.case.language]
    return Scores(
        len(results),
        sum(r.title_class is None for r in results) / count,
        sum(token_f1(r.title, r.case.title) for r in results) / count,
        sum(r.date_class is None for r in results) / count,
        sum(r.language == r.case.language for r in labelled) / len(labelled)
        if labelled else None,
    )


def error_table(results: Sequence[Result]) -> list[tuple[str, str, int, list[str]]]:
    """(field, class, count, first ids), largest class first."""
    classes: dict[tuple[str, str], list[str]] = {}
    for result in results:
        for field, found in (("title", result.title_class), ("date", result.date_class)):
            if found is not None:
                classes.setdefault((field, found), []).append(result.case.id)
        if result.case.language and result.language != result.case.language:
            classes.setdefault(("language", f"{result.case.language} read as "
                                f"{result.language or 'none'}"), []).append(result.case.id)
    ordered = sorted(classes.items(), key=lambda item: (-len(item[1]), item[0]))
    return [(field, name, len(ids), ids[:3]) for (field, name), ids in ordered]


def report(name: str, results: Sequence[Result], show: str | None) -> list[str]:
    scores = score(results)
    language = f"{scores.language:6.1%}" if scores.language is not None else "     -"
    lines = [
        f"{name:8} {scores.articles:5}   {scores.title_exact:6.1%}   {scores.title_f1:5.3f}"
        f"   {scores.date_day:6.1%}   {language}",
    ]
    table = error_table(results)
    if table:
        lines.append(f"  misses by class ({name}):")
        lines.extend(f"    {field:8} {cls:32} {n:4}  {', '.join(ids)}"
                     for field, cls, n, ids in table)
    if show:
        for result in results:
            wrong = [(f, c) for f, c in (("title", result.title_class),
                                          ("date", result.date_class)) if c]
            if any(show in ("all", c) for _, c in wrong):
                lines.append(f"  - {result.case.id}: {', '.join(c for _, c in wrong)}")
                lines.append(f"      title got  {result.title!r}")
                lines.append(f"      title want {result.case.title!r}")
                lines.append(f"      date  got {result.date}  want {result.case.date}")
    return lines


def evaluate(cases: Iterable[Case]) -> list[Result]:
    return [read_case(case) for case in cases]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.meta_eval", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="folder holding polnear/ (default "
                        "$DIGEST_EVAL_DATA, else .data/)")
    parser.add_argument("--set", choices=("pages", "polnear", "all"), default="all")
    parser.add_argument("--show", metavar="CLASS",
                        help="list each miss of this class ('all' for every miss)")
    args = parser.parse_args(argv)
    sets: list[tuple[str, list[Case]]] = []
    if args.set in ("pages", "all"):
        pages = load_pages()
        for name in ("pages", "held-out"):
            sets.append((name, [case for case in pages if case.set == name]))
    if args.set in ("polnear", "all"):
        folder = polnear_folder(args.data)
        polnear = load_polnear(folder)
        if polnear:
            sets.append(("polnear", polnear))
        else:
            print(f"polnear: skipped, no corpus at {folder} (set --data or DIGEST_EVAL_DATA)",
                  file=sys.stderr)
    print("set      articles title exact title F1  date (day) language")
    for name, cases in sets:
        print("\n".join(report(name, evaluate(cases), args.show)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
