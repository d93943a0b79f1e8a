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
