"""Pronoun sources: the last speaker or the last person named, when the gender agrees."""

from __future__ import annotations

from digest.extract.pronouns import Referents, title_gender
from digest.extract.quotes import extract_quotes


def speakers(paragraphs: list[str]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(paragraphs) if q.kind == "direct"]


def test_titles_say_a_gender_and_neutral_ones_do_not() -> None:
    assert title_gender("spokeswoman") == "f"
    assert title_gender("Mrs.") == "f"
    assert title_gender("House Speaker congressman") == "m"
    assert title_gender("King") == "m"
    assert title_gender("spokesperson") is None
    assert title_gender("Prime Minister") is None


def test_she_skips_the_last_speaker_when_he_is_a_man() -> None:
    paragraphs = [
        "Spokeswoman Jane Roe defended the plan on Monday. Senator John Doe attacked it.",
        '"It is wrong," he said.',
        '"It is right," she said.',
    ]
    assert speakers(paragraphs) == [("It is wrong", "John Doe"), ("It is right", "Jane Roe")]


def test_a_pronoun_with_no_one_named_before_it_stays_unknown() -> None:
    assert speakers(['"It is wrong," he said.']) == [("It is wrong", None)]


def test_referents_follow_the_order_of_mentions() -> None:
    referents = Referents()
    referents.paragraph([(0, "Ann Lee"), (30, "Bo Chan")])
    assert referents.resolve(20, "she", None) == "Ann Lee"
    assert referents.resolve(40, "he", None) == "Bo Chan"
    referents.paragraph([])
    assert referents.resolve(5, "he", "Ann Lee") == "Ann Lee"  # no gender known: the speaker
