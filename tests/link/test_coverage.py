"""Stories on the demo digest: one story, and the figures where outlets disagree."""

import json
from pathlib import Path

import pytest


@pytest.fixture
def site(demo_site: Path) -> Path:
    return demo_site


def test_the_five_seeds_form_one_story(site: Path) -> None:
    stories = json.loads((site / "data" / "stories.json").read_text())["stories"]
    assert len(stories) == 1
    story = stories[0]
    assert len(story["entries"]) == 5
    assert (story["first"], story["last"]) == ("2024-10-23", "2024-10-31")
    assert (site / story["path"]).is_file()


def test_troop_numbers_differ_and_each_has_its_source(site: Path) -> None:
    story = json.loads((site / "data" / "stories.json").read_text())["stories"][0]
    troops = [f for f in story["figures"] if f["quantity"] == "troops"]
    sources = {(f["value"], f["source"]) for f in troops}
    assert (10000.0, "Ukrainska Pravda") in sources
    assert {(12000.0, "Euromaidan Press"), (12000.0, "Komersant Ukrainian"),
            (12000.0, "Babel")} <= sources
    page = (site / story["path"]).read_text()
    assert "reports differ" in page and "about 10,000 soldiers" in page
    assert "up to 12,000 troops" in page


def test_home_and_topic_pages_show_the_story_as_a_group(site: Path) -> None:
    story = json.loads((site / "data" / "stories.json").read_text())["stories"][0]
    for page in ("index.html", "topics/kursk-region.html"):
        html = (site / page).read_text()
        assert f'stories/{story["id"]}.html' in html and "5 reports" in html, page
