"""Indirect attributions: sentences that report what a source says without quoting it.

The forms: "according to X", "citing X" / "with reference to X", "X said/reported/
warned ... that ..." (and with "that" left out: "X said the troops were ..."), a verb
whose object is itself a claim ("X confirmed the participation of ..."), an aside
("..., X suggested, ..."), the passive "This was stated by X" and "In his opinion".
Each sentence gives at most one indirect quote; its text is the whole sentence. The
speaker is the person the first attribution names (never an outlet), `cited` the
deepest source named: in "The Kyiv Post, citing intelligence sources, reported that",
the claim rests on the intelligence sources.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from digest.extract.attribution import Article, Source
from digest.extract.phrases import (
    CLAIM_VERBS,
    OBJECT_VERBS,
    PLACES,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    SPEECH_VERBS,
    STOP,
    VERB_RE,
    Word,
    is_aux,
    leading_np,
    parse_np,
    trailing_np,
    words,
    words_set,
)
from digest.model import Quote

_LEAD = STOP - frozenset({"the", "a", "an", "he", "she", "we", "they", "i", "you"})
_NON_SUBJECTS = frozenset({"it", "this", "that", "which", "who", "there", "what", "they", "we",
                           "i", "you", "these", "those"})
_CUT = words_set("""
    at in on during with after before when while from via as who which that since
    because to by about over amid
""")
_SEGMENT_END = re.compile(r"[,;:]")
# After these a verb form is a noun: "the claims were", "his remarks".
_DETERMINERS = words_set("the a an these those his her their its our my your such whose of")
_PARTICIPLE = re.compile(r"\s*[a-z]+ing\b")
# How far from a verb or marker its source is looked for: a source is a few words long, and
# looking no further keeps long paragraphs linear.
_REACH = 300
# "X, who ..., said" / "X, a 55-year-old salesman from Y, said": asides before the verb.
_ASIDE = re.compile(r"\s*(?:who|whom|whose|which|in|on|at|during|after|before|with|without|"
                    r"for|from|like|unlike|despite|speaking|appearing|writing)\s+[A-Za-z0-9]")
_PARTY_TAG = re.compile(r"[RDI]-[A-Z][A-Za-z.]*")  # "Sen. Ron Johnson, R-Wis., said"
_DESCRIPTION = re.compile(r"\s*(?:a|an)\s+[a-z0-9]")  # only after a name: "X, a farmer, said"
_CITING_START = re.compile(r"\s*(?:citing|quoting|with reference to|referring to)\b", re.I)
_ABBREVIATIONS = words_set("""
    mr mrs ms dr gen lt col sgt capt adm gov sen rep st jr sr prof no vs etc jan feb mar apr
    jun jul aug sep sept oct nov dec e.g i.e u.s u.k u.n
""")
_BOUNDARY = re.compile(r"[.!?…]+[\"”»’)]*\s+")
_MARKERS = (
    ("citing", re.compile(
        r"\b(?:citing|quoting|with reference to|referring to|in reference to)\s+", re.I)),
    ("according", re.compile(r"\baccording to\s+", re.I)),
    ("by", re.compile(
        r"\b(?:stated|reported|said|announced|confirmed|claimed|written|noted|told)\s+by\s+",
        re.I)),
    ("opinion", re.compile(r"\bin (?:the )?(?:opinion|view|words) of\s+", re.I)),
    # "Quote from X:" introduces a quote; it reports no claim on its own.
    ("from", re.compile(r"\b(?:quote|word|statement|comment)s? (?:from|of|by)\s+", re.I)),
)
_OPINION = re.compile(r"\bin (his|her) (?:opinion|view|words)\b", re.I)
_THAT = re.compile(r"\s+(?:[^\s,.;:!?]+\s+){0,6}?that\b")
_CLAUSE = re.compile(
    r"\s+(?:the|a|an|he|she|it|they|we|there|this|so|his|her|its|their|some|i|you)\b", re.I)
_FINAL = re.compile(r"\s*(?:[,.;!?…]|$)")
_OBJECT = re.compile(r"\s+\w")
# ", writing:", "before adding": a participle opening a clause of its own.
_CLAUSE_BREAK = re.compile(r"(?:,|\b(?:before|after|while|when|by))\s*$", re.I)
# Where a clause begins inside a sentence: after a comma, or a conjunction.
_CLAUSE_START = re.compile(r",\s*|\b(?:when|as|while|after|before|because|and|but)\s+")
# A speech verb's base form, which can be a noun ("comment", "report", "claim").
_BASE_FORM = re.compile(r"(?![a-z]*(?:ed|ing|s)$)[a-z]+")
_IRREGULAR_PAST = frozenset({"said", "told", "wrote", "written", "thought", "spoke", "spoken",
                             "read"})
_WORD = re.compile(r"[A-Za-z]")
_PAST_VERB = re.compile(r"[a-z]{3,}ed")
_TELL = frozenset({"tell", "tells", "told", "telling"})
# What may follow the source of an inverted attribution: the sentence's end, an aside or
# a time or place ("said Austin, head of ...", "said Trump on Monday").
_INVERSION_END = re.compile(
    r"[\s)]*(?:$|[,.;:!?…—–\"”]|(?:in|on|at|during|after|before|to|from|with|when|while|as|"
    r"who|earlier|last|this|late|recently|yesterday|today|later)\b)")


def np_after(text: str, offset: int = 0) -> list[Word]:
    """The source named after a marker ("according to ...", "said ..."), up to its end."""
    taken: list[Word] = []
    for word in words(text, offset)[:12]:
        if taken and (word.low in _CUT or word.low in SPEECH_VERBS or word.opens):
            break
        taken.append(word)
        if word.closes:
            break
    return taken


def subject_before(text: str, offset: int = 0) -> list[Word]:
    """Who does what the verb after `text` says: the words just before it, in its clause."""
    cuts = [0, *(m.end() for m in _SEGMENT_END.finditer(text))]
    segment = words(text[cuts[-1]:], offset + cuts[-1])
    while segment and is_aux(segment[-1]):
        segment.pop()
    if segment and segment[-1].low == "and":
        # "X condemned the alliance and said that ...": the clause subject leads.
        return leading_np(segment)
    pieces = [text[cuts[k]:cuts[k + 1] - 1] for k in range(len(cuts) - 1)]
    starts = cuts[:-1]
    skipped = False
    while not segment and pieces:
        # ", citing X, wrote" and ", head of Y, said": asides between subject and verb.
        piece, start = pieces.pop(), starts.pop()
        if (_CITING_START.match(piece) or _PARTICIPLE.match(piece) or _role_aside(words(piece))
                or _ASIDE.match(piece) or piece.strip().lower() in PLACES
                or _PARTY_TAG.fullmatch(piece.strip())
                or (_DESCRIPTION.match(piece) and pieces
                    and parse_np([w.text for w in words(pieces[-1])]).name)
                # "who lives outside the state capital, Sacramento,": the place names the
                # aside's last noun, not the subject.
                or (len(piece.split()) == 1 and pieces and pieces[-1].strip()[:1].islower())):
            skipped = True
            continue
        # "The mayor, Helen Park, said": a name in apposition is the subject too.
        named = skipped or bool(parse_np([w.text for w in words(piece)]).name)
        segment = words(piece, offset + start) if named else []
        break
    while segment and segment[0].low in _LEAD:
        segment.pop(0)
    if len(segment) > 1 and segment[-1].low == "who" and not segment[-2].closes:
        # "Rikkie Wells who tweeted": the relative pronoun is the name before it.
        antecedent = trailing_np(segment[:-1])
        if antecedent and parse_np([w.text for w in antecedent]).name:
            return antecedent
    trimmed = trailing_np(segment)
    # "But even as Trump claimed": the words before the name are no part of the source.
    if len(segment) > 8 or (trimmed and trimmed != segment
                            and parse_np([w.text for w in trimmed]).name):
        segment = trimmed
    if not segment or (len(segment) == 1 and segment[0].low in _NON_SUBJECTS):
        return []
    return segment


def _role_aside(ws: Sequence[Word]) -> bool:
    """", head of the Centre," / ", the Democratic chair of X,": a role set off by commas."""
    if ws and ws[0].low in ("the", "a", "an"):
        return any(w.low in ROLE_HEADS and w.text.islower() for w in ws[1:4])
    return bool(ws) and ws[0].low in ROLE_HEADS | ROLE_MODIFIERS and not ws[0].text[0].isupper()


@dataclass(frozen=True)
class Found:
    """One attribution in a sentence: where, which form, and the source as written."""

    pos: int
    kind: str  # "citing", "according", "by", "opinion", "from" or "verb"
    words: tuple[Word, ...]
    claim: bool  # reports a claim (not just "called on", "Quote from")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; initials and abbreviations ("J.", "U.S.") do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        following = text[match.end():match.end() + 2].lstrip("\"“„«(‘")
        if not following or not (following[0].isupper() or following[0].isdigit()):
            continue
        before = text[start:match.start()].rsplit(None, 1)
        last = before[-1].lower().lstrip("\"“„«(‘") if before else ""
        if (len(last) == 1 and last.isalpha()) or last in _ABBREVIATIONS:
            continue
        spans.append((start, match.start() + len(match.group().rstrip())))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def clause_subject(text: str, start: int, end: int) -> list[Word]:
    """The subject of the clause a participle follows ("Trump issued a statement saying",
    "Later on Sunday, Carson shared a syllabus, writing"): the clause's leading noun
    phrase, when it names a person."""
    clause = text[start:end].rstrip(" ,;")
    cuts = [0, *(m.end() for m in _CLAUSE_START.finditer(clause))]
    cut = cuts.pop()
    while cuts and not _WORD.search(clause, cut):
        cut = cuts.pop()  # 'a defense of "New York values," saying': the quote ends no clause
    ws = words(clause[cut:], start + cut)
    if cut and ws and _PAST_VERB.fullmatch(ws[0].text):
        # "Christie, the state's governor, repeated the charge, calling him ...": the
        # clause goes on from the sentence's subject, past the aside.
        ws = words(clause, start)
    while ws and ws[0].low in STOP:
        ws = ws[1:]
    np = leading_np(ws)
    return np if np and parse_np([w.text for w in np]).name else []


def _personal(subject: Sequence[Word]) -> bool:
    parsed = parse_np([w.text for w in subject])
    return bool(parsed.name or parsed.role or parsed.pronoun)


def find_sources(text: str, start: int, end: int) -> list[Found]:
    """Every attribution in text[start:end], in reading order."""
    found: list[Found] = []
    for kind, marker in _MARKERS:
        for match in marker.finditer(text, start, end):
            source = np_after(text[match.end():min(end, match.end() + _REACH)], match.end())
            if source:
                found.append(Found(match.start(), kind, tuple(source), kind != "from"))
    for match in _OPINION.finditer(text, start, end):
        found.append(Found(match.start(), "opinion", tuple(words(match.group(1), match.start(1))),
                           True))
    # The speech verbs met so far in the sentence, kept as they go (not searched for each
    # verb: a sentence of a thousand verbs would make that quadratic).
    last_verb: Found | None = None
    last_person: Found | None = None
    for match in VERB_RE.finditer(text, start, end):
        verb = " ".join(match.group().lower().split())
        previous = text[max(start, match.start() - 12):match.start()].split()
        # "his comments", "Ginsburg's comments", "Rubio's proposed credit": a noun or an
        # adjective, not a verb.
        if previous and (previous[-1].lower() in _DETERMINERS or previous[-1].lower() == "to"
                         or previous[-1].endswith(("'s", "’s", "s'", "s’"))):
            continue
        if text[match.start() - 1:match.start()] == "-":
            continue  # "so-called", "well-reported": part of a compound
        if (len(previous) > 1 and previous[-2].lower() in _DETERMINERS
                and _BASE_FORM.fullmatch(verb) and verb not in _IRREGULAR_PAST
                and not previous[-1].endswith("s")):
            continue  # "a Twitter comment", "the GOP report": a noun ("the officials say" is not)
        after = text[match.end():min(end, match.end() + _REACH)]
        near = max(start, match.start() - _REACH)
        subject = subject_before(text[near:match.start()], near)
        inverted = not subject
        if not verb.endswith("ing") and any(w.low in SPEECH_VERBS for w in subject):
            continue  # "Carson called that report": "report" is a noun, its "subject" a clause
        participle = verb.endswith("ing") and (
            inverted or last_verb is not None
            or _CLAUSE_BREAK.search(text, near, match.start()) is not None
            or not _personal(subject))
        if participle:
            # "Trump tweeted, saying ...", "Trump said before adding": a participle's
            # subject is the clause's source.
            # Without a speech verb before it ("Trump took to Twitter, writing:") the
            # participle's subject is the one the sentence opens with.
            before = last_person or last_verb  # the verbs before it, a person's first
            subject = list(before.words) if before else clause_subject(
                text, start, match.start())
            if not _personal(subject):
                # Speech all the same ('protesters interrupted, shouting "..."'): the
                # quote is kept, with no one named, and reports no claim.
                last_verb = Found(match.start(), "verb", (), False)
                found.append(last_verb)
                continue
            inverted = False
        elif inverted:
            # "..., said Austin." names the source after the verb; "told Reuters" names
            # who heard it, and in "says Cruz will ..." Cruz begins the reported clause.
            subject = leading_np(words(after, match.end()))
            parsed = parse_np([w.text for w in subject])
            if (verb in _TELL or not (parsed.name or parsed.role or parsed.pronoun)
                    or not subject or not _INVERSION_END.match(text, subject[-1].end, end)):
                continue
        claim = verb in CLAIM_VERBS
        claim = claim and bool(
            inverted or _THAT.match(after) or _CLAUSE.match(after) or _FINAL.match(after)
            or (verb in OBJECT_VERBS and _OBJECT.match(after)))
        last_verb = Found(match.start(), "verb", tuple(subject), claim)
        found.append(last_verb)
        if _personal(subject):
            last_person = last_verb
    return sorted(found, key=lambda f: f.pos)


def nearest(found: Sequence[Found], pos: int) -> Found | None:
    """The attribution a quoted phrase at `pos` belongs to: the last before it, else the first."""
    usable = [f for f in found if f.kind != "citing"]
    before = [f for f in usable if f.pos < pos]
    if before:
        return before[-1]
    return usable[0] if usable else None


def indirect_quote(
    paragraph: str, index: int, plain: str, bounds: tuple[int, int], article: Article,
    found: Sequence[Found],
) -> tuple[Quote, Source] | None:
    """The indirect quote a sentence makes, with the source it names; None if it names none."""
    claims = [f for f in found if f.claim]
    main = next((f for f in claims if f.kind != "citing"), None)
    citing = next((f for f in claims if f.kind == "citing"), None)
    main = main or citing
    if main is None:
        return None
    source = article.source(main.words, plain)
    cited = article.source(citing.words, plain) if citing else source
    start, end = bounds
    sentence = paragraph[start:end]
    quote = Quote(
        text=sentence, kind="indirect", speaker=source.name, paragraph=index, start=start,
        end=end, role=source.role if source.name else None,
        cited=cited.name or cited.text or None, sentence=sentence,
    )
    return quote, source
