from digest.render.links import Links


def test_links_are_relative_and_name_files() -> None:
    top = Links("index.html")
    assert top.home() == "index.html"
    assert top.topic("North Korean troops") == "topics/north-korean-troops.html"
    deep = Links("entries/some-slug.html")
    assert deep.home() == "../index.html"
    assert deep.day("2024-10-30") == "../days/2024-10-30.html"
    assert deep.asset("style.css") == "../assets/style.css"
    assert Links("topics/kursk.html").topic("Kursk") == "../topics/kursk.html"


def test_absolute_http_targets_pass_through() -> None:
    assert Links("entries/a.html").to("https://example.org/x") == "https://example.org/x"
