"""Quotes in an entry's paragraphs: what was said, by whom, and where.

Direct quotes are text in quotation marks ("…", “…”, „…“, «…») that stands as an
utterance of its own: it opens its sentence or follows a colon, and nothing but an
attribution ('," Austin said') follows it. A quote split by an attribution
('"…," he said, "…"') gives two quotes with one speaker. A phrase in marks inside
a sentence is a partial quote when the sentence reports speech; without a speech
verb or "according to" it is a name or a scare quote ('an agreement on a
“comprehensive strategic partnership”', 'A "special Buryat battalion"'), and so is a
phrase in title case ('"Komersant Ukrainian"'), however the sentence reads: neither is
anyone's words. A colon introduces a quote even when the introducer is no person
("The agreement provides:"): that quote is kept, with speaker None.

Paragraphs without marks are quotes when the text shows it: digest.extract.unmarked holds
those forms as an ordered list of rules. The words the rules read (speech verbs, role
heads, honorifics...) are data files under digest/words.

Offsets index the paragraphs given: paragraphs[q.paragraph][q.start:q.end] == q.text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from digest.extract.attribution import Article, Source
from digest.extract.indirect import (
    Found,
    clause_subject,
    find_sources,
    indirect_quote,
    nearest,
    sentences,
)
from digest.extract.phrases import (
    AUX,
    SPEECH_VERBS,
    VERB_RE,
    Word,
    appositive_role,
    blank_parentheses,
    is_aux,
    leading_np,
    np_text,
    parse_np,
    trailing_np,
    words,
)
from digest.extract.unmarked import DASHES, LINE, Paragraph, signature, unmarked_quote
from digest.model import Quote
from digest.people import People
from digest.trie import one_of

_SPANS = (
    re.compile(r'"([^"]*)"'),
    re.compile(r"“([^“”]*)”"),
    re.compile(r"„([^„“”]*)[“”]"),
    re.compile(r"«([^«»]*)»"),
    # British style: ‘…’, where a ’ before a letter is an apostrophe ("don’t"), not the end.
    re.compile(r"(?<!\w)‘((?:[^‘’]|’(?=\w))*)’(?!\w)"),
)
_OPENING = "\"“„«‘"
_TERMINAL = ".!?…"
_TRIM = ", \t\n\u00a0"
_NAMING = re.compile(r"\b(?:so-called|dubbed|named|titled|entitled|known as|nicknamed|"
                     r"codenamed|code-named)\s*$", re.I)
# Up to five capitalised words and a speech verb, or a speech verb first: the sentence
# goes on after a closing mark.
_ATTRIBUTION_AFTER = re.compile(
    r"\s*(?:(?:[A-Z][\w.’'-]*\s+){1,5}|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3},[^\"“”.]{1,100},\s+)?"
    r"(?:" + one_of(AUX) + r"\s+)?" + one_of(SPEECH_VERBS) + r"\b"
    r"|\s*[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}\s+(?:[a-z]+ly\s+)?[a-z]{2,}ed\b")
_PAST_TENSE = re.compile(r"[a-z]{2,}ed")
_DASH = re.compile(r"[ \t]*[—―–-][ \t]*(?=[A-Z])")
_SMALL = frozenset({"of", "the", "and", "for", "in", "on", "a", "an", "de", "to", "with", "at",
                    "from", "by"})
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")


@dataclass(frozen=True)
class _Span:
    open: int  # the opening mark
    start: int  # the quoted words, marks and a trailing comma left out
    end: int
    close: int  # just after the closing mark


def find_spans(text: str) -> list[_Span]:
    """Text in quotation marks, outermost only, in reading order."""
    # Marks inside pasted markup (<tweet author="@x">) quote no one: blank the tags first,
    # keeping offsets, so their marks cannot pair with a quote's.
    marked = _TAG.sub(lambda m: " " * len(m.group()), text) if "<" in text else text
    found = sorted(((m.start(), m.end(), m.start(1), m.end(1))
                    for pattern in _SPANS for m in pattern.finditer(marked)),
                   key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, int, int]] = []
    for span in found:
        if not kept or span[0] >= kept[-1][1]:  # a nested or crossing pair loses
            kept.append(span)
    if not kept and text and text[0] in _OPENING and text.count(text[0]) == 1:
        kept.append((0, len(text), 1, len(text)))  # runs on into the next paragraph
    spans: list[_Span] = []
    for opening, close, start, end in kept:
        if text[:opening].endswith("="):
            continue  # an attribute value in pasted markup (author="@name"), no one's words
        start += len(text[start:end]) - len(text[start:end].lstrip())
        end = start + len(text[start:end].rstrip(_TRIM))
        if end > start:
            spans.append(_Span(opening, start, end, close))
    return spans


def _masked(text: str, spans: Sequence[_Span]) -> str:
    # Sentence ends inside a quote must not split the sentence that holds it; its first
    # letter and final stop still start and end one, unless an attribution follows
    # ('"Is it?" Pence said.': the question mark ends the quote, not the sentence).
    chars = list(text)
    for span in spans:
        last = span.end - 1 if text[span.end - 1] in _TERMINAL else span.end
        if last < span.end and _ATTRIBUTION_AFTER.match(text, span.close):
            last = span.end
        chars[span.start + 1:last] = "x" * max(0, last - span.start - 1)
    return "".join(chars)


def _headline(text: str) -> bool:
    """Words in headline case ("Trump Vows To Fight On"): most capitalised, no full stop."""
    ws = text.split()
    capitals = sum(1 for w in ws if w[:1].isupper())
    return len(ws) >= 3 and capitals >= 0.6 * len(ws) and not text.rstrip().endswith(".")


def _is_name(text: str, before: str) -> bool:
    """A title or a name in marks ("Komersant Ukrainian", dubbed "X"), not anyone's words."""
    if _NAMING.search(before):
        return True
    # American style puts the sentence's full stop inside the marks: "Meet the Press."
    ws = text.removesuffix(".").split()
    return (0 < len(ws) <= 6 and text.removesuffix(".")[-1:] not in _TERMINAL
            and ws[0][0].isupper() and all(w[0].isupper() or w in _SMALL for w in ws))


def _verb_length(ws: Sequence[Word], k: int) -> int:
    """How many words the speech verb at ws[k] takes: 1, 2 ("shot back"), or 0 if none."""
    if k + 1 < len(ws) and f"{ws[k].low} {ws[k + 1].low}" in SPEECH_VERBS:
        return 2
    return 1 if ws[k].low in SPEECH_VERBS else 0


def _up_to_comma(ws: Sequence[Word]) -> list[Word]:
    taken: list[Word] = []
    for word in ws:
        taken.append(word)
        if word.closes:
            break
    return taken


def _named_owner(found: Sequence[Found], owner: Found | None, pos: int) -> Found | None:
    """In "Jealous told the paper that he believed it was "intolerable"", the pronoun
    refers back to the sentence's named source, not to the last speaker of the article."""
    if owner is None or not parse_np([w.text for w in owner.words]).pronoun:
        return owner
    named = [f for f in found if f.pos < owner.pos and f.kind == "verb"
             and parse_np([w.text for w in f.words]).name]
    return named[-1] if named else owner


class _Reader:
    def __init__(self, paragraphs: Sequence[str], people: People | None) -> None:
        self.paragraphs = paragraphs
        self.article = Article(people)
        for paragraph in paragraphs:
            self.article.learn(paragraph)
        self.spans = [find_spans(text) for text in paragraphs]
        self.article.settle(paragraphs, [[range(s.start, s.end) for s in spans]
                                         for spans in self.spans])
        self.quotes: list[Quote] = []
        self.context: tuple[bool, str | None] = (False, None)  # the paragraph before
        self.intro: Source | None = None  # its closing "…:" line, if any
        self.intro_open = False
        self.quoted: str | None = None  # whose direct quote it held
        self.attributed = False
        self.speaker: str | None = None

    def saw(self, source: Source | None) -> None:
        self.attributed = self.attributed or source is not None
        if source is not None and source.name:
            self.speaker = self.article.last = source.name

    def read(self) -> tuple[Quote, ...]:
        for index, text in enumerate(self.paragraphs):
            self.attributed, self.speaker = False, None
            spans = self.spans[index]
            quoted = self._paragraph(index, text, spans)
            self.context = (self.attributed, self.speaker)
            self.quoted = quoted
        return tuple(sorted(self.quotes, key=lambda q: (q.paragraph, q.start, -q.end)))

    def _add(self, index: int, start: int, end: int, kind: str, source: Source | None) -> None:
        text = self.paragraphs[index]
        person = source.name if source else None
        self.quotes.append(Quote(
            text=text[start:end], kind=kind, speaker=person, paragraph=index, start=start,
            end=end, role=source.role if source and person else None,
            cited=(source.text or None) if source and not person else None,
        ))

    def _paragraph(self, index: int, text: str, spans: list[_Span]) -> str | None:
        intro, intro_open = self.intro, self.intro_open
        self.intro, self.intro_open = None, False
        # Whom a pronoun may refer to: people named here outside the marks, and before.
        self.article.referents.paragraph(
            self.article.mentions(index, [range(s.start, s.end) for s in spans]))
        if not spans and self._unmarked(index, text):
            return self.speaker
        masked = _masked(text, spans)
        bounds = sentences(masked) or [(0, len(text))]
        starts = [b[0] for b in bounds]
        groups: list[list[_Span]] = [[] for _ in bounds]
        for span in spans:
            groups[max(0, bisect_right(starts, span.open) - 1)].append(span)
        plain = blank_parentheses(text)
        direct: dict[int, tuple[Source | None, bool]] = {}  # by opening mark: source, found?
        for (s0, s1), group in zip(bounds, groups, strict=True):
            for k, span in enumerate(group):
                prev = group[k - 1].close if k else s0
                after = group[k + 1].open if k + 1 < len(group) else s1
                verdict = self._direct(masked, plain, prev, span, after)
                if verdict is not None and not verdict[1] and span.open == 0 and intro_open:
                    verdict = (intro or Source("", None), True)
                if verdict is not None:
                    direct[span.open] = verdict
        # Words inside marks are the quoted person's, never an attribution of them
        # ('Teachers "get why people believe it," Weingarten said': not "people").
        chars = list(plain)
        for span in spans:
            chars[span.start:span.end] = "x" * (span.end - span.start)
        plain = "".join(chars)
        unattributed: list[int] = []
        attributed: Source | None = None  # the source of the paragraph's last direct quote
        first = len(self.quotes)
        for (s0, s1), group in zip(bounds, groups, strict=True):
            found = find_sources(plain, s0, s1)
            for span in group:
                if span.open in direct:
                    told, known = direct[span.open]
                    if not known and attributed is not None:
                        # '"Did he?" said one official. "But it was right."': the second
                        # quote goes on in the voice of the first, named or not.
                        told, known = attributed, True
                    if not known:
                        unattributed.append(len(self.quotes))
                    else:
                        attributed = told
                    self._add(index, span.start, span.end, "direct", told)
                    self.saw(told)
                elif found and not _is_name(text[span.start:span.end],
                                            text[max(s0, span.open - 40):span.open]):
                    owner = _named_owner(found, nearest(found, span.open), span.open)
                    told = self.article.source(owner.words, plain) if owner else None
                    self._add(index, span.start, span.end, "partial", told)
                    self.saw(told)
            if not any(s.open in direct for s in group):
                made = indirect_quote(text, index, plain, (s0, s1), self.article, found)
                if made is not None:
                    self.quotes.append(made[0])
                    self.saw(made[1])
        # A quote no attribution reaches belongs to the paragraph's one speaker, whether
        # that speaker's words there were quoted whole, in part or reported.
        speakers = {q.speaker for q in self.quotes[first:] if q.speaker}
        signed = self._signed_below(index) if unattributed and not speakers else None
        if signed is not None and signed.name:
            speakers = {signed.name}  # '"..."' then a line '— Jane Roe'
        self._fill(unattributed, speakers, len(direct) == len(spans))
        if text.rstrip().endswith(":"):
            s0, s1 = bounds[-1]
            owner = nearest(find_sources(plain, s0, s1), s1)
            self.intro_open = True
            self.intro = self.article.source(owner.words, plain) if owner else None
        return self.speaker if len(speakers) == 1 or (unattributed and self.speaker) else None

    def _direct(self, masked: str, plain: str, prev: int, span: _Span,
                after: int) -> tuple[Source | None, bool] | None:
        """(source, whether an attribution was found) when the span is a direct quote."""
        lead = masked[prev:span.open].strip().lstrip(",;—–- ").strip()
        tail = masked[span.close:after].strip().lstrip(",;:—―–- ").strip()
        told = self._dash(plain, span.close, after) or (
            self._tail(plain, span.close, after) if tail else None)
        if not lead.endswith(":") and not (
                (not lead or (lead.endswith(",") and VERB_RE.search(lead)))
                and (not tail or told is not None)):
            return None
        if told is None and lead:
            told = self._lead(plain, prev, span.open)
        return told, told is not None

    def _dash(self, plain: str, start: int, end: int) -> Source | None:
        """'"..." ― Jane Roe': a name after a dash signs a quote (comments, posts, epigraphs)."""
        dash = _DASH.match(plain, start, end)
        if dash is None:
            return None
        name = leading_np(words(plain[dash.end():end], dash.end()))
        if not name or not parse_np([w.text for w in name]).name:
            return None
        return self.article.source(name, plain)

    def _fill(self, unattributed: list[int], speakers: set[str], all_direct: bool) -> None:
        """Quotes no attribution reaches: the paragraph's one speaker, or the quote before."""
        if not unattributed:
            return
        if len(speakers) == 1:
            who: str | None = next(iter(speakers))
        elif not speakers and all_direct and self.quoted:
            who = self.quoted  # a quote paragraph of its own continues the quote before
        else:
            return
        if not speakers and any(_headline(self.quotes[k].text) for k in unattributed):
            return  # a quoted headline says nothing of who, unless it names them itself
        for k in unattributed:
            self.quotes[k] = replace(self.quotes[k], speaker=who, role=self.article.role_of(who))
        self.speaker = self.article.last = who

    def _tail(self, plain: str, start: int, end: int) -> Source | None:
        """'," Austin said.' / '," said Austin, head of …' right after a quote."""
        ws = words(plain[start:min(end, start + 300)], start)
        for k in range(min(len(ws), 24)):
            size = _verb_length(ws, k)
            if not size:
                continue
            before = ws[:k]
            while before and is_aux(before[-1]):
                before.pop()
            subject = leading_np(before)
            if len(before) > 2 and subject and subject[-1].closes and before[-1].closes:
                # '," Jennifer Palmieri, the campaign's director, said': an aside between.
                return self.article.source(subject, plain)
            if k >= 9:
                return None
            if not before:
                subject = leading_np(ws[k + size:]) or _up_to_comma(ws[k + size:k + size + 9])
                if not parse_np([w.text for w in subject]).name:
                    # '," said a New Hampshire Democrat': an attribution to no one named;
                    # '," said conservative activist Bob Klaus': a lower-case title first.
                    rest = _up_to_comma(ws[k + size:k + size + 9])
                    named = parse_np([w.text for w in rest]).name
                    if not subject or named:
                        return self.article.source(rest, plain) if named else (
                            Source(np_text(plain, rest), None) if rest else None)
                role = appositive_role(plain, subject[-1].end)
                source = self.article.source(subject, plain)
                return replace(source, role=role) if role and source.name else source
            if len(before) > 9 or any(w.closes for w in before):
                return None
            # A plain noun may lead the name ('," forecaster Ian Moss said'); a plain noun
            # alone is a source that is no one in particular ('," officials said').
            return self.article.source(trailing_np(before) or before, plain)
        return self._any_verb(ws, plain)

    def _any_verb(self, ws: Sequence[Word], plain: str) -> Source | None:
        """'"…?" Hannity pressed.': right after a quote, a person and a verb in the past
        tense attribute it, whatever the verb (fumed, pressed, cautioned)."""
        subject = leading_np(ws[:6])
        rest = ws[len(subject):]
        while rest and is_aux(rest[0]):
            rest = rest[1:]
        if not subject or subject[-1].closes or not rest \
                or not _PAST_TENSE.fullmatch(rest[0].text):
            return None
        parsed = parse_np([w.text for w in subject])
        return self.article.source(subject, plain) if parsed.name or parsed.pronoun else None

    def _lead(self, plain: str, start: int, end: int) -> Source | None:
        """'Austin said:' / 'Quote from Austin:' / 'Austin:' before a quote."""
        owner = nearest(find_sources(plain, start, end), end)
        if owner is not None:
            return self.article.source(owner.words, plain)
        ws = words(plain[start:end], start)
        if ws and len(ws) <= 6 and leading_np(ws) == ws:
            return self.article.source(ws, plain)
        if plain[start:end].rstrip().endswith(":"):
            # "Kaine has adopted the stance of many Catholics: "…"": the clause's person.
            subject = clause_subject(plain, start, end)
            return self.article.source(subject, plain) if subject else None
        return None

    def _unmarked(self, index: int, text: str) -> bool:
        """A paragraph without marks that is a quote all the same (digest.extract.unmarked)."""
        attributed, before = self.context
        hit = unmarked_quote(Paragraph(text, self._following(index), self.article,
                                       attributed, before))
        if hit is None:
            return False
        self._add(index, 0, hit.end, "direct", hit.source)
        self.saw(hit.source)
        return True

    def _following(self, index: int) -> str:
        return self.paragraphs[index + 1] if index + 1 < len(self.paragraphs) else ""

    def _signed_below(self, index: int) -> Source | None:
        following = self._following(index)
        line = LINE.match(following)
        if line is None or following.lstrip()[:1] not in DASHES:
            return None
        return signature(self.article, line.group(1), line.start(1), following, dashed=True)


def extract_quotes(paragraphs: Sequence[str], people: People | None = None) -> tuple[Quote, ...]:
    """Every direct, partial and indirect quote in an entry's paragraphs, in reading order."""
    return _Reader(paragraphs, people).read()
