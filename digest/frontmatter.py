"""Split, parse and write YAML front-matter blocks.

Parsing uses the C safe loader when PyYAML has it (several times faster on
large digests) and the pure-Python safe loader, with aliases refused, only for
the rare block that contains anchor or alias characters: that is how a
"billion laughs" block is turned away without slowing every entry down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from digest.errors import DigestError

try:
    _FastLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # PyYAML built without libyaml
    _FastLoader = yaml.SafeLoader

_FENCE = "---"
_MAYBE_ALIAS = re.compile(r"[&*]")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                None, None, "YAML aliases are not allowed in front-matter", event.start_mark
            )
        return super().compose_node(parent, index)


@dataclass(frozen=True)
class Document:
    """A file split into its front-matter mapping and its body."""

    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line of the file where the body starts
    has_front_matter: bool


def split(text: str, path: Path | str) -> Document:
    """Split `text` into front-matter and body; a file without a block is all body."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _FENCE:
        return Document({}, text, 1, False)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (_FENCE, "..."):
            block = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return Document(parse(block, path, first_line=2), body, index + 2, True)
    raise DigestError(
        "front-matter block is not closed", path, 1,
        hint="add a line with just `---` after the last front-matter key",
    )


def parse(block: str, path: Path | str, first_line: int = 1) -> dict[str, Any]:
    """Parse a YAML mapping, turning every YAML failure into a DigestError with a line."""
    loader = _NoAliasLoader if _MAYBE_ALIAS.search(block) else _FastLoader
    try:
        data = yaml.load(block, Loader=loader)  # both loaders are safe loaders
    except yaml.MarkedYAMLError as exc:
        # Where the broken construct starts (an unclosed `[`) beats where YAML gave up.
        mark = exc.context_mark or exc.problem_mark
        line = first_line + mark.line if mark else first_line
        problem = exc.problem or "malformed YAML"
        raise DigestError(
            f"front-matter: {problem}", path, line,
            hint="check the indentation and quote values that contain ': ' or start with a symbol",
        ) from None
    except yaml.YAMLError as exc:
        raise DigestError(f"front-matter: {exc}", path, first_line) from None
    except (ValueError, OverflowError) as exc:
        # PyYAML turns an impossible date (2024-02-31) into a ValueError with no mark.
        raise DigestError(
            f"front-matter: {exc}", path, _bad_date_line(block, first_line),
            hint="dates are written YYYY-MM-DD and must exist in the calendar",
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DigestError(
            f"front-matter is a {type(data).__name__}, not a mapping of keys to values",
            path, first_line, hint="write one `key: value` per line",
        )
    for key in data:
        if not isinstance(key, str):
            raise DigestError(
                f"front-matter key {key!r} is not text", path,
                key_line(block, str(key), first_line), hint="quote the key",
            )
    return data


def _bad_date_line(block: str, first_line: int) -> int:
    for offset, line in enumerate(block.split("\n")):
        for match in _ISO_DAY.finditer(line):
            try:
                date(*map(int, match.groups()))
            except ValueError:
                return first_line + offset
    return first_line


def key_line(block: str, key: str, first_line: int) -> int:
    """The file line of a top-level key, for error messages."""
    pattern = re.compile(rf"^['\"]?{re.escape(key)}['\"]?\s*:")
    for offset, line in enumerate(block.split("\n")):
        if pattern.match(line):
            return first_line + offset
    return first_line


class _Dumper(yaml.SafeDumper):
    pass


def _represent_datetime(dumper: yaml.SafeDumper, value: datetime) -> yaml.ScalarNode:
    # ISO 8601 with a T, as Hugo and Jekyll users write it, rather than
    # PyYAML's default space separator.
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _represent_date(dumper: yaml.SafeDumper, value: date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _represent_dict(dumper: yaml.SafeDumper, value: dict[Any, Any]) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=False)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    # Short lists of words read best inline, as people write them: `topics: [a, b]`.
    flat = all(not isinstance(item, dict | list) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flat)


_YAML_BREAKS = frozenset("\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # YAML reads NEL and the Unicode line separators as line breaks: a plain
    # scalar holding one would come back as a space. Double quotes escape them.
    style = '"' if _YAML_BREAKS.intersection(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(datetime, _represent_datetime)
_Dumper.add_representer(date, _represent_date)


def dump(meta: dict[str, Any], body: str) -> str:
    """Write a document: a front-matter block, a blank line, the body, one final newline."""
    block = yaml.dump(
        meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000,
    )
    return f"{_FENCE}\n{block}{_FENCE}\n\n{body.strip()}\n"
