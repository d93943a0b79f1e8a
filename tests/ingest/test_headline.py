import pytest

from digest.ingest.headline import (
    TITLE_LIMIT,
    is_headline,
    is_navigation,
    is_subheading,
    sentence_ends,
    title_from_first_line,
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
        ("Shr 85 cts vs 19 cts", True),
        ("No1 Yellow Soybeans         505-509", False),
        ("Wheat\t2.55\t2.40", False),
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


@pytest.mark.parametrize(
    "line",
    [
        "State Dept. drops more emails",  # abbreviations no list holds: a lower-case word
        "Clinton wins Puerto Rico amid Calif. fight",  # follows, so no sentence ends
        "Appel à plus de reformes politiques : Il faut rendre le vote obligatoire !",
    ],
)
def test_headlines_with_abbreviations_and_exclamations(line: str) -> None:
    assert is_headline(line, marked=True)


def test_a_question_is_a_headline_only_where_marked() -> None:
    question = "What would Donald Trump sound like if he had elocution lessons?"
    assert is_headline(question, marked=True)
    assert not is_headline(question)


@pytest.mark.parametrize(
    ("line", "title"),
    [
        # Wire datelines go; the lede's words stay.
        ("(Bloomberg) -- U.S. stocks fell as investors weighed valuations.",
         "U.S. stocks fell as investors weighed valuations"),
        ("WASHINGTON (Reuters) - The U.S. Senate passed the bill.",
         "The U.S. Senate passed the bill"),
        ("KYIV, Ukraine (AP) — Russian forces shelled Kharkiv.", "Russian forces shelled Kharkiv"),
        ("NEW YORK, Dec. 22 (UPI) -- Chelsea Clinton announced a child.",
         "Chelsea Clinton announced a child"),
        ("Philadelphia (AFP) – US President Barack Obama will speak.",
         "US President Barack Obama will speak"),
        ("Sen. Lindsey Graham (R-SC) - a candidate - spoke.",
         "Sen. Lindsey Graham (R-SC) - a candidate - spoke"),
        # A short line is a headline pasted with its stops: kept whole.
        ("Virginian could make history. Again.", "Virginian could make history. Again"),
        ("Black Girls Rock! Is The Ultimate Celebration Of Sisterhood.",
         "Black Girls Rock! Is The Ultimate Celebration Of Sisterhood"),
        ("EXCLUSIVE – Roger Stone: Don’t Trust the Voting Machines.",
         "EXCLUSIVE – Roger Stone: Don’t Trust the Voting Machines"),
        ("Issa: Hillary Clinton’s ‘Honesty Is In Question.’",
         "Issa: Hillary Clinton’s ‘Honesty Is In Question’"),
        ("Sanders and Clinton see black votes as key in S.C.",
         "Sanders and Clinton see black votes as key in S.C."),
    ],
)
def test_title_from_a_first_line(line: str, title: str) -> None:
    assert title_from_first_line(line) == title


def test_a_long_first_line_gives_its_first_sentence_without_the_dateline() -> None:
    lede = ("WASHINGTON — The State Department said Monday it is reviewing nearly 15,000 "
            "previously undisclosed emails recovered by the FBI. Lawyers told the judge so.")
    assert title_from_first_line(lede) == ("The State Department said Monday it is reviewing "
                                           "nearly 15,000 previously undisclosed emails "
                                           "recovered by the FBI")


@pytest.mark.parametrize(
    "line",
    [
        "News Feed, Ukraine, Russia, War",
        "Home | World | Europe | Ukraine",
        "FinancialGovernment SolutionsLegalReuters News AgencyRisk Management SolutionsTax",
    ],
)
def test_menus_are_no_headlines(line: str) -> None:
    assert is_navigation(line)
    assert not is_headline(line, marked=True)


@pytest.mark.parametrize(
    "line",
    [
        "Sheriff’s Office / Jail Lobbies Reopened, Normal Operations Resumed",
        "McCain and DeSantis trade barbs over YouTube ads",
    ],
)
def test_headlines_with_slashes_and_inner_capitals_are_no_menus(line: str) -> None:
    assert not is_navigation(line)
    assert is_headline(line)
