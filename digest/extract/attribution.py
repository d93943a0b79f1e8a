"""Who said it: speech verbs, the noun phrases that name a source, and resolving them.

A source is written as a name ("Lloyd Austin", "Austin"), a role with a name ("US
Secretary of Defense Lloyd Austin"), a role alone ("the NATO Secretary General"), a
pronoun ("he") or something that is not a person ("Reuters", "Western intelligence").
An `Article` first learns the names and roles the article gives people, then resolves
a source to a canonical name, or to None when the text does not say who: a lone
surname no full name explains, a role two people hold, an organisation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from digest.link.people import People, role_key


def words_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = words_set("""
    say says said stated states add adds added writes wrote warns warned stresses
    stressed emphasises emphasised emphasizes emphasized tells told notes noted believes
    believed confirms confirmed calls called claims claimed mentions mentioned posts
    posted announces announced declares declared explains explained insists insisted
    argues argued suggests suggested reports reported alleges alleged denies denied
    admits admitted acknowledges acknowledged replies replied asks asked recalls
    recalled remarks remarked indicates indicated thinks commented comments underlines
    underlined underscores underscored assures assured promises promised urges urged
    tweets tweeted observes observed reveals revealed concludes concluded continued
    describes described
""")
# Verbs that report a claim when a clause follows ("X added that ..."); calling on,
# asking and urging someone report a request, not a claim.
CLAIM_VERBS = SPEECH_VERBS - words_set("""
    calls called asks asked urges urged promises promised continued describes described
""")
# These report a claim even with a plain object: "Rutte confirmed the participation of ...".
OBJECT_VERBS = words_set("""
    confirms confirmed denies denied announces announced reports reported admits
    admitted acknowledges acknowledged reveals revealed
""")
VERB_RE = re.compile(
    r"\b(?:pointed out|points out|" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
    + r")\b", re.IGNORECASE)

PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
ROLE_HEADS = words_set("""
    secretary minister president chancellor premier general chief head leader spokesman
    spokeswoman spokesperson director commander ambassador adviser advisor envoy
    official governor mayor senator chairman chairwoman chair king queen prosecutor
    representative colonel admiral marshal lieutenant captain sergeant analyst expert
    professor correspondent editor founder ceo lawmaker congressman congresswoman mp pm
    speaker pope prince princess emir ombudsman commissioner diplomat officer deputy
    economist coach judge forecaster scientist researcher doctor lawyer attorney activist
    journalist reporter historian author writer actor actress singer manager executive chef
    teacher resident witness student candidate negotiator investigator inspector detective
    surgeon nurse engineer architect artist musician producer critic columnist blogger
    presenter anchor priest rabbi imam cardinal scholar strategist consultant campaigner
    organiser organizer volunteer soldier veteran pilot sheriff constable entrepreneur
""")
_HEAD_KEYS = frozenset(role_key(" ".join(ROLE_HEADS)))
ROLE_MODIFIERS = words_set("""
    former acting foreign defense defence intelligence military army press security
    state national senior top government opposition party police navy regional
    presidential interior prime vice first interim armed forces staff
    finance economy economic health justice education energy trade transport culture
    agriculture environment labour labor digital communications sports home treasury budget
    chief
""")
# Words that never start a name: sentence adverbs, conjunctions, months and the like,
# which are capitalised only because they open a sentence.
STOP = words_set("""
    the a an this that these those it its there here then but and or so yet also however
    meanwhile earlier later now today yesterday according details source quote more
    background in on at for with as after before during when while if since although
    though because last next finally moreover furthermore additionally instead
    nevertheless still thus therefore monday tuesday wednesday thursday friday saturday
    sunday january february april june july september october november december what who
    which where why how we they i you our my
""")
# Words that put a capitalised phrase among places, organisations and outlets rather than
# people ("North Korea", "The Wall Street Journal", "European Pravda").
NOT_NAMES = STOP | words_set("""
    north south east west eastern western northern southern central far middle korea
    russia ukraine america states united kingdom union republic federation europe asia
    africa pacific atlantic indo-pacific euro-atlantic council service ministry office
    department agency army forces force fleet command post times journal news press
    pravda telegraph guardian herald tribune gazette radio tv television institute
    university committee commission parliament government kremlin pentagon house centre
    center intelligence police bank group party company corporation network media daily
    weekly online street square region oblast city american british russian ukrainian
    korean chinese european german french japanese iranian israeli polish turkish indian
    syrian asian african soviet english
""")
_PARTICLES = frozenset({"bin", "al", "de", "van", "von", "der", "da", "di", "la", "le", "ibn"})
AUX = words_set("""
    has have had was is are were be been also already again later then reportedly
    previously earlier repeatedly recently once publicly officially long now further
    still would will could did does do not never even only just first indeed allegedly
    personally
""")
_CONNECTORS = frozenset({"of", "the", "and", "for"})
_EDGES = "\"'“”„«»‘’()[]{},.;:!?…—–-*"
_NP_CLOSERS = frozenset(",.;:!?…)]—–\"”»")
_OPENERS = "\"“„«‘(['"
_TOKEN = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"(?:['’ʼ]s|['’ʼ])$")
_PAREN = re.compile(r"\([^()]*\)")
_APPOSITIVE = re.compile(
    r"\s*,\s+((?:the\s+)?(?:[\w’'-]+\s+){0,4}?(?:" + "|".join(sorted(ROLE_HEADS)) + r")\b"
    r"[^,.;:()\"“”]{0,120})", re.IGNORECASE)


@dataclass(frozen=True)
class Word:
    text: str  # without surrounding punctuation
    start: int
    end: int
    closes: bool  # punctuation after the word ends a noun phrase
    opens: bool  # a quotation mark or bracket before it starts one

    @property
    def low(self) -> str:
        return self.text.lower()


def words(text: str, offset: int = 0) -> list[Word]:
    """The words of `text`, with offsets of the bare word (punctuation around it left out)."""
    found: list[Word] = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        bare = raw.strip(_EDGES)
        if not bare:
            if found and any(c in _NP_CLOSERS for c in raw):
                last = found[-1]
                found[-1] = Word(last.text, last.start, last.end, True, last.opens)
            continue
        lead = len(raw) - len(raw.lstrip(_EDGES))
        trail = raw[lead + len(bare):]
        start = offset + match.start() + lead
        found.append(Word(bare, start, start + len(bare),
                          any(c in _NP_CLOSERS for c in trail), raw[0] in _OPENERS))
    return found


def blank_parentheses(text: str) -> str:
    """Asides in brackets ("(known as GUR)") split noun phrases: blank them, keep offsets."""
    return _PAREN.sub(lambda m: " " * len(m.group()), text)


def np_word(word: Word) -> bool:
    low = word.low
    if low in ROLE_HEADS or low in ROLE_MODIFIERS or low in _CONNECTORS:
        return True
    return word.text[0].isupper() and low not in STOP


def leading_np(ws: Sequence[Word]) -> list[Word]:
    """The noun phrase a run of words starts with ("he", "South Korean President Yun ...")."""
    if ws and ws[0].low in PRONOUNS:
        return [ws[0]]
    taken: list[Word] = []
    for word in ws:
        if not np_word(word) or (taken and word.opens):
            break
        taken.append(word)
        if word.closes:
            break
    while taken and taken[-1].low in _CONNECTORS:
        taken.pop()
    return taken


def trailing_np(ws: Sequence[Word]) -> list[Word]:
    """The noun phrase a run of words ends with, reading backwards from the verb."""
    ws = list(ws)
    while ws and ws[-1].low in AUX:
        ws.pop()
    if ws and ws[-1].low in PRONOUNS:
        return [ws[-1]]
    taken: list[Word] = []
    for word in reversed(ws):
        if not np_word(word) or word.closes:
            break
        taken.insert(0, word)
        if word.opens or word.low in ("the", "a", "an"):
            break
    while taken and taken[0].low in _CONNECTORS - {"the"}:
        taken.pop(0)
    return taken


def looks_like_name(ws: Sequence[str]) -> bool:
    if not 1 <= len(ws) <= 4 or ws[0].lower() in _PARTICLES or ws[-1].lower() in _PARTICLES:
        return False
    return all(
        w.lower() in _PARTICLES or (
            w[0].isupper() and not (w.isupper() and len(w) > 1) and any(c.isalpha() for c in w)
            and w.lower() not in NOT_NAMES and w.lower() not in ROLE_HEADS
            and w.lower() not in ROLE_MODIFIERS)
        for w in ws)


@dataclass(frozen=True)
class Parsed:
    name: tuple[str, ...] = ()
    role: str | None = None
    pronoun: bool = False


def parse_np(raw: Sequence[str]) -> Parsed:
    """Split a source into title and name: "US Secretary of Defense Lloyd Austin"."""
    ws = [w.strip(_EDGES) for w in raw if w.strip(_EDGES)]
    if ws:
        ws[-1] = _POSSESSIVE.sub("", ws[-1]) or ws[-1]
    if len(ws) == 1 and ws[0].lower() in PRONOUNS:
        return Parsed(pronoun=True)
    if not ws or any(w.lower() == "and" for w in ws):
        return Parsed()  # a group ("Ukraine and South Korea") is nobody in particular
    det = ws[0].lower() in ("the", "a", "an")
    ws = ws[1:] if det else ws
    heads = [i for i, w in enumerate(ws) if w.lower() in ROLE_HEADS]
    if not heads:
        # "The Times" is an outlet; a person's name does not take an article.
        return Parsed(tuple(ws)) if not det and looks_like_name(ws) else Parsed()
    tail = ws[heads[-1] + 1:]
    name: list[str] = []
    if not tail:
        # The name may come first, glued to the title: "Lloyd Austin US Defense Minister".
        if len(ws) > 2 and looks_like_name(ws[:2]) and not looks_like_name(ws[2:3]):
            return Parsed(tuple(ws[:2]), " ".join(ws[2:]))
    else:
        lower = [i for i, w in enumerate(tail) if not w[0].isupper()]
        run = tail[lower[-1] + 1:] if lower else tail
        if lower and tail[lower[-1]].lower() in _CONNECTORS:
            # "Secretary of Defense Lloyd Austin": the complement of "of" takes the first
            # words; a name is at most the last two, and only when a complement is left.
            run = run[-2:] if len(run) >= 3 else []
        name = run if looks_like_name(run) else []
    role = " ".join(ws[: len(ws) - len(name)]) or None
    return Parsed(tuple(name), role)


@dataclass(frozen=True)
class Source:
    text: str  # as written
    name: str | None  # canonical name, when the source is a person the text identifies
    role: str | None = None


def np_text(text: str, ws: Sequence[Word]) -> str:
    return " ".join(text[ws[0].start: ws[-1].end].split()).strip(_EDGES) if ws else ""


def appositive_role(text: str, pos: int) -> str | None:
    """", head of the Centre," right after a name is the role the article gives."""
    match = _APPOSITIVE.match(text, pos)
    return match.group(1).strip() if match else None


def _runs(text: str) -> Iterator[list[Word]]:
    run: list[Word] = []
    for word in words(text):
        if run and (not np_word(word) or word.opens or word.low == "and"):
            yield run
            run = []
        if np_word(word) and word.low != "and":
            run.append(word)
            if word.closes:
                yield run
                run = []
    if run:
        yield run


class Article:
    """What one article says about its people, and whom its sources refer to."""

    def __init__(self, people: People | None = None) -> None:
        self._people = people
        self._surnames: dict[str, set[str]] = {}
        self._roles: list[tuple[frozenset[str], str]] = []
        self._role_of: dict[str, str] = {}
        self.last: str | None = None  # the last person named as a speaker: "he" is them

    def learn(self, paragraph: str) -> None:
        """Record people a paragraph names in full or with a title, and their roles."""
        text = blank_parentheses(paragraph)
        for run in _runs(text):
            parsed = parse_np([w.text for w in run])
            if not parsed.name:
                continue
            role = parsed.role or appositive_role(text, run[-1].end)
            if role is None and len(parsed.name) < 2:
                continue
            name = self.person(parsed.name, titled=True)
            if name is None:
                continue
            if len(parsed.name) > 1:
                self._surnames.setdefault(parsed.name[-1].lower(), set()).add(name)
            if role:
                self._roles.append((role_key(role), name))
                self._role_of.setdefault(name, role)

    def person(self, name: Sequence[str], titled: bool = False) -> str | None:
        """A canonical name; a lone surname only when the article or registry explains it."""
        full = " ".join(name)
        if len(name) == 1:
            known = self._surnames.get(full.lower(), set())
            if len(known) == 1:
                full = next(iter(known))
            elif not titled and (self._people is None or not self._people.canonical(full)):
                return None
        if self._people is not None:
            return self._people.canonical(full) or full
        return full

    def source(self, ws: Sequence[Word], text: str) -> Source:
        shown = np_text(text, ws)
        parsed = parse_np([w.text for w in ws])
        if parsed.pronoun:
            return Source(shown, self.last, self.role_of(self.last))
        if parsed.name:
            name = self.person(parsed.name, titled=parsed.role is not None)
            return Source(shown, name, parsed.role or self.role_of(name))
        if parsed.role:
            return Source(shown, self._holder(parsed.role), parsed.role)
        return Source(shown, None)

    def role_of(self, name: str | None) -> str | None:
        return self._role_of.get(name) if name else None

    def _holder(self, role: str) -> str | None:
        """The one person who holds `role` in this article, else in the registry."""
        wanted = role_key(role)
        if not wanted & _HEAD_KEYS:
            return None
        holders = {name for key, name in self._roles if wanted <= key}
        if not holders and self._people is not None:
            return self._people.by_role(role)
        return holders.pop() if len(holders) == 1 else None
