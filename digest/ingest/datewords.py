"""Month and weekday names in the languages of news copy, and the words around dates.

The names come from the Unicode CLDR through Babel, with each language's declined forms
("27 марта 2024", "25 листопада 2025", "4 de mayo de 2012"), not from a hand-made list.
A name that means two months in two languages is left out: the date is then missed,
never misread.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from babel.dates import get_day_names, get_month_names

# European languages of the outlets digests follow; Croatian and Slovenian are left out
# because their month names ("listopad": October) clash with Polish and Czech ones
# (November) in the same spelling.
LANGUAGES = (
    "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "ru", "uk", "sq", "tr", "ro",
    "sv", "da", "nb", "fi", "hu", "bg", "el",
)
# English forms the CLDR does not list but outlets print: "Sept. 5", "Tues., Oct. 1".
_EXTRA_MONTHS = {"sept": 9}
_EXTRA_WEEKDAYS = ("tues", "thur", "thurs")

# Labels that name a date ("Published:", "Publié le", "Veröffentlicht von"), in lower case.
PUBLISHED_WORDS = frozenset(
    {
        "published", "posted", "created", "released", "issued", "publié", "publiée", "publie",
        "veröffentlicht", "erschienen", "publicado", "publicada", "pubblicato", "pubblicata",
        "opublikowano", "gepubliceerd", "publikuar", "опубликовано", "опубликован",
        "опубліковано", "дата",
    }
)
UPDATED_WORDS = frozenset(
    {
        "updated", "modified", "edited", "revised", "actualisé", "aktualisiert", "geändert",
        "actualizado", "aggiornato", "atualizado", "zaktualizowano", "bijgewerkt",
        "përditësuar", "обновлено", "оновлено",
    }
)
# Small words around a date label: "Publié le", "mis à jour", "Stand:", "am", "um".
LABEL_WORDS = PUBLISHED_WORDS | UPDATED_WORDS | frozenset(
    {
        "last", "first", "date", "on", "at", "by", "author", "le", "la", "mis", "à", "jour",
        "von", "am", "um", "stand", "zuletzt", "el", "il", "em", "op", "dne", "публикации",
        "публікації", "от",
    }
)


def _collect(lists: Iterable[Mapping[int, str]]) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for names in lists:
        for number, name in names.items():
            found.setdefault(name.casefold().rstrip("."), set()).add(number)
    return found


def _months() -> dict[str, int]:
    found = _collect(
        get_month_names(width, context=context, locale=language)
        for language in LANGUAGES
        for width in ("wide", "abbreviated")
        for context in ("format", "stand-alone")
    )
    months = {name: next(iter(numbers)) for name, numbers in found.items()
              if len(numbers) == 1 and len(name) >= 3}
    return {**months, **_EXTRA_MONTHS}


def _weekdays() -> frozenset[str]:
    found = _collect(
        get_day_names(width, context=context, locale=language)
        for language in LANGUAGES
        for width in ("wide", "abbreviated")
        for context in ("format", "stand-alone")
    )
    # Two-letter forms ("so", "do", "to") are everyday words in other languages.
    return frozenset(name for name in found if len(name) >= 3) | frozenset(_EXTRA_WEEKDAYS)


MONTHS: Mapping[str, int] = _months()  # casefolded name or abbreviation -> 1..12
WEEKDAYS: frozenset[str] = _weekdays()
