"""Quote vectors in the build (the multilingual extra): a translation links, and each
entry's vectors are computed once, then read from the store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from digest.build import BuildOptions, build
from digest.config import load_config
from digest.engine import Engine, Store
from digest.engine.state import code_version, state_file
from digest.engine.vectors import EMBED, EntryVectors, quote_vectors
from digest.link import semantic

ROOT = Path(__file__).resolve().parents[2]

needs_the_extra = pytest.mark.skipif(not semantic.available(),
                                     reason="the multilingual extra is not installed")


def _project(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "digest.yaml", tmp_path / "digest.yaml")
    content = tmp_path / "content"
    content.mkdir()
    for slug, outlet, said in (
        ("de", "Tagesschau", "Zu oft hat er mein Vertrauen gebrochen."),
        ("en", "Wire", "Too often, he has broken my trust."),
        ("other", "Daily", "We need a government that is able to act."),
    ):
        (content / f"{slug}.md").write_text(
            f"---\ntitle: Coalition {slug}\ndate: 2024-11-06\nsource: {outlet}\n---\n\n"
            f'"{said}" Olaf Scholz said.\n')
    return tmp_path


def _build(root: Path) -> Engine:
    config = load_config(root)
    store = Store(state_file(root))
    engine = Engine(store, salt=code_version())
    try:
        build(config, BuildOptions(config.content_dir, root / "site"), engine)
    finally:
        store.close()
    return engine


@needs_the_extra
def test_a_translation_links_and_vectors_are_kept_between_builds(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert _build(root).runs[EMBED.name] == 3  # one per entry with quotes
    quotes = json.loads((root / "site" / "data" / "quotes.json").read_text())["quotes"]
    cluster = {q["entry"]: q["cluster"] for q in quotes}
    assert cluster["de"] == cluster["en"] != cluster["other"]
    (root / "content" / "other.md").write_text(
        (root / "content" / "other.md").read_text().replace("able to act", "able to govern"))
    assert _build(root).runs[EMBED.name] == 1  # only the edited entry is encoded again


def test_without_the_extra_the_build_links_on_words(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic, "available", lambda: False)
    root = _project(tmp_path)
    assert _build(root).runs[EMBED.name] == 0
    quotes = json.loads((root / "site" / "data" / "quotes.json").read_text())["quotes"]
    assert len({q["cluster"] for q in quotes}) == 3  # no words shared, so no link


@needs_the_extra
def test_without_quotes_nothing_is_encoded() -> None:
    engine = Engine(salt="test")
    vectors = quote_vectors(engine, [])
    assert vectors is not None and not vectors.by_text
    assert engine.runs[EMBED.name] == 0
    assert EMBED.codec is not None
    stored = EntryVectors((b"\x00\x3c" * 4,))
    assert EMBED.codec.decode(json.loads(json.dumps(EMBED.codec.encode(stored)))) == stored
