"""Normaliser: what two outlets' versions of one quote have in common once spelling goes."""

from __future__ import annotations

from digest.link.quotetext import Normaliser

NORMALISE = Normaliser({})


def test_punctuation_contractions_and_case_do_not_count() -> None:
    a = NORMALISE("What, precisely, they're planning is unclear.")
    b = NORMALISE("What precisely they are planning is unclear. We will find out.")
    assert a.joined in b.joined
    assert NORMALISE("We won't, we can't").seq == NORMALISE("We will not, we cannot").seq
    assert NORMALISE("Russia's war").seq == NORMALISE("Russia war").seq  # a possessive


def test_numerals_accents_and_dashes_are_one_spelling() -> None:
    assert (NORMALISE("gambling with World War III").seq
            == NORMALISE("gambling with World War 3").seq
            == NORMALISE("Gambling with world war three").seq)
    assert NORMALISE("I won").seq[0] == "i"  # one letter is a word, not a numeral
    assert NORMALISE("Prigožin — in Rostov").seq == NORMALISE("Prigozin in Rostov").seq


def test_an_outlets_insertions_and_cuts_split_the_quote_into_runs() -> None:
    text = NORMALISE("Nobody wants to finish [this war] more than [Ukrainians]. […] We have"
                     " to be on the same side (applause)")
    assert text.runs == (
        " nobodi want to finish ", " more than ", " we have to be on the same sid ")
    assert "war" not in text.seq and "applaus" not in text.seq
