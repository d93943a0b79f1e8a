"""Automatic topics: the people, places and organisations an entry is about, without rules.

No language model: names are runs of capitalised words (with "of" inside: "Department of
Defense"), and acronyms (NATO, DPRK). What makes this usable is the cleaning around it:

- a sentence's first word is capitalised anyway, so it counts only when it is not a
  common word ("The", "However", "According") and is seen capitalised mid-sentence too;
- titles go ("NATO Secretary General Mark Rutte" gives NATO and Mark Rutte);
- a known place glued to a name is split off ("Lloyd Austin US" gives both);
- spellings meet through an alias table (DPRK = North Korea, Kiev = Kyiv, "Russian" =
  Russia), and a surname alone counts for the full name used elsewhere in the entry.

A name is a candidate only when salient in its entry (in the title, or mentioned twice);
`auto_topics` then keeps names that several entries share, so that a topic page always
lists more than one entry.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from digest.slugs import name_slug
from digest.words import load_pairs

MAX_TOPICS = 8
_TITLE_BONUS = 3  # a name in the headline is what the entry is about

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’ʼ-]*\w)?|\d+|\S")
_POSSESSIVE = re.compile(r"['’ʼ]s?$")
_SENTENCE_END = frozenset(".!?:;•")
_OPENERS = frozenset("\"“‘'«(—–-")
# Capitalised at a sentence's start for grammar's sake, not because they name anything.
_COMMON = frozenset("""
a about above according after afterwards again against all also although among an and
another any anyway as at because before besides both but by despite details during each
earlier either even every finally first for from further furthermore he her here his
however i if in indeed instead it its last later let many meanwhile more moreover most
much my neither nevertheless next no nor not now of on once one only or other our over
perhaps quote read related see several she since so some soon source still such than
that the their then there therefore these they this those though thus to today
tomorrow under unlike until update upon we what when where whether which while who why
with within without yesterday yet you your background photo video watch also read
maybe yes latest
""".split())
_CALENDAR = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())
# Words that make a title: dropped from person names, and what separates an organisation
# ("NATO") from the person ("Mark Rutte") in "NATO Secretary General Mark Rutte".
_TITLES = frozenset("""
president secretary minister chancellor general chief head spokesman spokeswoman
spokesperson ambassador commander director leader premier senator governor mayor mr mrs
ms dr sir lieutenant colonel admiral marshal king queen prince pope envoy adviser advisor
deputy vice prime
""".split())
_TITLE_PARTS = frozenset("""
defense defence foreign affairs interior finance state executive supreme of the
security national intelligence
""".split())
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")
# "I", "I'm", "I've": the first person, capitalised by grammar, not a name.
_PRONOUN = re.compile(r"I(?:['’](?:m|ve|d|ll))?")
_GENERIC_TAIL = frozenset({"oblast", "region", "province", "governorate", "krai", "city"})
# A small gazetteer: countries (and their adjectives) and major cities, enough to tell a
# place glued to a name and to keep a sentence-initial "Ukraine" or "Moscow".
_COUNTRIES = {
    "Russia": "Russian", "Ukraine": "Ukrainian", "Belarus": "Belarusian", "Poland": "Polish",
    "Germany": "German", "France": "French", "Italy": "Italian", "Spain": "Spanish",
    "China": "Chinese", "Japan": "Japanese", "India": "Indian", "Iran": "Iranian",
    "Israel": "Israeli", "Turkey": "Turkish", "Syria": "Syrian", "Georgia": "Georgian",
    "Moldova": "Moldovan", "Romania": "Romanian", "Hungary": "Hungarian",
    "Finland": "Finnish", "Sweden": "Swedish", "Norway": "Norwegian", "Estonia": "Estonian",
    "Latvia": "Latvian", "Lithuania": "Lithuanian", "Canada": "Canadian",
    "United Kingdom": "British", "United States": "American", "North Korea": "North Korean",
    "South Korea": "South Korean", "Czech Republic": "Czech", "Slovakia": "Slovak",
    "Netherlands": "Dutch", "Denmark": "Danish", "Austria": "Austrian", "Greece": "Greek",
    "Bulgaria": "Bulgarian", "Serbia": "Serbian", "Armenia": "Armenian",
    "Azerbaijan": "Azerbaijani", "Kazakhstan": "Kazakh", "Iraq": "Iraqi", "Egypt": "Egyptian",
    "Saudi Arabia": "Saudi", "Qatar": "Qatari", "Brazil": "Brazilian", "Mexico": "Mexican",
    "Australia": "Australian", "Taiwan": "Taiwanese", "Vietnam": "Vietnamese",
    "Crimea": "Crimean", "Europe": "European",
}
_CITIES = frozenset("""
Kyiv Moscow Kharkiv Odesa Lviv Dnipro Zaporizhzhia Kherson Mykolaiv Sumy Chernihiv Donetsk
Luhansk Mariupol Bakhmut Avdiivka Pokrovsk Kupiansk Kursk Belgorod Bryansk Sevastopol Minsk
Warsaw Berlin Paris London Brussels Washington Beijing Tokyo Seoul Pyongyang Tehran Ankara
Istanbul Vienna Rome Madrid Budapest Bucharest Chisinau Vilnius Riga Tallinn Helsinki
Stockholm Oslo Prague Bratislava Geneva Vladivostok Khabarovsk Donbas Kremlin Pentagon
""".split())
_KNOWN: Mapping[str, str] = {
    **{name: name for name in _COUNTRIES},
    **{adjective: name for name, adjective in _COUNTRIES.items() if name != "Europe"},
    **{city: city for city in _CITIES},
}


def candidate_topics(
    title: str, paragraphs: Sequence[str], aliases: Mapping[str, str]
) -> tuple[str, ...]:
    """Salient names of one entry, canonically spelt, most salient first (at most 8)."""
    table = _Aliases(aliases)
    body = "\n".join(paragraphs)
    lowered = {w.lower() for w in _TOKEN.findall(body) if w[0].islower()}
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    confirmed: set[str] = set()  # names seen capitalised mid-sentence, or known
    shaky: Counter[str] = Counter()  # single words seen only at a sentence's start
    surfaces: dict[str, set[str]] = {}
    for paragraph in paragraphs:
        for words, initial in _runs(paragraph, lowered):
            for name in _names(words, table):
                canonical = table.canonical(name)
                surfaces.setdefault(canonical, set()).update({name, canonical})
                first.setdefault(canonical, len(first))
                if initial and len(words) == 1 and name not in _KNOWN and name.upper() != name:
                    shaky[canonical] += 1
                else:
                    confirmed.add(canonical)
                    counts[canonical] += 1
    surnames = {name.split()[-1] for name in confirmed if " " in name}
    for name, count in shaky.items():
        if name in confirmed or name in surnames:  # "Rutte said" after "Mark Rutte"
            counts[name] += count
    _credit_surnames(counts)
    scores: dict[str, int] = {}
    for name, count in counts.items():
        in_title = any(_mentions(title, form) for form in surfaces[name])
        if in_title or count >= 2:
            scores[name] = count + (_TITLE_BONUS if in_title else 0)
    ranked = sorted(scores, key=lambda n: (-scores[n], first[n]))
    return tuple(ranked[:MAX_TOPICS])


def auto_topics(
    candidates: Mapping[str, Sequence[str]], min_entries: int = 2
) -> dict[str, tuple[str, ...]]:
    """entry slug -> its candidate names that at least `min_entries` entries share.

    Names meet by slug ("Kursk" and "kursk" are one), spelt as the first entry (in slug
    order) spelt them. Every entry of `candidates` gets a key, with () when nothing is kept.
    """
    candidates = _merged(candidates)
    spelling: dict[str, str] = {}
    entries: Counter[str] = Counter()
    for slug in sorted(candidates):
        for key in dict.fromkeys(name_slug(name) for name in candidates[slug]):
            entries[key] += 1
        for name in candidates[slug]:
            spelling.setdefault(name_slug(name), name)
    kept: dict[str, tuple[str, ...]] = {}
    for slug, names in candidates.items():
        keys = dict.fromkeys(name_slug(n) for n in names if entries[name_slug(n)] >= min_entries)
        kept[slug] = tuple(spelling[key] for key in keys)
    return kept


def _merged(candidates: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """One topic for one thing across entries: a surname alone ("Obama") is the one full
    name that ends with it ("Barack Obama"), and a plural ("African-Americans") its singular
    when that is a candidate too."""
    names = {name for found in candidates.values() for name in found}
    full: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        if 2 <= len(words) <= 3:
            full.setdefault(words[-1], set()).add(name)

    def one(name: str) -> str:
        if " " not in name and len(full.get(name, ())) == 1:
            return next(iter(full[name]))
        if name.endswith("s") and name[:-1] in names:
            return name[:-1]
        return name

    return {slug: tuple(dict.fromkeys(one(n) for n in found))
            for slug, found in candidates.items()}


class _Aliases:
    """The alias table: user aliases over the built-in ones and the gazetteer's adjectives.

    All-capital aliases match as written ("US" the country, not "us"); others ignore case.
    """

    def __init__(self, aliases: Mapping[str, str]) -> None:
        table = {**_KNOWN, **load_pairs("name_aliases"), **load_pairs("topic_aliases"),
                 **aliases}
        self.exact = {k: v for k, v in table.items() if k.upper() == k}
        self.folded = {k.casefold(): v for k, v in table.items() if k.upper() != k}

    def canonical(self, name: str) -> str:
        found = self.exact.get(name) or self.folded.get(name.casefold())
        if found is None and name.endswith("s") and self.known(name[:-1]):
            return self.canonical(name[:-1])  # "Americans" as "American": United States
        return found or name

    def known(self, name: str) -> bool:
        return name in self.exact or name.casefold() in self.folded


def _runs(paragraph: str, lowered: set[str]) -> list[tuple[list[str], bool]]:
    """Runs of capitalised words, each with whether it opens a sentence.

    A run's first word is dropped when it is a common word capitalised only because a
    sentence starts with it ("However", "The Pentagon").
    """
    runs: list[tuple[list[str], bool]] = []
    current: list[str] = []
    current_initial = False
    at_start = True
    # "U.S." and "U.N." are one word each ("US", "UN"), not two one-letter names.
    paragraph = _DOTTED.sub(lambda m: m.group().replace(".", ""), paragraph)
    for token in _TOKEN.findall(paragraph):
        word = _POSSESSIVE.sub("", token) if token[0].isalpha() else token
        if word and word[0].isupper() and word.lower() not in _CALENDAR \
                and not _PRONOUN.fullmatch(word):
            if not current:
                current_initial = at_start
            current.append(word)
            at_start = False
            if word != token:  # "Russia's army": a possessive ends the name
                runs.append((current, current_initial))
                current = []
            continue
        if word == "of" and current:
            current.append(word)
            continue
        if current:
            runs.append((current, current_initial))
            current = []
        if token in _SENTENCE_END:
            at_start = True
        elif token not in _OPENERS:
            at_start = False
    if current:
        runs.append((current, current_initial))
    cleaned: list[tuple[list[str], bool]] = []
    for words, initial in runs:
        while words and words[-1] == "of":
            words = words[:-1]
        if initial and words and (words[0].lower() in _COMMON or words[0].lower() in lowered):
            words = words[1:]
            initial = False
        while words and words[0] in ("of", "The"):
            words = words[1:]
        if words and (len(words) > 1 or len(words[0]) > 1):  # a lone initial names nothing
            cleaned.append((words, initial))
    return cleaned


def _names(words: list[str], table: _Aliases) -> list[str]:
    """The names in one run: titles dropped, a known place glued to a name split off."""
    lowered = [w.lower() for w in words]
    at = next((i for i, w in enumerate(lowered) if w in _TITLES), None)
    if at is None:
        parts = [words]
    else:
        start = at
        while start > 0 and lowered[start - 1] in _TITLE_PARTS | _TITLES:
            start -= 1
        end = at
        while end < len(words) and lowered[end] in _TITLE_PARTS | _TITLES:
            end += 1
        parts = [words[:start], words[end:]]
    names: list[str] = []
    for part in parts:
        while part and part[-1].lower() in _GENERIC_TAIL:
            part = part[:-1]
        if part:
            names.extend(_split_known(part, table))
    return names


def _split_known(words: list[str], table: _Aliases) -> list[str]:
    """ "Russian Pacific Fleet" -> Russian, Pacific Fleet; "Kyiv Post" stays one name."""
    name = " ".join(words)
    if table.known(name) or len(words) < 3:
        return [name]
    for size in (2, 1):
        head, tail = " ".join(words[:size]), " ".join(words[-size:])
        if table.known(head) and len(words) - size >= 2:
            return [head, " ".join(words[size:])]
        if table.known(tail) and len(words) - size >= 2:
            return [" ".join(words[:-size]), tail]
    return [name]


def _credit_surnames(counts: Counter[str]) -> None:
    """ "Austin" said after "Lloyd Austin" was introduced is one more mention of him."""
    full: dict[str, str] = {}
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        words = name.split()
        if 2 <= len(words) <= 4 and "of" not in words:
            full.setdefault(words[-1], name)
    for name in list(counts):
        person = full.get(name)
        if person and person != name:
            counts[person] += counts.pop(name)


def _mentions(title: str, form: str) -> bool:
    flags = 0 if form.upper() == form else re.IGNORECASE
    return re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", title, flags) is not None
