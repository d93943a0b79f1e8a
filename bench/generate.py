"""A seeded generator of realistic digests: N news articles about a war and its diplomacy.

    python -m bench.generate --n 1000 --seed 1 --out DIR [--raw]

writes DIR/digest.yaml (34 topic rules), DIR/content/YYYY/MM/<slug>.md (entries with our
front-matter) and, with --raw, the same articles as web copy in DIR/raw/NNNNN.txt (headline,
a "23 October 2024 16:12" date line, paragraphs, boilerplate lines), as `digest ingest` gets
them. The same N and seed give byte-identical files: everything is drawn from one
random.Random(seed), in a fixed order, and nothing depends on the clock or on set order.

Articles are grouped into stories (one event, reported by several outlets over a day and a
half), and a story's statements recur across its articles in varied wording, as when
outlets quote the same briefing.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bench import vocab

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
START = datetime(2023, 1, 1, 6, 0)
DAYS = 730  # dates over two years
CAST_SIZE = 300
ARTICLES_PER_STORY = 4
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    pronoun: str  # "he" or "she", for "…," she added.

    @property
    def last(self) -> str:
        return self.name.split()[-1]


@dataclass(frozen=True)
class Story:
    moment: datetime
    topics: tuple[int, ...]  # indices into vocab.TOPICS
    statements: tuple[tuple[Person, str], ...]


@dataclass(frozen=True)
class Article:
    index: int
    slug: str
    title: str
    moment: datetime
    zone: str  # "" (no zone named, as often in web copy) or "+02:00"
    outlet: str
    url: str
    author: str
    topics: tuple[str, ...]
    summary: str | None
    paragraphs: tuple[str, ...]

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def make_cast(rng: random.Random, size: int = CAST_SIZE) -> list[Person]:
    """`size` distinct people with roles; names are combinations, so invented."""
    cast: list[Person] = []
    seen: set[str] = set()
    while len(cast) < size:
        female = rng.random() < 0.4
        first = rng.choice(vocab.FIRST_NAMES_F if female else vocab.FIRST_NAMES_M)
        name = f"{first} {rng.choice(vocab.LAST_NAMES)}"
        if name in seen:
            continue
        seen.add(name)
        cast.append(Person(name, rng.choice(vocab.ROLES), "she" if female else "he"))
    return cast


class Writer:
    """Fills templates for one article: its topics decide the {place} and {subject} slots."""

    def __init__(self, rng: random.Random, cast: Sequence[Person], topics: Sequence[int],
                 outlet: str) -> None:
        self.rng = rng
        self.cast = cast
        self.places = [p for i in topics for p in vocab.TOPICS[i][2]] or list(vocab.PLACES)
        self.subjects = [s for i in topics for s in vocab.TOPICS[i][3]]
        self.outlet = outlet
        self.deck: list[str] = []

    def place(self) -> str:
        # Mostly the article's own topics, now and then elsewhere, as real articles drift.
        if self.rng.random() < 0.8:
            return self.rng.choice(self.places)
        return self.rng.choice(vocab.PLACES)

    def subject(self) -> str:
        if self.rng.random() < 0.9:
            return self.rng.choice(self.subjects)
        return self.rng.choice(self.rng.choice(vocab.TOPICS)[3])

    def person(self) -> Person:
        return self.rng.choice(self.cast)

    def fill(self, template: str) -> str:
        rng = self.rng
        person = self.person()
        text = template.format(
            place=self.place(), subject=self.subject(), subject2=self.subject(),
            attacker=rng.choice(vocab.ATTACKERS), defender=rng.choice(vocab.DEFENDERS),
            weapon=rng.choice(vocab.WEAPONS), supplies=rng.choice(vocab.SUPPLIES),
            when=rng.choice(vocab.WHENS), num=rng.choice((120, 300, 450, 1200, 3000, 12000)),
            count=rng.choice((3, 5, 7, 12, 18, 24, 36)),
            person=f"{person.role} {person.name}", person_short=person.last,
            outlet=self.outlet,
        )
        return text[0].upper() + text[1:]

    def sentence(self) -> str:
        # Dealt from a shuffled deck: an article does not repeat a sentence before it has
        # used them all, as a real one would not.
        if not self.deck:
            self.deck = list(vocab.SENTENCES)
            self.rng.shuffle(self.deck)
        return self.fill(self.deck.pop())

    def quote(self) -> str:
        return self.fill(self.rng.choice(vocab.QUOTES))


def vary(text: str, rng: random.Random, chance: float) -> str:
    """Reword: each word with synonyms is swapped with probability `chance`."""
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        options = vocab.SYNONYMS.get(word)
        if options and rng.random() < chance:
            return rng.choice(options)
        return word
    return _WORD.sub(swap, text)


def attributed(person: Person, quote: str, style: int, first: bool) -> str:
    """One quote paragraph in one of the attribution styles of web copy."""
    who = f"{person.role} {person.name}" if first else person.last
    if style == 0:
        return f"“{quote},” {who} said."
    if style == 1:
        return f'{who[0].upper()}{who[1:]} said: "{quote}."'
    return f"“{quote},” {who} told {_audience(quote)}."


def _audience(quote: str) -> str:
    # Varies with the quote, without another draw from the generator.
    return ("journalists", "reporters", "a briefing")[len(quote) % 3]


def make_story(rng: random.Random, cast: Sequence[Person]) -> Story:
    moment = START + timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(14 * 60))
    topics = tuple(rng.sample(range(len(vocab.TOPICS)), rng.randint(1, 3)))
    writer = Writer(rng, cast, topics, "")
    statements = tuple((writer.person(), writer.quote()) for _ in range(rng.randint(2, 3)))
    return Story(moment, topics, statements)


def make_article(index: int, rng: random.Random, cast: Sequence[Person], story: Story,
                 authors: dict[str, list[str]]) -> Article:
    outlet, domain = rng.choice(vocab.OUTLETS)
    writer = Writer(rng, cast, story.topics, outlet)
    moment = story.moment + timedelta(minutes=rng.randrange(36 * 60))
    zone = rng.choice(("", "", "+02:00", "+03:00", "Z"))
    title = writer.fill(rng.choice(vocab.HEADLINES))
    paragraphs = _body(rng, writer, story)
    names = [vocab.TOPICS[i][0] for i in story.topics]
    topics = tuple(rng.sample(names, rng.randint(0, len(names))))  # the rules find the rest
    summary = writer.fill(rng.choice(vocab.SUMMARIES)) if rng.random() < 0.4 else None
    slug = f"{_slug(title)[:60].rstrip('-')}-{index:05d}"
    url = f"https://{domain}/news/{moment:%Y/%m/%d}/{slug}"
    return Article(index, slug, title, moment, zone, outlet, url,
                   rng.choice(authors[outlet]), topics, summary, paragraphs)


def _body(rng: random.Random, writer: Writer, story: Story) -> tuple[str, ...]:
    count = rng.randint(6, 12)
    budget = rng.randint(620, 780) // count  # ~700 words in all
    # The story's statements, reworded for this outlet, then a quote or two of its own;
    # at most every other paragraph quotes someone, never the lead.
    quotes = [(p, vary(q, rng, 0.5)) for p, q in story.statements]
    quotes += [(writer.person(), writer.quote()) for _ in range(rng.randint(1, 2))]
    quotes = quotes[: count // 2]
    slots = set(rng.sample(range(1, count), len(quotes)))
    paragraphs: list[str] = []
    quoted: list[Person] = []
    for index in range(count):
        parts: list[str] = []
        if index in slots:
            person, quote = quotes.pop(0)
            parts.append(attributed(person, quote, rng.randrange(3), person not in quoted))
            if rng.random() < 0.4:  # a second quote from the same person: "…," he added.
                parts.append(f"“{writer.quote()},” {person.pronoun} added.")
            quoted.append(person)
        while sum(len(p.split()) for p in parts) < budget - 8:
            # Context goes before the quote, as the lead-in of a news paragraph does.
            parts.insert(0, writer.sentence())
        paragraphs.append(" ".join(parts))
    return tuple(paragraphs)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "article"


def generate(n: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    cast = make_cast(rng)
    authors = {outlet: [p.name for p in make_cast(rng, rng.randint(3, 6))]
               for outlet, _ in vocab.OUTLETS}
    stories = [make_story(rng, cast) for _ in range(max(1, n // ARTICLES_PER_STORY))]
    return [make_article(i, rng, cast, rng.choice(stories), authors) for i in range(n)]


def _q(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: safe for ':' '#' and quotes.
    return json.dumps(value, ensure_ascii=False)


def entry_text(article: Article) -> str:
    lines = [
        "---",
        f"title: {_q(article.title)}",
        f"date: {article.moment:%Y-%m-%dT%H:%M:%S}{article.zone}",
        f"source: {_q(article.outlet)}",
        f"author: {_q(article.author)}",
        f"url: {article.url}",
        "language: en",
        f"topics: [{', '.join(_q(t) for t in article.topics)}]",
    ]
    if article.summary:
        lines.append(f"summary: {_q(article.summary)}")
    lines += ["---", "", "\n\n".join(article.paragraphs), ""]
    return "\n".join(lines)


def raw_text(article: Article, rng: random.Random) -> str:
    """Web copy: headline, date line, byline, paragraphs with page furniture between."""
    m = article.moment
    lines = [article.title, f"{m.day} {MONTHS[m.month - 1]} {m.year} {m:%H:%M}"]
    if rng.random() < 0.5:
        lines.append(f"By {article.author}")
    for paragraph in article.paragraphs:
        lines += ["", paragraph]
        if rng.random() < 0.2:
            lines += ["", rng.choice(vocab.BOILERPLATE).format(headline="Related coverage")]
    lines += ["", "Follow us on Telegram", ""]
    return "\n".join(lines)


def config_text(n: int, seed: int) -> str:
    lines = [
        f"# Generated by `python -m bench.generate --n {n} --seed {seed}`.",
        f'title: "Synthetic digest ({n} articles)"',
        'description: "A generated corpus for benchmarks: war and diplomacy news."',
        "language: en",
        "content: content",
        "output: site",
        "topics:",
    ]
    for name, phrases, _places, _subjects in vocab.TOPICS:
        lines += [f"  - name: {_q(name)}", f"    match: [{', '.join(_q(p) for p in phrases)}]"]
    return "\n".join(lines) + "\n"


def write_corpus(out: Path, n: int, seed: int, raw: bool = False) -> list[Article]:
    """Write the corpus into `out`, replacing an earlier content/ and raw/ there."""
    articles = generate(n, seed)
    out.mkdir(parents=True, exist_ok=True)
    for folder in ("content", "raw"):
        shutil.rmtree(out / folder, ignore_errors=True)
    (out / "digest.yaml").write_text(config_text(n, seed), encoding="utf-8")
    for article in articles:
        path = out / "content" / f"{article.moment:%Y/%m}" / f"{article.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(entry_text(article), encoding="utf-8")
    if raw:
        # A second generator, so that --raw does not change the entries' draws.
        raw_rng = random.Random(seed + 1)
        (out / "raw").mkdir()
        for article in articles:
            text = raw_text(article, raw_rng)
            (out / "raw" / f"{article.index:05d}.txt").write_text(text, encoding="utf-8")
    return articles


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="corpus folder")
    parser.add_argument("--raw", action="store_true", help="also write raw .txt articles")
    args = parser.parse_args(argv)
    articles = write_corpus(args.out, args.n, args.seed, args.raw)
    words = sum(a.words for a in articles)
    print(f"wrote {len(articles)} articles ({words} words) into {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
