"""`digest check`: validate content and config without building."""

from __future__ import annotations

from pathlib import Path

from digest import frontmatter
from digest.config import Config
from digest.content import load_entries
from digest.errors import Finding
from digest.model import Entry
from digest.slugs import name_slug


def check(config: Config, content_dir: Path) -> tuple[Finding, ...]:
    """Every problem found, errors and warnings, each with its file and line."""
    loaded = load_entries(content_dir, config.max_bytes)
    findings = [Finding(e.message, e.path, e.line, e.hint, level="error") for e in loaded.errors]
    findings.extend(config.findings)
    findings.extend(loaded.findings)
    known = {topic.slug for topic in config.topics}
    for entry in loaded.entries:
        findings.extend(_entry_findings(entry, known))
    return tuple(findings)


def _entry_findings(entry: Entry, known_topics: set[str]) -> list[Finding]:
    findings: list[Finding] = []
    text = entry.path.read_text("utf-8", errors="replace")
    if known_topics:
        for topic in entry.topics:
            if name_slug(topic) not in known_topics:
                findings.append(Finding(
                    f"topic `{topic}` is not defined in digest.yaml", entry.path,
                    frontmatter.key_line(text, "topics", 1),
                    hint="add it under `topics:` in digest.yaml, or check its spelling",
                ))
    if entry.review:
        findings.append(Finding(
            f"needs review: {', '.join(entry.review)}", entry.path,
            frontmatter.key_line(text, "review", 1),
            hint="fill these in, then remove them from `review:`",
        ))
    return findings
