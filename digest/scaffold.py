"""`digest new DIR`: a fresh digest of one's own, ready for `digest ingest` and `build`.

The files written are a user's from then on: nothing here ever overwrites one. When any
of them is already there, nothing at all is written (a half-made digest beside an old
one would be worse than none).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from digest.config import CONFIG_NAME, PEOPLE_FILE, PROPOSED_PEOPLE_FILE
from digest.errors import DigestError

# BCP 47 as people write it for a site: "en", "de", "pt-BR", "sr-Latn".
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

_CONFIG = """\
# This digest's settings. Paths are relative to this file; every key is optional.
title: {title}
description: {description}
{language}# the site's language (an article's own `language:` wins)
# base_url: https://example.org/digest  # set when publishing: feeds and sitemap.xml get
#                                       # absolute links
content: content                      # the entries, one Markdown file each
output: site                          # where `digest build` writes the site
templates: templates                  # a file here replaces the default theme's of that name
# max_bytes: 5000000                  # larger raw files and web pages are skipped

# Feeds that `digest ingest` (with no arguments) reads, ingesting each new article:
# feeds:
#   - https://example.org/news/rss.xml

# Topic rules: an entry is in a topic when its title or text holds one of the phrases
# (whole words, any case). Without rules, the people, places and organisations that
# several articles make salient become the topics.
topics:
#   - name: Elections
#     description: Shown on the topic page.
#     match: [election, ballot, polls]

# Other spellings of a topic or place, folded into one name:
# aliases: {{Kiev: Kyiv, DPRK: North Korea}}

# Lines to drop from raw articles, besides the built-in newsletter, donation, social and
# "Related:" patterns (regular expressions, any case):
boilerplate:
#   - "^Subscribe to our daily briefing"
"""

_PEOPLE = f"""\
# The people quoted in this digest: one canonical name each, with the other spellings
# outlets use. `digest build` writes the speakers and roles it meets that are not listed
# here to {PROPOSED_PEOPLE_FILE}; copy what is right into this file.
#
# - name: Jane Roe
#   aliases: [Roe, Jane A. Roe]
#   roles:
#     - {{role: Minister of Finance, first_seen: 2024-10-23, last_seen: 2024-10-31}}
"""

_GITIGNORE = f"""\
# Made by `digest build`: rebuilt from content/ whenever needed.
/site/
/.cache/
/{PROPOSED_PEOPLE_FILE}
"""

_README = """\
# {title}

A source digest: articles in `content/`, one Markdown file each, built by `digest` into
a static site in `site/`.

1. **Ingest** articles: `digest ingest article.txt saved-page.html folder/` for files,
   `digest ingest https://example.org/news/story` for web pages, `digest ingest --feed
   https://example.org/rss.xml` for every new article of a feed, or just `digest ingest`
   for the feeds listed in `digest.yaml`.
2. **Review** the new entries in `content/`: fill in what ingest could not find (each
   entry lists it under `review:`), fix titles, add `topics:`.
3. **Build** the site: `digest build`, then open `site/index.html`.
4. **Preview** while you edit: `digest serve` rebuilds on every change and reloads the page.

`content/` is the source of truth: edit it freely; ingest never overwrites an entry you
have edited. `site/` and `.cache/` can be deleted at any time.
"""


@dataclass(frozen=True)
class Scaffold:
    title: str
    description: str = "A source digest."
    language: str = "en"


def default_title(folder: Path) -> str:
    """"my-digest" -> "My digest": a starting title, to be edited in digest.yaml."""
    words = re.sub(r"[-_.\s]+", " ", folder.resolve().name).strip()
    return (words[:1].upper() + words[1:]) if words else "Source digest"


def new_digest(folder: Path, scaffold: Scaffold) -> list[Path]:
    """Write a fresh digest into `folder` (made if missing); the paths written, in order."""
    if not _LANGUAGE.match(scaffold.language):
        raise DigestError(f"language {scaffold.language!r} is not a language tag",
                          hint="write a code such as en, de or pt-BR")
    if folder.exists() and not folder.is_dir():
        raise DigestError("is a file, not a folder", folder,
                          hint="name a new folder, or an existing one to make a digest in")
    files = {
        folder / CONFIG_NAME: _CONFIG.format(
            title=_quoted(scaffold.title), description=_quoted(scaffold.description),
            language=f"language: {scaffold.language}".ljust(38)),
        folder / PEOPLE_FILE: _PEOPLE,
        folder / ".gitignore": _GITIGNORE,
        folder / "README.md": _README.format(title=scaffold.title.replace("\n", " ")),
    }
    content = folder / "content"
    if (folder / CONFIG_NAME).exists():
        raise DigestError(f"already a digest ({CONFIG_NAME} is there): nothing written", folder,
                          hint="edit it, or name another folder")
    taken = [p for p in files if p.exists()]
    if content.exists() and (not content.is_dir() or any(content.iterdir())):
        taken.append(content)
    if taken:
        names = ", ".join(p.name for p in taken)
        raise DigestError(f"{names} already there: nothing written", folder,
                          hint="name an empty or new folder, or move them away first")
    content.mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        with path.open("x", encoding="utf-8") as out:  # "x": never replaces a file
            out.write(text)
    return [*files, content]


def _quoted(text: str) -> str:
    """A YAML scalar for any text: JSON strings are YAML double-quoted strings."""
    return json.dumps(text, ensure_ascii=False)
