"""Slugs of names: usable in a URL and a file name, whatever the name; one per name."""

from hypothesis import given
from hypothesis import strategies as st

from digest.content import SLUG_RE
from digest.slugs import NAME_SLUG_MAX, RESERVED, assign_slugs, bounded, name_slug, same_name

names = st.text(st.characters(blacklist_categories=("Cs",)), max_size=3000)


@given(names)
def test_every_name_slugs_to_a_short_url_word(name: str) -> None:
    slug = name_slug(name)
    assert SLUG_RE.match(slug) and len(slug.encode()) <= NAME_SLUG_MAX


def test_names_with_nothing_to_transliterate_still_differ() -> None:
    assert name_slug("!!!") != name_slug("???")
    assert name_slug("!!!") == name_slug("!!!")


def test_long_slugs_are_cut_with_a_hash_of_the_whole() -> None:
    a, b = "word-" * 100 + "a", "word-" * 100 + "b"
    assert bounded(a, 50) != bounded(b, 50)
    assert len(bounded(a, 50)) <= 50 and bounded(a, 50).startswith("word-word-")
    assert bounded("short", 50) == "short"


def test_case_and_spacing_do_not_make_another_name_punctuation_does() -> None:
    assert same_name("Kursk  Region") == same_name("kursk region")
    assert same_name("Kursk-region") != same_name("Kursk region")


def test_names_that_slug_alike_get_suffixes_by_first_appearance() -> None:
    slugs = assign_slugs(["Murphy-O'Connor", "Murphy O'Connor", "Index", "murphy o connor"])
    assert slugs == {"Murphy-O'Connor": "murphy-o-connor", "Murphy O'Connor": "murphy-o-connor-2",
                     "Index": "index-2", "murphy o connor": "murphy-o-connor-3"}


@given(st.lists(names, max_size=12), names)
def test_slugs_are_unique_and_a_later_name_moves_no_earlier_one(keys: list[str],
                                                                later: str) -> None:
    slugs = assign_slugs(keys)
    assert len(set(slugs.values())) == len(slugs) == len(set(keys))
    assert not set(slugs.values()) & RESERVED
    more = assign_slugs([*keys, later])
    assert {k: more[k] for k in slugs} == slugs
