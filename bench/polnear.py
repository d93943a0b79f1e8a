"""PolNeAR (github networkdynamics/PolNeAR) as gold quotes for `bench.quotes_eval`.

PolNeAR annotates attribution relations in brat standoff: a Source span, a Cue span and
a Content span per relation, over 1,008 US political news articles. Its texts carry no
licence to redistribute, so they stay in a git-ignored folder (`.data/polnear/`, the
repository's `data/` folder as it is) and only this converter is committed.

What digest calls a quote is words in quotation marks, so the gold quotes are the
quotation-mark spans inside an annotated Content span, each carrying its relation's
Source; marked spans outside every Content span are scare quotes and titles, which a
quote finder must leave alone. Paragraphs are the text's blank-line blocks, their line
breaks made spaces as the build's Markdown rendering makes them (the first block is the
headline, which digest keeps as the title, not as body text).

Only the train and dev splits are read: the test split is never opened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Split = Literal["train", "dev"]
SPLITS: tuple[Split, ...] = ("train", "dev")

_MARKED = re.compile(r"“[^“”]*”|\"[^\"\n]*\"")
_BLOCK = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


@dataclass(frozen=True)
class GoldQuote:
    paragraph: int
    start: int  # offsets in the paragraph, marks left out
    end: int
    text: str
    source: str | None  # the Source span as written ("Clinton", "he", "a campaign aide")
    source_paragraph: int | None  # where the source is written
    source_offset: int  # its offset in the article, for the order of mentions
    cue: str


@dataclass(frozen=True)
class Article:
    name: str
    split: Split
    paragraphs: tuple[str, ...]  # body paragraphs, the headline left out
    quotes: tuple[GoldQuote, ...]
    # Marked spans outside every Content span: (paragraph, start, end).
    non_quotes: tuple[tuple[int, int, int], ...]
    # Every annotated Content span: (paragraph, start, end), for indirect quotes.
    contents: tuple[tuple[int, int, int], ...]
    sources: tuple[tuple[int, str], ...]  # every Source span: (article offset, text)


@dataclass(frozen=True)
class _Relation:
    source: list[tuple[int, int]]
    cue: list[tuple[int, int]]
    content: list[tuple[int, int]]


def _ranges(field: str) -> list[tuple[int, int]]:
    parts = field.split(" ", 1)[1]
    return [(int(a), int(b)) for a, b in (p.split() for p in parts.split(";"))]


def _relations(ann: str) -> list[_Relation]:
    spans: dict[str, list[tuple[int, int]]] = {}
    relations: list[_Relation] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            spans[cols[0]] = _ranges(cols[1])
        elif line.startswith("E") and len(cols) >= 2:
            roles: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
            for arg in cols[1].split()[1:]:
                role, _, ref = arg.partition(":")
                role = role.rstrip("0123456789")
                if role in roles and ref in spans:
                    roles[role].extend(spans[ref])
            if roles["Content"]:
                relations.append(_Relation(sorted(roles["Source"]), sorted(roles["Cue"]),
                                           sorted(roles["Content"])))
    return relations


def _paragraphs(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _BLOCK.finditer(text)]


def _locate(blocks: list[tuple[int, str]], start: int) -> int | None:
    for index, (offset, block) in enumerate(blocks):
        if offset <= start < offset + len(block):
            return index
    return None


def _join(text: str, ranges: list[tuple[int, int]]) -> str:
    return " ".join(" ".join(text[a:b].split()) for a, b in ranges)


def read_article(text: str, ann: str, name: str, split: Split) -> Article:
    blocks = _paragraphs(text)
    relations = _relations(ann)
    quotes: list[GoldQuote] = []
    non_quotes: list[tuple[int, int, int]] = []
    contents: list[tuple[int, int, int]] = []
    sources: list[tuple[int, str]] = []
    for relation in relations:
        if relation.source:
            sources.append((relation.source[0][0], _join(text, relation.source)))
    for relation in relations:
        for a, b in relation.content:
            where = _locate(blocks, a)
            if where:
                offset = blocks[where][0]
                contents.append((where - 1, a - offset, min(b, offset + len(blocks[where][1]))
                                 - offset))
    for index, (offset, block) in enumerate(blocks[1:], start=1):
        marked = [(m.start() + 1, m.end() - 1) for m in _MARKED.finditer(block)]
        if not marked and block.startswith("“"):
            marked = [(1, len(block))]  # a quote that runs on into the next paragraph
        for m0, m1 in marked:
            a, b = offset + m0, offset + m1
            inner = text[a:b]
            a += len(inner) - len(inner.lstrip())
            b = a + len(text[a:b].rstrip(" ,\n"))
            if b <= a:
                continue
            owner = next((r for r in relations
                          if any(c0 <= a and b <= c1 + 1 for c0, c1 in r.content)), None)
            if owner is None:
                non_quotes.append((index - 1, a - offset, b - offset))
                continue
            src = owner.source[0][0] if owner.source else -1
            quotes.append(GoldQuote(
                paragraph=index - 1, start=a - offset, end=b - offset, text=text[a:b],
                source=_join(text, owner.source) or None,
                source_paragraph=(_locate(blocks, src) or 1) - 1 if owner.source else None,
                source_offset=src, cue=_join(text, owner.cue)))
    # The build renders a block's line breaks as spaces (digest.extract.markdown): so here.
    return Article(name, split, tuple(block.replace("\n", " ") for _, block in blocks[1:]),
                   tuple(quotes),
                   tuple(non_quotes), tuple(contents), tuple(sorted(sources)))


def articles(root: Path, split: Split) -> Iterator[Article]:
    """Each article of a split with one annotator's relations (the first by name, so a
    doubly annotated article counts once and always the same way)."""
    folder = root / "data" / split
    for text_path in sorted((folder / "text").glob("*.txt")):
        name = text_path.stem
        anns = sorted((folder / "attributions").glob(f"{name}_*.ann"))
        if not anns:
            continue
        yield read_article(text_path.read_text(encoding="utf-8"),
                           anns[0].read_text(encoding="utf-8"), name, split)
