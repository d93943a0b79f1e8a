"""Load content entries (front-matter + Markdown) from the content folder."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from digest import frontmatter
from digest.errors import DigestError, Finding
from digest.model import Entry, EntryDate
from digest.slugs import ENTRY_SLUG_MAX, bounded
from digest.textio import DEFAULT_MAX_BYTES, SkippedFile, read_text

KNOWN_KEYS = frozenset({
    "title", "date", "source", "url", "author", "language", "topics", "summary", "draft",
    "slug", "origin", "review", "origin_hash", "entry_hash",
})
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_SAFE_URL = re.compile(r"^(https?://|/|\./|\.\./|[^:/?#]+(?:[/?#]|$))", re.IGNORECASE)


@dataclass(frozen=True)
class LoadResult:
    entries: tuple[Entry, ...]
    errors: tuple[DigestError, ...]
    findings: tuple[Finding, ...]
    stats: Mapping[Path, tuple[int, int]] = field(default_factory=dict)  # mtime_ns, size


# Given a file and its (mtime_ns, size), its Entry: read and parsed, or known already.
Read = Callable[[Path, tuple[int, int]], Entry]


def entry_files(content_dir: Path) -> list[Path]:
    """Entry files in a stable order, leaving out hidden files and folders (`.`, `_`)."""
    return [Path(name) for name in _entry_names(content_dir)]


def file_stats(content_dir: Path) -> dict[str, tuple[int, int]]:
    """(mtime_ns, size) of every entry file: what tells an unchanged content folder."""
    stats = {}
    for name in _entry_names(content_dir):
        try:
            info = os.stat(name)
        except OSError:
            continue
        stats[name] = (info.st_mtime_ns, info.st_size)
    return stats


def _entry_names(content_dir: Path) -> list[str]:
    """The entry files as strings (each what str() of its Path gives), in Path order.

    Walked with os.walk, whose directory entries tell files from folders without a stat
    each, and kept as strings: the preview lists the folder on every build, and at 10,000
    entries a Path object and a stat per file cost a tenth of a second."""
    found: list[str] = []
    for folder, folders, files in os.walk(str(content_dir)):
        folders[:] = [name for name in folders if not name.startswith((".", "_"))]
        found.extend(os.path.join(folder, name) for name in files
                     if name.endswith(".md") and not name.startswith((".", "_")))
    found.sort(key=lambda name: name.split(os.sep))  # part by part, as Paths compare
    return found


def load_entries(
    content_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES, read: Read | None = None
) -> LoadResult:
    """Read every entry; collect all errors rather than stopping at the first.

    `read` gives a file's entry; the build's remembers entries by file and stat, so a
    file whose modification time and size are unchanged is not read again.
    """
    if not content_dir.is_dir():
        raise DigestError("content folder not found", content_dir,
                          hint="run `digest ingest` first, or pass --content DIR")
    entries: list[Entry] = []
    errors: list[DigestError] = []
    findings: list[Finding] = []
    stats: dict[Path, tuple[int, int]] = {}
    for path in entry_files(content_dir):
        try:
            info = path.stat()
            stats[path] = (info.st_mtime_ns, info.st_size)
            entries.append(read(path, stats[path]) if read
                           else parse_entry(path, read_text(path, max_bytes)))
        except SkippedFile as exc:
            findings.append(Finding(exc.message, exc.path, exc.line, exc.hint))
        except DigestError as exc:
            errors.append(exc)
        except OSError as exc:  # deleted between listing and reading
            errors.append(DigestError(f"cannot read file: {exc.strerror}", path))
    errors.extend(_duplicate_slugs(entries))
    return LoadResult(tuple(entries), tuple(errors), tuple(findings), stats)


def _duplicate_slugs(entries: list[Entry]) -> Iterator[DigestError]:
    first: dict[str, Entry] = {}
    for entry in entries:
        if entry.slug in first:
            yield DigestError(
                f"slug `{entry.slug}` is already used by {first[entry.slug].path}", entry.path, 1,
                hint="give one of them another `slug:` in its front-matter",
            )
        else:
            first[entry.slug] = entry


def parse_entry(path: Path, text: str) -> Entry:
    """Turn one entry file's text into an Entry, validating every known key."""
    doc = frontmatter.split(text, path)
    meta = doc.meta
    block = text.split("\n", doc.body_line)[: doc.body_line]
    block_text = "\n".join(block)

    def line(key: str) -> int:
        return frontmatter.key_line(block_text, key, 1)

    def text_field(key: str) -> str | None:
        value = meta.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise DigestError(f"`{key}` must be text, not {type(value).__name__}", path, line(key),
                              hint=f"write `{key}: some text`, quoted if it contains ': '")
        return str(value).strip() or None

    slug = text_field("slug") or path.stem
    if not SLUG_RE.match(slug):
        raise DigestError(f"slug `{slug}` is not usable in a URL", path, line("slug"),
                          hint="use lower-case letters, digits and hyphens")
    # The entry's page is `<slug>.html`: a long name is cut (with a hash, to stay unique)
    # rather than make a file name the file system refuses.
    slug = bounded(slug, ENTRY_SLUG_MAX)
    title = text_field("title")
    if title is None:
        raise DigestError("entry has no `title`", path, 1,
                          hint="add `title: ...` to the front-matter")
    url = text_field("url")
    if url is not None and not _SAFE_URL.match(url):
        raise DigestError(f"`url` {url!r} is not an http(s) or relative link", path, line("url"),
                          hint="only http://, https:// and relative links are published")
    draft = meta.get("draft", False)
    if not isinstance(draft, bool):
        raise DigestError("`draft` must be true or false", path, line("draft"))
    return Entry(
        path=path,
        slug=slug,
        title=title,
        body=doc.body,
        body_line=doc.body_line,
        date=parse_date_value(meta.get("date"), path, line("date")),
        source=text_field("source"),
        url=url,
        author=text_field("author"),
        language=text_field("language"),
        topics=_string_list(meta, "topics", path, line("topics")),
        summary=text_field("summary"),
        draft=draft,
        origin=text_field("origin"),
        review=_string_list(meta, "review", path, line("review")),
        extra={key: value for key, value in meta.items() if key not in KNOWN_KEYS},
        checksum=hashlib.sha1(text.encode("utf-8")).hexdigest(),
        key_lines={key: line(key) for key in meta},
    )


def _string_list(meta: dict[str, Any], key: str, path: Path, line: int) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise DigestError(f"`{key}` must be a list of text", path, line,
                          hint=f"write `{key}: [first, second]`")
    return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))


def parse_date_value(value: Any, path: Path, line: int) -> EntryDate | None:
    """Front-matter dates: YAML timestamps or ISO 8601 strings, nothing guessed."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return EntryDate(value.date(), value)
    if isinstance(value, date):
        return EntryDate(value)
    if isinstance(value, str):
        try:
            if len(value.strip()) == 10:
                return EntryDate(date.fromisoformat(value.strip()))
            moment = datetime.fromisoformat(value.strip())
            return EntryDate(moment.date(), moment)
        except ValueError:
            pass
    raise DigestError(
        f"date {value!r} is not an ISO 8601 date", path, line,
        hint="write it as 2024-10-31 or 2024-10-31T11:40:00+02:00, or leave it empty",
    )
