import re
import unicodedata
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.search.tokenize import Stemmer, fold, words


def test_fold_lowers_and_drops_accents() -> None:
    assert fold("Naïve CAFÉ Zürich") == "naive cafe zurich"
    assert fold("İstanbul") == "istanbul"
    assert fold("Ĳssel ﬁnal") == "ijssel final"  # compatibility forms are split too


def test_fold_keeps_other_scripts() -> None:
    assert fold("Бурятія") == "бурятія"
    # Marks go in every script: "ї" is folded like "ï", the same rule search.js applies.
    assert words("Україна, Корея!") == ["украіна", "корея"]


def test_words_are_runs_of_letters_and_digits() -> None:
    assert words("Kim_Jong-un’s 11th (2024) x²") == ["kim", "jong", "un", "s", "11th", "2024",
                                                     "x2"]
    assert words("— … !") == []


def test_terms_are_the_stem_and_the_word_itself() -> None:
    stemmer = Stemmer()
    assert stemmer.terms("troops") == ("troop", "troops")
    assert stemmer.terms("troop") == ("troop",)
    # A name stays whole beside its stem, so "Rutte" can outrank other "rutt-" words.
    assert stemmer.terms("rutte") == ("rutt", "rutte")
    assert stemmer.stem("deployed") == stemmer.stem("deployment") == "deploy"
    assert stemmer.vocabulary() == {"troops": "troop", "troop": "troop", "rutte": "rutt",
                                    "deployed": "deploy", "deployment": "deploy"}


@cache
def marks() -> dict[int, None]:
    return {cp: None for cp in range(0x110000) if unicodedata.category(chr(cp)) == "Mn"}


def reference_fold(text: str) -> str:
    """The rule as search.js states it, over the whole text at once."""
    return unicodedata.normalize("NFKD", text.lower()).translate(marks())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from("aZ9_ -’“”—…½™²ﬁİΣσςéè\u0301\u0327\u00a0"),
                                  st.characters())))
def test_folding_runs_apart_is_folding_the_whole_text(text: str) -> None:
    # words() folds each run of non-ASCII characters on its own, and splits ASCII text
    # with str.split: both must give what the one rule gives on the whole text.
    assert fold(text) == reference_fold(text)
    assert words(text) == re.findall(r"[^\W_]+", reference_fold(text))
