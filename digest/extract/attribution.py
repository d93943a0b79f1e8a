"""Who said it: resolving a source, as the text writes it, to a person.

An `Article` first learns the names and roles the article gives people, then resolves
a source to a canonical name, or to None when the text does not say who: a role two
people hold, an organisation, a group. A lone surname is the article's full name with it,
else the registry's, else the surname itself. The phrases themselves are read by
digest.extract.phrases.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from digest.extract.phrases import (
    COMPANY_WORDS,
    ROLE_HEADS,
    Parsed,
    Word,
    appositive_role,
    blank,
    blank_parentheses,
    clean_name,
    np_text,
    parse_np,
    runs,
)
from digest.extract.pronouns import Referents
from digest.people import People, role_key
from digest.words import load

_HEAD_KEYS = frozenset(role_key(" ".join(ROLE_HEADS)))
ORGANISATIONS = load("organisations")
# A contraction ("We've", "I'd") is no name; nor is a party tag ("R-Ky") or a compound
# ("Trump-style").
_NOT_A_NAME = re.compile(r"['’](?:ve|d|m|re|ll|t)$|^[RDI]-[A-Z]|-[a-z]+$")
# An inner capital marks a brand ("BuzzFeed", "ProPublica"); these prefixes mark a surname.
_BRAND = re.compile(r"^(?!Mc|Mac|De|Di|Da|La|Le|Van|Von|O['’])[A-Z][a-z]+[A-Z]")
_INDEFINITE = frozenset({"a", "an", "one", "another", "some", "several", "two", "three", "many"})


@dataclass(frozen=True)
class Source:
    text: str  # as written
    name: str | None  # canonical name, when the source is a person the text identifies
    role: str | None = None


class Article:
    """What one article says about its people, and whom its sources refer to."""

    def __init__(self, people: People | None = None) -> None:
        self._people = people
        self._lower: set[str] = set()  # words the article writes in lower case
        self._surnames: dict[str, set[str]] = {}
        self._mentions: Counter[str] = Counter()  # full names, by how often they are written
        self._named: list[list[tuple[int, Parsed]]] = []  # per paragraph: where names stand
        self._bodies: set[str] = set()  # lower-case names the article gives companies
        self._roles: list[tuple[frozenset[str], str]] = []
        self._role_of: dict[str, str] = {}
        self.last: str | None = None  # the last person named as a speaker
        self.referents = Referents()  # whom "he" and "she" are

    def learn(self, paragraph: str) -> None:
        """Record people a paragraph names in full or with a title, and their roles."""
        text = blank_parentheses(paragraph)
        self._lower.update(w for w in text.split() if w.islower())
        named: list[tuple[int, Parsed]] = []
        self._named.append(named)
        for run in runs(text):
            if len(run) > 1 and run[-1].low.rstrip(".") in COMPANY_WORDS:
                # "Canrad Inc": then "Canrad said" is the company speaking, nobody.
                self._bodies.update(" ".join(w.low for w in run[:k]) for k in range(1, len(run)))
            parsed = parse_np([w.text for w in run])
            if not parsed.name:
                continue
            named.append((run[0].start, parsed))
            role = parsed.role or appositive_role(text, run[-1].end)
            if role is None and len(parsed.name) < 2:
                continue
            name = self.person(parsed.name, titled=True)
            if name is None:
                continue
            cleaned = clean_name(parsed.name)
            if len(cleaned) > 1:
                self._surnames.setdefault(cleaned[-1].lower(), set()).add(name)
                self._mentions[name] += 1
            if role:
                self._roles.append((role_key(role), name))
                self._role_of.setdefault(name, role)

    def settle(self, paragraphs: Sequence[str], quoted: Sequence[Sequence[range]]) -> None:
        """After `learn` has seen every paragraph: the genders the article shows, read
        through the whole text (quoted words left out: their "he" is someone else's)."""
        mentions: list[tuple[int, str]] = []
        offset = 0
        for index, paragraph in enumerate(paragraphs):
            mentions.extend((offset + at, name) for at, name in self.mentions(index, quoted[index]))
            offset += len(paragraph) + 1
        text = "\n".join(blank(p, q) for p, q in zip(paragraphs, quoted, strict=True))
        self.referents.learn(mentions, text, self._role_of.items())

    def mentions(self, index: int, quoted: Sequence[range] = ()) -> list[tuple[int, str]]:
        """The people paragraph `index` names outside the `quoted` ranges, with offsets."""
        found: list[tuple[int, str]] = []
        starts = [r.start for r in quoted]  # in reading order: a bisection finds the one
        for at, parsed in self._named[index]:
            k = bisect_right(starts, at) - 1
            if k >= 0 and at in quoted[k]:
                continue
            name = self.person(parsed.name, titled=parsed.role is not None)
            if name is not None:
                found.append((at, name))
        return found

    def person(self, name: Sequence[str], titled: bool = False) -> str | None:
        """A canonical name. A lone surname is the article's one full name with it, else
        the registry's, else itself: the text named someone, even by surname only. Of two
        full names sharing it ("Donald Trump", "Ivanka Trump") it is the one the article
        names most (news style gives the other a first name); a tie leaves it unresolved."""
        name = clean_name(name)
        if not name or " ".join(name).lower() in self._bodies:
            return None
        full = " ".join(name)
        registered = self._people.canonical(full) if self._people is not None else None
        if len(name) == 1:
            known = self._surnames.get(full.lower(), set())
            if len(known) > 1:
                ranked = sorted(known, key=lambda n: (-self._mentions[n], n))
                if self._mentions[ranked[0]] > self._mentions[ranked[1]]:
                    known = {ranked[0]}
            if len(known) == 1:
                full = next(iter(known))
                registered = self._people.canonical(full) if self._people is not None else None
            elif not registered and not known and not self._lone_name(full):
                return None
        return registered or full

    def _lone_name(self, word: str) -> bool:
        """Whether one capitalised word can be a person's name in this article: not a
        common word capitalised at a sentence's start ("Critics", "Having"), a group
        ("Officials", "Democrats"), a contraction, a brand or an outlet ("Reuters")."""
        low = word.lower()
        return not (low in self._lower or low in ORGANISATIONS or _NOT_A_NAME.search(word)
                    or _BRAND.match(word) or low.removesuffix("s") in ROLE_HEADS)

    def source(self, ws: Sequence[Word], text: str) -> Source:
        shown = np_text(text, ws)
        parsed = parse_np([w.text for w in ws])
        if parsed.pronoun:
            who = self.referents.resolve(ws[0].start, ws[0].low, self.last)
            return Source(shown, who, self.role_of(who))
        if parsed.name:
            name = self.person(parsed.name, titled=parsed.role is not None)
            return Source(shown, name, parsed.role or self.role_of(name))
        if parsed.role and ws[0].low not in _INDEFINITE:
            return Source(shown, self._holder(parsed.role), parsed.role)
        # "a top aide", "one former official": someone the text does not name.
        return Source(shown, None, parsed.role)

    def role_of(self, name: str | None) -> str | None:
        return self._role_of.get(name) if name else None

    def _holder(self, role: str) -> str | None:
        """The one person who holds `role` in this article, else in the registry."""
        wanted = role_key(role)
        if not wanted & _HEAD_KEYS:
            return None
        holders = {name for key, name in self._roles if wanted <= key}
        if not holders and self._people is not None:
            return self._people.by_role(role)
        return holders.pop() if len(holders) == 1 else None
