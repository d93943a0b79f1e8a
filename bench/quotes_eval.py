"""Quote extraction and attribution on PolNeAR, news nobody here wrote.

    .venv/bin/python -m bench.quotes_eval [--data DIR] [--split dev|train|both] [--examples N]

`--data` (or DIGEST_EVAL_DATA) is the folder holding `polnear/`, a copy of the PolNeAR
repository's `data/` folder (train and dev only; see bench/polnear.py). `make eval` runs
it on both splits: the dev figures are the ones to meet, the train figures beside them
show whether a rule fits the data it was written on better than data it was not.

Figures, each over gold quotes (quotation-mark spans inside an annotated Content span):
- extraction: precision (digest's direct and partial quotes that lie in some Content
  span), recall (gold quotes digest finds) and F1; a match overlaps by half the shorter.
- attribution recall: gold quotes whose source names a person (a name, with or without a
  title) that digest finds and gives that person; precision: of found gold quotes digest
  gives a speaker, the share right. A surname matches a full name the article spells out
  with it; two first names must agree.
- pronoun sources apart: "he"/"she" resolved to the last person the gold names as a
  source before it (an approximation: PolNeAR has no coreference), scored the same way.
- error classes: what the misses and wrong speakers are, by the source's form and where
  it stands, most costly first, so the next rule is chosen by what costs most.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.polnear import SPLITS, Article, GoldQuote, Split, articles
from digest.extract.quotes import extract_quotes
from digest.model import Quote

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".data"
_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "who"})
_OTHER_PRONOUNS = frozenset({"they", "it", "i", "we", "you", "them", "which", "this",
                             "that", "those", "these", "one"})
_HONORIFICS = frozenset("""mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen.
    lt. col. sgt. prof. rev. del. atty. pres. jr jr. sr sr. ii iii iv""".split())
_ORG_WORDS = frozenset("""post times news journal network radio tv television channel press
    committee department commission association council party campaign court circuit
    office agency bureau institute foundation center centre university college school
    watch group union league coalition pac fund board house senate congress administration
    company corporation inc. inc llc service services magazine review daily tribune herald
    gazette blaze reuters ap cnn msnbc fox abc nbc cbs npr bbc politico breitbart""".split())
_TITLES = frozenset("""president senator sen governor gov secretary speaker chief judge justice
    mayor director chairman chairwoman chair leader spokesman spokeswoman rep representative
    congressman congresswoman attorney general gen. former candidate nominee professor prof
    dr. ambassador minister premier chancellor king queen pope prince""".split())
_PREPOSITIONS = frozenset({"for", "of", "at", "from", "with", "to", "in", "on", "by", "about",
                           "near", "close"})
_TOKEN = re.compile(r"[\w.'’-]+")
_PAREN = re.compile(r"\([^()]*\)")


def fold(word: str) -> str:
    plain = unicodedata.normalize("NFKD", word)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"(?:['’]s|['’])$", "", plain.lower()).strip(".,")


@dataclass(frozen=True)
class GoldSource:
    kind: str  # "name", "pronoun", "other-pronoun", "org", "nominal", "group", "none"
    name: tuple[str, ...] = ()  # for "name": the person's name tokens as written
    form: str = ""  # for "name": "surname", "full name", "title + name", "name, appositive"


def classify(source: str | None) -> GoldSource:
    if not source:
        return GoldSource("none")
    low = source.lower().strip()
    if low in _PRONOUNS:
        return GoldSource("pronoun")
    if low in _OTHER_PRONOUNS:
        return GoldSource("other-pronoun")
    if low.split()[0] in ("a", "an", "another", "one", "some", "several", "multiple", "many"):
        return GoldSource("nominal")  # "a New Hampshire Republican": nobody named
    if re.search(r"\b(?:and|&)\b", _PAREN.sub(" ", source).split(",")[0]):
        return GoldSource("group")  # "Cruz and Trump": two sources, no one speaker
    pieces = [p.strip() for p in _PAREN.sub(" ", source).split(",") if p.strip()]
    head = pieces[0]
    # "her senior policy adviser, Jake Sullivan,": the name in apposition is the source.
    if len(pieces) > 1 and not any(t[0].isupper() for t in _TOKEN.findall(head)[1:]) \
            and re.fullmatch(r"(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]+", pieces[1]):
        head = pieces[1]
    tokens = _TOKEN.findall(head)
    # "Sen. Tom Carper of Delaware", "Meenakshi Ganguly of Human Rights Watch": the person
    # is named before "of" (but "Secretary of State John Kerry" is a title and a name).
    cut = next((i for i in range(2, len(tokens) - 1) if tokens[i] in ("of", "from", "at")
                and tokens[i - 1][0].isupper() and tokens[i - 2][0].isupper()
                and fold(tokens[i - 1]) not in _TITLES | _ORG_WORDS), None)
    tokens = tokens[:cut] if cut is not None else tokens
    run: list[str] = []
    k = len(tokens)
    while k > 0 and (tokens[k - 1][0].isupper() or fold(tokens[k - 1]) in _HONORIFICS):
        k -= 1
    run = [t for t in tokens[k:] if fold(t) not in _HONORIFICS]
    while len(run) > 1 and fold(run[0]) in _TITLES:
        run = run[1:]  # "Chief Williams", "Speaker Paul Ryan": the title is no name
    if not run or all(t.isupper() and len(t) > 1 for t in run):
        return GoldSource("org" if run else "nominal")
    if fold(run[-1]) in _ORG_WORDS or (k and fold(tokens[k - 1]) == "the" and k == 1):
        # "Meenakshi Ganguly of Human Rights Watch": the person comes before "of".
        if k >= 2 and fold(tokens[k - 1]) in _PREPOSITIONS:
            return classify(" ".join(tokens[:k - 1]) or None)
        return GoldSource("org")
    if k and fold(tokens[k - 1]) in _PREPOSITIONS and len(run) == 1:
        return GoldSource("nominal")  # "attorneys for Clinton"
    run = run[-3:] if len(run) > 3 else run
    if "," in _PAREN.sub(" ", source).strip().rstrip(","):
        form = "name, appositive"
    elif k > 0 or len(run) < len([t for t in tokens[k:]]):
        form = "title + name"
    else:
        form = "surname" if len(run) == 1 else "full name"
    return GoldSource("name", tuple(run), form)


def _full_names(article: Article) -> dict[str, set[tuple[str, ...]]]:
    """Full names the article spells out, by surname: what a lone surname refers to."""
    found: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for paragraph in article.paragraphs:
        for match in re.finditer(r"\b([A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'-]+){1,2})",
                                 paragraph):
            parts = tuple(match.group(1).split())
            found[fold(parts[-1])].add(parts)
    return found


def same_person(gold: tuple[str, ...], speaker: str | None,
                names: dict[str, set[tuple[str, ...]]]) -> bool:
    """Surnames agree, and a first name, where both sides have one, is among the gold's
    words (gold runs keep titles: "Speaker Paul Ryan") or the article's full names."""
    if not speaker or not gold:
        return False
    ours = [fold(t) for t in speaker.split() if fold(t) not in _HONORIFICS]
    if not ours or ours[-1] != fold(gold[-1]):
        return False
    if len(ours) == 1:
        return True
    if len(gold) > 1:
        return ours[0] in {fold(t) for t in gold[:-1]}
    options = names.get(fold(gold[-1]), set())
    return not options or any(ours[0] in {fold(t) for t in full} for full in options)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared * 2 >= min(a[1] - a[0], b[1] - b[0])


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct_predicted: int = 0
    named: int = 0
    named_right: int = 0
    given: int = 0
    given_right: int = 0
    pronoun: int = 0
    pronoun_right: int = 0
    pronoun_given: int = 0
    pronoun_given_right: int = 0
    indirect: int = 0
    indirect_in_content: int = 0
    seconds: float = 0.0
    articles: int = 0


def _pronoun_referent(article: Article, quote: GoldQuote) -> tuple[str, ...]:
    best: tuple[str, ...] = ()
    for offset, text in article.sources:
        if offset >= quote.source_offset:
            break
        gold = classify(text)
        if gold.kind == "name":
            best = gold.name
    return best


def score(split_articles: Sequence[Article], errors: Counter[str],
          examples: dict[str, list[str]]) -> Tally:
    tally = Tally()
    for article in split_articles:
        began = time.perf_counter()
        predicted = extract_quotes(article.paragraphs)
        tally.seconds += time.perf_counter() - began
        tally.articles += 1
        names = _full_names(article)
        marked = [q for q in predicted if q.kind in ("direct", "partial")]
        tally.predicted += len(marked)
        for q in marked:
            if any(p == q.paragraph and _overlap((q.start, q.end), (s, e))
                   for p, s, e in article.contents):
                tally.correct_predicted += 1
            else:
                errors["extraction: not a quote (no Content span)"] += 1
                examples["extraction: not a quote (no Content span)"].append(q.text[:80])
        for q in predicted:
            if q.kind == "indirect":
                tally.indirect += 1
                tally.indirect_in_content += any(
                    p == q.paragraph and _overlap((q.start, q.end), (s, e))
                    for p, s, e in article.contents)
        for gold in article.quotes:
            tally.gold += 1
            match = _match(gold, marked)
            tally.found += match is not None
            _attribution(article, gold, match, names, tally, errors, examples)
    return tally


def _match(gold: GoldQuote, marked: Sequence[Quote]) -> Quote | None:
    for q in marked:
        if q.paragraph == gold.paragraph and _overlap((q.start, q.end), (gold.start, gold.end)):
            return q
    return None


def _where(gold: GoldQuote) -> str:
    if gold.source_paragraph is None:
        return "no source"
    if gold.source_paragraph == gold.paragraph:
        return "same paragraph"
    return "earlier paragraph" if gold.source_paragraph < gold.paragraph else "later paragraph"


def _attribution(article: Article, gold: GoldQuote, match: Quote | None,
                 names: dict[str, set[tuple[str, ...]]], tally: Tally,
                 errors: Counter[str], examples: dict[str, list[str]]) -> None:
    source = classify(gold.source)
    speaker = match.speaker if match else None
    if source.kind == "pronoun":
        referent = _pronoun_referent(article, gold)
        if not referent:
            return
        tally.pronoun += 1
        right = same_person(referent, speaker, names)
        tally.pronoun_right += right
        if speaker:
            tally.pronoun_given += 1
            tally.pronoun_given_right += right
        return
    if source.kind == "name":
        tally.named += 1
        right = same_person(source.name, speaker, names)
        tally.named_right += right
        if match is None:
            cls = f"name: quote not found ({_where(gold)})"
        elif not speaker:
            cls = f"name: no speaker ({source.form}, {_where(gold)})"
        elif not right:
            cls = f"name: wrong speaker ({source.form}, {_where(gold)})"
        else:
            cls = ""
        if cls:
            errors[cls] += 1
            examples[cls].append(f"{gold.source!r} <- {gold.text[:60]!r}"
                                 + (f" (digest: {speaker!r})" if speaker else ""))
    if speaker:
        tally.given += 1
        right = source.kind == "name" and same_person(source.name, speaker, names)
        tally.given_right += right
        if not right and source.kind != "name":
            cls = f"speaker given, source is {source.kind}"
            errors[cls] += 1
            examples[cls].append(f"{gold.source!r} <- {gold.text[:60]!r} (digest: {speaker!r})")


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def figures(tally: Tally) -> dict[str, float]:
    p = _ratio(tally.correct_predicted, tally.predicted)
    r = _ratio(tally.found, tally.gold)
    return {
        "extraction precision": p, "extraction recall": r,
        "extraction F1": 2 * p * r / (p + r) if p + r else 0.0,
        "attribution recall (named)": _ratio(tally.named_right, tally.named),
        "attribution precision": _ratio(tally.given_right, tally.given),
        "pronoun recall (approx.)": _ratio(tally.pronoun_right, tally.pronoun),
        "pronoun precision (approx.)": _ratio(tally.pronoun_given_right, tally.pronoun_given),
        "indirect in a Content span": _ratio(tally.indirect_in_content, tally.indirect),
        "extraction ms per article": 1000 * tally.seconds / max(1, tally.articles),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quotes_eval", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path,
                        default=Path(os.environ.get("DIGEST_EVAL_DATA", DEFAULT_DATA)))
    parser.add_argument("--split", choices=(*SPLITS, "both"), default="both")
    parser.add_argument("--examples", type=int, default=0,
                        help="print N examples of each error class (train only)")
    parser.add_argument("--errors", type=int, default=25, help="error classes to print")
    args = parser.parse_args(argv)
    root = args.data / "polnear"
    if not (root / "data").is_dir():
        print(f"quotes_eval: no PolNeAR copy at {root}/data: fetch github networkdynamics/"
              "PolNeAR and copy its data/train and data/dev there (never data/test)",
              file=sys.stderr)
        return 2
    splits: tuple[Split, ...] = SPLITS if args.split == "both" else (args.split,)
    command = "python -m bench.quotes_eval " + " ".join(argv or sys.argv[1:])
    print(f"$ {command.strip()}")
    results: dict[str, dict[str, float]] = {}
    tables: dict[str, Counter[str]] = {}
    shown: dict[str, dict[str, list[str]]] = {}
    counts: dict[str, Tally] = {}
    for split in splits:
        errors: Counter[str] = Counter()
        examples: dict[str, list[str]] = defaultdict(list)
        tally = score(list(articles(root, split)), errors, examples)
        results[split], tables[split], shown[split], counts[split] = (
            figures(tally), errors, examples, tally)
    print(f"{'':34}" + "".join(f"{s:>10}" for s in splits))
    print(f"{'articles':34}" + "".join(f"{counts[s].articles:>10}" for s in splits))
    print(f"{'gold quotes (named / pronoun)':34}" + "".join(
        f"{f'{counts[s].gold} ({counts[s].named}/{counts[s].pronoun})':>10}" for s in splits))
    for key in results[splits[0]]:
        print(f"{key:34}" + "".join(f"{results[s][key]:>10.3f}" for s in splits))
    for split in splits:
        print(f"\nerror classes, {split} (count: class)")
        for cls, n in tables[split].most_common(args.errors):
            print(f"{n:6}  {cls}")
            if args.examples and split == "train":
                for example in shown[split][cls][:args.examples]:
                    print(f"          {example}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
