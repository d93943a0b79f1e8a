"""Paragraphs without quotation marks that are quotes all the same: an ordered list of rules.

Each rule looks at one paragraph, and the paragraphs around it, through a `Paragraph` and
answers with the quote's source and where its words end, or None. `unmarked_quote` runs the
rules in order and the first answer wins, as markdown-it-py's `Ruler` runs its rules: a
new form is one small function, put in `RULES` where it should take precedence.

- a closing attribution line glued to the text ("… Iran. Lloyd Austin US Defense Minister")
  or standing below it ("— Jane Roe");
- first-person speech ("we", "I") right after a paragraph attributing speech to a person;
- an editor's note inside it ("(… — ed.)"), which only a quotation needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from digest.extract.attribution import Article, Source
from digest.extract.indirect import find_sources
from digest.extract.phrases import np_word, parse_np, words

# A name or title glued after the last sentence, with no full stop of its own.
_TRAILER = re.compile(r"(?<=[.!?…])[\"”»’)]*\s+(?:[—–-]\s*)?([A-Z][^.!?…\"“”«»„:;]{2,100})$")
LINE = re.compile(r"^\s*(?:[—―–-]\s*)?([A-Z][^.!?…\"“”«»„:;]{2,100})$")
DASHES = "—―–-"
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|[Mm]y|us)\b")
_EDITORIAL = re.compile(r"\b(?:we|let us)\s+(?:would like to\s+)?(?:remind|recall)\b"
                        r"|\bas we (?:have )?(?:reported|wrote)\b", re.I)
_EDITOR_NOTE = re.compile(r"[—–-]\s*(?:ed|eds|editor)\.?\s*\)", re.I)


@dataclass(frozen=True)
class Paragraph:
    """What a rule sees: the paragraph, the one below it, and what came before."""

    text: str
    following: str
    article: Article
    attributed: bool  # the paragraph before attributed speech...
    before: str | None  # ...to this person, if it named one


class Hit(NamedTuple):
    source: Source
    end: int  # the quoted words are text[0:end]


Rule = Callable[[Paragraph], Hit | None]


def signature(article: Article, line: str, offset: int, text: str,
              dashed: bool) -> Source | None:
    """A name with a title ("Lloyd Austin US Defense Minister"), or after a dash, alone."""
    ws = words(line, offset)
    if not 2 <= len(ws) <= 9 or not all(np_word(w) for w in ws):
        return None
    parsed = parse_np([w.text for w in ws])
    # Without the title or the dash a bare name could be a caption or a credit.
    if not parsed.name or not (parsed.role or dashed):
        return None
    return article.source(ws, text)


def signed_trailer(p: Paragraph) -> Hit | None:
    trailer = _TRAILER.search(p.text)
    if trailer is None:
        return None
    source = signature(p.article, trailer.group(1), trailer.start(1), p.text, dashed=False)
    return Hit(source, len(p.text[:trailer.start()].rstrip())) if source else None


def signed_below(p: Paragraph) -> Hit | None:
    line = LINE.match(p.following)
    if line is None:
        return None
    dashed = p.following.lstrip()[:1] in DASHES
    source = signature(p.article, line.group(1), line.start(1), p.following, dashed)
    return Hit(source, len(p.text)) if source else None


def first_person_after_speech(p: Paragraph) -> Hit | None:
    if not (p.before and p.attributed and _FIRST_PERSON.search(p.text)) \
            or _EDITORIAL.search(p.text) \
            or any(f.claim for f in find_sources(p.text, 0, len(p.text))):
        return None
    return Hit(Source("", p.before, p.article.role_of(p.before)), len(p.text))


def editor_note(p: Paragraph) -> Hit | None:
    if not _EDITOR_NOTE.search(p.text):
        return None
    who = p.before if p.attributed else None
    return Hit(Source("", who, p.article.role_of(who)), len(p.text))


RULES: tuple[Rule, ...] = (signed_trailer, signed_below, first_person_after_speech, editor_note)


def unmarked_quote(paragraph: Paragraph) -> Hit | None:
    """The first rule's answer for a paragraph without marks, or None: not a quote."""
    for rule in RULES:
        hit = rule(paragraph)
        if hit is not None:
            return hit
    return None
