"""Ingest: raw articles (.txt, .md, .html) -> entry files in the content folder.

Idempotent: a second run over the same files changes no byte. Raw files are
only read. An entry a person edited is never overwritten.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from digest import frontmatter
from digest.content import parse_date_value
from digest.errors import DigestError, Finding
from digest.ingest.article import RawArticle
from digest.ingest.boilerplate import DEFAULT_BOILERPLATE
from digest.ingest.read import find_raw_files, read_raw
from digest.ingest.writer import (
    ContentIndex,
    compose,
    entry_folder,
    entry_slug,
    render_entry,
    untouched,
)
from digest.paths import origin_path
from digest.textio import DEFAULT_MAX_BYTES, SkippedFile, read_bytes, read_text, write_atomic

# What happened to one raw file.
WRITTEN, UPDATED, UNCHANGED, KEPT, CONFLICT, SKIPPED, FAILED = (
    "written", "updated", "unchanged", "kept", "conflict", "skipped", "failed",
)


@dataclass(frozen=True)
class IngestOptions:
    content_dir: Path
    root: Path  # origins inside it are recorded relative to it
    boilerplate: tuple[re.Pattern[str], ...] = DEFAULT_BOILERPLATE
    max_bytes: int = DEFAULT_MAX_BYTES
    overrides: Mapping[str, Any] | None = None  # from the command line, over everything


@dataclass(frozen=True)
class Outcome:
    origin: Path | str  # a raw file, or a web address (digest.ingest.web)
    status: str
    entry: Path | None = None
    message: str = ""
    encoding: str | None = None  # the legacy encoding the raw file was read in, if not UTF-8
    error: DigestError | None = None  # why a file was refused: its finding names file and line

    def __str__(self) -> str:
        target = f" -> {_shown(self.entry)}" if self.entry else ""
        note = f" ({self.message})" if self.message else ""
        return f"{self.status:9} {self.origin}{target}{note}"


def _shown(path: Path) -> str:
    """Paths under the working folder are shown relative to it, as the user typed them."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class IngestReport:
    outcomes: tuple[Outcome, ...]
    findings: tuple[Finding, ...]

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> bool:
        return any(o.status in (FAILED, CONFLICT) for o in self.outcomes)

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in
                 (WRITTEN, UPDATED, UNCHANGED, KEPT, CONFLICT, SKIPPED, FAILED) if self.count(s)]
        legacy = sum(1 for o in self.outcomes if o.encoding and o.status in (WRITTEN, UPDATED))
        note = (f"; {legacy} not in UTF-8, read in the encoding detected and marked for review"
                if legacy else "")
        return (f"ingested {len(self.outcomes)} files: {', '.join(parts) or 'nothing to do'}"
                f"{note}")


def ingest(paths: Sequence[Path], options: IngestOptions) -> IngestReport:
    files, passed = find_raw_files(paths)
    findings = [Finding("not an article (.txt, .md, .html): left alone", p) for p in passed]
    index = ContentIndex.scan(options.content_dir)
    outcomes = [_ingest_one(path, options, index) for path in files]
    for outcome in outcomes:
        if outcome.error is not None:
            error = outcome.error
            findings.append(Finding(error.message, error.path or outcome.origin, error.line,
                                    error.hint, level="error"))
        elif outcome.status in (FAILED, CONFLICT, SKIPPED):
            findings.append(Finding(outcome.message, outcome.origin,
                                    level="warning" if outcome.status == SKIPPED else "error"))
        elif outcome.encoding and outcome.status in (WRITTEN, UPDATED):
            findings.append(Finding(outcome.message, outcome.origin, level="warning",
                                    hint="check its accented letters and symbols, then remove "
                                         "`encoding` from the entry's `review:`"))
    return IngestReport(tuple(outcomes), tuple(findings))


def _ingest_one(path: Path, options: IngestOptions, index: ContentIndex) -> Outcome:
    origin = origin_path(str(path.resolve()), options.root.resolve()) or str(path)
    try:
        data = read_bytes(path, options.max_bytes)
        article = read_raw(path, data, options.boilerplate)
        meta = compose(article, {**_sidecar(path), **(options.overrides or {})}, origin)
        if article.encoding:
            meta = _to_review(meta, "encoding")
    except SkippedFile as exc:
        return Outcome(path, SKIPPED, message=exc.message)
    except DigestError as exc:
        return Outcome(path, FAILED, message=_refusal(exc, path), error=exc)

    existing = index.by_origin.get(origin)
    if existing is not None:
        refreshed = _refresh(path, existing, meta, article.body)
        if article.encoding and refreshed.status in (UPDATED, UNCHANGED):
            return replace(refreshed, message=_read_as(article), encoding=article.encoding)
        return refreshed
    slug = index.free_slug(entry_slug(meta.get("title"), path.stem))
    index.slugs.add(slug)
    target = entry_folder(options.content_dir, meta) / f"{slug}.md"
    index.by_origin[origin] = target
    write_atomic(target, render_entry(meta, article.body).encode("utf-8"))
    base = entry_slug(meta.get("title"), path.stem)
    notes = [f"slug `{base}` was taken, used `{slug}`" if slug != base else "", _read_as(article)]
    return Outcome(path, WRITTEN, target, "; ".join(n for n in notes if n), article.encoding)


def _refusal(exc: DigestError, path: Path) -> str:
    """Why `path` was refused, for its outcome line, which names the file already: the
    place the error names only when it is another file (the sidecar) or a line."""
    other = exc.path is not None and Path(exc.path) != path
    place = ", ".join(([str(exc.path)] if other else [])
                      + ([f"line {exc.line}"] if exc.line else []))
    hint = f" ({exc.hint})" if exc.hint else ""
    return f"{place}: {exc.message}{hint}" if place else f"{exc.message}{hint}"


def _read_as(article: RawArticle) -> str:
    """What the warning says of a raw file that was not UTF-8."""
    if article.encoding is None:
        return ""
    rivals = article.encoding_rivals
    others = (f" ({', '.join(rivals[:-1])}{' or ' if len(rivals) > 1 else ''}{rivals[-1]} "
              "would read some characters otherwise)" if rivals else "")
    return f"not UTF-8: read as {article.encoding}{others}; marked for review"


def _to_review(meta: dict[str, Any], key: str) -> dict[str, Any]:
    """`key` added to the entry's `review:`, which comes before the keys ingest manages."""
    review = [*meta.get("review", []), key]
    if "review" in meta:
        return {**meta, "review": review}
    at = list(meta).index("origin")
    items = list(meta.items())
    return dict([*items[:at], ("review", review), *items[at:]])


def _refresh(path: Path, existing: Path, meta: dict[str, Any], body: str) -> Outcome:
    current = existing.read_text("utf-8", errors="replace")
    new = render_entry(meta, body)
    if current == new:
        return Outcome(path, UNCHANGED, existing)
    if untouched(current):
        write_atomic(existing, new.encode("utf-8"))
        return Outcome(path, UPDATED, existing)
    if f"origin_hash: {meta['origin_hash']}\n" in current:
        return Outcome(path, KEPT, existing, "edited by a person; the raw file has not changed")
    return Outcome(path, CONFLICT, existing,
                   "the raw file changed but the entry was edited by a person: not overwritten; "
                   "merge by hand, or delete the entry to ingest it again")


def _sidecar(path: Path) -> dict[str, Any]:
    """`article.yaml` beside `article.txt`: metadata a person supplies for one article."""
    for suffix in (".yaml", ".yml"):
        sidecar = path.with_suffix(suffix)
        if sidecar.is_file():
            text = read_text(sidecar)
            meta = frontmatter.parse(text, sidecar)
            if "date" in meta:
                meta["date"] = parse_date_value(
                    meta["date"], sidecar, frontmatter.key_line(text, "date", 1))
            return meta
    return {}
