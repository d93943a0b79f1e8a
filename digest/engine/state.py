"""Is the last build still current? Answered before the pipeline is imported: a `digest
build` that finds nothing changed costs Python's start-up, one record read from the store,
a stat of every entry file and a read of the templates, not the import of markdown-it,
Jinja2 and the rest."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digest import __version__
from digest.config import PEOPLE_FILE, Config
from digest.content import file_stats
from digest.engine.engine import Engine
from digest.errors import Finding
from digest.render.output import MARKER, check_output_dir
from digest.theme_dir import theme_dir
from digest.timings import Clock, StageTime

# A file changed this close to a build's start (or after it) may change again within the
# same tick of the file system's clock, keeping its modification time and size: its stat
# is not trusted, and it is read again (git calls this the racy case). Linux's coarse
# clock ticks every few milliseconds, NTFS's and APFS's finer; FAT's 2 s are not covered.
RACY_NS = 100_000_000
STATE_FILE = "state.sqlite"


@dataclass(frozen=True)
class BuildOptions:
    content_dir: Path
    output_dir: Path
    drafts: bool = False


@dataclass(frozen=True)
class BuildResult:
    entries: int
    pages: int
    rendered: int  # pages rendered this time; the others were carried over unchanged
    files: int
    changed: bool  # the site differs from the one the output folder held
    findings: tuple[Finding, ...]
    seconds: float
    proposed_people: str | None = None  # people.yaml with new speakers/roles, for review
    timings: tuple[StageTime, ...] = ()  # each stage's time, in order (`--timings`)

    def summary(self) -> str:
        fresh = "" if self.rendered == self.pages else f", {self.rendered} re-rendered"
        return (f"built {self.entries} entries into {self.pages} pages{fresh} "
                f"({self.files} files), {len(self.findings)} warnings, {self.seconds:.2f}s")


def state_file(root: Path) -> Path:
    """The engine's store: one per project, in `.cache/` (safe to delete)."""
    return root / ".cache" / STATE_FILE


def code_version() -> str:
    """digest's version and the text of its modules and word lists: a change to the code,
    released or not, is never mistaken for the code that made the stored results."""
    digest = hashlib.sha1(__version__.encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(p for p in package.rglob("*") if p.is_file()
                       and "__pycache__" not in p.parts):
        digest.update(f"{path.relative_to(package)}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def folder_digest(folders: Iterable[Path]) -> str:
    """Every file's path and bytes under `folders`: the templates and static assets."""
    digest = hashlib.sha1()
    for folder in folders:
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                digest.update(f"{path.relative_to(folder)}\0".encode())
                digest.update(path.read_bytes())
        digest.update(b"\1")
    return digest.hexdigest()


def durable_key(config: Config, drafts: bool, code: str) -> str:
    """What changes rarely and reaches nearly every result: the code, the config, the
    templates, people.yaml, the drafts flag."""
    people = config.root / PEOPLE_FILE
    digest = hashlib.sha1(f"{code}|{drafts}|".encode())
    digest.update(people.read_bytes() if people.is_file() else b"")
    digest.update(repr(sorted((k, repr(v)) for k, v in vars(config).items()
                              if k != "findings")).encode())
    digest.update(folder_digest((theme_dir(), config.templates_dir)).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class LastBuild:
    """What the store and the output folder say about the last build into a folder."""

    inputs: str  # digest of this build's inputs, for the record the build leaves
    started_ns: int
    site_on_disk: str  # the fingerprint in the output folder's marker ("" for none)
    known_site: bool  # the output folder holds exactly the store's last site
    current: BuildResult | None  # the last build's result, when nothing changed since
    check: StageTime  # what finding this out took


def last_build(config: Config, options: BuildOptions, engine: Engine,
               code: str) -> LastBuild:
    clock = Clock()
    started = time.perf_counter()
    started_ns = time.time_ns()
    stats = clock("check", "files", len, lambda: _inputs(config, options))
    inputs = hashlib.sha1(repr((durable_key(config, options.drafts, code),
                                sorted(stats.items()))).encode()).hexdigest()
    record: Mapping[str, Any] | None = engine.record(record_name(options))
    on_disk = _site_id(options.output_dir)
    known_site = record is not None and bool(record["site_id"]) and on_disk == record["site_id"]
    current = None
    if (record is not None and known_site and record["inputs"] == inputs
            and all(mtime < record["started_ns"] - RACY_NS for mtime, _ in stats.values())):
        entries, pages, files, findings = record["summary"]
        current = BuildResult(
            entries=entries, pages=pages, rendered=0, files=files, changed=False,
            findings=(*config.findings, *(Finding(*row) for row in findings)),
            seconds=time.perf_counter() - started, timings=tuple(clock.stages),
        )
    return LastBuild(inputs, started_ns, on_disk, known_site, current, clock.stages[0])


def _inputs(config: Config, options: BuildOptions) -> dict[str, tuple[int, int]]:
    check_output_dir(options.output_dir,
                     (config.root, options.content_dir, config.templates_dir))
    return file_stats(options.content_dir)


def record_name(options: BuildOptions) -> str:
    return f"build {options.output_dir.resolve()}"


def build_record(last: LastBuild, site_id: str, result: BuildResult,
                 own_findings: Iterable[Finding]) -> dict[str, Any]:
    return {"inputs": last.inputs, "started_ns": last.started_ns, "site_id": site_id,
            "summary": [result.entries, result.pages, result.files,
                        [[f.message, str(f.path) if f.path else None, f.line, f.hint, f.level]
                         for f in own_findings]]}


def _site_id(out: Path) -> str:
    """The fingerprint of the site the output folder holds ("" for none we know)."""
    try:
        return (out / MARKER).read_text().split()[-1]
    except (OSError, IndexError):
        return ""
