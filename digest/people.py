"""The people registry: one canonical name per person, however outlets spell it.

`people.yaml` is a YAML list, one item per person, edited by hand:

    - name: Lloyd Austin                      # the canonical name pages show
      aliases: [Austin, Lloyd J. Austin]      # other spellings and transliterations
      roles:                                  # roles articles gave them, with when
        - {role: US Secretary of Defense, first_seen: 2024-10-23, last_seen: 2024-10-31}

`name` is required; `aliases` and `roles` are optional, as are the dates (YYYY-MM-DD).
An alias may belong to one person only. A missing file is an empty registry.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from digest import frontmatter
from digest.errors import DigestError
from digest.model import Quote

_KEYS = frozenset({"name", "aliases", "roles"})
_ROLE_KEYS = frozenset({"role", "first_seen", "last_seen"})
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NOT_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_DOUBLED = re.compile(r"(\w)\1")
# Transliterations of one Cyrillic name differ mostly in y/i/j endings and doubled
# letters (Zelenskyy, Zelenskiy, Zelensky): folding them is the fallback key.
_Y_SOUNDS = re.compile(r"iy|ij|yi|j")
_ROLE_FILLER = frozenset({"the", "of", "for", "and", "a", "an"})
_ROLE_SPELLING = {"defence": "defense", "chief": "head"}


@dataclass(frozen=True)
class RoleSeen:
    role: str
    first_seen: str | None = None  # ISO date
    last_seen: str | None = None


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[RoleSeen, ...] = ()


def name_key(name: str) -> str:
    """Case, accents and punctuation do not tell two people apart."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", plain.casefold())).strip()


def _loose_key(name: str) -> str:
    return _DOUBLED.sub(r"\1", _Y_SOUNDS.sub("y", name_key(name)))


def role_key(role: str) -> frozenset[str]:
    """Words of a role that matter: "the Defence Secretary" ~ "US Secretary of Defense"."""
    words = (w.removesuffix("s") if w.endswith("'s") else w for w in name_key(role).split())
    return frozenset(_ROLE_SPELLING.get(w, w) for w in words if w not in _ROLE_FILLER)


class People:
    """The registry: lookups by any spelling, by surname alone and by role."""

    def __init__(self, people: Iterable[Person] = ()) -> None:
        self._people = tuple(people)
        self._exact: dict[str, str] = {}
        self._loose: dict[str, set[str]] = {}
        self._surname: dict[str, set[str]] = {}
        for person in self._people:
            for spelling in (person.name, *person.aliases):
                self._exact.setdefault(name_key(spelling), person.name)
                self._loose.setdefault(_loose_key(spelling), set()).add(person.name)
                words = name_key(spelling).split()
                if len(words) > 1:
                    self._surname.setdefault(_loose_key(words[-1]), set()).add(person.name)

    @classmethod
    def from_file(cls, path: Path) -> People:
        if not path.exists():
            return cls()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DigestError(f"cannot read the people list: {exc}", path) from None
        return cls(_load(text, path))

    def people(self) -> tuple[Person, ...]:
        return self._people

    def canonical(self, name: str) -> str | None:
        key = name_key(name)
        if not key:
            return None
        if key in self._exact:
            return self._exact[key]
        probe = _loose_key(name)
        for index in (self._loose, self._surname):
            found = index.get(probe, set())
            if len(found) == 1:
                return next(iter(found))
        return None

    def by_role(self, role: str) -> str | None:
        """The one person whose recorded role has all the words of `role`; None if not one."""
        wanted = role_key(role)
        if not wanted:
            return None
        holders = {p.name for p in self._people for r in p.roles if wanted <= role_key(r.role)}
        return holders.pop() if len(holders) == 1 else None


def _load(text: str, path: Path) -> list[Person]:
    # frontmatter.parse reads mappings with the safe loaders; the list goes under one key.
    wrapped = "people:\n" + "\n".join(f"  {line}" for line in text.split("\n"))
    try:
        data = frontmatter.parse(wrapped, path, first_line=0)
    except DigestError as exc:
        message = exc.message.replace("front-matter", "people list", 1)
        raise DigestError(message, path, exc.line, exc.hint) from None
    items = data.get("people")
    if items is None:
        return []
    if not isinstance(items, list) or set(data) != {"people"}:
        raise DigestError("the people list must be a YAML list of people", path, 1,
                          hint="start each person with `- name: ...`")
    node = yaml.compose(text, Loader=yaml.SafeLoader)  # aliases were refused by parse()
    lines = [item.start_mark.line + 1 for item in node.value] if node is not None else []
    people: list[Person] = []
    owner: dict[str, tuple[str, int]] = {}
    for index, item in enumerate(items):
        line = lines[index] if index < len(lines) else 1
        person = _person(item, path, line)
        keys = {name_key(spelling): spelling for spelling in (*person.aliases, person.name)}
        for key, spelling in keys.items():
            if key in owner:
                other, other_line = owner[key]
                message = (f"{person.name} is listed twice" if other == person.name
                           else f"`{spelling}` names both {other} and {person.name}")
                raise DigestError(message, path, line,
                                  hint=f"see line {other_line}; a name belongs to one person only")
            owner[key] = (person.name, line)
        people.append(person)
    return people


def _person(item: Any, path: Path, line: int) -> Person:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
        raise DigestError("each person needs a `name:`", path, line,
                          hint="write `- name: Full Name`")
    unknown = sorted(str(key) for key in item if key not in _KEYS)
    if unknown:
        raise DigestError(f"unknown key `{unknown[0]}` for {item['name']}", path, line,
                          hint="a person has name, aliases and roles")
    aliases = item.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise DigestError(f"aliases of {item['name']} must be a list of names", path, line)
    roles = item.get("roles") or []
    if not isinstance(roles, list):
        raise DigestError(f"roles of {item['name']} must be a list", path, line)
    return Person(item["name"].strip(), tuple(a.strip() for a in aliases if a.strip()),
                  tuple(_role(r, item["name"], path, line) for r in roles))


def _role(item: Any, who: str, path: Path, line: int) -> RoleSeen:
    if isinstance(item, str):
        return RoleSeen(item)
    if not isinstance(item, dict) or not isinstance(item.get("role"), str):
        raise DigestError(f"each role of {who} needs a `role:`", path, line,
                          hint="write `{role: ..., first_seen: YYYY-MM-DD}`")
    if set(item) - _ROLE_KEYS:
        raise DigestError(f"unknown key in a role of {who}", path, line,
                          hint="a role has role, first_seen and last_seen")
    return RoleSeen(item["role"], _day(item.get("first_seen"), who, path, line),
                    _day(item.get("last_seen"), who, path, line))


def _day(value: Any, who: str, path: Path, line: int) -> str | None:
    if value is None or isinstance(value, date):
        return value.isoformat()[:10] if value is not None else None
    if isinstance(value, str) and _ISO_DAY.match(value):
        return value
    raise DigestError(f"a role date of {who} is not YYYY-MM-DD: {value!r}", path, line)


def propose(
    people: People,
    quotes_by_entry: Mapping[str, Sequence[Quote]],
    dates: Mapping[str, str | None],
) -> People:
    """The registry plus the speakers and roles the quotes show; what the file says wins."""
    seen: dict[str, dict[str, list[str]]] = {}
    spelled: dict[str, dict[frozenset[str], str]] = {}
    for entry in sorted(quotes_by_entry):
        day = (dates.get(entry) or "")[:10]
        for quote in quotes_by_entry[entry]:
            if quote.speaker is None:
                continue
            name = people.canonical(quote.speaker) or quote.speaker
            roles = seen.setdefault(name, {})
            if quote.role:
                # One role spelled two ways ("Defence"/"Defense") is one role.
                role = spelled.setdefault(name, {}).setdefault(role_key(quote.role), quote.role)
                roles.setdefault(role, []).extend([day] if _ISO_DAY.match(day) else [])
    merged: list[Person] = []
    for person in people.people():
        known = {role_key(r.role) for r in person.roles}
        extra = [_seen(role, days) for role, days in seen.pop(person.name, {}).items()
                 if role_key(role) not in known]
        merged.append(replace(person, roles=(*person.roles, *extra)))
    for name, roles in seen.items():
        merged.append(Person(name, roles=tuple(_seen(role, days) for role, days in roles.items())))
    return People(merged)


def _seen(role: str, days: list[str]) -> RoleSeen:
    return RoleSeen(role, min(days), max(days)) if days else RoleSeen(role)


def dump_people(people: People) -> str:
    """people.yaml text: people by name, each role on its own line, in a stable order."""
    items: list[dict[str, Any]] = []
    for person in sorted(people.people(), key=lambda p: (name_key(p.name), p.name)):
        item: dict[str, Any] = {"name": person.name}
        if person.aliases:
            item["aliases"] = list(person.aliases)
        if person.roles:
            item["roles"] = [
                {k: v for k, v in (("role", r.role), ("first_seen", r.first_seen),
                                   ("last_seen", r.last_seen)) if v is not None}
                for r in person.roles
            ]
        items.append(item)
    if not items:
        return "[]\n"
    return yaml.safe_dump(items, sort_keys=False, allow_unicode=True, default_flow_style=None,
                          width=1_000_000)
