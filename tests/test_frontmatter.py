from datetime import date, datetime

import pytest

from digest import frontmatter
from digest.errors import DigestError


def test_split_reads_mapping_and_body_line() -> None:
    doc = frontmatter.split("---\ntitle: A\ndate: 2024-10-30\n---\n\nBody text\n", "a.md")
    assert doc.meta == {"title": "A", "date": date(2024, 10, 30)}
    assert doc.body.strip() == "Body text"
    assert doc.body_line == 5


def test_file_without_block_is_all_body() -> None:
    doc = frontmatter.split("Just text\n", "a.md")
    assert not doc.has_front_matter and doc.body == "Just text\n"


def test_unclosed_block_names_line_one() -> None:
    with pytest.raises(DigestError) as err:
        frontmatter.split("---\ntitle: A\n\nBody", "a.md")
    assert err.value.line == 1 and "not closed" in err.value.message


def test_malformed_yaml_reports_file_line() -> None:
    with pytest.raises(DigestError) as err:
        frontmatter.split("---\ntitle: A\nsource: [unclosed\ndate: x\n---\nBody", "a.md")
    assert err.value.path == "a.md"
    assert err.value.line is not None and err.value.line >= 3
    assert "a.md:" in str(err.value)


def test_block_that_is_not_a_mapping() -> None:
    with pytest.raises(DigestError, match="not a mapping"):
        frontmatter.split("---\n- a\n- b\n---\nBody", "a.md")


def test_aliases_refused_billion_laughs() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    with pytest.raises(DigestError, match="aliases"):
        frontmatter.parse(bomb, "bomb.md")


def test_python_tags_refused() -> None:
    with pytest.raises(DigestError):
        frontmatter.parse("x: !!python/object/apply:os.system ['true']\n", "evil.md")


def test_dump_round_trips_and_writes_iso_dates() -> None:
    meta = {"title": "Russia's appeal: a – b", "date": datetime(2024, 10, 31, 11, 40),
            "topics": ["NATO", "Kursk region"], "review": ["source"]}
    text = frontmatter.dump(meta, "Body\n")
    assert "date: 2024-10-31T11:40:00\n" in text
    assert frontmatter.split(text, "x.md").meta == meta
    assert text.endswith("Body\n")


def test_dump_keeps_a_block_mapping_even_with_only_scalars() -> None:
    text = frontmatter.dump({"title": "A", "mood": "grim"}, "Body")
    assert text.startswith("---\ntitle: A\nmood: grim\n---\n")
