from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from digest.ingest.boilerplate import compile_patterns
from digest.ingest.text import TextArticle, escape_markdown, extract_article
from digest.model import EntryDate

SEEDS = Path(__file__).parents[2] / "seeds"
FIXTURES = Path(__file__).parents[1] / "fixtures" / "raw"


def seed(number: str) -> TextArticle:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return extract_article(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("number", "title", "guessed"),
    [
        ("000", "Putin will not defeat Ukraine even with the help of North Korea", False),
        ("001", "Russia's appeal for help to the DPRK shows the problems it faces – "
                "US Defense Secretary", False),
        ("002", "Pentagon confirms Ukraine’s claim: North Korean troops now in Russia", False),
        ("003", "The Pentagon has confirmed that DPRK troops are in Russia: "
                "this is a very serious problem", False),
        ("004", "NATO Secretary General Mark Rutte confirmed the participation of the North "
                "Korean military in Russiaʼs war against Ukraine", True),
    ],
)
def test_seed_titles(number: str, title: str, guessed: bool) -> None:
    article = seed(number)
    assert (article.title, article.title_guessed) == (title, guessed)
    if not guessed:
        assert all(title not in paragraph for paragraph in article.paragraphs)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("000", EntryDate(date(2024, 10, 30))),
        ("001", EntryDate(date(2024, 10, 31), datetime(2024, 10, 31, 11, 40))),
        ("002", None),
        ("003", EntryDate(date(2024, 10, 23), datetime(2024, 10, 23, 16, 12))),
        ("004", EntryDate(date(2024, 10, 28))),
    ],
)
def test_seed_dates(number: str, expected: EntryDate | None) -> None:
    assert seed(number).date == expected


@pytest.mark.parametrize(
    ("number", "author"),
    [("000", None), ("001", "Iryna Kutielieva"), ("002", None), ("003", None), ("004", None)],
)
def test_seed_authors(number: str, author: str | None) -> None:
    assert seed(number).author == author


def test_seed_001_header_lines_leave_the_body() -> None:
    body = seed("001").paragraphs
    assert body[0].startswith("US Secretary of Defense Lloyd Austin believes")
    assert body[1].startswith("Source: Austin during a press conference")
    joined = "\n".join(body)
    for gone in ("All Sections", "Kutielieva", "Getty Images", "date 2024"):
        assert gone not in joined


def test_seed_001_background_heading_and_one_bullet_list() -> None:
    body = seed("001").paragraphs
    assert body[-2] == "## Background"
    items = body[-1].split("\n")
    assert len(items) == 3 and all(item.startswith("- ") for item in items)
    assert items[0].startswith("- Earlier, the Pentagon confirmed")


def test_seed_002_appeal_and_footer_are_removed() -> None:
    body = seed("002").paragraphs
    assert body[-1] == ("In response to these developments, South Korea has indicated it might "
                        "consider providing weapons to Ukraine.")
    assert any("in June 2024." in paragraph for paragraph in body)


def test_seed_003_keeps_telegram_sentence_and_drops_follow_line() -> None:
    body = seed("003").paragraphs
    assert any("posted on Telegram that North Korean soldiers" in p for p in body)
    assert not any("Follow us" in p for p in body)
    assert "## Cooperation between the DPRK and Russia" in body
    assert not any("23 October 2024 16:12" in p for p in body)


@pytest.mark.parametrize(
    ("number", "heading"),
    [
        ("000", "## The North Korean military is already in Ukraine"),
        ("004", "## Participation of the North Korean military in the war against Ukraine"),
    ],
)
def test_seed_subheadings(number: str, heading: str) -> None:
    assert heading in seed(number).paragraphs


def test_seed_lede_stays_and_prefix_goes() -> None:
    assert seed("000").paragraphs[0].startswith("The illegitimate president of Russia")
    assert seed("004").paragraphs[0].startswith("NATO Secretary General Mark Rutte confirmed")


def test_another_outlets_layout() -> None:
    article = extract_article((FIXTURES / "outlet_byline.txt").read_text(encoding="utf-8"))
    assert article.title == "Ceasefire Talks Resume in Geneva as Envoys Meet"
    assert not article.title_guessed
    assert article.author == "Jane Doe and John Smith"
    assert article.date == EntryDate(date(2024, 10, 23), datetime(2024, 10, 23, 16, 12))
    assert article.paragraphs == (
        "Envoys met in Geneva on Wednesday, the first talks since March 12, 2024.",
        "The agenda, according to a draft seen by reporters, has three items:",
        "- prisoner exchanges\n- grain shipments\n- a monitoring mission",
        "## What comes next",
        'The next round is due in November. Officials called the mood "cautious\\_but\\_serious" '
        "& \\<calm>.",
    )


def test_empty_and_blank_text() -> None:
    empty = TextArticle(None, False, None, None, ())
    assert extract_article("") == empty
    assert extract_article(" \n\t\n\u200b\n") == empty


@pytest.mark.parametrize("text", [".", "...\nMore.", "- ."])
def test_a_first_line_of_stops_alone_is_still_a_title_to_review(text: str) -> None:
    article = extract_article(text)
    assert article.title and article.title_guessed


def test_headline_after_a_lede() -> None:
    article = extract_article(
        "The minister spoke on Monday. He was calm.\n\nTalks with the allies will go on\n\n"
        "More text follows here.")
    assert article.title == "Talks with the allies will go on"
    assert article.paragraphs == ("The minister spoke on Monday. He was calm.",
                                  "More text follows here.")


def test_headline_is_not_searched_deep_in_the_body() -> None:
    text = "First one.\nSecond one.\nThird one.\nA short line without a stop\nFifth one."
    article = extract_article(text)
    assert (article.title, article.title_guessed) == ("First one", True)
    assert "## A short line without a stop" in article.paragraphs


def test_date_mid_sentence_or_outside_the_header_is_ignored() -> None:
    assert extract_article("On 23 October 2024 the ministry said more.\nText.").date is None
    late = "\n".join(f"Sentence number {n}." for n in range(10)) + "\n23 October 2024\n"
    assert extract_article(late).date is None


def test_date_label_prefers_published() -> None:
    text = "A headline about something important\nUpdated: 25.10.2024\nPublished: 23.10.2024\nText."
    assert extract_article(text).date == EntryDate(date(2024, 10, 23))


@pytest.mark.parametrize(
    ("header", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("Author: Jane Doe", "Jane Doe"),
        ("Jane DoeFriday, 25 October 2024", "Jane Doe"),
        ("Jane Doe | 25 October 2024", "Jane Doe"),
        ("About The Author", None),
        ("By the end of the week the talks had stalled.", None),
    ],
)
def test_author_forms(header: str, author: str | None) -> None:
    article = extract_article(f"A headline about something important\n{header}\nBody text.")
    assert article.author == author
    if author:
        assert article.paragraphs == ("Body text.",)


def test_a_colon_line_introducing_text_is_no_heading() -> None:
    article = extract_article("Lede one.\n\nThe statement reads:\n\nWe will win.")
    assert article.paragraphs == ("Lede one.", "The statement reads:", "We will win.")


def test_a_short_last_line_is_no_heading() -> None:
    assert extract_article("Lede one.\nJane Doe").paragraphs[-1] == "Jane Doe"


def test_bullets_separated_by_blank_lines_form_one_list() -> None:
    article = extract_article("Lede one.\n\n• first\n\n- second\n\n* third\nAfter.")
    assert article.paragraphs == ("Lede one.", "- first\n- second\n- third", "After.")


def test_escaping_keeps_text_literal() -> None:
    article = extract_article("Lede one.\n# not a heading.\n1. not a list.\n> no quote.\n"
                              "a *b* _c_ `d` [e](f) <i>x</i> &amp;")
    assert article.paragraphs[1:] == (
        "\\# not a heading.", "1\\. not a list.", "\\> no quote.",
        "a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<i>x\\</i> \\&amp;",
    )


def test_quotes_dashes_and_apostrophes_are_unchanged() -> None:
    line = "“Russiaʼs war” — it’s ‘bad’ – \"very\"."
    assert extract_article(f"Lede one.\n{line}").paragraphs[1] == line


def test_user_boilerplate_patterns_apply() -> None:
    text = "Lede one.\nThis is a Kyiv Post exclusive.\nBody."
    assert extract_article(text).paragraphs == (
        "Lede one.", "This is a Kyiv Post exclusive.", "Body.")
    patterns = compile_patterns(["kyiv post exclusive"])
    assert extract_article(text, patterns).paragraphs == ("Lede one.", "Body.")


_MD = MarkdownIt("js-default")


def _rendered_text(markdown: str) -> str:
    (inline,) = [token for token in _MD.parse(markdown) if token.type == "inline"]
    return "".join(child.content for child in inline.children or ())


@settings(max_examples=300)
@given(st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))).map(str.strip)
       .filter(lambda s: bool(s)))
def test_escaped_text_renders_as_written(line: str) -> None:
    assert _rendered_text(escape_markdown(line)) == line


_PIECES = st.sampled_from([
    "", " ", "\n", "\n\n", "•", "• item", "- ", "#", "date 2024-10-31 ", "By Jane Doe",
    "Thursday, 31 October 2024, 11:40", "Follow us on Telegram", "Background",
    "A headline with enough words here", "It ended.", "Photo: Reuters", "\u200b", "\ufeff",
])


@settings(max_examples=300)
@given(st.lists(st.one_of(st.text(), _PIECES)).map("".join))
def test_never_raises_and_never_returns_an_empty_paragraph(text: str) -> None:
    article = extract_article(text)
    assert all(paragraph.strip() for paragraph in article.paragraphs)
    assert article.title is None or article.title.strip()


def test_a_headline_broken_at_its_semicolon_is_one_title() -> None:
    article = extract_article(
        "Jobs report gives Democrats a lift; \n"
        "Solid upturn, with a rise in hourly earnings, could blunt Republican claims.\n\n"
        "A more tangible economic upswing could help Democrats keep the White House.\n")
    assert article.title == ("Jobs report gives Democrats a lift; Solid upturn, with a rise in "
                             "hourly earnings, could blunt Republican claims")


def test_a_wire_lede_gives_a_title_without_its_dateline_and_keeps_it_in_the_body() -> None:
    lede = ("(Bloomberg) — U.S. stocks fell, after equity gauges dropped from records, as "
            "investors weighed valuations before the start of the earnings season.")
    article = extract_article(f"{lede}\nDelta Air Lines Inc. slid 4.5 percent.\n")
    assert article.title == lede[len("(Bloomberg) — "):-1]
    assert article.title_guessed
    assert article.paragraphs[0] == lede


def test_an_abbreviation_does_not_cut_a_headline() -> None:
    article = extract_article("State Dept. ordered to review 15,000 Clinton emails\n\n"
                              "A federal judge on Monday ordered the review.\n")
    assert article.title == "State Dept. ordered to review 15,000 Clinton emails"
    assert not article.title_guessed


def test_the_headline_is_the_line_above_the_date_line_below_a_menu() -> None:
    article = extract_article(
        "Reuters Photojournalism\n\nOur day's top images. See more | Photo caption\n\n"
        "Photo\n\nSponsored Links\n\nSenate falls short of 70-vote goal on immigration bill\n\n"
        "Related Topics\n\nWASHINGTON | Thu Jun 27, 2013 4:38pm EDT\n\n"
        "WASHINGTON (Reuters) - The U.S. Senate's vote fell two votes short.\n")
    assert article.title == "Senate falls short of 70-vote goal on immigration bill"
    assert not article.title_guessed
    assert article.date == EntryDate(date(2013, 6, 27), datetime(2013, 6, 27, 16, 38))


def test_a_headline_ending_like_a_sentence_above_the_date_line() -> None:
    article = extract_article(
        "TheAlbaniaTime\n\n“Berisha closes the door”: No cooperation. The deadline is over!\n\n"
        "2026-01-30 - 12:57\n\nThe leader of the opposition spoke on Friday.\n")
    assert article.title == "“Berisha closes the door”: No cooperation. The deadline is over!"
    assert article.date is not None and article.date.day == date(2026, 1, 30)


def test_a_page_title_with_the_site_name_gives_way_to_the_headline() -> None:
    article = extract_article(
        "October 25, 2024, presidential campaign news | CNN Politics\n\n"
        "October 25, 2024, presidential campaign news\n\nWhat we covered here.\n")
    assert article.title == "October 25, 2024, presidential campaign news"


def test_the_header_runs_past_a_copied_page_menu_to_the_date_line() -> None:
    furniture = "\n".join(["Share on:", "Save this article", "Like this article 0",
                           "Freedom of speech is not free!", "Donations are deductible",
                           "Do not forget to give!", "Give now", "Menu bar", "Sections list"])
    article = extract_article(f"Why you should vote on Sunday\n{furniture}\n"
                              "Why you should vote on Sunday\nPublié le 4 mai 2012\n"
                              "On Sunday, we choose a president.\n")
    assert article.date == EntryDate(date(2012, 5, 4))
    assert article.title == "Why you should vote on Sunday"


def test_a_line_of_bare_names_beside_the_date_is_the_byline_and_the_deck_is_no_title() -> None:
    article = extract_article(
        "Notifications can be managed in browser preferences.\n\n"
        "Ukraine-Russia war latest: Zelensky says the war can be stopped in 2025\n\n"
        "Ukrainian president calls on European countries to invest in weapons\n\n"
        "Arpan Rai,Tom Watling\nThursday 10 October 2024 06:46\nComments\n\n"
        "Ukrainian president Volodymyr Zelensky says he believes Kyiv can end the war.\n")
    assert article.title == ("Ukraine-Russia war latest: Zelensky says the war can be stopped "
                             "in 2025")
    assert article.author == "Arpan Rai,Tom Watling"
    assert article.date == EntryDate(date(2024, 10, 10), datetime(2024, 10, 10, 6, 46))


def test_a_headline_naming_a_day_at_the_top_is_the_title_not_a_byline() -> None:
    article = extract_article("City Council Roundup Jan 8 2024\n\n"
                              "The January 8th City Council Meeting began quietly.\n")
    assert (article.title, article.date, article.author) == (
        "City Council Roundup Jan 8 2024", None, None)


def test_the_issues_examples_of_messy_copy() -> None:
    byline = extract_article("Politics / Jane Roe / 2024-10-25 03:47:50\n"
                             "Talks resume in Geneva as envoys meet\n\nEnvoys met on Friday.\n")
    assert (byline.title, byline.author) == ("Talks resume in Geneva as envoys meet", "Jane Roe")
    assert byline.date == EntryDate(date(2024, 10, 25), datetime(2024, 10, 25, 3, 47, 50))
    menu = extract_article("News Feed, Ukraine, Russia, War\n"
                           "Kyiv says talks with allies will go on\n\nText of the story.\n")
    assert menu.title == "Kyiv says talks with allies will go on"
    wire = extract_article("(Bloomberg) -- President Biden said on Monday that talks go on.\n"
                           "More text of the story follows here.\n")
    assert wire.title == "President Biden said on Monday that talks go on"


def test_an_all_caps_headline_above_the_date_line_is_the_title_not_a_byline() -> None:
    headline = "LINCOLN TELECOMMUNICATIONS RAISES DIVIDEND, VOTES TWO-FOR-ONE SPLIT"
    article = extract_article(f"{headline}\n\n18 June 1987 09:24\n")
    assert (article.title, article.title_guessed, article.author) == (headline, False, None)
    assert article.date == EntryDate(date(1987, 6, 18), datetime(1987, 6, 18, 9, 24))


def test_a_short_headline_at_the_top_above_the_date_line_is_the_title() -> None:
    article = extract_article("BAHIA COCOA REVIEW\n\n26 February 1987 15:01\n\n"
                              "SALVADOR, Feb 26 - Showers continued throughout the week.\n")
    assert (article.title, article.title_guessed, article.author) == (
        "BAHIA COCOA REVIEW", False, None)
    assert article.paragraphs == ("SALVADOR, Feb 26 - Showers continued throughout the week.",)


def test_a_headline_below_the_date_line_with_nothing_above_is_no_byline() -> None:
    article = extract_article("30 March 1987 10:30\n\n"
                              "BRAZIL BANK STRIKE CONTINUES, STOCK MARKET CLOSED\n")
    assert (article.title, article.author) == (
        "BRAZIL BANK STRIKE CONTINUES, STOCK MARKET CLOSED", None)


@pytest.mark.parametrize(
    ("byline", "author"),
    [("Jane Doe", "Jane Doe"), ("By JANE DOE", "JANE DOE"), ("JANE DOE", "JANE DOE")],
)
def test_a_byline_below_the_headline_beside_the_date_line_is_still_the_author(
    byline: str, author: str
) -> None:
    article = extract_article(f"Senate passes the budget after a long night\n{byline}\n"
                              "3 March 1987 10:00\n\nThe Senate passed the budget.\n")
    assert (article.title, article.author) == (
        "Senate passes the budget after a long night", author)
    assert article.paragraphs == ("The Senate passed the budget.",)


def test_a_hard_wrapped_paragraph_is_one_paragraph_and_no_heading() -> None:
    article = extract_article(
        "Senate passes the budget\n\n3 March 1987 10:00\n\n"
        "The Senate passed the budget on Tuesday after a long\n"
        "debate that lasted into the night, leaders said.\n\nThe vote was 51 to 49.\n")
    assert article.title == "Senate passes the budget"
    assert article.paragraphs == (
        "The Senate passed the budget on Tuesday after a long debate that lasted into the "
        "night, leaders said.",
        "The vote was 51 to 49.",
    )


_WRAPPED = """\
BAHIA COCOA REVIEW

26 February 1987 15:01

SALVADOR, Feb 26 - Showers continued throughout the week in
the Bahia cocoa zone, alleviating the drought since early
January and improving prospects for the coming temporao,
although normal humidity levels have not been restored,
Comissaria Smith said in its weekly review.

The dry period means the temporao will be late this year.

Arrivals for the week ended February 22 were 155,221 bags
of 60 kilos making a cumulative total for the season of 5.93
mln against 5.81 at the same stage last year. Again it seems
that cocoa delivered earlier on consignment was included in the
arrivals figures.
"""


def test_a_hard_wrapped_file_is_read_one_paragraph_per_block() -> None:
    # Lines broken before capitals ("early" / "January") and after a full stop
    # ("last year." / "Again") continue the paragraph: the lines are full to the width.
    article = extract_article(_WRAPPED)
    blocks = [" ".join(block.split()) for block in _WRAPPED.split("\n\n")[2:]]
    assert article.paragraphs == tuple(blocks)
    assert article.title == "BAHIA COCOA REVIEW"


def test_short_lines_inside_a_hard_wrapped_file_keep_their_breaks() -> None:
    text = _WRAPPED + "\nPrices, in dlrs per tonne:\n Bahia   1,810\n Ghana   1,900\n"
    article = extract_article(text)
    assert article.paragraphs[-3:] == (
        "Prices, in dlrs per tonne:", "Bahia   1,810", "Ghana   1,900")


def test_an_indented_line_in_a_hard_wrapped_file_starts_a_paragraph() -> None:
    text = _WRAPPED.replace("\n\nThe dry period", "\n    The dry period")
    assert "The dry period means the temporao will be late this year." in (
        extract_article(text).paragraphs)


def test_web_copy_with_one_paragraph_a_line_keeps_its_paragraphs() -> None:
    lines = [
        "Envoys met in Geneva on Wednesday, the first talks since March.",
        "The agenda, according to a draft seen by reporters, has three items and a long "
        "list of conditions that both sides have set.",
        "Officials called the mood cautious but serious.",
        "What comes next",
        "The next round is due in November, when the envoys meet again in Geneva.",
    ]
    article = extract_article("Ceasefire talks resume in Geneva as envoys meet\n"
                              + "\n".join(lines) + "\n")
    assert article.paragraphs == (*lines[:3], "## What comes next", lines[4])


def test_a_line_ending_mid_sentence_before_a_lower_case_line_continues() -> None:
    article = extract_article("Lede one.\n\nThe minister said the talks would go on\n"
                              "until the end of the week.\n\nAnother paragraph.\n")
    assert article.paragraphs == (
        "Lede one.", "The minister said the talks would go on until the end of the week.",
        "Another paragraph.")


def test_a_paragraph_a_line_keeps_a_heading_above_a_lower_case_paragraph() -> None:
    # Copy with a paragraph a line: a line in lower case is a typo, not a wrap.
    article = extract_article("Talks with the allies will go on\nLede one.\n"
                              "Cooperation between the two states\n"
                              "on 19 June, the president paid his first visit.\nMore.\n")
    assert article.paragraphs == (
        "Lede one.", "## Cooperation between the two states",
        "on 19 June, the president paid his first visit.", "More.")
