"""Figures: the numbers an article gives for countable things, and who it says gave them.

Outlets covering one event disagree on numbers ("about 10,000 soldiers", "up to 12,000
troops"), and a digest's reader wants them side by side. A figure is a number (digits with
any group separator, number words, "3 million", "half a million") followed by the noun it
counts, a few modifiers allowed between ("12,000 special forces soldiers"). The noun is
normalised into a quantity key so that sources using different words meet in one row.

What is deliberately skipped: years, dates ("3 October", "October 8-13"), ages and ranges
("45-year-old", "27-28"), ordinals, article and resolution numbers, durations and units
("24 years", "120 km"), percentages, and vague plurals ("thousands of containers").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import islice


@dataclass(frozen=True)
class Figure:
    quantity: str  # normalised key of what is counted: "troops", "officers", "casualties"
    value: float
    approx: bool  # the source hedged: "about", "up to", "more than"...
    qualifier: str | None  # the hedge as written, lower-cased
    text: str  # the figure as written: "about 10,000 soldiers"
    sentence: str
    paragraph: int
    cited: str | None  # whom the sentence attributes it to: "according to X", "X said"


_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
          "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_QUALIFIERS = ("up to", "more than", "over", "about", "around", "approximately", "roughly",
               "some", "nearly", "almost", "at least", "fewer than", "less than",
               "as many as", "an estimated", "estimated", "close to", "approaching", "under",
               "probably", "reportedly")
_WORDNUM = "|".join(sorted(_UNITS, key=len, reverse=True))
_NUMBER = re.compile(
    r"(?<![\w.,\-/])(?:(?P<qual>" + "|".join(q.replace(" ", r"\s+") for q in _QUALIFIERS)
    + r")\s+)?(?:(?P<digits>\d{1,3}(?:(?:,|\u00a0|\u202f|\u2009| )\d{3})+|\d+(?:\.\d+)?)"
    r"|(?P<half>half\s+a)|(?P<a>an?)(?=\s+(?:thousand|million|billion)\b)"
    r"|(?P<words>(?:" + _WORDNUM + r")(?:[\s-](?:" + _WORDNUM + r"))?))"
    r"(?:\s+(?P<scale>thousand|million|billion))?(?![\w\-/%])",
    re.IGNORECASE,
)
# What a figure may count, by the words outlets use for it: the key is the quantity.
_NOUNS = {
    "troops": "troops", "soldiers": "troops", "servicemen": "troops", "troopers": "troops",
    "forces": "troops", "military": "troops", "personnel": "personnel",
    "officers": "officers", "generals": "generals", "shells": "shells", "rounds": "shells",
    "missiles": "missiles", "rockets": "rockets", "drones": "drones", "tanks": "tanks",
    "casualties": "casualties", "dead": "killed", "deaths": "killed", "civilians": "civilians",
    "people": "people", "children": "children", "prisoners": "prisoners", "pows": "prisoners",
    "refugees": "refugees", "containers": "containers", "aircraft": "aircraft",
    "jets": "aircraft", "vehicles": "vehicles", "ships": "ships", "mercenaries": "mercenaries",
    "volunteers": "volunteers", "workers": "workers", "fighters": "fighters",
    "weapons": "weapons", "launchers": "launchers", "howitzers": "howitzers",
}
# Plurals that count time, distance or money, or cannot be told from a list: never figures.
_NOT_COUNTED = frozenset({
    "years", "months", "weeks", "days", "hours", "minutes", "seconds", "decades", "centuries",
    "times", "percent", "kilometres", "kilometers", "km", "miles", "metres", "meters", "tons",
    "tonnes", "degrees", "points", "dollars", "euros", "hryvnias", "roubles", "rubles", "items",
    "others", "ones", "pages", "votes", "words", "sides", "countries", "parties", "steps",
    "cases", "levels", "stages",
})
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november"
           "|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DATE_BEFORE = re.compile(r"(?:\b(?:" + _MONTHS + r")|\b(?:article|resolution|no|number|"
                          r"paragraph|section|part|aged?|page|chapter|item|clause|brigade|"
                          r"division|regiment|battalion))\.?\s*$",
                          re.IGNORECASE)
_DATE_AFTER = re.compile(r"^\s*(?:" + _MONTHS + r")\b|^\s*(?:per\s*cent|percent)\b",
                         re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_WORDS = re.compile(r"[^\W\d_][\w'’ʼ-]*|\d[\d,.]*|[^\w\s]")
# Where a noun phrase ends: a function word or punctuation.
_STOPS = frozenset({
    "to", "for", "who", "whom", "which", "that", "were", "was", "are", "is", "have", "has",
    "had", "will", "would", "in", "on", "at", "from", "with", "by", "and", "or", "including",
    "into", "as", "than", "but", "be", "been", "being", "since", "during", "near",
    "while", "after", "before", "per", "each", "a", "the", "this", "these", "those",
})
_DETERMINERS = frozenset({"its", "their", "his", "her", "the", "these", "those", "our", "them"})
_CASUALTIES = re.compile(r"\b(?:killed|dead)\s+(?:and|or)\s+(?:wounded|injured)|"
                         r"\b(?:wounded|injured)\s+(?:and|or)\s+(?:killed|dead)",
                         re.IGNORECASE)
_FATE = re.compile(r"\b(killed|wounded|injured|captured)\b", re.IGNORECASE)
_CITED = (
    re.compile(r"\baccording\s+to\s+(?-i:the\s+)?([^,.;:()\"“”]{2,80})", re.IGNORECASE),
    re.compile(r"\b(?:citing|as\s+reported\s+by|reported\s+by)\s+(?-i:the\s+)?"
               r"([^,.;:()\"“”]{2,60})", re.IGNORECASE),
    re.compile(r"((?:[A-Z][\w'’ʼ-]*\s+){0,3}[A-Z][\w'’ʼ-]*)\s+(?:has\s+|have\s+)?(?:said|says|"
               r"reported|reports|stated|claimed|claims|estimated|estimates|wrote|told|added)\b"),
    re.compile(r"\b(?:said|says|reported|stated|claimed|wrote)\s+((?:[A-Z][\w'’ʼ-]*\s+){0,3}"
               r"[A-Z][\w'’ʼ-]*)"),
)
_LEADING_THE = re.compile(r"^the\s+")  # "the agreement", but not "The Times"
_PRONOUNS = frozenset({"He", "She", "They", "It", "We", "I", "This", "That"})
# Nouns too general to say what a bare number elsewhere in the sentence counts.
_VAGUE = frozenset({"military", "forces", "personnel", "people", "weapons"})
_NOUN_WINDOW = 4  # words of a noun phrase after the number: "12,000 special forces soldiers"
_FATE_WINDOW = 10  # words after the noun in which "were killed" still tells its fate
_BEFORE_REACH = 40  # characters before a number that may make it a date or a label
_AFTER_REACH = 300  # characters after it that hold its noun phrase and fate


def extract_figures(paragraphs: Sequence[str]) -> tuple[Figure, ...]:
    """Every figure in the paragraphs, in reading order."""
    found: list[Figure] = []
    for index, paragraph in enumerate(paragraphs):
        for sentence in _sentences(paragraph):
            found.extend(_in_sentence(sentence, index))
    return tuple(found)


def figures_table(
    figures_by_entry: Mapping[str, Sequence[Figure]],
) -> dict[str, list[tuple[str, Figure]]]:
    """quantity -> [(entry slug, figure)], for quantities worth comparing.

    A quantity is kept when two entries or more report it, or when the values given differ.
    An entry repeating one value for one quantity counts once (its first mention). Rows are
    ordered by value, then slug and position; quantities by how many entries report them
    (most first), then by name.
    """
    rows: dict[str, list[tuple[str, Figure]]] = defaultdict(list)
    for slug in sorted(figures_by_entry):
        seen: set[tuple[str, float]] = set()
        for figure in figures_by_entry[slug]:
            if (figure.quantity, figure.value) not in seen:
                seen.add((figure.quantity, figure.value))
                rows[figure.quantity].append((slug, figure))
    kept = {
        quantity: sorted(items, key=lambda r: (r[1].value, r[0], r[1].paragraph))
        for quantity, items in rows.items()
        if len({slug for slug, _ in items}) >= 2 or len({f.value for _, f in items}) >= 2
    }
    order = sorted(kept, key=lambda q: (-len({slug for slug, _ in kept[q]}), q))
    return {quantity: kept[quantity] for quantity in order}


def _sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(paragraph) if s.strip()]


def _in_sentence(sentence: str, paragraph: int) -> list[Figure]:
    figures: list[Figure] = []
    cited = _cited(sentence)
    for match in _NUMBER.finditer(sentence):
        value = _value(match)
        if value is None or _is_date_or_label(sentence, match, value):
            continue
        # The words a figure reads sit near it: windows, not the rest of the sentence,
        # keep a sentence of thousands of numbers linear.
        after = sentence[match.end():match.end() + _AFTER_REACH]
        noun = _noun(after, value)
        if noun is None:
            continue
        head, phrase_end = noun
        # A bare number ("their number is approaching 3 million") counts a noun nearby.
        quantity = _bare_quantity(sentence, match, value) if head == "" else _fate(
            head, after[phrase_end:])
        if quantity is None:
            continue
        qualifier = " ".join(match.group("qual").lower().split()) if match.group("qual") else None
        figures.append(Figure(
            quantity=quantity,
            value=value,
            approx=qualifier is not None,
            qualifier=qualifier,
            text=(match.group(0) + after[:phrase_end]).strip(),
            sentence=sentence,
            paragraph=paragraph,
            cited=cited,
        ))
    return figures


def _value(match: re.Match[str]) -> float | None:
    scale = _SCALES[match.group("scale").lower()] if match.group("scale") else 1.0
    if match.group("digits"):
        digits = re.sub(r"[,\u00a0\u202f\u2009 ]", "", match.group("digits"))
        return float(digits) * scale
    if match.group("half"):
        return 0.5 * scale if match.group("scale") else None
    if match.group("a"):
        return scale if match.group("scale") else None
    words = re.split(r"[\s-]+", match.group("words").lower())
    total = 0.0
    for word in words:
        number = _UNITS[word]
        total = total * number if number == 100 and total else total + number
    return total * scale


def _is_date_or_label(sentence: str, match: re.Match[str], value: float) -> bool:
    digits = match.group("digits")
    if digits and not match.group("scale") and re.fullmatch(r"(?:1[89]|20)\d\d", digits):
        return True  # a year
    before = sentence[max(0, match.start() - _BEFORE_REACH): match.start()]
    return bool(_DATE_BEFORE.search(before) and digits and not match.group("qual")) or bool(
        _DATE_AFTER.match(sentence, match.end())
    )


def _noun(after: str, value: float) -> tuple[str, int] | None:
    """The quantity the words after a number count, and where its phrase ends.

    ("", 0) for a bare number (punctuation or the sentence's end follows), None when the
    words name nothing countable.
    """
    tokens = list(islice(_WORDS.finditer(after), _NOUN_WINDOW + 8))
    if not tokens or not tokens[0].group(0)[0].isalnum():
        return "", 0
    if tokens[0].group(0).lower() == "of":  # "a thousand of its soldiers", not "one of the"
        if value < 100:
            return None
        tokens = tokens[1:]
        while tokens and tokens[0].group(0).lower() in _DETERMINERS:
            tokens = tokens[1:]
    head: tuple[str, int] | None = None
    previous = ""
    for token in tokens[:_NOUN_WINDOW]:
        word = token.group(0).lower().replace("’", "'")
        if not word[0].isalnum() or word in _STOPS:
            break
        if word == "personnel" and previous == "military":
            head = ("troops", token.end())
        elif word in _NOUNS and not (word == "military" and head):
            head = (_NOUNS[word], token.end())
        elif head is None and _plural(word) and token.group(0).islower():
            head = (word, token.end())
        previous = word
    if head is None or head[0] in _NOT_COUNTED:
        return None
    return head


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _fate(quantity: str, rest: str) -> str:
    """ "600 000 soldiers were killed and wounded" counts casualties, not soldiers."""
    window = " ".join(rest.split()[:_FATE_WINDOW])
    window = re.split(r"\d", window, maxsplit=1)[0]  # up to the next number: its own noun
    if _CASUALTIES.search(window):
        return "casualties"
    fate = _FATE.search(window)
    if fate and quantity not in ("casualties", "killed"):
        verb = fate.group(1).lower()
        return f"{quantity} {'wounded' if verb == 'injured' else verb}"
    return quantity


def _bare_quantity(sentence: str, match: re.Match[str], value: float) -> str | None:
    # Only sizeable, hedged or scaled numbers: a bare "3" is a list item or a score.
    if not (match.group("scale") or (match.group("qual") and value >= 100)):
        return None
    best: tuple[int, str] | None = None
    for word in _WORDS.finditer(sentence, max(0, match.start() - _AFTER_REACH),
                                match.end() + _AFTER_REACH):
        lowered = word.group(0).lower()
        if lowered in _NOUNS and lowered not in _VAGUE:
            distance = abs(word.start() - match.start())
            if best is None or distance < best[0]:
                best = (distance, _NOUNS[lowered])
    return best[1] if best else None


def _cited(sentence: str) -> str | None:
    for pattern in _CITED:
        found = pattern.search(sentence)
        if found:
            who = _LEADING_THE.sub("", found.group(1).strip())
            if who and who not in _PRONOUNS and not who.lower().startswith(("to ", "that ")):
                return who
    return None
