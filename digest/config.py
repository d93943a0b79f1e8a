"""`digest.yaml` -> a validated, immutable Config."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from digest import frontmatter
from digest.errors import DigestError, Finding
from digest.model import Topic
from digest.slugs import name_slug, same_name
from digest.textio import DEFAULT_MAX_BYTES, read_text

CONFIG_NAME = "digest.yaml"
PEOPLE_FILE = "people.yaml"
PROPOSED_PEOPLE_FILE = "people.proposed.yaml"

_KNOWN = {
    "title", "description", "base_url", "language", "content", "output", "templates",
    "topics", "boilerplate", "max_bytes", "aliases", "feeds",
}


@dataclass(frozen=True)
class Config:
    root: Path
    title: str = "Source digest"
    description: str = ""
    base_url: str = ""
    language: str = "en"
    content_dir: Path = Path("content")
    output_dir: Path = Path("site")
    templates_dir: Path = Path("templates")
    topics: tuple[Topic, ...] = ()
    boilerplate: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    aliases: tuple[tuple[str, str], ...] = ()  # spelling -> canonical name ("DPRK", "North Korea")
    feeds: tuple[str, ...] = ()  # RSS or Atom addresses that a bare `digest ingest` reads
    findings: tuple[Finding, ...] = field(default=(), compare=False)


def load_config(root: Path, path: Path | None = None) -> Config:
    """Read `digest.yaml` from `root` (or `path`); a missing file gives the defaults."""
    root = root.resolve()
    config_path = path if path is not None else root / CONFIG_NAME
    if not config_path.exists():
        if path is not None:
            raise DigestError("config file not found", path)
        return _defaults(root)
    text = read_text(config_path)
    data = frontmatter.parse(text, config_path)
    return _from_mapping(data, config_path.parent.resolve(), config_path, text)


def _defaults(root: Path) -> Config:
    return Config(
        root=root, content_dir=root / "content", output_dir=root / "site",
        templates_dir=root / "templates",
    )


def _from_mapping(data: dict[str, Any], root: Path, path: Path, text: str) -> Config:
    def line(key: str) -> int:
        return frontmatter.key_line(text, key, 1)

    def string(key: str, default: str) -> str:
        value = data.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str | int | float):
            raise DigestError(f"`{key}` must be text", path, line(key))
        return str(value)

    findings = tuple(
        Finding(f"unknown key `{key}` ignored", path, line(key),
                hint=f"known keys: {', '.join(sorted(_KNOWN))}")
        for key in data if key not in _KNOWN
    )
    max_bytes = data.get("max_bytes", DEFAULT_MAX_BYTES)
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes <= 0:
        raise DigestError("`max_bytes` must be a positive whole number", path, line("max_bytes"))
    boilerplate = data.get("boilerplate") or []
    if not isinstance(boilerplate, list) or not all(isinstance(p, str) for p in boilerplate):
        raise DigestError(
            "`boilerplate` must be a list of patterns", path, line("boilerplate"),
            hint='e.g. boilerplate: ["^Subscribe to our newsletter"]',
        )
    for pattern in boilerplate:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise DigestError(
                f"boilerplate pattern {pattern!r} is not a valid regular expression: {exc.msg}",
                path, line("boilerplate"), hint="escape special characters such as ( [ ? with \\",
            ) from None
    return Config(
        root=root,
        title=string("title", "Source digest"),
        description=string("description", ""),
        base_url=string("base_url", "").rstrip("/"),
        language=string("language", "en"),
        content_dir=(root / string("content", "content")).resolve(),
        output_dir=(root / string("output", "site")).resolve(),
        templates_dir=(root / string("templates", "templates")).resolve(),
        topics=_topics(data.get("topics"), path, line("topics")),
        boilerplate=tuple(boilerplate),
        max_bytes=max_bytes,
        aliases=_aliases(data.get("aliases"), path, line("aliases")),
        feeds=_feeds(data.get("feeds"), path, line("feeds")),
        findings=findings,
    )


def _aliases(raw: Any, path: Path, line: int) -> tuple[tuple[str, str], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        raise DigestError("`aliases` must map spellings to names", path, line,
                          hint="e.g. aliases: {DPRK: North Korea, Kiev: Kyiv}")
    return tuple(sorted(raw.items()))


def _feeds(raw: Any, path: Path, line: int) -> tuple[str, ...]:
    if raw is None:
        return ()
    hint = "e.g. feeds: [https://example.org/rss.xml]"
    if not isinstance(raw, list) or not all(isinstance(url, str) for url in raw):
        raise DigestError("`feeds` must be a list of addresses", path, line, hint=hint)
    for url in raw:
        if not re.match(r"https?://[^/\s]+", url):
            raise DigestError(f"feed {url!r} is not an http or https address", path, line,
                              hint=hint)
    return tuple(raw)


def _topics(raw: Any, path: Path, line: int) -> tuple[Topic, ...]:
    if raw is None:
        return ()
    hint = "write topics as a list of `- name: ...` with an optional `match: [phrase, ...]`"
    if not isinstance(raw, list):
        raise DigestError("`topics` must be a list", path, line, hint=hint)
    topics: list[Topic] = []
    seen: dict[str, str] = {}
    for item in raw:
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise DigestError(f"topic {item!r} has no `name`", path, line, hint=hint)
        match = item.get("match") or []
        if not isinstance(match, list) or not all(isinstance(m, str) and m.strip() for m in match):
            raise DigestError(
                f"topic {item['name']!r}: `match` must be a list of phrases", path, line, hint=hint
            )
        name = item["name"].strip()
        slug = name_slug(name)
        # Names that only slug alike ("C", "C++") get pages of their own (digest.ids);
        # names differing only in case or spacing are one topic, listed twice.
        if same_name(name) in seen:
            raise DigestError(
                f"topics {seen[same_name(name)]!r} and {name!r} are one topic (case and "
                "spacing do not tell topics apart)", path, line, hint="remove one of them",
            )
        seen[same_name(name)] = name
        description = item.get("description")
        topics.append(Topic(
            name=name, slug=slug, match=tuple(m.strip() for m in match),
            description=str(description) if description else None,
        ))
    return tuple(topics)
