"""One regular expression for many words, shaped as a prefix tree.

An alternation of hundreds of words ("january|february|...") makes the regex engine try
each word in turn at every position of every line; as a tree ("ma(?:i|r(?:ch)?|y)") it
fails at the first letter no word has. Longer words win over their prefixes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def one_of(words: Iterable[str]) -> str:
    """A non-capturing regular expression that matches any of the words."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return "(?:" + _pattern(tree) + ")"


def _pattern(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items())
                if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
