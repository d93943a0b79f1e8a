"""Tell headlines and subheadings from body text, and make a title from a first line.

Web copy loses all markup, so a headline is recognised by shape alone: a
short standalone line that does not end like a sentence.
"""

from __future__ import annotations

import re

TITLE_LIMIT = 140

# Words whose trailing dot is no full stop: "Mr. Smith", "Gen. Syrskyi".
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "maj", "prof", "jr",
        "sr", "vs", "etc", "no", "gov", "sen", "rep", "inc", "ltd", "co", "corp", "approx", "fig",
        "e.g", "i.e",
    }
)
# Anchored at the start of a word so that scanning stays linear on long tokens.
_SENTENCE_END = re.compile(
    r"(?<!\S)(?P<word>\S*?)(?P<stop>[.!?…]+)[\"”’»)\]]*(?=\s+[\"“‘«(\[]?(?P<next>\w))"
)
_CLOSERS = "\"”’'»)]"
# A full stop that ends the text, perhaps inside closing quotes or brackets; not the
# last dot of an ellipsis ("...").
_FINAL_STOP = re.compile(r"(?<!\.)\.(?=[\"”’'»)\]]*\s*$)")
# A wire story's dateline and agency before its lede: "(Bloomberg) -- ",
# "WASHINGTON (Reuters) - ", "KYIV, Ukraine (AP) — ", "NEW YORK, Dec. 22 (UPI) -- ";
# not a politician's party and state ("Graham (R-SC) - ...").
_PLACE = r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?:, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?)?"
_DASH = r"\s*(?:--|[-–—])\s+(?=\S)"
_WIRE_DATELINE = re.compile(
    rf"^(?:{_PLACE}(?:, [A-Z][a-z]{{2,8}}\.? \d{{1,2}})? )?\((?![DRI]-)[A-Z][\w&.'’ -]{{1,30}}\)"
    + _DASH
)
# A dateline without an agency, "NASHUA, N.H. - ": capitals only for the place, so that a
# sentence ("The Senate - a body...") is never cut.
_CAPS_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?)?" + _DASH
)
_NAV_SEPARATOR = re.compile(r"\s*[,|/›»>•·]\s*")
# A word run into the next by a copy that lost the space between two links: three lower-
# case letters, then a capital ("FinancialGovernment"; not "McCain", "DeSantis").
_GLUED_WORDS = re.compile(r"[a-zà-ÿ]{3}(?=[A-ZÀ-Ý][a-zà-ÿ])")
_TRAILING_JOINERS = " ,;:–—-"
# Columns of plain text are set apart by runs of spaces or a tab.
_COLUMNS = re.compile(r"\S(?: {3,}|\t)\S")
_ELLIPSIS = "…"


def sentence_ends(text: str) -> list[int]:
    """Offsets just past each sentence end that is followed by more text."""
    ends: list[int] = []
    for match in _SENTENCE_END.finditer(text):
        word = match.group("word").lstrip("\"“‘«([").lower()
        # A sentence starts with a capital: "State Dept. drops more emails", "amid Calif.
        # fight" have abbreviations no list could hold.
        abbreviated = match.group("stop") == "." and (
            word in _ABBREVIATIONS or "." in word or (len(word) == 1 and word.isalpha())
            or match.group("next").islower()
        )
        if not abbreviated:
            ends.append(match.end())
    return ends


def is_headline(line: str, *, marked: bool = False, shortest: int = 4) -> bool:
    """A short line, not lower-case at the start, one clause, without a final full stop,
    and not a menu.

    `marked`: where nothing else could be the headline (at the top, or just above the
    article's date line), it may end with "!" or "?" and hold several sentences ("Game
    over. Will Sanders come down?"). Elsewhere such a line is more often the story's own.
    `shortest`: the fewest words; fewer are a caption, a label or a menu item anywhere
    but where only the headline can stand.
    """
    core = line.rstrip(_CLOSERS)
    return (
        shortest <= len(line.split()) <= (30 if marked else 25)
        and len(line) <= 200
        and bool(core)
        and (core[-1].isalnum() or (marked and core[-1] in "!?"))
        and not line[0].islower()
        and (marked or not sentence_ends(line))
        and not is_navigation(line)
    )


def is_navigation(line: str) -> bool:
    """A menu, breadcrumb or tag list: "News Feed, Ukraine, Russia, War", "Home | World |
    Europe", or link texts glued together by the copy ("SolutionsLegalReuters News
    AgencyRisk Management", "Become a patronSupport Kyiv IndependentSave Ukrainian media")."""
    parts = [part for part in _NAV_SEPARATOR.split(line) if part]
    if len(parts) >= 3 and all(len(part.split()) <= 2 for part in parts):
        return True
    return len(_GLUED_WORDS.findall(line)) >= 2


def is_subheading(line: str) -> bool:
    """A body line short and unpunctuated enough to be a section heading, and not a row of
    a table laid out in columns ("Bahia   1,810")."""
    return (
        _COLUMNS.search(line) is None
        and len(line.split()) <= 15
        and len(line) <= 120
        and line[-1].isalnum()
        and any(char.isalpha() for char in line)
        and not line[0].islower()
        and not sentence_ends(line)
    )


def without_final_stop(text: str) -> str:
    """"Talks resume." -> "Talks resume", also inside quotes ("‘Disqualifying.’"), as
    headlines are written; but an initialism keeps its dot ("key in S.C.")."""
    text = text.strip()
    last = text.rstrip(_CLOSERS).rsplit(None, 1)[-1] if text.strip(_CLOSERS) else ""
    if "." in last.rstrip("."):
        return text
    return _FINAL_STOP.sub("", text, count=1)


def title_from_first_line(line: str, limit: int = TITLE_LIMIT) -> str:
    """A title for an article with no headline line: its first line whole when it is short
    (a headline pasted with full stops of its own: "Game over. Will Sanders come down?"),
    else the line's first sentence; never the wire dateline before a lede."""
    line = _WIRE_DATELINE.sub("", line.strip(), count=1)
    whole = without_final_stop(line)
    if len(whole) <= limit:
        return whole
    # A lede: a capitalised run before a dash is its dateline, not a kicker ("EXCLUSIVE –").
    return title_from_sentence(_CAPS_DATELINE.sub("", line, count=1), limit)


def title_from_sentence(paragraph: str, limit: int = TITLE_LIMIT) -> str:
    """The paragraph's first sentence without its full stop, cut at a word if too long."""
    ends = sentence_ends(paragraph)
    sentence = paragraph[: ends[0]] if ends else paragraph
    sentence = without_final_stop(sentence)
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1]
    head, space, _ = cut.rpartition(" ")
    # Drop a cut-off last word, unless that throws most of the text away.
    if not sentence[limit - 1].isspace() and space and len(head) >= limit // 2:
        cut = head
    return cut.rstrip(_TRAILING_JOINERS) + _ELLIPSIS
