"""The Jinja2 environment: user templates first, the default theme behind them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from digest.model import EntryDate
from digest.theme_dir import theme_dir


def new_environment(user_templates: Path | None) -> Environment:
    loaders = [FileSystemLoader(str(theme_dir()))]
    if user_templates is not None and user_templates.is_dir():
        loaders.insert(0, FileSystemLoader(str(user_templates)))
    env = Environment(
        loader=ChoiceLoader(loaders),
        # Every value in a page is untrusted article text: escape everything,
        # feeds (XML) included, and let only rendered Markdown through by `|safe`.
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["longdate"] = longdate
    env.filters["clock"] = clock
    env.filters["atomdate"] = atomdate
    return env


def longdate(value: EntryDate | date | None) -> str:
    if value is None:
        return "Undated"
    day = value.day if isinstance(value, EntryDate) else value
    return f"{day.day} {day:%B %Y}"


def clock(value: EntryDate | None) -> str:
    if value is None or value.moment is None:
        return ""
    return f"{value.moment:%H:%M}"


def atomdate(value: EntryDate) -> str:
    """RFC 3339, which Atom requires: a time of day and a zone are mandatory.

    A date with no time becomes midnight UTC; a time with no zone is written as
    UTC. Only feeds need this; pages and data show what the source gave.
    """
    if value.moment is None:
        return f"{value.day.isoformat()}T00:00:00Z"
    if value.moment.tzinfo is None:
        return f"{value.moment.isoformat(timespec='seconds')}Z"
    return value.moment.isoformat(timespec="seconds")
