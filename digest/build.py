"""The build, top to bottom: entries -> extracted -> grouped -> pages -> site/."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from digest.config import Config
from digest.content import load_entries
from digest.errors import DigestError, Finding
from digest.extract import extract_entries
from digest.extract.topics import TopicMatcher
from digest.group import group_entries
from digest.render.env import new_environment, theme_dir
from digest.render.output import check_output_dir, write_site
from digest.render.plan import plan_pages
from digest.render.site import entries_json, render_pages, site_context, sitemap, static_files


@dataclass(frozen=True)
class BuildOptions:
    content_dir: Path
    output_dir: Path
    drafts: bool = False


@dataclass(frozen=True)
class BuildResult:
    entries: int
    pages: int
    files: int
    findings: tuple[Finding, ...]
    seconds: float

    def summary(self) -> str:
        return (f"built {self.entries} entries into {self.pages} pages "
                f"({self.files} files), {len(self.findings)} warnings, {self.seconds:.2f}s")


class BuildFailed(Exception):
    """The content has errors; nothing was written."""

    def __init__(self, errors: tuple[DigestError, ...]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def build(config: Config, options: BuildOptions) -> BuildResult:
    started = time.perf_counter()
    check_output_dir(options.output_dir, (config.root, options.content_dir, config.templates_dir))

    loaded = load_entries(options.content_dir, config.max_bytes)
    if loaded.errors:
        raise BuildFailed(loaded.errors)
    entries = [e for e in loaded.entries if options.drafts or not e.draft]

    extracted = extract_entries(entries, TopicMatcher(config.topics))
    grouped = group_entries(extracted, config.topics)
    pages = plan_pages(grouped)

    env = new_environment(config.templates_dir)
    files = render_pages(pages, env, site_context(config, options.drafts))
    files["sitemap.xml"] = sitemap(pages, config.base_url)
    files["data/entries.json"] = entries_json(grouped.entries, config.root)
    files.update(static_files((theme_dir() / "static", config.templates_dir / "static")))
    write_site(files, options.output_dir)

    findings = (*config.findings, *loaded.findings)
    return BuildResult(
        entries=len(grouped.entries), pages=len(pages), files=len(files),
        findings=findings, seconds=time.perf_counter() - started,
    )

