import re

import pytest

from digest.errors import DigestError
from digest.ingest.boilerplate import DEFAULT_BOILERPLATE, compile_patterns, is_boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Follow us on Telegram: the main news in a nutshell",
        "Follow us on X",
        "Join us on Facebook",
        "Subscribe to our Telegram channel",
        "Facebook | Telegram | WhatsApp",
        "Share on X",
        "Share this",
        "Share this article:",
        "Read more:",
        "Read also: Zelensky meets Biden",
        "See also",
        "Related:",
        "Related articles",
        "Original Source",
        "(Visited 2 times, 1 visits today)",
        "About The Author",
        "All Sections",
        "Advertisement",
        "- Advertisement -",
        "Tags: Russia, North Korea",
        "US Secretary of Defense Lloyd Austin. Stock photo: Getty Images",
        "Photo: Reuters",
        "(Photo: EPA)",
        "Photo by Jane Doe/AP",
        "Illustrative photo: Ukrinform",
        "Become a Patron!",
        "You could close this page. Or you could join our community and help us produce more.",
        "This is why our small team depends on the support of readers like you.",
        "A little bit goes a long way. Become a patron or see other ways to support.",
        "Support us on Patreon",
        "Please support our journalism",
        "Sign up for our daily newsletter",
        "Subscribe now!",
        "Donate",
        "© 2024 Example Media. All rights reserved.",
    ],
)
def test_defaults_remove_page_furniture(line: str) -> None:
    assert is_boilerplate(line, DEFAULT_BOILERPLATE)


@pytest.mark.parametrize(
    "line",
    [
        # From the seeds: real sentences that mention the same words.
        "Meanwhile, Andriy Kovalenko, head of the National Security and Defence Council’s "
        "Disinformation Counteraction Centre, posted on Telegram that North Korean soldiers had "
        "been relocated in Russia.",
        "Source: Austin during a press conference with South Korean Defence Minister Kim "
        "Yong-hyun, as reported by European Pravda",
        "Against this background, he called on NATO allies to increase their support for Ukraine.",
        "Details: Austin mentioned that he and his South Korean counterpart had discussed a "
        "potential response.",
        "Background",
        # Made up: quotes and reports about the same topics.
        "“Our partners must support us with air defence,” Zelensky said.",
        "He shared a photo: soldiers unloading crates from a ship.",
        "The video shows troops marching in Kursk region.",
        "Readers of the newspaper were shocked.",
        "The ministry said it would share the intelligence with allies.",
        "Related talks resumed on Monday.",
        "Telegram channels reported explosions in Belgorod.",
    ],
)
def test_defaults_keep_real_sentences(line: str) -> None:
    assert not is_boilerplate(line, DEFAULT_BOILERPLATE)


def test_user_patterns_are_added_case_insensitively() -> None:
    patterns = compile_patterns([r"^the main news in a nutshell$", "kyiv post exclusive"])
    assert patterns[: len(DEFAULT_BOILERPLATE)] == DEFAULT_BOILERPLATE
    assert is_boilerplate("The main news in a nutshell", patterns)
    assert is_boilerplate("A KYIV POST EXCLUSIVE report", patterns)
    assert not is_boilerplate("The main news in a nutshell", DEFAULT_BOILERPLATE)
    assert all(p.flags & re.IGNORECASE for p in patterns)


def test_bad_user_pattern_is_named_in_the_error() -> None:
    with pytest.raises(DigestError) as caught:
        compile_patterns(["fine", "(unclosed"])
    assert "(unclosed" in caught.value.message
    assert caught.value.hint


def test_empty_user_pattern_is_refused() -> None:
    with pytest.raises(DigestError):
        compile_patterns(["  "])
