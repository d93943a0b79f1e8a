"""Whom "he" and "she" refer to: the last person named before the pronoun who agrees.

A pronoun source ("he said") refers back to a person the article has just named, most
often the last one. Gender agreement skips the wrong one: "Hillary Clinton called Trump
a liar. She also said ..." is Clinton. A person's gender is what the article says of
them, never guessed from a first name: a title ("Mrs.", "spokeswoman", "King") or the
pronouns that follow their name before anyone else is named.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Literal

from digest.words import load

Gender = Literal["m", "f"]

_PRONOUN_GENDER: dict[str, Gender] = {
    **dict.fromkeys(("he", "him", "his", "himself"), "m"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "f"),
}
_MALE_TITLES = load("male_titles")
_FEMALE_TITLES = load("female_titles")
# How far back (in characters) a pronoun is taken to continue the last name.
_REACH = 400


def pronoun_gender(word: str) -> Gender | None:
    return _PRONOUN_GENDER.get(word.lower())


def title_gender(role: str) -> Gender | None:
    """"spokeswoman", "Mrs.", "Queen" say; "spokesperson", "Minister" do not."""
    for word in role.lower().replace(".", " ").split():
        if word in _FEMALE_TITLES or word.endswith("woman"):
            return "f"
        if word in _MALE_TITLES or (word.endswith("man") and len(word) > 4):
            return "m"
    return None


class Referents:
    """The people an article has named so far, and their genders as it shows them."""

    def __init__(self) -> None:
        self._votes: dict[str, Counter[Gender]] = {}
        self._before: list[str] = []  # people named in earlier paragraphs, latest last
        self._here: list[tuple[int, str]] = []  # (offset, name) in the current paragraph

    def learn(self, mentions: Sequence[tuple[int, str]], text: str,
              roles: Iterable[tuple[str, str]]) -> None:
        """Genders from titles, and from pronouns right after a lone name."""
        for name, role in roles:
            gender = title_gender(role)
            if gender:
                self._votes.setdefault(name, Counter())[gender] += 2
        events = sorted([*mentions, *_pronouns(text)])
        for (pos, item), (next_pos, following) in pairwise(events):
            gender = _PRONOUN_GENDER.get(following)
            if gender and item not in _PRONOUN_GENDER and next_pos - pos <= _REACH:
                self._votes.setdefault(item, Counter())[gender] += 1

    def gender(self, name: str) -> Gender | None:
        votes = self._votes.get(name)
        if not votes:
            return None
        ranked = votes.most_common()
        return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None

    def paragraph(self, mentions: Sequence[tuple[int, str]]) -> None:
        """Move on to a paragraph naming these people at these offsets."""
        self._before.extend(name for _, name in self._here)
        self._here = list(mentions)

    def resolve(self, pos: int, pronoun: str, speaker: str | None) -> str | None:
        """The last speaker when their gender does not disagree (news keeps quoting one
        person for a while), else the last person named before `pos` who agrees."""
        wanted = pronoun_gender(pronoun)
        here = [name for offset, name in self._here if offset < pos]
        for name in (speaker, *reversed([*self._before, *here])):
            known = self.gender(name) if name else None
            if name and (wanted is None or known is None or known == wanted):
                return name
        return None


def _pronouns(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    start = 0
    for word in text.split():
        at = text.index(word, start)
        start = at + len(word)
        bare = word.strip("\"'“”‘’(),.;:!?").lower()
        if bare in _PRONOUN_GENDER:
            found.append((at, bare))
    return found
