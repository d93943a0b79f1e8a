"""judge: the evidence one pair of quote texts gives that they are one statement."""

from __future__ import annotations

import random

from digest.link.judge import aligned, judge
from digest.link.quotetext import Normaliser

NORMALISE = Normaliser({})


def _lcs(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def test_alignment_is_the_share_of_words_in_order() -> None:
    rng = random.Random(3)
    for _ in range(300):
        a = " ".join(rng.choice("alpha beta gamma delta echo".split()) for _ in range(9))
        b = " ".join(rng.choice("alpha beta gamma delta echo fox".split()) for _ in range(15))
        ta, tb = NORMALISE(a), NORMALISE(b)
        assert aligned(ta, tb) == _lcs(ta.seq, tb.seq) / len(ta.seq)


def test_words_scattered_over_a_paragraph_are_not_aligned() -> None:
    sentence = NORMALISE("the first factor was that we did not want to shed Russian blood")
    paragraph = NORMALISE(
        "They wanted to disband the Wagner PMC. We went out on June 23 for a justice march. "
        "In one day we walked 200 kilometers to Moscow. During this time, we did not shed a "
        "single drop of blood of our fighters. Now the moment has come when blood may be "
        "shed, so, realizing the responsibility that Russian blood may be shed by one of the "
        "parties, we are turning our columns around")
    assert _lcs(sentence.seq, paragraph.seq) / len(sentence.seq) > 0.5
    assert aligned(sentence, paragraph) < 0.45


def _judged(a: str, b: str) -> str | None:
    found = judge(NORMALISE(a), NORMALISE(b), known=True, indirect=False, undated=False)
    return found[0] if found else None


def test_re_edited_wire_copy_is_one_statement() -> None:
    letter = ("While it has been my intention to seek reelection, I believe it is in the best "
              "interest of my party and the country for me to stand down and to focus solely "
              "on fulfilling my duties as President for the remainder of my term")
    wire = ("Although I intended to run for re-election, I believe it is in the best interest "
            "of my party and the country that I step down and focus solely on fulfilling my "
            "duties as president for the remainder of my term")
    assert _judged(letter, wire) in ("aligned", "fuzzy")
    assert _judged("You're either going to make a deal or we're out",
                   "You either make a deal or we are out") == "aligned"


def test_a_topics_words_in_another_order_are_another_statement() -> None:
    assert _judged("The declaration of martial law will cause some inconveniences to good "
                   "citizens, but we will focus on minimizing such inconveniences.",
                   "The declaration of his martial law was made out of my desperation") is None
    assert _judged("I am increasingly concerned that Iran plans to send drones to Russia",
                   "I am increasingly concerned that the Kremlin plans to use these soldiers"
                   ) is None
