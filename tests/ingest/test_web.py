"""Articles from the web, as a user meets them: `digest ingest URL` and `--feed URL` against
a site on 127.0.0.1, then the digest built from them."""

import json
from pathlib import Path

import pytest

from digest import frontmatter
from digest.ingest.fetch import Limits
from digest.ingest.web import WebOptions, WebReport, ingest_web, url_key
from tests.ingest.local_web import LocalWeb, Response, article, atom, rss
from tests.test_cli import digest

BRIDGE = [
    "The city council voted on Tuesday to close the old harbour bridge to cars from next "
    "spring, after engineers found cracks in two of its supports.",
    '"We cannot wait for the bridge to fail," said Mayor Ana Petrova, who proposed the '
    "closure. The vote was 31 to 9.",
    "Shop owners near the bridge said they feared losing customers. A ferry service will run "
    "every twenty minutes while the bridge is repaired, the council said.",
]
FERRY = [
    "A new ferry line across the harbour starts on Monday, the transport office said, with "
    "boats leaving both piers every twenty minutes from six in the morning.",
    '"Tickets cost the same as a bus ride," said Tom Okafor, who runs the service. Bicycles '
    "travel free of charge for the first month.",
    "The line replaces car traffic on the harbour bridge, which closes for repairs in spring "
    "after engineers found cracks in its supports.",
]
SCHOOLS = [
    "Three schools in the old town will share one new building from September, the "
    "education board decided after a year of talks with parents and teachers.",
    '"Small classes stay small," said board chair Mira Haddad, answering parents who feared '
    "larger groups. The old buildings will become a library and a sports hall.",
    "The move saves the city about two million a year in heating and repairs, the board "
    "said in its report, published with the decision on Wednesday.",
]


@pytest.fixture
def site(web: LocalWeb) -> LocalWeb:
    """Three articles, one with its outlet's name and date in its meta tags, and two feeds."""
    web.routes["/news/bridge.html"] = Response(article(
        "Council closes harbour bridge to cars", BRIDGE, site="Harbour Times",
        published="2024-10-22", author="Jane Roe"))
    web.routes["/news/ferry.html"] = Response(article("New ferry line starts Monday", FERRY))
    web.routes["/news/schools.html"] = Response(article("Three schools to share a building",
                                                        SCHOOLS))
    web.routes["/feed.xml"] = Response(rss("City Desk", [
        ("New ferry line starts Monday", web.url("/news/ferry.html"),
         "Wed, 23 Oct 2024 18:00:00 +0200"),
        ("Three schools to share a building", web.url("/news/schools.html"),
         "Thu, 24 Oct 2024 09:30:00 +0200"),
        ("Council closes harbour bridge", web.url("/news/bridge.html?utm_source=rss"),
         "Tue, 22 Oct 2024 12:00:00 +0200"),
    ]), content_type="application/rss+xml")
    return web


def run(web: LocalWeb, content: Path, pages: list[str] = [], feeds: list[str] = [],  # noqa: B006
        **limits: float) -> WebReport:
    return ingest_web([web.url(p) for p in pages], [web.url(f) for f in feeds],
                      WebOptions(content, Limits(**limits)))  # type: ignore[arg-type]


def entry(path: Path) -> dict[str, object]:
    return frontmatter.split(path.read_text(), path).meta


def snapshot(content: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(content.rglob("*.md"))}


def test_a_page_becomes_an_entry_with_its_address_and_outlet(site: LocalWeb,
                                                             tmp_path: Path) -> None:
    report = run(site, tmp_path, ["/news/bridge.html"])
    (outcome,) = report.outcomes
    assert outcome.status == "written" and outcome.entry is not None
    assert outcome.entry.parent == tmp_path / "2024" / "10"
    meta = entry(outcome.entry)
    assert meta["title"] == "Council closes harbour bridge to cars"
    assert meta["source"] == "Harbour Times"
    assert meta["url"] == site.url("/news/bridge.html")
    assert meta["author"] == "Jane Roe" and str(meta["date"]) == "2024-10-22"
    assert "review" not in meta
    assert "Mayor Ana Petrova" in outcome.entry.read_text()
    assert report.summary() == "web: 1 address: 1 written"


def test_a_page_without_outlet_or_date_is_marked_for_review(site: LocalWeb,
                                                            tmp_path: Path) -> None:
    (outcome,) = run(site, tmp_path, ["/news/ferry.html"]).outcomes
    assert outcome.entry is not None
    meta = entry(outcome.entry)
    # The host name is no outlet's name: left for a person rather than guessed.
    assert "source" not in meta and meta["review"] == ["date", "source"]
    assert outcome.entry.parent.name == "undated"


def test_a_feed_gives_each_article_the_feeds_title_and_date(site: LocalWeb,
                                                            tmp_path: Path) -> None:
    report = run(site, tmp_path, feeds=["/feed.xml"])
    assert [o.status for o in report.outcomes] == ["written"] * 3
    ferry = entry(report.outcomes[0].entry)  # type: ignore[arg-type]
    assert ferry["source"] == "City Desk"  # the page names no outlet: the feed's title
    assert str(ferry["date"]) == "2024-10-23 18:00:00+02:00"
    bridge = entry(report.outcomes[2].entry)  # type: ignore[arg-type]
    assert bridge["source"] == "Harbour Times"  # the page's own name comes first
    assert report.summary() == "web: 3 addresses from 1 feed: 3 written"


def test_an_atom_feed_too(site: LocalWeb, tmp_path: Path) -> None:
    site.routes["/atom.xml"] = Response(atom("Atom Desk", [
        ("Schools", site.url("/news/schools.html"), "2024-10-24T09:30:00+02:00")]),
        content_type="application/atom+xml")
    (outcome,) = run(site, tmp_path, feeds=["/atom.xml"]).outcomes
    meta = entry(outcome.entry)  # type: ignore[arg-type]
    assert (meta["source"], meta["title"]) == ("Atom Desk", "Three schools to share a building")


def test_reading_a_feed_again_fetches_nothing_and_changes_no_byte(site: LocalWeb,
                                                                  tmp_path: Path) -> None:
    run(site, tmp_path, feeds=["/feed.xml"])
    before = snapshot(tmp_path)
    site.requests.clear()
    again = run(site, tmp_path, feeds=["/feed.xml"], pages=["/news/bridge.html#top"])
    assert site.requests == ["/feed.xml"]  # every article known by its address
    assert [o.status for o in again.outcomes] == ["held"] * 4
    assert again.summary() == "web: 4 addresses from 1 feed: 4 already held"
    assert snapshot(tmp_path) == before


def test_an_edited_entry_is_never_written_to(site: LocalWeb, tmp_path: Path) -> None:
    (first,) = run(site, tmp_path, ["/news/bridge.html"]).outcomes
    assert first.entry is not None
    edited = first.entry.read_text().replace("Harbour Times", "The Harbour Times")
    first.entry.write_text(edited)
    site.routes["/news/bridge.html"] = Response(article(
        "Council closes harbour bridge to cars (updated)", [*BRIDGE, "Update: a correction."]))
    (again,) = run(site, tmp_path, ["/news/bridge.html"]).outcomes
    assert (again.status, again.entry) == ("held", first.entry)
    assert first.entry.read_text() == edited
    assert len(snapshot(tmp_path)) == 1


def test_the_same_text_at_another_address_is_held(site: LocalWeb, tmp_path: Path) -> None:
    site.routes["/amp/bridge"] = site.routes["/news/bridge.html"]
    site.redirect("/short/b", "/news/bridge.html")
    run(site, tmp_path, ["/news/bridge.html"])
    copy, moved = run(site, tmp_path, ["/amp/bridge", "/short/b"]).outcomes
    assert (copy.status, copy.message) == ("held", "the same text is already in the digest")
    assert moved.status == "held" and site.url("/news/bridge.html") in moved.message
    assert len(snapshot(tmp_path)) == 1


def test_each_failure_is_one_line_naming_the_address_and_the_rest_go_on(
        site: LocalWeb, tmp_path: Path) -> None:
    site.routes["/slow"] = Response(b"<p>late</p>", delay=3)
    site.routes["/huge"] = Response(b"<p>" + b"x" * 65536, chunks=40)
    site.redirect("/loop/a", "/loop/b")
    site.redirect("/loop/b", "/loop/a")
    site.routes["/report.pdf"] = Response(b"%PDF-1.4", content_type="application/pdf")
    site.routes["/empty.html"] = Response(b"<html><body><nav>Home</nav></body></html>")
    pages = ["/missing", "/slow", "/huge", "/loop/a", "/report.pdf", "/empty.html",
             "/news/bridge.html"]
    report = run(site, tmp_path, pages, ["/news/ferry.html"], timeout=0.5, max_bytes=1_000_000)
    lines = [str(o) for o in report.outcomes]
    expected = ["HTTP 404 Not Found", "timed out after 0.5 s", "too large", "redirect loop",
                "not a web page: the server sent application/pdf",
                "no article text found on this page"]
    for line, path, reason in zip(lines, pages, expected, strict=False):
        assert line.startswith(f"failed    {site.url(path)} (") and reason in line
        assert "\n" not in line
    assert lines[6].startswith(f"written   {site.url('/news/bridge.html')} -> ")
    assert lines[7] == (f"failed    {site.url('/news/ferry.html')} (not an RSS or Atom feed: "
                        "the server sent text/html)")
    assert report.failed
    assert report.summary() == "web: 8 addresses: 1 written, 7 failed"


def test_addresses_alike_by_case_fragment_tracking_and_trailing_slash() -> None:
    assert url_key("HTTP://Example.org/a/?utm_source=rss&id=3#top") == url_key(
        "http://example.org/a?id=3")
    assert url_key("http://example.org/a?id=3") != url_key("http://example.org/a?id=4")


def test_new_digest_ingest_feed_build_gives_a_site_with_the_articles(site: LocalWeb,
                                                                     tmp_path: Path) -> None:
    """The issue's acceptance: from an empty folder, `digest new mydigest && cd mydigest &&
    digest ingest --feed URL && digest build` gives a site with those articles."""
    assert digest(tmp_path, "new", "mydigest").returncode == 0
    folder = tmp_path / "mydigest"
    ingested = digest(folder, "ingest", "--feed", site.url("/feed.xml"))
    assert ingested.returncode == 0, ingested.stderr
    assert ingested.stdout.strip().splitlines()[-1] == (
        "web: 3 addresses from 1 feed: 3 written")
    built = digest(folder, "build")
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("built 3 entries into ")
    home = (folder / "site" / "index.html").read_text()
    for title, text in (("New ferry line starts Monday", "Tom Okafor"),
                        ("Three schools to share a building", "Mira Haddad"),
                        ("Council closes harbour bridge to cars", "Ana Petrova")):
        assert title in home
        pages = [p for p in (folder / "site" / "entries").glob("*.html")
                 if title in p.read_text()]
        assert len(pages) == 1 and text in pages[0].read_text()
        assert site.url("/news/") in pages[0].read_text()  # the link to the original
    records = json.loads((folder / "site" / "data" / "entries.json").read_text())["entries"]
    assert sorted(r["origin"] for r in records) == sorted(r["url"] for r in records)
    assert all(r["url"].startswith(site.url("/news/")) for r in records)


def test_a_bare_ingest_reads_the_configured_feeds(site: LocalWeb, tmp_path: Path) -> None:
    digest(tmp_path, "new", "d")
    config = tmp_path / "d" / "digest.yaml"
    config.write_text(config.read_text() + f"feeds:\n  - {site.url('/feed.xml')}\n")
    ingested = digest(tmp_path / "d", "ingest")
    assert ingested.returncode == 0, ingested.stderr
    assert ingested.stdout.strip().splitlines()[-1].endswith("3 written")


def test_a_failure_goes_to_stderr_and_exits_1(site: LocalWeb, tmp_path: Path) -> None:
    digest(tmp_path, "new", "d")
    result = digest(tmp_path / "d", "ingest", site.url("/missing"), site.url("/news/ferry.html"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"failed    {site.url('/missing')} (HTTP 404 Not Found)"
    assert result.stdout.strip().splitlines()[-1] == "web: 2 addresses: 1 written, 1 failed"


def test_nothing_to_ingest_is_a_usage_error(tmp_path: Path) -> None:
    digest(tmp_path, "new", "d")
    result = digest(tmp_path / "d", "ingest")
    assert result.returncode == 2 and "nothing to ingest" in result.stderr


def legacy_page(charset_meta: str = "") -> bytes:
    text = "".join(f"<p>{p}</p>" for p in [
        "Der Stadtrat hat am Dienstag beschlossen, die alte Hafenbrücke ab dem nächsten "
        "Frühjahr für Autos zu sperren, nachdem Ingenieure Risse gefunden hatten.",
        "„Wir können nicht warten, bis die Brücke einstürzt“, sagte Bürgermeisterin Ana "
        "Petrova. Die Fähre kostet 2 £ für Gäste, für Anwohner nichts.",
        "Geschäftsleute in der Nähe der Brücke fürchten, Kunden zu verlieren; die Fähre "
        "fährt alle zwanzig Minuten, solange die Brücke repariert wird."])
    return (f"<html><head>{charset_meta}<title>Stadtrat sperrt Hafenbrücke</title></head>"
            f"<body><article><h1>Stadtrat sperrt Hafenbrücke</h1>{text}</article></body>"
            "</html>").encode("windows-1252")


def test_a_page_in_its_declared_charset_is_read_as_such(web: LocalWeb,
                                                        tmp_path: Path) -> None:
    web.routes["/header"] = Response(legacy_page(), content_type="text/html; charset=cp1252")
    web.routes["/meta"] = Response(legacy_page('<meta charset="windows-1252">'),
                                   content_type="text/html")
    for path in ("/header", "/meta"):
        (outcome,) = run(web, tmp_path / path.strip("/"), [path]).outcomes
        assert outcome.status == "written" and outcome.entry is not None
        text = outcome.entry.read_text()
        assert "title: Stadtrat sperrt Hafenbrücke" in text and "2 £ für Gäste" in text
        assert "encoding" not in text


def test_a_page_in_an_undeclared_legacy_charset_is_marked_for_review(web: LocalWeb,
                                                                     tmp_path: Path) -> None:
    web.routes["/bare"] = Response(legacy_page(), content_type="text/html")
    (outcome,) = run(web, tmp_path, ["/bare"]).outcomes
    assert outcome.status == "written" and outcome.entry is not None
    assert "no charset declared: read as windows-1252" in outcome.message
    meta = entry(outcome.entry)
    assert "encoding" in meta["review"]  # type: ignore[operator]
    assert "Bürgermeisterin" in outcome.entry.read_text()
