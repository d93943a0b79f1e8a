from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from digest.content import entry_files, file_stats, load_entries, parse_entry
from digest.errors import DigestError

P = Path("content/2024/10/x.md")


def entry(front: str, body: str = "Body.") -> str:
    return f"---\n{front}\n---\n\n{body}\n"


def test_known_keys_are_typed_and_unknown_keys_kept() -> None:
    e = parse_entry(P, entry(
        "title: T\ndate: 2024-10-31T11:40:00+02:00\nsource: Babel\ntopics: [NATO, Kursk]\n"
        "draft: false\nurl: https://example.com/a\nmood: grim"))
    assert e.title == "T" and e.source == "Babel" and e.topics == ("NATO", "Kursk")
    assert e.date is not None and e.date.day == date(2024, 10, 31)
    assert e.date.moment == datetime(2024, 10, 31, 11, 40, tzinfo=timezone(timedelta(hours=2)))
    assert e.extra == {"mood": "grim"}
    assert e.slug == "x"


def test_quoted_iso_string_date_is_accepted() -> None:
    e = parse_entry(P, entry('title: T\ndate: "2024-10-30"'))
    assert e.date is not None and e.date.day == date(2024, 10, 30) and e.date.moment is None


@pytest.mark.parametrize("bad", ["date: 30/10/2024", "date: yesterday", "date: 2024-02-31"])
def test_bad_date_names_its_line(bad: str) -> None:
    with pytest.raises(DigestError) as err:
        parse_entry(P, entry(f"title: T\nsource: S\n{bad}"))
    assert err.value.line == 4
    assert "date" in str(err.value).lower() and "x.md:4:" in str(err.value)


def test_missing_title_is_an_error() -> None:
    with pytest.raises(DigestError, match="title"):
        parse_entry(P, entry("source: S"))


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x"])
def test_unsafe_urls_refused(url: str) -> None:
    with pytest.raises(DigestError, match="url"):
        parse_entry(P, entry(f"title: T\nurl: '{url}'"))


def test_bad_slug_refused() -> None:
    with pytest.raises(DigestError, match="slug"):
        parse_entry(P, entry("title: T\nslug: ../../etc/passwd"))


def test_draft_must_be_boolean() -> None:
    with pytest.raises(DigestError, match="draft"):
        parse_entry(P, entry("title: T\ndraft: maybe"))


def test_load_collects_all_errors_and_duplicate_slugs(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "same.md").write_text(entry("title: A"))
    (tmp_path / "b.md").write_text(entry("title: B\nslug: same"))
    (tmp_path / "broken.md").write_text("---\ntitle: [\n---\n")
    (tmp_path / "latin1.md").write_bytes(entry("title: Caf\xe9").encode("latin-1"))
    (tmp_path / ".hidden.md").write_text("junk")
    result = load_entries(tmp_path)
    messages = [str(e) for e in result.errors]
    assert len(result.errors) == 3, messages
    assert any("already used" in m for m in messages)
    assert any("broken.md:" in m for m in messages)
    assert any("latin1.md:" in m and "UTF-8" in m for m in messages)


def test_binary_file_is_skipped_with_a_finding(tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text(entry("title: A"))
    (tmp_path / "img.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    result = load_entries(tmp_path)
    assert [e.title for e in result.entries] == ["A"]
    assert not result.errors and "binary" in str(result.findings[0])


def test_utf16_and_crlf_are_read(tmp_path: Path) -> None:
    (tmp_path / "u.md").write_bytes(entry("title: Київ").replace("\n", "\r\n").encode("utf-16"))
    result = load_entries(tmp_path)
    assert [e.title for e in result.entries] == ["Київ"]
    assert "\r" not in result.entries[0].body


def test_entry_files_in_path_order_without_hidden_ones(tmp_path: Path) -> None:
    # Path order (part by part), not string order: "a/" sorts before "a-b/" although
    # "/" sorts after "-"; the cache and the pages depend on one stable order.
    for name in ("a-b/x.md", "a/b.md", "a/_draft/c.md", ".git/d.md", "z.md", "a/.e.md",
                 "a/notes.txt", "folder.md/f.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    expected = [tmp_path / "a" / "b.md", tmp_path / "a-b" / "x.md",
                tmp_path / "folder.md" / "f.md", tmp_path / "z.md"]
    assert entry_files(tmp_path) == expected
    assert list(file_stats(tmp_path)) == [str(p) for p in expected]
