"""Hard wraps undone by the shape of the text; a paragraph a line left as it is."""

import pytest

from digest.ingest.unwrap import logical_lines, wrap_width

HEADER = 25  # lines at the top where date lines are read

_PROSE = (
    "The ministers met in the capital on Tuesday to discuss the\n"
    "budget, which the Senate had passed after a long debate that\n"
    "lasted into the night. Leaders of both parties said the vote\n"
    "was closer than expected, and that the talks would go on in\n"
    "April.\n"
)


def test_a_hard_wrapped_text_has_its_width() -> None:
    assert wrap_width(_PROSE.splitlines()) == 60
    assert logical_lines(_PROSE.splitlines(), HEADER) == [" ".join(_PROSE.split())]


@pytest.mark.parametrize(
    "text",
    [
        # A paragraph a line, as web copy is pasted.
        "Envoys met in Geneva on Wednesday, the first talks since March.\n"
        "The agenda has three items and a long list of conditions both sides set.\n"
        "Officials called the mood cautious but serious.\n",
        # Headlines of a news feed: of one width, no stops, but each starts with a capital.
        "Senate passes the budget after a long night\nTrump holds a rally in Ohio on Monday\n"
        "Biden wins the Michigan primary by a mile\nMarkets fall as the dollar gains again\n",
        # Too few breaks to tell a width.
        "A headline about something important\nJane DoeFriday, 25 October 2024\nBody text.\n",
    ],
)
def test_line_breaks_that_end_paragraphs_are_kept(text: str) -> None:
    assert wrap_width(text.splitlines()) is None
    assert logical_lines(text.splitlines(), HEADER) == text.splitlines()


def test_a_word_broken_at_its_hyphen_is_joined_without_a_space() -> None:
    text = _PROSE.replace("long debate", "long-\nterm debate")
    assert "after a long-term debate that lasted" in logical_lines(text.splitlines(), HEADER)[0]


def test_list_items_bylines_and_date_lines_stand_on_their_own() -> None:
    raw = [*_PROSE.splitlines()[:-1], "- the first item of a list that is long enough to",
           "wrap onto a second line", "By Jane Doe", "3 March 1987 10:00"]
    lines = logical_lines(raw, HEADER)
    assert lines[-3:] == ["- the first item of a list that is long enough to wrap onto a second "
                          "line", "By Jane Doe", "3 March 1987 10:00"]


def test_blank_lines_and_indents_end_paragraphs() -> None:
    # The first paragraph's last line is full to the width: only the break tells.
    first = [*_PROSE.splitlines()[:3],
             "was closer than expected, and that talks would go on in May."]
    second = ["Arrivals for the week ended February 22 were 155,221 bags of",
              "60 kilos, against 5.81 at the same stage last year."]
    expected = [" ".join(first), " ".join(second)]
    assert logical_lines([*first, "", *second], HEADER) == expected
    assert logical_lines([*first, "    " + second[0], second[1]], HEADER) == expected


def test_a_lone_wrapped_paragraph_ending_the_text_is_joined() -> None:
    raw = ["LINCOLN, Neb., June 18 - Lincoln Telecommunications Corp said",
           "its board raised the quarterly dividend and voted a two-for-one",
           "stock split, payable July 15 to holders of record June 30."]
    assert logical_lines(["HEADLINE", "", *raw], HEADER) == ["HEADLINE", " ".join(raw)]
