"""Public ids and page paths: one per thing, whatever the names, and files that can exist.

The first two tests are the crashes of issue 14: two spellings of one person made one
search id twice, and a long capitalised run taken as a speaker made a file name over the
file system's 255 bytes.
"""

import json
import re
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest import frontmatter
from digest.build import BuildOptions, build
from digest.config import load_config
from digest.ingest import IngestOptions, ingest
from digest.slugs import same_name

_HREF = re.compile(r'href="([^"#?]+)')


def write_entry(root: Path, name: str, title: str, day: date, body: str,
                source: str = "BBC", topics: tuple[str, ...] = ()) -> None:
    meta: dict[str, object] = {"title": title, "date": day, "source": source}
    if topics:
        meta["topics"] = list(topics)
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content" / f"{name}.md").write_text(frontmatter.dump(meta, body), "utf-8")


def build_site(root: Path) -> Path:
    build(load_config(root), BuildOptions(root / "content", root / "site"))
    return root / "site"


def data(site: Path, name: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = json.loads((site / "data" / f"{name}.json").read_text())[name]
    return rows


def manifest(site: Path) -> dict[str, object]:
    text = (site / "search" / "manifest.js").read_text()
    found: dict[str, object] = json.loads(text[text.index(",") + 1: text.rindex(")")])
    return found


def broken_links(site: Path) -> list[str]:
    """Links between pages of the site that lead to no file."""
    broken = []
    for page in site.rglob("*.html"):
        for href in _HREF.findall(page.read_text("utf-8")):
            if "://" not in href and not (page.parent / href).resolve().is_file():
                broken.append(f"{page.relative_to(site)} -> {href}")
    return broken


def long_names(site: Path) -> list[str]:
    return [str(p) for p in site.rglob("*") if len(p.name.encode()) >= 255]


def test_two_spellings_of_one_person_get_two_pages_until_people_yaml_joins_them(
    tmp_path: Path,
) -> None:
    write_entry(tmp_path, "a", "First report", date(2024, 10, 1),
                "\"We must pray for peace,\" said Cormac Murphy-O'Connor.\n")
    write_entry(tmp_path, "b", "Second report", date(2024, 10, 2),
                "\"The church is open to all,\" said Cormac Murphy O'Connor.\n")
    site = build_site(tmp_path)
    people = {p["name"]: p["path"] for p in data(site, "people")}
    assert people == {"Cormac Murphy-O'Connor": "people/cormac-murphy-o-connor.html",
                      "Cormac Murphy O'Connor": "people/cormac-murphy-o-connor-2.html"}
    assert 'href="../people/cormac-murphy-o-connor-2.html"' in (
        site / "entries" / "b.html").read_text()
    speakers = manifest(site)["filters"]["speaker"]  # type: ignore[index]
    assert sorted(s[1] for s in speakers) == sorted(people)
    assert len({s[0] for s in speakers}) == 2 and not broken_links(site)

    (tmp_path / "people.yaml").write_text(
        "- name: Cormac Murphy-O'Connor\n  aliases: [Cormac Murphy O'Connor]\n")
    site = build_site(tmp_path)
    assert [p["path"] for p in data(site, "people")] == ["people/cormac-murphy-o-connor.html"]


def test_a_long_capitalised_run_taken_as_a_speaker_still_makes_files(tmp_path: Path) -> None:
    run = "Zalgo" + "x" * 3000
    write_entry(tmp_path, "a", "Report", date(2024, 10, 1),
                f'"The church is open to all," said Mr {run}.\n', topics=(run + " Topic",),
                source=run + " News")
    site = build_site(tmp_path)
    [person] = data(site, "people")
    assert str(person["name"]).startswith("Zalgox") and len(str(person["name"])) > 255
    assert (site / str(person["path"])).is_file()
    assert not long_names(site) and not broken_links(site)


def test_names_that_are_a_folder_s_own_index_do_not_replace_it(tmp_path: Path) -> None:
    write_entry(tmp_path, "index", "Index funds fall", date(2024, 10, 1), "Text.\n",
                source="Index", topics=("Index",))
    site = build_site(tmp_path)
    for folder in ("topics", "sources", "stories"):
        index = (site / folder / "index.html").read_text()
        assert f'href="../{folder}/index-2.html"' in index, folder
    assert "Index funds fall" in (site / "stories" / "index-2.html").read_text()
    assert not broken_links(site)


def test_a_topic_named_like_another_s_second_page_keeps_its_own_page(tmp_path: Path) -> None:
    for i in range(60):
        write_entry(tmp_path, f"e{i}", f"Report {i}", date(2024, 1, 1 + i % 28), "Text.\n",
                    topics=("NATO",))
    write_entry(tmp_path, "other", "Other", date(2024, 2, 1), "Text.\n", topics=("NATO 2",))
    site = build_site(tmp_path)
    assert "Other" in (site / "topics" / "nato-2.html").read_text()
    assert "Report 0<" in (site / "topics" / "nato" / "2.html").read_text()


# ---- any names -----------------------------------------------------------------------

BASES = ("Cormac Murphy-O'Connor", "Volodymyr Zelenskyy", "José Álvarez", "C++", "Kursk region",
         "NATO", "Index")
OTHER_SCRIPTS = ("Зеленський", "Зеленский", "泽连斯基", "زيلينسكي", "Ζελένσκι", "김정은")
NO_SLUG = ("!!!", "…", "😀", "—", "ـــ", "'")


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


MUTATIONS = (str.upper, str.lower, str.title, lambda s: s.replace("-", " "),
             lambda s: s.replace(" ", "-"), lambda s: s.replace("'", "’"), _plain,
             lambda s: s.replace("a", "á"), lambda s: f"  {s}. ", lambda s: s + "!",
             lambda s: s.replace(" ", ""), lambda s: " ".join([s] * 400))


def _mutated(base: str, steps: list[int]) -> str:
    for step in steps:
        base = MUTATIONS[step](base)
    return base


names = st.one_of(
    st.builds(_mutated, st.sampled_from(BASES),
              st.lists(st.integers(0, len(MUTATIONS) - 1), max_size=3)),
    st.sampled_from(OTHER_SCRIPTS + NO_SLUG),
    st.text(st.characters(whitelist_categories=("L", "N", "P", "Zs", "So")), min_size=1,
            max_size=20),
    st.text(st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=3).map(
        lambda s: "Zalgo" + s * 2000),
).filter(lambda s: s.strip() and s.strip()[0] not in "-?:!#&*|>%@`[{'\"")

articles = st.lists(st.tuples(names, names, names, st.lists(names, max_size=3),
                              st.sampled_from([date(2024, 10, 1), date(2024, 10, 2), None])),
                    min_size=1, max_size=6)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(articles)
def test_any_names_give_unique_ids_and_paths_and_files_that_fit(
    generated: list[tuple[str, str, str, list[str], date | None]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        raw = root / "raw"
        raw.mkdir()
        for n, (title, source, speaker, topics, day) in enumerate(generated):
            meta: dict[str, object] = {"title": title.strip(), "source": source.strip(),
                                       "topics": [t.strip() for t in topics]}
            if day:
                meta["date"] = day
            body = f'"We will hold the line," said Mr {speaker}.\n\n{title} was discussed.\n'
            (raw / f"a{n}.md").write_text(frontmatter.dump(meta, body), "utf-8")
        report = ingest([raw], IngestOptions(root / "content", root))
        assert not report.failed, report.findings
        site = build_site(root)

        assert not long_names(root), "a file name over 255 bytes"
        assert not broken_links(site)
        entries = data(site, "entries")
        assert len({e["path"] for e in entries}) == len(entries) == len(generated)
        people = data(site, "people")
        assert len({p["path"] for p in people}) == len({p["name"] for p in people}) == len(people)
        filters = manifest(site)["filters"]
        for field, names_of in (("topic", lambda e: e["topics"]),
                                ("source", lambda e: [e["source"]] if e["source"] else [])):
            distinct = {same_name(n) for e in entries for n in names_of(e)}
            values = filters[field]  # type: ignore[index]
            assert len({v[0] for v in values}) == len(values) == len(distinct), field
            pages = {p.stem for p in (site / f"{field}s").glob("*.html")} - {"index"}
            assert pages == {v[0] for v in values}, field
        speakers = filters["speaker"]  # type: ignore[index]
        assert sorted(v[1] for v in speakers) == sorted(p["name"] for p in people)
        assert {v[0] for v in speakers} == {Path(str(p["path"])).stem for p in people}
