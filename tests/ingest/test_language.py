import pytest

from digest.ingest.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Der Schlagabtausch im Bundestag von Merz und Scholz zur Ukraine: Am 1. Juni kam es "
         "zu einem Streit zwischen dem Oppositionsführer und dem Bundeskanzler.", "de"),
        ("Kreu i PD-së Sali Berisha ka bërë një reagim në rrjetet sociale ditën e sotme duke "
         "komentuar sërish ndryshimet në kabinetin qeveritar.", "sq"),
        ("Український лідер Володимир Зеленський у вівторок розповів, як триває робота над "
         "миром. За його словами, партнери дуже активні.", "uk"),
        ("The State Department on Friday released 562 of Hillary Clinton's official emails "
         "as secretary of state.", "en"),
    ],
)
def test_the_language_of_a_text(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "OK, thanks!", "12 345 678 — 2024-10-25 03:47"])
def test_too_little_text_gets_no_language(text: str) -> None:
    assert detect_language(text) is None
