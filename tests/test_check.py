from pathlib import Path

from digest.check import check
from digest.config import load_config
from digest.extract.markdown import entry_link_target, new_renderer, render_body


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_links_between_entries_resolve_or_are_reported(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "2024" / "10" / "a.md", "---\ntitle: A\n---\n\nSee [B](../11/b.md#p2), "
          "[C](c.html), [gone](../11/gone.md)\n"
          "and [missing](nobody.html) or [web](https://x.org/a.html).\n")
    write(content / "2024" / "11" / "b.md", "---\ntitle: B\n---\n\nBody.\n")
    write(content / "c.md", "---\ntitle: C\n---\n\n[renamed](2024/11/d.md)\n")
    write(content / "2024" / "11" / "d.md", "---\ntitle: D\nslug: dee\n---\n\nBody.\n")
    findings = [str(f) for f in check(load_config(tmp_path), content)]
    assert findings == [
        "content/2024/10/a.md:5: warning: link to `../11/gone.md`: no such entry file "
        "(link to another entry's .md file or slug.html)".replace("content/", f"{content}/"),
        "content/2024/10/a.md:6: warning: link to `nobody.html`: no entry has the slug `nobody` "
        "(link to another entry's .md file or slug.html)".replace("content/", f"{content}/"),
        "content/c.md:5: warning: link to `2024/11/d.md`: that entry's slug is `dee`, so link "
        "to `dee.html` (link to another entry's .md file or slug.html)"
        .replace("content/", f"{content}/"),
    ]


def test_links_to_entry_files_become_links_to_their_pages() -> None:
    html = render_body("[B](../11/b.md#p2) [web](https://x.org/b.md)", new_renderer()).html
    assert 'href="b.html#p2"' in html and 'href="https://x.org/b.md"' in html
    assert entry_link_target("notes.txt") is None


def test_an_alias_of_two_people_is_an_error(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "a.md", "---\ntitle: A\n---\n\nBody.\n")
    (tmp_path / "people.yaml").write_text(
        "- name: Kyrylo Budanov\n  aliases: [Budanov]\n"
        "- name: Oleksii Budanov\n  aliases: [Budanov]\n")
    findings = [str(f) for f in check(load_config(tmp_path), content)]
    assert len(findings) == 1
    assert "people.yaml:" in findings[0] and ": error: " in findings[0]
    assert "Budanov" in findings[0]
