"""Property-based tests: for any input, front-matter and slugs behave or fail cleanly."""

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from digest import frontmatter
from digest.content import SLUG_RE, parse_entry
from digest.errors import DigestError
from digest.ingest.writer import entry_slug, render_entry, untouched

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
keys = st.sampled_from(["title", "source", "author", "summary", "mood"])
values = st.one_of(texts, st.lists(texts, max_size=4), st.dates(), st.integers(), st.booleans())


@given(st.dictionaries(keys, values, max_size=5), texts)
def test_front_matter_round_trips(meta: dict[str, object], body: str) -> None:
    text = frontmatter.dump(meta, body)
    doc = frontmatter.split(text, "x.md")
    assert doc.meta == meta
    assert doc.body.strip() == body.strip()


@settings(max_examples=300)
@given(texts)
def test_any_text_parses_or_fails_with_a_digest_error(text: str) -> None:
    try:
        frontmatter.split(text, "x.md")
        parse_entry(Path("x.md"), text)
    except DigestError as exc:
        assert str(exc).startswith("x.md")


@given(st.one_of(st.none(), texts), texts)
def test_slugs_are_always_usable(title: str | None, fallback: str) -> None:
    slug = entry_slug(title, fallback)
    assert SLUG_RE.match(slug) and len(slug) <= 72


@given(st.text(min_size=1, max_size=80).filter(str.strip), texts,
       st.dates(min_value=date(1900, 1, 1)))
def test_ingest_stamp_tells_any_edit(title: str, body: str, day: date) -> None:
    text = render_entry({"title": title, "date": day, "origin": "a.txt"}, body)
    assert untouched(text)
    assert not untouched(text.replace("\n---\n", "\nsource: x\n---\n", 1))


hostile = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).map(
    lambda s: f"<b>{s}<script>x</script>")


@settings(max_examples=25, deadline=None)
@given(hostile, hostile, hostile)
def test_escaping_holds_for_any_string(title: str, source: str, said: str) -> None:
    import json
    import tempfile

    from digest.build import BuildOptions, build
    from digest.config import load_config

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content").mkdir()
        meta = {"title": title, "source": source, "date": date(2024, 10, 1), "topics": [source]}
        quoted = json.dumps(said)  # a quote in straight double quotes, whatever it holds
        (root / "content" / "a.md").write_text(
            frontmatter.dump(meta, f"{quoted}, said Mark Rutte.\n\n{said}\n"))
        try:
            build(load_config(root), BuildOptions(root / "content", root / "site"))
        except DigestError:
            return  # refusing the input is fine; publishing it raw is not
        for page in (root / "site").rglob("*"):
            if page.suffix in (".html", ".xml", ".json", ".js") and page.name != "search.js":
                text = page.read_text()
                assert "<script>x" not in text and "<b>" not in text, page


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400) | texts.map(lambda t: t.encode("utf-8")))
def test_ingest_never_crashes_and_never_loses_an_article(data: bytes) -> None:
    import tempfile

    from digest.content import load_entries
    from digest.ingest import SKIPPED, WRITTEN, IngestOptions, ingest

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "raw").mkdir()
        (root / "raw" / "a.txt").write_bytes(data)
        report = ingest([root / "raw"], IngestOptions(root / "content", root))
        (outcome,) = report.outcomes
        assert outcome.status in (WRITTEN, SKIPPED, "failed")
        if outcome.status == WRITTEN:
            loaded = load_entries(root / "content")
            assert len(loaded.entries) == 1 and not loaded.errors
        else:
            assert outcome.message  # a reason the user can act on
