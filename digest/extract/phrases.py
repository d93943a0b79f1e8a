"""The noun phrases that name a source: words, titles, names, and the lists they come from.

A source is written as a name ("Lloyd Austin", "Austin"), a role with a name ("US
Secretary of Defense Lloyd Austin"), a role alone ("the NATO Secretary General"), a
pronoun ("he") or something that is not a person ("Reuters", "Western intelligence").
This module reads such phrases; digest.extract.attribution resolves them to people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from digest.trie import one_of
from digest.words import load


def words_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = load("speech_verbs")
# Verbs that report a claim when a clause follows ("X added that ..."); calling on,
# asking and urging someone report a request, not a claim.
CLAIM_VERBS = SPEECH_VERBS - load("request_verbs")
# These report a claim even with a plain object: "Rutte confirmed the participation of ...".
OBJECT_VERBS = load("object_verbs")


VERB_RE = re.compile(r"\b" + one_of(SPEECH_VERBS) + r"\b", re.IGNORECASE)

PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
ROLE_HEADS = load("role_heads")
ROLE_MODIFIERS = load("role_modifiers")
# Words that never start a name: sentence adverbs, conjunctions, months and the like,
# which are capitalised only because they open a sentence.
STOP = load("stop")
# Words that put a capitalised phrase among places, organisations and outlets rather than
# people ("North Korea", "The Wall Street Journal").
COMPANY_WORDS = load("company_words")
NOT_NAMES = STOP | load("not_names") | COMPANY_WORDS
PLACES = load("places")
HONORIFICS = load("honorifics")
_NOT_NAME_PARTS = HONORIFICS | load("name_suffixes")
_COURTESY = load("courtesy")
_PARTICLES = frozenset({"bin", "al", "de", "van", "von", "der", "da", "di", "la", "le", "ibn"})
AUX = load("aux")
_CONNECTORS = frozenset({"of", "the", "and", "for"})
_COMPLEMENT = frozenset({"to", "at", "with", "from", "in", "on", "by", "under", "near", "behind"})
_EDGES = "\"'“”„«»‘’()[]{}<>,.;:!?…—–-*"
_NP_CLOSERS = frozenset(",.;:!?…)]—–\"”»")
_OPENERS = "\"“„«‘(['"
_TOKEN = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"(?:['’ʼ]s|['’ʼ])$")
_PAREN = re.compile(r"\([^()]*\)")
_APPOSITIVE = re.compile(
    r"\s*,\s+((?:the\s+)?(?:[\w’'-]+\s+){0,4}?(?:" + "|".join(sorted(ROLE_HEADS)) + r")\b"
    r"[^,.;:()\"“”]{0,120})", re.IGNORECASE)


class Word(NamedTuple):
    """A word of a text. A named tuple, not a dataclass: an article has thousands, and a
    tuple is made several times faster."""

    text: str  # without surrounding punctuation
    start: int
    end: int
    closes: bool  # punctuation after the word ends a noun phrase
    opens: bool  # a quotation mark or bracket before it starts one
    low: str  # the text in lower case


def words(text: str, offset: int = 0) -> list[Word]:
    """The words of `text`, with offsets of the bare word (punctuation around it left out)."""
    found: list[Word] = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        bare = raw.strip(_EDGES)
        if not bare:
            if found and not _NP_CLOSERS.isdisjoint(raw):
                found[-1] = found[-1]._replace(closes=True)
            continue
        lead = len(raw) - len(raw.lstrip(_EDGES))
        trail = raw[lead + len(bare):]
        start = offset + match.start() + lead
        # The full stop of an initial or an abbreviated title ("John F. Kelly", "Sen.")
        # does not end the noun phrase.
        low = bare.lower()
        closes = bool(trail) and not _NP_CLOSERS.isdisjoint(trail) and not (
            trail == "." and (low in _NOT_NAME_PARTS or (len(bare) == 1 and bare.isupper())))
        found.append(Word(bare, start, start + len(bare), closes, raw[0] in _OPENERS, low))
    return found


def is_aux(word: Word) -> bool:
    """Between a source and its verb: an auxiliary or an adverb ("has also", "jokingly")."""
    return word.low in AUX or (word.text.islower() and word.low.endswith("ly"))


def blank(text: str, ranges: Sequence[range]) -> str:
    chars = list(text)
    for r in ranges:
        chars[r.start:r.stop] = " " * len(r)
    return "".join(chars)


def blank_parentheses(text: str) -> str:
    """Asides in brackets ("(known as GUR)") split noun phrases: blank them, keep offsets."""
    return _PAREN.sub(lambda m: " " * len(m.group()), text)


def np_word(word: Word) -> bool:
    low = word.low
    if low in ROLE_HEADS or low in ROLE_MODIFIERS or low in _CONNECTORS:
        return True
    return word.text[0].isupper() and low not in STOP


def leading_np(ws: Sequence[Word]) -> list[Word]:
    """The noun phrase a run of words starts with ("he", "South Korean President Yun ...")."""
    # "his campaign manager Jeff Weaver": a possessive before a noun is no pronoun source.
    possessive = len(ws) > 1 and ws[0].low in ("his", "her") and not ws[0].closes \
        and ws[1].low in ROLE_HEADS | ROLE_MODIFIERS
    if ws and ws[0].low in PRONOUNS and not possessive:
        return [ws[0]]
    taken: list[Word] = list(ws[:1]) if possessive else []
    for word in ws[len(taken):]:
        if not np_word(word) or (taken and word.opens):
            break
        taken.append(word)
        if word.closes:
            break
    while taken and taken[-1].low in _CONNECTORS:
        taken.pop()
    return taken


def trailing_np(ws: Sequence[Word]) -> list[Word]:
    """The noun phrase a run of words ends with, reading backwards from the verb."""
    ws = list(ws)
    while ws and is_aux(ws[-1]):
        ws.pop()
    if ws and ws[-1].low in PRONOUNS:
        return [ws[-1]]
    taken: list[Word] = []
    for word in reversed(ws):
        if not np_word(word) or word.closes:
            break
        taken.insert(0, word)
        if word.opens or word.low in ("the", "a", "an"):
            break
    while taken and taken[0].low in _CONNECTORS - {"the"}:
        taken.pop(0)
    return taken


def looks_like_name(ws: Sequence[str]) -> bool:
    # "de" may not start a name, but "De Blasio" and "Le Pen" do.
    if not 1 <= len(ws) <= 4 or ws[0] in _PARTICLES or ws[-1].lower() in _PARTICLES:
        return False
    if " ".join(ws).lower() in PLACES:
        return False  # "Moscow said", "New York reported": a place speaks for its people
    return all(
        w.lower() in _PARTICLES or (
            w[0].isupper() and not (w.isupper() and len(w) > 1) and any(c.isalpha() for c in w)
            and w.lower() not in NOT_NAMES and w.lower() not in ROLE_HEADS
            and w.lower() not in ROLE_MODIFIERS)
        for w in ws)


def clean_name(name: Sequence[str]) -> tuple[str, ...]:
    """A name without honorifics ("Mr.", "Sen."), suffixes ("Jr.") or middle initials:
    "Sen. John F. Kelly Jr." is John Kelly, whichever way an outlet writes him."""
    kept = [w for w in name if w.rstrip(".").lower() not in _NOT_NAME_PARTS]
    while len(kept) > 2 and kept[0].lower() in PLACES:
        kept = kept[1:]  # "Florida Sen. Marco Rubio": the state is part of the title
    if len(kept) > 2:
        kept = [kept[0], *(w for w in kept[1:-1] if len(w.rstrip(".")) > 1), kept[-1]]
    return tuple(kept)


def _is_head(word: str) -> bool:
    """A role head or an abbreviated title; "Secretary-Treasurer" has one in it."""
    return word in ROLE_HEADS or word in HONORIFICS or (
        "-" in word and any(part in ROLE_HEADS for part in word.split("-")))


@dataclass(frozen=True)
class Parsed:
    name: tuple[str, ...] = ()
    role: str | None = None
    pronoun: bool = False


def parse_np(raw: Sequence[str]) -> Parsed:
    """Split a source into title and name: "US Secretary of Defense Lloyd Austin"."""
    ws = [w.strip(_EDGES) for w in raw if w.strip(_EDGES)]
    if ws:
        ws[-1] = _POSSESSIVE.sub("", ws[-1]) or ws[-1]
    if len(ws) == 1 and ws[0].lower() in PRONOUNS:
        return Parsed(pronoun=True)
    if not ws or any(w.lower() == "and" for w in ws):
        return Parsed()  # a group ("Ukraine and South Korea") is nobody in particular
    det = ws[0].lower() in ("the", "a", "an", "his", "her")
    ws = ws[1:] if det else ws
    # "CNN's Gloria Borger": what comes up to a possessive is an affiliation, a role.
    owner = max((i for i, w in enumerate(ws[:-1]) if _POSSESSIVE.search(w)), default=-1)
    if owner >= 0 and looks_like_name(ws[owner + 1:]):
        return Parsed(tuple(ws[owner + 1:]),
                      " ".join([*ws[:owner], _POSSESSIVE.sub("", ws[owner])]))
    # "Tom Cole of Oklahoma": where a person is from is no part of the name.
    # "Tom Cole of Oklahoma", "Jeffrey Lewis of the James Martin Center": a name, then
    # where the person is from (but "Secretary of State John Kerry" is a title first).
    of = next((i for i in range(2, len(ws) - 1) if ws[i].lower() in ("of", "from", "at")
               and looks_like_name(ws[i - 2:i])), None)
    ws = ws[:of] if of is not None else ws
    heads = [i for i, w in enumerate(ws) if _is_head(w.lower())]
    if not heads:
        # "The Times" is an outlet; a person's name does not take an article.
        return Parsed(tuple(ws)) if not det and looks_like_name(ws) else Parsed()
    tail = ws[heads[-1] + 1:]
    name: list[str] = []
    if not tail:
        # The name may come first, glued to the title: "Lloyd Austin US Defense Minister".
        if len(ws) > 2 and looks_like_name(ws[:2]) and not looks_like_name(ws[2:3]):
            return Parsed(tuple(ws[:2]), " ".join(ws[2:]))
    else:
        lower = [i for i, w in enumerate(tail) if not w[0].isupper()]
        run = tail[lower[-1] + 1:] if lower else tail
        if lower and tail[lower[-1]].lower() in _COMPLEMENT:
            run = []  # "adviser to Bill Clinton": the name is whom the title serves
        elif lower and tail[lower[-1]].lower() in _CONNECTORS:
            # "Secretary of Defense Lloyd Austin": the complement of "of" takes the first
            # words; a name is at most the last two, and only when a complement is left.
            run = run[-2:] if len(run) >= 3 else []
        name = run if looks_like_name(run) else []
    title = ws[: len(ws) - len(name)]
    role = " ".join(title) if any(w.lower() not in _COURTESY for w in title) else None
    return Parsed(tuple(name), role)


def np_text(text: str, ws: Sequence[Word]) -> str:
    return " ".join(text[ws[0].start: ws[-1].end].split()).strip(_EDGES) if ws else ""


def appositive_role(text: str, pos: int) -> str | None:
    """", head of the Centre," right after a name is the role the article gives."""
    match = _APPOSITIVE.match(text, pos)
    return match.group(1).strip() if match else None


def runs(text: str) -> Iterator[list[Word]]:
    run: list[Word] = []
    for word in words(text):
        if run and (not np_word(word) or word.opens or word.low == "and"):
            yield run
            run = []
        if np_word(word) and word.low != "and":
            run.append(word)
            if word.closes:
                yield run
                run = []
    if run:
        yield run
