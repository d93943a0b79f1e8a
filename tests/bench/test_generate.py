"""The bench's corpus generator: deterministic, valid for digest, realistic enough to measure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import generate, vocab
from digest.cli import main
from digest.config import load_config
from digest.content import load_entries

N = 20


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    assert generate.main(["--n", str(N), "--seed", "7", "--out", str(out), "--raw"]) == 0
    return out


def test_same_seed_gives_byte_identical_files(corpus: Path, tmp_path: Path) -> None:
    generate.write_corpus(tmp_path / "again", N, 7, raw=True)
    generate.write_corpus(tmp_path / "other", N, 8, raw=True)
    assert _files(tmp_path / "again") == _files(corpus)
    assert _files(tmp_path / "other") != _files(corpus)


def test_raw_does_not_change_the_entries(corpus: Path, tmp_path: Path) -> None:
    generate.write_corpus(tmp_path / "plain", N, 7)
    assert _files(tmp_path / "plain" / "content") == _files(corpus / "content")
    assert not (tmp_path / "plain" / "raw").exists()


def test_entries_load_without_errors_and_use_the_whole_schema(corpus: Path) -> None:
    loaded = load_entries(corpus / "content")
    assert not loaded.errors and not loaded.findings
    assert len(loaded.entries) == N
    for entry in loaded.entries:
        assert entry.title and entry.source and entry.author and entry.url
        assert entry.language == "en"
        assert entry.date is not None and entry.date.moment is not None  # a time, not a day
        assert entry.path.parent.name == f"{entry.date.day.month:02d}"
    assert any(e.summary for e in loaded.entries)
    assert any(e.topics for e in loaded.entries)


def test_articles_have_news_length_and_attributed_quotes() -> None:
    articles = generate.generate(N, 7)
    for article in articles:
        assert 500 <= article.words <= 950, article.words
        assert 6 <= len(article.paragraphs) <= 12
        body = "\n".join(article.paragraphs)
        quotes = re.findall(r"“[^”]+,” [^.]+ (?:said|told [a-z ]+|added)\.|said: \"[^\"]+\"",
                            body)
        assert len(quotes) >= 3, body
        assert "Lorem" not in body and "{" not in body


def test_statements_recur_across_outlets_in_varied_wording() -> None:
    articles = generate.generate(200, 1)
    quoted = [q for a in articles for p in a.paragraphs for q in re.findall(r"“([^”]+),”", p)]
    assert len(quoted) != len(set(quoted))  # the same statement, quoted by several outlets
    # ... and reworded: a synonym of the statement stands where another outlet had the word.
    stems = {re.sub(r"\b(?:" + "|".join(vocab.SYNONYMS) + r")\b", "_", q) for q in quoted}
    assert len(stems) < len(set(quoted))


def test_the_corpus_has_breadth() -> None:
    articles = generate.generate(400, 1)
    assert len({a.outlet for a in articles}) >= 20
    assert len({t for a in articles for t in a.topics}) >= 30
    assert (max(a.moment for a in articles) - min(a.moment for a in articles)).days > 600
    assert len(generate.make_cast(generate.random.Random(1))) == 300


def test_config_has_topic_rules_that_match(corpus: Path) -> None:
    config = load_config(corpus)
    assert len(config.topics) >= 30 and not config.findings
    assert all(topic.match for topic in config.topics)


def test_digest_builds_the_corpus(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    assert main(["build"]) == 0
    assert (corpus / "site" / "index.html").is_file()
    assert len(list((corpus / "site" / "entries").glob("*.html"))) == N
    assert len(list((corpus / "site" / "topics").glob("*.html"))) > 5


def test_raw_articles_ingest_with_their_dates(corpus: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    assert main(["ingest", "raw", "--content", "ingested"]) == 0
    ingested = load_entries(corpus / "ingested")
    assert len(ingested.entries) == N and not ingested.errors
    titles = {a.title: a for a in generate.generate(N, 7)}
    for entry in ingested.entries:
        article = titles[entry.title]
        assert entry.date is not None and entry.date.moment == article.moment
        assert "Telegram" not in entry.body  # the boilerplate lines are gone
