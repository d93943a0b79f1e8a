"""Benchmark digest.link.clusters.link_quotes on a large synthetic digest.

    .venv/bin/python -m bench.link_quotes [--quotes 100000] [--seed 7] [--runs 3]

Generates quotes deterministically: ~2,000 speakers (a few prolific, most occasional, a
tenth of quotes with no speaker), days over two years (a few undated), statements with 1-6
variants made by word substitutions, reorderings and truncations, plus noise quotes. Times
link_quotes, prints one line and writes the figures to bench/results-link.json, with the
pairwise precision and recall against the generated statements (a check that blocking
loses nothing, not a measure of quality on real text: see tests/link/test_clusters_eval.py).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections import Counter
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from digest.link.clusters import Cluster, QuoteRef, link_quotes

RESULTS = Path(__file__).resolve().parent / "results-link.json"
START = date(2023, 1, 1)
DAYS = 730
SPEAKERS = 2000
_SYLLABLES = ("ka", "lo", "mi", "re", "tan", "vo", "shi", "der", "pol", "gru", "en", "sta",
              "bor", "nik", "ul", "ze", "for", "ma", "ti", "rav")
_FUNCTION = ("the", "a", "of", "to", "in", "that", "and", "we", "is", "will", "with", "for",
             "this", "on", "are", "it", "not", "have", "by", "from")


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Corpus:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = _vocabulary(self.rng, 6000)
        self.places = [w.capitalize() for w in _vocabulary(self.rng, 400)]
        # Zipf-like weights: a few words (and speakers) everywhere, most rare.
        self.word_weights = list(accumulate(1 / (rank + 10) for rank in range(len(self.words))))
        self.speakers = [f"Speaker {n:04d}" for n in range(SPEAKERS)]
        self.speaker_weights = list(accumulate(1 / (rank + 5) for rank in range(SPEAKERS)))

    def sentence(self) -> list[str]:
        rng = self.rng
        content = rng.choices(self.words, cum_weights=self.word_weights, k=rng.randint(8, 22))
        out = [w if rng.random() < 0.6 else f"{w} {rng.choice(_FUNCTION)}" for w in content]
        for _ in range(rng.randint(1, 2)):
            out.insert(rng.randrange(len(out) + 1), rng.choice(self.places))
        if rng.random() < 0.3:
            out.insert(rng.randrange(len(out) + 1), f"{rng.randint(2, 400) * 50:,}")
        return out

    def variant(self, words: list[str]) -> tuple[str, str]:
        """Another outlet's version of words: returns (text, kind)."""
        rng = self.rng
        words = [
            rng.choices(self.words, cum_weights=self.word_weights)[0]
            if w[0].islower() and rng.random() < 0.15 else w
            for w in words
        ]
        if rng.random() < 0.3:  # a clause moved
            cut = rng.randrange(1, len(words))
            words = words[cut:] + words[:cut]
        roll = rng.random()
        if roll < 0.2:
            start = rng.randrange(len(words) // 3)
            return " ".join(words[start : start + max(4, len(words) // 2)]), "partial"
        return " ".join(words), "indirect" if roll > 0.9 else "direct"

    def quotes(self, total: int) -> tuple[list[QuoteRef], dict[str, int]]:
        rng = self.rng
        quotes: list[QuoteRef] = []
        truth: dict[str, int] = {}
        statement = 0
        while len(quotes) < total:
            statement += 1
            noise = rng.random() < 0.25
            speaker = None if rng.random() < 0.1 else rng.choices(
                self.speakers, cum_weights=self.speaker_weights)[0]
            day = START + timedelta(days=rng.randrange(DAYS))
            words = self.sentence()
            for n in range(1 if noise else rng.randint(1, 6)):
                text, kind = (" ".join(words), "direct") if n == 0 else self.variant(words)
                entry = f"e{len(quotes)}"
                quotes.append(QuoteRef(
                    id=f"{entry}-q1", entry=entry, text=text, speaker=speaker, kind=kind,
                    day=None if rng.random() < 0.02 else day + timedelta(rng.randint(0, 5)),
                    source=f"Outlet {rng.randrange(40)}",
                ))
                truth[quotes[-1].id] = statement
                if len(quotes) == total:
                    break
        return quotes, truth


def pairwise(clusters: tuple[Cluster, ...], truth: dict[str, int]) -> tuple[float, float]:
    def pairs(counts: Counter[object]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    cluster = {m: c.id for c in clusters for m in c.members}
    both = pairs(Counter((cluster[q], s) for q, s in truth.items()))
    linked = pairs(Counter(cluster.values()))
    same = pairs(Counter(truth.values()))
    return (both / linked if linked else 1.0, both / same if same else 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    quotes, truth = Corpus(args.seed).quotes(args.quotes)
    seconds: list[float] = []
    clusters: tuple[Cluster, ...] = ()
    for _ in range(args.runs):
        started = time.perf_counter()
        clusters = link_quotes(quotes)
        seconds.append(time.perf_counter() - started)
    median = statistics.median(seconds)
    precision, recall = pairwise(clusters, truth)
    print(f"link {len(quotes)} quotes: {median:.1f} s (median of {args.runs}), "
          f"{len(clusters)} clusters")
    RESULTS.write_text(json.dumps({
        "quotes": len(quotes),
        "seed": args.seed,
        "seconds": [round(s, 3) for s in seconds],
        "median_seconds": round(median, 3),
        "clusters": len(clusters),
        "links": sum(len(c.links) for c in clusters),
        "synthetic_precision": round(precision, 4),
        "synthetic_recall": round(recall, 4),
    }, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
