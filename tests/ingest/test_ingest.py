"""Ingest end to end: raw files in, entry files out, nothing lost or overwritten."""

from datetime import date
from pathlib import Path

import pytest

from digest.content import load_entries
from digest.ingest import (
    CONFLICT,
    FAILED,
    KEPT,
    SKIPPED,
    UNCHANGED,
    UPDATED,
    WRITTEN,
    IngestOptions,
    ingest,
)

EXPECTED = {  # seed -> (day or None, headline)
    "000": (date(2024, 10, 30), "Putin will not defeat Ukraine even with the help of North Korea"),
    "001": (date(2024, 10, 31), "Russia's appeal for help to the DPRK shows the problems "
                                "it faces – US Defense Secretary"),
    "002": (None, "Pentagon confirms Ukraine’s claim: North Korean troops now in Russia"),
    "003": (date(2024, 10, 23), "The Pentagon has confirmed that DPRK troops are in Russia: "
                                "this is a very serious problem"),
    "004": (date(2024, 10, 28), "NATO Secretary General Mark Rutte confirmed the participation of "
                                "the North Korean military in Russiaʼs war against Ukraine"),
}


def run(project: Path, *paths: Path, **overrides: object) -> dict[str, str]:
    report = ingest(list(paths) or [project / "seeds"],
                    IngestOptions(content_dir=project / "content", root=project,
                                  overrides=overrides))
    return {o.origin.name: o.status for o in report.outcomes}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_seeds_get_their_dates_and_real_headlines(project: Path) -> None:
    assert set(run(project).values()) == {WRITTEN}
    entries = {Path(e.origin or "").name[:3]: e for e in load_entries(project / "content").entries}
    assert set(entries) == set(EXPECTED)
    for key, (day, title) in EXPECTED.items():
        entry = entries[key]
        assert (entry.date.day if entry.date else None) == day, key
        assert entry.title == title, key
    assert entries["002"].review == ("date", "source")
    assert entries["002"].path.parent.name == "undated"
    assert entries["004"].review[0] == "title"  # made from the first sentence: flagged
    assert entries["001"].author == "Iryna Kutielieva"
    assert entries["001"].date is not None and entries["001"].date.moment is not None
    assert entries["001"].origin == "seeds/001_918903beef99d9a1.txt"


def test_boilerplate_is_gone_and_text_kept(project: Path) -> None:
    run(project)
    text = "\n".join(p.read_text() for p in (project / "content").rglob("*.md"))
    for junk in ("Follow us on Telegram", "Become a Patron", "Visited 2 times", "All Sections",
                 "About The Author", "Stock photo"):
        assert junk not in text
    assert "posted on Telegram that North Korean soldiers" in text


def test_second_run_changes_no_byte_and_raw_files_are_untouched(project: Path) -> None:
    raw_before = snapshot(project / "seeds")
    run(project)
    first = snapshot(project / "content")
    mtimes = {p: p.stat().st_mtime_ns for p in (project / "content").rglob("*.md")}
    assert set(run(project).values()) == {UNCHANGED}
    assert snapshot(project / "content") == first
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes
    assert snapshot(project / "seeds") == raw_before


def test_a_persons_edit_is_never_overwritten(project: Path) -> None:
    run(project)
    entry = next((project / "content").rglob("putin-will-not-defeat*.md"))
    edited = entry.read_text().replace("review: [source]\n", "source: Some Outlet\n")
    entry.write_text(edited)
    assert run(project)["000_e620c4a7f37ddf05.txt"] == KEPT
    raw = project / "seeds" / "000_e620c4a7f37ddf05.txt"
    raw.write_text(raw.read_text() + "\nOne more paragraph added by the outlet later.\n")
    assert run(project)["000_e620c4a7f37ddf05.txt"] == CONFLICT
    assert entry.read_text() == edited


def test_an_unedited_entry_follows_its_changed_raw_file(project: Path) -> None:
    run(project)
    raw = project / "seeds" / "003_2e72b99fd10f1619.txt"
    raw.write_text(raw.read_text() + "\nA correction was appended to the article.\n")
    assert run(project)["003_2e72b99fd10f1619.txt"] == UPDATED
    assert "A correction was appended" in next(
        (project / "content").rglob("the-pentagon-has*.md")).read_text()


def test_sidecar_and_command_line_metadata(project: Path, tmp_path: Path) -> None:
    raw = project / "seeds" / "002_94bc70a8688ed2f9.txt"
    raw.with_suffix(".yaml").write_text("source: Euromaidan Press\ndate: 2024-10-24\n")
    run(project, raw, topics=["Kursk region"], author="Desk")
    entry = load_entries(project / "content").entries[0]
    assert entry.source == "Euromaidan Press" and entry.date is not None
    assert entry.date.day == date(2024, 10, 24) and entry.review == ()
    assert entry.topics == ("Kursk region",) and entry.author == "Desk"


def test_same_slug_twice_both_survive(project: Path) -> None:
    copy = project / "again.txt"
    copy.write_bytes((project / "seeds" / "000_e620c4a7f37ddf05.txt").read_bytes())
    statuses = run(project, project / "seeds" / "000_e620c4a7f37ddf05.txt", copy)
    assert list(statuses.values()) == [WRITTEN, WRITTEN]
    slugs = sorted(e.slug for e in load_entries(project / "content").entries)
    assert slugs == ["putin-will-not-defeat-ukraine-even-with-the-help-of-north-korea",
                     "putin-will-not-defeat-ukraine-even-with-the-help-of-north-korea-2"]


def test_bad_files_are_reported_not_fatal(project: Path) -> None:
    bad = project / "bad"
    bad.mkdir()
    (bad / "cp1251.txt").write_bytes("Новини дня\n\nТекст статті.".encode("cp1251"))
    (bad / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (bad / "empty.txt").write_text("")
    (bad / "notes.pdf").write_bytes(b"%PDF-1.4")
    (bad / "good.txt").write_text("A good headline for this test\n\nSome body text here.\n")
    report = ingest([bad], IngestOptions(content_dir=project / "content", root=project))
    statuses = {o.origin.name: o.status for o in report.outcomes}
    assert statuses == {"cp1251.txt": WRITTEN, "photo.txt": SKIPPED, "empty.txt": FAILED,
                        "good.txt": WRITTEN}
    messages = "\n".join(str(f) for f in report.findings)
    assert "cp1251.txt: warning: not UTF-8: read as windows-1251" in messages
    assert "notes.pdf" in messages
    (refusal,) = [line for line in messages.splitlines() if "empty.txt" in line]
    assert refusal == (f"{bad / 'empty.txt'}: error: the file has no text "
                       "(delete it or paste the article in)")
    assert refusal.count("empty.txt") == 1 and refusal.count("error:") == 1
    assert report.failed


def test_a_refusal_names_the_file_at_fault_once_and_its_line(project: Path) -> None:
    bad = project / "bad"
    bad.mkdir()
    (bad / "a.txt").write_text("A good headline for this test\n\nSome body text here.\n")
    (bad / "a.yaml").write_text("title: [unclosed\n")
    (bad / "b.md").write_text("---\ntitle: [unclosed\n---\nBody.\n")
    report = ingest([bad], IngestOptions(content_dir=project / "content", root=project))
    outcomes = sorted(str(o) for o in report.outcomes)
    assert outcomes[0].startswith(f"failed    {bad / 'a.txt'} ({bad / 'a.yaml'}, line 1: ")
    assert outcomes[1].startswith(f"failed    {bad / 'b.md'} (line 2: front-matter: ")
    messages = sorted(str(f) for f in report.findings)
    assert messages[0].startswith(f"{bad / 'a.yaml'}:1: error: front-matter: ")
    assert messages[1].startswith(f"{bad / 'b.md'}:2: error: front-matter: ")
    assert all(message.count("error:") == 1 for message in messages)
    assert not any("error:" in outcome for outcome in outcomes)


def test_markdown_with_front_matter_keeps_its_keys(project: Path) -> None:
    md = project / "note.md"
    md.write_text("---\ntitle: Analyst note\ndate: 2024-11-01\nsource: Desk\nmood: grim\n---\n\n"
                  "Body with *emphasis*.\n")
    run(project, md)
    entry = load_entries(project / "content").entries[0]
    assert (entry.title, entry.source, entry.extra["mood"]) == ("Analyst note", "Desk", "grim")
    assert "*emphasis*" in entry.body


def test_saved_web_page_through_trafilatura(project: Path) -> None:
    page = project / "page.html"
    page.write_text(
        '<html lang="en"><head><title>Big news - Outlet</title>'
        '<meta property="og:title" content="Rutte confirms troops in Kursk">'
        '<meta property="og:site_name" content="The Outlet">'
        '<meta name="author" content="Jane Doe">'
        '<meta property="article:published_time" content="2024-10-28T10:00:00+02:00">'
        '</head><body><nav>Home | News</nav><article><h1>Rutte confirms troops in Kursk</h1>'
        "<p>NATO Secretary General Mark Rutte confirmed on Monday that North Korean troops "
        "have been sent to Russia and deployed in the Kursk region.</p>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; The alliance called it a dangerous "
        "escalation of the war, and asked members for more support.</p>"
        "<script>alert(2)</script></article><footer>Subscribe</footer></body></html>")
    run(project, page)
    entry = load_entries(project / "content").entries[0]
    assert entry.title == "Rutte confirms troops in Kursk"
    assert entry.source == "The Outlet" and entry.author == "Jane Doe"
    assert entry.date is not None and entry.date.day == date(2024, 10, 28)
    assert "deployed in the Kursk region" in entry.body
    assert "alert(2)" not in entry.body


@pytest.mark.parametrize("name", ["x.txt~", ".x.txt.swp", "#x.txt#", ".hidden.txt"])
def test_editor_leftovers_are_ignored(project: Path, name: str) -> None:
    folder = project / "drop"
    folder.mkdir()
    (folder / name).write_text("Some headline here today\n\nBody.\n")
    assert ingest([folder], IngestOptions(project / "content", project)).outcomes == ()


def test_a_date_in_the_file_name_is_used_when_the_text_has_none(project: Path) -> None:
    drop = project / "drop"
    drop.mkdir()
    body = "Clinton wins the popular vote\n\nThe count went on all night.\n"
    (drop / "outlet_2016-11-07_clinton-wins.txt").write_text(body)
    (drop / "2016-11-08-dated-text.txt").write_text("date 2016-11-09 " + body)
    run(project, drop)
    entries = {Path(e.origin or "").name: e for e in load_entries(project / "content").entries}
    named = entries["outlet_2016-11-07_clinton-wins.txt"]
    assert named.date is not None and named.date.day == date(2016, 11, 7)
    assert named.review == ("date", "source")  # a guess: a person confirms it
    assert named.path.parent == project / "content" / "2016" / "11"
    dated = entries["2016-11-08-dated-text.txt"]
    assert dated.date is not None and dated.date.day == date(2016, 11, 9)  # the text wins
    assert dated.review == ("source",)


def test_the_language_is_detected_and_a_stated_one_kept(project: Path) -> None:
    drop = project / "drop"
    drop.mkdir()
    (drop / "de.txt").write_text(
        "Scholz hält am Sonntag eine Fernsehansprache\n\nBundeskanzler Olaf Scholz will sich am "
        "Sonntag mit einer Fernsehansprache direkt an das Volk wenden. An jenem Tag jährt sich "
        "das Ende des Zweiten Weltkriegs.\n")
    (drop / "stated.md").write_text("---\ntitle: Note\nlanguage: fr\n---\n\nThis is English.\n")
    run(project, drop)
    languages = {Path(e.origin or "").name: e.language
                 for e in load_entries(project / "content").entries}
    assert languages == {"de.txt": "de", "stated.md": "fr"}
