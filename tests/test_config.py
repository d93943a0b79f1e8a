from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import DigestError


def test_missing_config_gives_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.content_dir == tmp_path.resolve() / "content"
    assert config.output_dir == tmp_path.resolve() / "site"
    assert config.topics == ()


def test_topics_paths_and_unknown_keys(tmp_path: Path) -> None:
    (tmp_path / "digest.yaml").write_text(
        "title: Demo\nbase_url: https://example.org/d/\noutput: public\ncolour: red\n"
        "topics:\n  - name: North Korean troops\n    match: [DPRK, Pyongyang]\n  - Kursk\n"
    )
    config = load_config(tmp_path)
    assert config.title == "Demo" and config.base_url == "https://example.org/d"
    assert config.output_dir == tmp_path.resolve() / "public"
    assert [(t.name, t.slug, t.match) for t in config.topics] == [
        ("North Korean troops", "north-korean-troops", ("DPRK", "Pyongyang")),
        ("Kursk", "kursk", ()),
    ]
    assert [f.line for f in config.findings] == [4]
    assert "colour" in str(config.findings[0])


@pytest.mark.parametrize("text, message", [
    ("topics: NATO\n", "must be a list"),
    ("topics:\n  - match: [x]\n", "no `name`"),
    ("topics:\n  - name: A b\n  - name: a  B\n", "are one topic"),
    ("max_bytes: -1\n", "positive"),
    ("boilerplate: 3\n", "list of patterns"),
    ("boilerplate: ['(unclosed']\n", "not a valid regular expression"),
    ("title: [\n", "front-matter"),
    ("feeds: https://example.org/rss\n", "list of addresses"),
    ("title: T\nfeeds:\n  - file:///etc/passwd\n", r"feed 'file:///etc/passwd' is not an http"),
])
def test_bad_config_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "digest.yaml").write_text(text)
    with pytest.raises(DigestError, match=message) as err:
        load_config(tmp_path)
    assert "digest.yaml" in str(err.value)


def test_topics_that_only_slug_alike_are_two_topics(tmp_path: Path) -> None:
    (tmp_path / "digest.yaml").write_text("topics:\n  - C\n  - C++\n")
    assert [t.name for t in load_config(tmp_path).topics] == ["C", "C++"]


def test_feeds_are_read_in_order(tmp_path: Path) -> None:
    (tmp_path / "digest.yaml").write_text(
        "feeds:\n  - https://example.org/rss.xml\n  - http://127.0.0.1:8/atom\n")
    assert load_config(tmp_path).feeds == ("https://example.org/rss.xml",
                                          "http://127.0.0.1:8/atom")
    (tmp_path / "digest.yaml").write_text("feeds:\n")
    assert load_config(tmp_path).feeds == ()


def test_a_bad_feed_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "digest.yaml").write_text("title: T\nfeeds: [example.org/rss]\n")
    with pytest.raises(DigestError) as err:
        load_config(tmp_path)
    assert ":2: error: feed 'example.org/rss' is not an http or https address" in str(err.value)
