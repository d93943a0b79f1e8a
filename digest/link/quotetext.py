"""Quote text as the linker compares it: folded, numbers and names normalised, stemmed.

Two outlets' versions of one statement differ in quote marks, apostrophes, dashes,
thousands separators ("10,000" / "10 000"), numerals ("World War III" / "3" / "Three"),
contractions ("they're" / "they are"), accents and spellings of names ("DPRK" / "North
Korea"); none of that should count as a difference. What an outlet put in brackets or
parentheses inside a quote ("[this war]", "(480 miles)") is its own words, and with an
ellipsis it marks a gap: the words on either side are compared as separate runs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from digest.words import load_pairs

# Names outlets spell differently (digest/words/name_aliases.txt); user aliases (a
# `name -> canonical` table) extend these. All-capital keys match case-sensitively, so
# "US" is the country and "us" stays a pronoun.
DEFAULT_ALIASES = load_pairs("name_aliases")

_STOP = frozenset({
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "even",
    "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "let", "me",
    "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or",
    "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such",
    "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this",
    "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "we", "were",
    "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would",
    "you", "your", "yours",
})

_APOSTROPHES = dict.fromkeys(map(ord, "’‘ʼ`´′"), "'")
_PUNCT_SPACE = dict.fromkeys(map(ord, "“”„«»\"‐‑‒–—―-/"), " ")
# A digit group separator: "10,000", "10 000", "10.000" and "10000" are one number.
_THOUSANDS = re.compile(r"(?<=\d)[,.'\u00a0\u202f\u2009 ](?=\d{3}(?!\d))")
# Contractions spelt out: "won't" and "will not", "they're" and "they are" are one text.
_NEGATION = re.compile(r"(?:\b(wo|ca|sha|ai))?n't\b|\b(can)not\b", re.IGNORECASE)
_NEGATED = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is", "can": "can"}
_CONTRACTION = re.compile(r"'(re|ve|ll|d|m)\b", re.IGNORECASE)
_EXPANDED = {"re": " are", "ve": " have", "ll": " will", "d": " would", "m": " am"}
# "'s" is "is" after these, a possessive ("Russia's") elsewhere.
_IS = re.compile(r"\b(it|that|he|she|what|there|here|who|where|how)'s\b", re.IGNORECASE)
# An outlet's insertion or cut: [this war], (480 miles), (...), an ellipsis.
_GAP = re.compile(r"\[[^\]]*\]|\([^)]*\)|\.\.\.+|…")
_GAP_MARK = "\u241e"  # a character no text has: where one run of words ends
_GAP_CHARS = frozenset("[(.…")
_APOSTROPHE_S = re.compile(r"'s\b|'")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+(?:_[^\W\d_]+)*")
# Numerals outlets spell out or write in Roman figures; "one" and "I" stay words.
_NUMBER_WORDS = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split()) if n > 1}
_ROMAN = {"II": "2", "III": "3", "IV": "4", "VI": "6", "VII": "7", "VIII": "8", "IX": "9"}


def _stem(word: str) -> str:
    """A light suffix stripper: enough to meet "soldiers"/"soldier", "trained"/"training"."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # planned -> plan
            break
    else:
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    if word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"  # supply/supplied -> suppli
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _clean(text: str) -> str:
    # Each step only where it can apply: this runs on every quote of a digest.
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    if _GAP_CHARS.intersection(text):
        text = _GAP.sub(f" {_GAP_MARK} ", text)
    text = text.translate(_PUNCT_SPACE)
    if not text.isascii():  # Prigožin, Prigozin
        text = "".join(c for c in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(c))
    text = _THOUSANDS.sub("", text)
    if "'" not in text and "nnot" not in text and "NNOT" not in text:  # "cannot"
        return text
    text = _NEGATION.sub(_negated, text)
    text = _IS.sub(r"\1 is", text)
    text = _CONTRACTION.sub(lambda m: _EXPANDED[m.group(1).lower()], text)
    return _APOSTROPHE_S.sub("", text)  # Russia's -> Russia


def _negated(match: re.Match[str]) -> str:
    stem = match.group(1) or match.group(2)
    return f"{_NEGATED[stem.lower()]} not" if stem else " not"


def _words(text: str) -> tuple[list[str], set[int], list[int]]:
    """The words of cleaned `text`, the indexes of those that open a sentence and those
    that open a run after a gap."""
    words: list[str] = []
    initial: set[int] = set()
    runs: list[int] = [0]
    for part in text.split(_GAP_MARK):
        if words and runs[-1] != len(words):
            runs.append(len(words))
        for sentence in _SENTENCE.split(part):
            initial.add(len(words))
            words.extend(_WORD.findall(sentence))
    return words, initial, runs


@dataclass(frozen=True)
class Text:
    """A quote's text as the linker compares it."""

    seq: tuple[str, ...]  # every word, casefolded, aliased, stemmed
    joined: str  # " w1 w2 ... ": a contiguous excerpt is a substring of it
    runs: tuple[str, ...]  # joined, one per run of words between gaps ("...", "[...]")
    content: frozenset[str]  # without stop words: what overlap is measured on
    bigrams: frozenset[tuple[str, str]]  # word order: phrasing shared, not just vocabulary
    names: frozenset[str]  # places, people, bodies: translations keep them, topics swap them
    numbers: frozenset[str]
    starts: tuple[int, ...] = (0,)  # where each sentence, or run after a gap, begins in seq


def sentences(text: Text) -> tuple[Text, ...]:
    """Each sentence of `text` (a run of words cut by a gap counts as one) as a Text."""
    cuts = [*text.starts, len(text.seq)]
    return tuple(_part(text, a, b) for a, b in pairwise(cuts) if b > a)


def _part(text: Text, a: int, b: int) -> Text:
    seq = text.seq[a:b]
    joined = f" {' '.join(seq)} "
    content = text.content.intersection(seq)
    return Text(seq=seq, joined=joined, runs=(joined,), content=content,
                bigrams=frozenset(pairwise(seq)), names=text.names & content,
                numbers=text.numbers & content)


class Normaliser:
    """Text to Text, with one alias table; remembers every text and word it has seen."""

    def __init__(self, aliases: Mapping[str, str]) -> None:
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        for name, canonical in {**DEFAULT_ALIASES, **aliases}.items():
            target = "_".join(_words(_clean(canonical).casefold())[0])
            if name.isupper():
                exact[_clean(name)] = target
            else:
                folded[" ".join(_clean(name).casefold().split())] = target
            folded[" ".join(target.split("_"))] = target
        self._exact_targets, self._folded_targets = exact, folded
        self._exact = _alternation(exact, 0)
        self._folded = _alternation(folded, re.IGNORECASE)
        self._names = frozenset(folded.values())
        self._known: dict[str, tuple[str, bool, bool]] = {}  # word -> stem, content, capital
        self._cache: dict[str, Text] = {}

    def __call__(self, text: str) -> Text:
        found = self._cache.get(text)
        if found is None:
            found = self._cache[text] = self._normalise(text)
        return found

    def _alias(self, match: re.Match[str]) -> str:
        key = match.group(0)
        target = self._exact_targets.get(" ".join(key.split()))
        return f" {target or self._folded_targets[' '.join(key.casefold().split())]} "

    def _normalise(self, text: str) -> Text:
        text = _clean(text)
        for pattern in (self._exact, self._folded):
            if pattern is not None:
                text = pattern.sub(self._alias, text)
        words, initial, runs = _words(text)
        seq: list[str] = []
        content: list[str] = []
        names: list[str] = []
        for n, word in enumerate(words):
            known = self._known.get(word)
            if known is None:
                known = self._known[word] = _word(word, word in self._names)
            stem, is_content, capital = known
            seq.append(stem)
            if is_content:
                content.append(stem)
                if stem in self._names or (capital and n not in initial):
                    names.append(stem)
        cuts = [*runs, len(seq)]
        return Text(
            seq=tuple(seq),
            joined=f" {' '.join(seq)} ",
            runs=tuple(f" {' '.join(seq[a:b])} " for a, b in pairwise(cuts) if b > a),
            content=frozenset(content),
            bigrams=frozenset(pairwise(seq)),
            names=frozenset(names),
            numbers=frozenset(w for w in content if w[0].isdigit()),
            starts=tuple(sorted(n for n in initial if n < len(seq))) or (0,),
        )


def _word(word: str, canonical: bool) -> tuple[str, bool, bool]:
    """(stem, is a content word, is capitalised) of one word."""
    if canonical:
        return word, True, True
    folded = word.casefold()
    number = _ROMAN.get(word) or _NUMBER_WORDS.get(folded)
    if number:
        return number, True, False
    if folded in _STOP:
        return folded, False, False
    return _stem(folded), True, word[0].isupper()


def _alternation(keys: Mapping[str, str], flags: int) -> re.Pattern[str] | None:
    """One pattern for all alias keys, longest first, matching whole words only."""
    if not keys:
        return None
    parts = (r"\s+".join(map(re.escape, key.split())) for key in keys)
    body = "|".join(sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)
