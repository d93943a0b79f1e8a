"""extract_figures and figures_table: numbers, what they count, and the demo's disagreements."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.content import load_entries
from digest.extract.figures import Figure, extract_figures, figures_table
from digest.extract.markdown import new_renderer, render_body

ROOT = Path(__file__).resolve().parents[2]


def one(text: str) -> Figure:
    found = extract_figures([text])
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "value"), [
    ("North Korea sent 10,000 soldiers.", 10_000),
    ("North Korea sent 10 000 soldiers.", 10_000),
    ("North Korea sent 12\u00a0000 soldiers.", 12_000),
    ("Russia fired 3 million shells.", 3_000_000),
    ("The army has 1.3 million troops.", 1_300_000),
    ("Pyongyang sent ten thousand soldiers.", 10_000),
    ("Pyongyang sent half a million shells.", 500_000),
    ("Pyongyang sent a thousand of its soldiers.", 1_000),
    ("The unit had three generals.", 3),
    ("They fired twenty-five missiles.", 25),
])
def test_number_forms(text: str, value: float) -> None:
    assert one(text).value == value


@pytest.mark.parametrize(("text", "qualifier"), [
    ("It sent about 10,000 soldiers.", "about"),
    ("It sent around 10,000 soldiers.", "around"),
    ("It sent approximately 12 000 troops.", "approximately"),
    ("It deployed up to 12,000 troops.", "up to"),
    ("More than 600 000 soldiers were killed and wounded.", "more than"),
    ("It sent 12,000 troops.", None),
])
def test_qualifiers(text: str, qualifier: str | None) -> None:
    figure = one(text)
    assert figure.qualifier == qualifier
    assert figure.approx is (qualifier is not None)


@pytest.mark.parametrize(("text", "quantity"), [
    ("It sent 10,000 soldiers.", "troops"),
    ("It sent 10,000 servicemen.", "troops"),
    ("It sent 10,000 military personnel.", "troops"),
    ("It sent 12,000 special forces soldiers to support Russia.", "troops"),
    ("More than 600 000 Russian soldiers were killed and wounded.", "casualties"),
    ("On 3 October, 6 North Korean officers were killed in Donbas.", "officers killed"),
    ("It includes 500 officers, including three generals.", "officers"),
    ("Kyiv shot down 36 drones over Sumy.", "drones"),
])
def test_quantities(text: str, quantity: str) -> None:
    assert extract_figures([text])[0].quantity == quantity


@pytest.mark.parametrize("text", [
    "On 19 June 2024, Putin paid his first visit to North Korea in 24 years.",
    "This is in accordance with Article 51 of the UN Charter.",
    "They arrived on October 8-13 and will fight on October 27-28.",
    "On 3 October the talks began.",
    "The 11th separate airborne assault brigade was formed.",
    "A 45-year-old man was wounded.",
    "Support rose to 60 percent.",
    "Thousands of containers of ammunition arrived.",
    "One of the world's largest armies.",
])
def test_not_figures(text: str) -> None:
    assert extract_figures([text]) == ()


def test_the_sentence_paragraph_and_source() -> None:
    figures = extract_figures([
        "No numbers here.",
        "According to Austin, North Korea has sent about 10,000 soldiers. Then it rained.",
        "According to The Times, their number is approaching 3 million, half of all shells.",
        "Air defence shot down 1,500 drones, Budanov said.",
    ])
    assert [(f.paragraph, f.cited) for f in figures] == [
        (1, "Austin"), (2, "The Times"), (3, "Budanov")]
    assert figures[0].sentence == "According to Austin, North Korea has sent about 10,000 soldiers."
    assert figures[0].text == "about 10,000 soldiers"
    assert (figures[1].quantity, figures[1].value) == ("shells", 3_000_000)


def demo_figures() -> dict[str, tuple[Figure, ...]]:
    md = new_renderer()
    return {e.slug: extract_figures(render_body(e.body, md).paragraphs)
            for e in load_entries(ROOT / "content").entries}


def test_the_demo_sources_disagree_on_troops() -> None:
    table = figures_table(demo_figures())
    troops = table["troops"]
    values = {(slug[:12], f.value, f.approx) for slug, f in troops}
    assert ("putin-will-n", 10_000, True) in values  # Austin, "about 10,000"
    assert ("russias-appe", 10_000, True) in values  # Austin, "around 10,000"
    assert ("pentagon-con", 12_000, True) in values  # "up to 12,000"
    assert ("the-pentagon", 12_000, False) in values  # "12,000 special forces soldiers"
    assert ("nato-secreta", 12_000, True) in values  # "approximately 12 000 troops"
    assert [f.value for _, f in troops] == sorted(f.value for _, f in troops)
    assert next(iter(table)) == "troops"  # the quantity most entries report comes first


def test_the_demo_single_source_figures() -> None:
    found = {(f.quantity, f.value) for figures in demo_figures().values() for f in figures}
    assert {("officers", 500), ("generals", 3), ("shells", 3_000_000),
            ("casualties", 600_000)} <= found


def test_table_keeps_only_what_can_be_compared() -> None:
    a = extract_figures(["It sent 10,000 soldiers and 3 generals."])
    b = extract_figures(["It sent about 10,000 troops, and 20 tanks. Later 30 tanks."])
    c = extract_figures(["About 10,000 soldiers. Indeed 10,000 soldiers."])
    table = figures_table({"b": b, "a": a, "c": c})
    assert list(table) == ["troops", "tanks"]  # generals: one source, one value
    assert [slug for slug, _ in table["troops"]] == ["a", "b", "c"]  # c's repeat counts once
    assert [f.value for _, f in table["tanks"]] == [20, 30]
