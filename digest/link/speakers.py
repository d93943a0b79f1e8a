"""Speakers as the linker compares them: one key per person, however outlets name them.

Outlets write one person as "Olaf Scholz", "Scholz", "Mr Scholz" or "Chancellor Scholz's"
spokesman's boss; links are gated on the speaker, so two spellings of one person must meet.
A name loses its honorifics and suffixes ("Mr.", "Sen.", "Jr."), then takes the registry's
canonical name (people.yaml: aliases, transliterations, a registered person's surname), else
the one full name in the same quotes that it is the surname, family name or a spelling of
("Trump" is "Donald Trump" when no other Trump speaks; "Yoon" is "Yoon Suk Yeol", "Le Pen"
"Marine Le Pen"). A surname two people share stays itself: it may link only to quotes given
that same surname, which is what precision asks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from digest.people import People, Person, name_key
from digest.words import load

# Words before or after a name that are no part of it: "Mr.", "Sen.", "Jr.", "III".
_NOT_NAME = load("honorifics") | load("name_suffixes")


def speaker_keys(names: Iterable[str | None], people: People | None = None) -> Mapping[str, str]:
    """Each distinct name -> the key of the person it names (a canonical name, else the
    name folded); names that are all honorific keep themselves."""
    registry = people if people is not None else People()
    keyed: dict[str, str] = {}
    for name in set(names):
        if name is None or name in keyed:
            continue
        bare = _bare(name)
        keyed[name] = registry.canonical(bare) or name_key(bare) or name
    # Full names among these quotes, so that a surname or a loose spelling finds its person.
    full = People(Person(key) for key in sorted(set(keyed.values())) if " " in key)
    parts = _parts(key for key in set(keyed.values()) if " " in key)
    return {name: _one(parts.get(name_key(key))) or full.canonical(key) or key
            for name, key in keyed.items()}


def _parts(names: Iterable[str]) -> dict[str, set[str]]:
    """Folded parts of full names that outlets use alone -> the names: each tail of words
    ("Le Pen" of "Marine Le Pen", "Jae-myung" of "Lee Jae-myung") and the first word, which
    is the family name where it comes first ("Yoon" of "Yoon Suk Yeol")."""
    found: dict[str, set[str]] = {}
    for name in names:
        words = name_key(name).split()
        for part in (words[:1], *(words[i:] for i in range(1, len(words)))):
            found.setdefault(" ".join(part), set()).add(name)
    return found


def _one(names: set[str] | None) -> str | None:
    return next(iter(names)) if names is not None and len(names) == 1 else None


def _bare(name: str) -> str:
    """The name without honorifics, suffixes and middle initials."""
    words = [w for w in name.split() if w.rstrip(".").casefold() not in _NOT_NAME]
    if len(words) > 2:  # "John F. Kelly": an initial between two names is dropped
        words = [words[0], *(w for w in words[1:-1] if len(w.rstrip(".")) > 1), words[-1]]
    return " ".join(words) or name
