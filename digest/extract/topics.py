"""Topics from rules in digest.yaml: a topic and the phrases that put an entry in it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from digest.model import Topic


class TopicMatcher:
    """Matches all topic phrases in one pass over the text.

    One alternation for every phrase of every topic keeps matching linear in
    the text length however many topics a digest defines.
    """

    def __init__(self, topics: Sequence[Topic]) -> None:
        self._owner: dict[str, list[str]] = {}
        for topic in topics:
            for phrase in topic.match:
                self._owner.setdefault(_fold(phrase), []).append(topic.name)
        self._order = {topic.name: i for i, topic in enumerate(topics)}
        phrases = sorted(self._owner, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")
            if phrases else None
        )

    def match(self, text: str) -> tuple[str, ...]:
        if self._pattern is None:
            return ()
        found: set[str] = set()
        for hit in self._pattern.finditer(_fold(text)):
            found.update(self._owner[hit.group(1)])
        return tuple(sorted(found, key=self._order.__getitem__))


def _fold(text: str) -> str:
    # Case-folded, with typographic apostrophes unified, so "Russia’s",
    # "Russiaʼs" and "Russia's" match the same rule.
    return text.casefold().replace("\u2019", "'").replace("\u02bc", "'")
