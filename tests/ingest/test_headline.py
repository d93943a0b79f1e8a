import pytest

from digest.ingest.headline import (
    TITLE_LIMIT,
    is_headline,
    is_subheading,
    sentence_ends,
    title_from_sentence,
)


@pytest.mark.parametrize(
    "line",
    [
        "Putin will not defeat Ukraine even with the help of North Korea",
        "Pentagon confirms Ukraine’s claim: North Korean troops now in Russia",
        "Russia's appeal for help to the DPRK shows the problems it faces – US Defense Secretary",
        "Zelensky: “We will not give up Kharkiv”",
        "U.S. Army sends more tanks to Poland",
    ],
)
def test_headlines(line: str) -> None:
    assert is_headline(line)


@pytest.mark.parametrize(
    "line",
    [
        "Rutte said this at a special briefing in Brussels.",
        "The talks are over:",
        "Background",  # too short for a headline
        "lower-case start is a broken-off line fragment",
        "US Secretary of Defense Lloyd Austin. Stock photo Getty Images",  # two sentences
        " ".join(["word"] * 26),
    ],
)
def test_not_headlines(line: str) -> None:
    assert not is_headline(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Background", True),
        ("Cooperation between the DPRK and Russia", True),
        ("Participation of the North Korean military in the war against Ukraine", True),
        ("The agreement explicitly provides for military assistance:", False),
        ("He left.", False),
        ("2024", False),
        ("on 19 June 2024 Putin visited Pyongyang", False),
        ("“A quote without its full stop”", False),
        (" ".join(["Word"] * 16), False),
    ],
)
def test_subheadings(line: str, expected: bool) -> None:
    assert is_subheading(line) is expected


def test_sentence_ends_skip_abbreviations_and_initials() -> None:
    text = "Mr. Smith met Gen. J. Doe in the U.S. on Monday. They talked! Then “it ended.” Fine."
    ends = sentence_ends(text)
    assert [text[:end].rsplit(" ", 1)[-1] for end in ends] == ["Monday.", "talked!", "ended.”"]


def test_title_is_the_first_sentence_without_its_full_stop() -> None:
    assert title_from_sentence("Rutte confirmed it. Troops were deployed.") == "Rutte confirmed it"
    assert title_from_sentence("Is this the end? Nobody knows.") == "Is this the end?"
    assert title_from_sentence("No full stop at all") == "No full stop at all"


def test_long_first_sentence_is_cut_at_a_word_with_an_ellipsis() -> None:
    sentence = " ".join(["troops"] * 40) + "."
    title = title_from_sentence(sentence)
    assert title.endswith("…") and len(title) <= TITLE_LIMIT
    assert title[:-1].split() == ["troops"] * len(title[:-1].split())
    assert title_from_sentence("x" * 300) == "x" * (TITLE_LIMIT - 1) + "…"
