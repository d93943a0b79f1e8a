"""`digest check`: validate content and config without building."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from digest.config import PEOPLE_FILE, Config
from digest.content import load_entries
from digest.errors import DigestError, Finding
from digest.extract.markdown import entry_link_target
from digest.model import Entry
from digest.people import People
from digest.slugs import same_name


def check(config: Config, content_dir: Path) -> tuple[Finding, ...]:
    """Every problem found, errors and warnings, each with its file and line."""
    loaded = load_entries(content_dir, config.max_bytes)
    findings = [Finding(e.message, e.path, e.line, e.hint, level="error") for e in loaded.errors]
    findings.extend(config.findings)
    findings.extend(loaded.findings)
    try:
        People.from_file(config.root / PEOPLE_FILE)
    except DigestError as e:  # an alias of two people, a bad role date, broken YAML
        findings.append(Finding(e.message, e.path, e.line, e.hint, level="error"))
    findings.extend(content_findings(config, loaded.entries))
    return tuple(findings)


def content_findings(
    config: Config, entries: Sequence[Entry], each_review: bool = True
) -> list[Finding]:
    """Warnings about entries that parse. `build` reports these too, but counts the
    entries still marked for review in one line instead of one line each."""
    known = {same_name(topic.name) for topic in config.topics}
    slugs = {entry.slug for entry in entries}
    # Every entry's path resolved only when one links to another by file: a resolve is
    # a few system calls, and the preview checks every entry on every build.
    by_file: dict[Path, Entry] = {}

    def entry_at(path: Path) -> Entry | None:
        if not by_file:
            by_file.update((entry.path.resolve(), entry) for entry in entries)
        return by_file.get(path.resolve())

    findings: list[Finding] = []
    for entry in entries:
        findings.extend(_entry_findings(entry, known, each_review))
        findings.extend(_link_findings(entry, slugs, entry_at))
    pending = sum(1 for entry in entries if entry.review)
    if pending and not each_review:
        findings.append(Finding(
            f"{pending} {'entry needs' if pending == 1 else 'entries need'} review",
            hint="`digest check` lists them; fill in the fields under `review:`"))
    return findings


_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")


def _link_findings(entry: Entry, slugs: set[str],
                   entry_at: Callable[[Path], Entry | None]) -> list[Finding]:
    """Links from one entry to another, by file (`other.md`) or by page (`other.html`),
    must reach an entry; a dead link in a published digest is a reader's dead end."""
    findings: list[Finding] = []
    if "](" not in entry.body:  # most entries link nowhere: one scan, not one per line
        return findings
    for number, line in enumerate(entry.body.split("\n"), start=entry.body_line):
        for match in _LINK.finditer(line):
            href = match.group(1)
            path = href.partition("#")[0]
            problem = None
            if entry_link_target(href) is not None:
                target = entry_at(entry.path.parent / path)
                if target is None:
                    problem = f"link to `{href}`: no such entry file"
                elif target.slug != Path(path).stem:
                    problem = (f"link to `{href}`: that entry's slug is `{target.slug}`, "
                               f"so link to `{target.slug}.html`")
            elif (path.endswith(".html") and "/" not in path and "://" not in href
                  and path[: -len(".html")] not in slugs):
                problem = f"link to `{href}`: no entry has the slug `{path[: -len('.html')]}`"
            if problem:
                findings.append(Finding(problem, entry.path, number,
                                        hint="link to another entry's .md file or slug.html"))
    return findings


def _entry_findings(entry: Entry, known_topics: set[str], each_review: bool) -> list[Finding]:
    findings: list[Finding] = []

    def line(key: str) -> int:
        return entry.key_lines.get(key, 1)

    if known_topics:
        for topic in entry.topics:
            if same_name(topic) not in known_topics:
                findings.append(Finding(
                    f"topic `{topic}` is not defined in digest.yaml", entry.path,
                    line("topics"),
                    hint="add it under `topics:` in digest.yaml, or check its spelling",
                ))
    if entry.review and each_review:
        findings.append(Finding(
            f"needs review: {', '.join(entry.review)}", entry.path,
            line("review"),
            hint="fill these in, then remove them from `review:`",
        ))
    return findings
