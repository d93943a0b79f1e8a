"""The word lists the extraction rules read: one data file per kind, one loader.

Each file in this folder is a list of one kind (speech verbs, role heads, honorifics,
places...), one entry per line, lower case, `#` starting a comment. Extending a rule to a
new phrasing is then a line in a file, and no two modules keep their own copy of a list.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Literal

Kind = Literal[
    "speech_verbs", "request_verbs", "object_verbs", "cue_nouns", "role_heads",
    "role_modifiers", "honorifics", "stop", "not_names", "aux", "places", "organisations",
    "name_suffixes", "courtesy", "male_titles", "female_titles", "company_words",
]


Pairs = Literal["name_aliases", "topic_aliases"]


def _entries(kind: str) -> list[str]:
    text = resources.files(__name__).joinpath(f"{kind}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [entry for entry in entries if entry]


@cache
def load(kind: Kind) -> frozenset[str]:
    """The entries of one list, read once per process."""
    return frozenset(_entries(kind))


@cache
def load_pairs(kind: Pairs) -> Mapping[str, str]:
    """A table of "key = value" lines, read once per process."""
    pairs = (entry.split("=", 1) for entry in _entries(kind))
    return {key.strip(): value.strip() for key, value in pairs}
