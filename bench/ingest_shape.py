"""What ingest makes of a folder of raw articles, counted: authors, headings, titles, refusals.

    .venv/bin/python -m bench.ingest_shape .data/reuters [--show N]

Each file is read as `digest ingest` reads it (digest.ingest.read.read_raw), nothing is
written. A quick look at the corpus-wide shape of the entries, far faster than the whole
smoke run (bench/smoke.py), for what ingest alone decides:

- authors, and those in capitals only (on Reuters-21578, a headline read as a byline);
- `##` headings in bodies, and entries with one (a wrapped line read as a heading);
- paragraphs; titles made from the first sentence (guessed, marked for review); titles
  that are the file's first line (on a wire saved headline first, its headline);
- refusals, with their reasons.

`--show N` prints up to N examples of the authors in capitals and of the headings.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from digest.errors import DigestError
from digest.ingest.boilerplate import DEFAULT_BOILERPLATE
from digest.ingest.read import find_raw_files, read_raw
from digest.textio import decode_any

COUNTS = ("files", "refused", "authors", "authors in capitals", "headings",
          "entries with a heading", "paragraphs", "titles guessed", "titles = first line")


@dataclass
class Shape:
    counts: Counter[str] = field(default_factory=Counter)
    refusals: Counter[str] = field(default_factory=Counter)
    capital_authors: list[tuple[str, str]] = field(default_factory=list)  # (file, author)
    headings: list[tuple[str, str]] = field(default_factory=list)  # (file, heading)


def measure(folder: Path) -> Shape:
    shape = Shape()
    files, _ = find_raw_files([folder])
    for path in files:
        shape.counts["files"] += 1
        data = path.read_bytes()
        try:
            article = read_raw(path, data, DEFAULT_BOILERPLATE)
        except DigestError as exc:
            shape.counts["refused"] += 1
            shape.refusals[exc.message] += 1
            continue
        blocks = article.body.split("\n\n") if article.body else []
        headings = [block for block in blocks if block.startswith("## ")]
        author = article.author or ""
        capitals = bool(author) and author == author.upper()
        first = next((line for line in decode_any(data, path).text.splitlines()
                      if line.strip()), "")
        shape.counts.update({
            "authors": bool(author), "authors in capitals": capitals,
            "headings": len(headings), "entries with a heading": bool(headings),
            "paragraphs": len(blocks), "titles guessed": article.title_guessed,
            "titles = first line": " ".join((article.title or "").split())
            == " ".join(first.split()),
        })
        if capitals:
            shape.capital_authors.append((path.name, author))
        shape.headings.extend((path.name, heading) for heading in headings)
    return shape


def report(shape: Shape, show: int) -> str:
    lines = [f"{name:24} {shape.counts[name]:8,d}" for name in COUNTS]
    lines += [f"  refused {count:6,d} x {reason}" for reason, count in shape.refusals.most_common()]
    for title, examples in (("authors in capitals", shape.capital_authors),
                            ("headings", shape.headings)):
        if show and examples:
            lines.append(f"{title}, e.g.:")
            lines += [f"  {name}: {text}" for name, text in examples[:show]]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of raw articles")
    parser.add_argument("--show", type=int, default=0, help="examples to print of each kind")
    args = parser.parse_args(argv)
    print(report(measure(args.folder), args.show))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
