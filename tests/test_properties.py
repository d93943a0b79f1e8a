"""Property-based tests: for any input, front-matter and slugs behave or fail cleanly."""

from datetime import date
from pathlib import Path
from unittest import mock

from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from digest import frontmatter
from digest.content import SLUG_RE, parse_entry
from digest.engine import state
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


# Incremental builds: any sequence of edits gives the bytes of a full build, both through
# `digest build` (a fresh process, from the cache on disk) and through the preview (its
# next build, from what the last one kept in memory).
SPEAKERS = ("Mark Rutte", "Lloyd Austin", "Oleksandr Syrskyi")
STATEMENTS = ("We will hold the line until the spring", "The troops are already there",
              "Nobody will be left behind")
PLAIN = ("Oleksandr Syrskyi visited Kharkiv on Monday.", "The ministry declined to comment.",
         "Shelling continued near Kursk overnight.", "NATO allies met in Brussels.")
paragraphs = st.one_of(
    st.sampled_from(PLAIN),
    st.tuples(st.sampled_from(STATEMENTS), st.sampled_from(SPEAKERS)).map(
        lambda qs: f'"{qs[0]}," {qs[1]} said.'),
)
bodies = st.lists(paragraphs, min_size=1, max_size=3).map("\n\n".join)
FIELDS = {
    "title": st.sampled_from(("Rutte in Kyiv", "Syrskyi on the front", "Talks in Brussels",
                              "Kursk again")),
    "date": st.sampled_from((None, "2024-10-01", "2024-10-02", "2024-11-15T09:30:00")),
    "source": st.sampled_from((None, "Babel", "Reuters", "Kyiv Independent")),
    "author": st.sampled_from((None, "Desk", "Dusk", "Olena Roshchina")),
    "topics": st.lists(st.sampled_from(("NATO", "Kursk region", "Talks")), max_size=2,
                       unique=True),
    "draft": st.booleans(),
}
CONFIGS = ("title: Edits\n",
           "title: Edits\ntopics:\n  - name: Kursk region\n    match: [Kursk]\n",
           "title: Other title\ndescription: A digest of edits.\n")
PEOPLES = ("", "- name: Mark Rutte\n  aliases: [Rutte]\n",
           "- name: Oleksandr Syrskyi\n  aliases: [Syrskyi]\n  roles:\n"
           "  - {role: Commander-in-Chief, first_seen: 2024-10-01, last_seen: 2024-10-01}\n")
TEMPLATES = (None, "{% extends 'base.html' %}{% block main %}Gone{% endblock %}",
             "{% extends 'base.html' %}{% block main %}Not here{% endblock %}")


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


class EditSequences(RuleBasedStateMachine):
    def __init__(self) -> None:
        import tempfile

        from digest.build import BuildOptions
        from digest.config import load_config
        from digest.serve.preview import PreviewOptions, make_rebuild
        from digest.serve.server import Broadcaster

        super().__init__()
        # One code version for the whole sequence, read now: a change to digest's files
        # by other work on this tree would otherwise change every print mid-sequence.
        import digest.build
        import digest.cli
        import digest.serve.preview

        version = state.code_version()
        self.pinned = [mock.patch.object(module, "code_version", lambda: version)
                       for module in (digest.build, digest.cli, digest.serve.preview)]
        for patch in self.pinned:
            patch.start()
        self.folder = tempfile.TemporaryDirectory()
        self.root = Path(self.folder.name)
        self.entries: dict[str, dict[str, object]] = {}
        self._write(self.root / "digest.yaml", CONFIGS[0])
        for n, paragraph in enumerate(('"The troops are already there," Mark Rutte said.',
                                       PLAIN[0], '"The troops are already there," Rutte said.')):
            self._save(f"e{n}", {"title": FIELDS_START[n], "date": f"2024-10-0{n + 1}",
                                 "source": "Babel", "author": None, "topics": [],
                                 "draft": False, "body": paragraph})
        config = load_config(self.root)
        events: list[str] = []
        broadcaster = Broadcaster()
        broadcaster.publish = lambda event, message="": events.append(event)  # type: ignore[method-assign]
        self.events = events
        self.preview = make_rebuild(
            self.root / "digest.yaml",
            PreviewOptions(BuildOptions(config.content_dir, self.root / "preview")),
            broadcaster, lambda line: None)
        self.preview(set())

    def _write(self, path: Path, text: str | None) -> None:
        if text is None:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    def _save(self, slug: str, fields: dict[str, object]) -> None:
        self.entries[slug] = fields
        meta = {k: v for k, v in fields.items() if k != "body" and v not in (None, [], False)}
        self._write(self.root / "content" / f"{slug}.md",
                    frontmatter.dump(meta, str(fields["body"])))

    @rule(body=bodies, fields=st.fixed_dictionaries(FIELDS))
    def add_entry(self, body: str, fields: dict[str, object]) -> None:
        self._save(f"n{len(self.entries)}", {**fields, "body": body})

    @precondition(lambda self: bool(self.entries))
    @rule(data=st.data(), field=st.sampled_from(sorted(FIELDS)))
    def edit_field(self, data: st.DataObject, field: str) -> None:
        slug = data.draw(st.sampled_from(sorted(self.entries)))
        self._save(slug, {**self.entries[slug], field: data.draw(FIELDS[field])})

    @precondition(lambda self: bool(self.entries))
    @rule(data=st.data(), body=bodies)
    def edit_body(self, data: st.DataObject, body: str) -> None:
        slug = data.draw(st.sampled_from(sorted(self.entries)))
        self._save(slug, {**self.entries[slug], "body": body})

    @precondition(lambda self: len(self.entries) > 1)
    @rule(data=st.data())
    def delete_entry(self, data: st.DataObject) -> None:
        slug = data.draw(st.sampled_from(sorted(self.entries)))
        del self.entries[slug]
        (self.root / "content" / f"{slug}.md").unlink()

    @precondition(lambda self: bool(self.entries))
    @rule(data=st.data())
    def rename_entry(self, data: st.DataObject) -> None:
        slug = data.draw(st.sampled_from(sorted(self.entries)))
        fields = self.entries.pop(slug)
        (self.root / "content" / f"{slug}.md").unlink()
        self._save(f"{slug}-moved", fields)

    @rule(text=st.sampled_from(CONFIGS))
    def edit_config(self, text: str) -> None:
        self._write(self.root / "digest.yaml", text)

    @rule(text=st.sampled_from(PEOPLES))
    def edit_people(self, text: str) -> None:
        self._write(self.root / "people.yaml", text)

    @rule(text=st.sampled_from(TEMPLATES))
    def edit_template(self, text: str | None) -> None:
        self._write(self.root / "templates" / "404.html", text)

    @invariant()
    def incremental_equals_full(self) -> None:
        import shutil

        from digest.build import BuildOptions, build
        from digest.cli import main
        from digest.config import load_config

        config = load_config(self.root)
        full = self.root / "full"
        shutil.rmtree(full, ignore_errors=True)
        build(config, BuildOptions(config.content_dir, full))
        expected = _files(full)
        assert main(["build", "--config", str(self.root / "digest.yaml"),
                     "--out", str(self.root / "disk")]) == 0
        assert _files(self.root / "disk") == expected
        self.events.clear()
        self.preview(set())
        assert self.events == ["reload"]
        assert _files(self.root / "preview") == expected

    def teardown(self) -> None:
        self.folder.cleanup()
        for patch in self.pinned:
            patch.stop()


FIELDS_START = ("Rutte in Kyiv", "Syrskyi on the front", "Talks in Brussels")
# Bounded, and not shrunk: a failing sequence of six steps reads well enough as it is.
EditSequences.TestCase.settings = settings(
    max_examples=12, stateful_step_count=6, deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate])
test_incremental_builds_equal_full_builds = EditSequences.TestCase
