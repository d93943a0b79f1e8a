"""speaker_keys: one key per person, however outlets name them."""

from __future__ import annotations

from digest.link.speakers import speaker_keys
from digest.people import People, Person


def test_honorifics_and_surnames_are_the_registered_person() -> None:
    people = People([Person("Olaf Scholz")])
    keys = speaker_keys(["Mr Scholz", "Scholz", "Olaf Scholz", "Chancellor's aide"], people)
    assert keys["Mr Scholz"] == keys["Scholz"] == keys["Olaf Scholz"] == "Olaf Scholz"
    assert keys["Chancellor's aide"] != "Olaf Scholz"


def test_a_surname_is_the_one_full_name_among_the_quotes() -> None:
    keys = speaker_keys(["Zelenskyy", "Mr. Zelensky", "Volodymyr Zelensky", None])
    assert keys["Zelenskyy"] == keys["Mr. Zelensky"] == keys["Volodymyr Zelensky"]
    assert None not in keys


def test_a_surname_two_people_share_stays_itself() -> None:
    keys = speaker_keys(["Trump", "Donald Trump", "Melania Trump"])
    assert len({keys["Trump"], keys["Donald Trump"], keys["Melania Trump"]}) == 3


def test_initials_and_titles_leave_the_name() -> None:
    keys = speaker_keys(["Sen. John F. Kelly Jr.", "John Kelly", "JOHN KELLY"])
    assert keys["Sen. John F. Kelly Jr."] == keys["John Kelly"] == keys["JOHN KELLY"]


def test_family_names_first_and_two_word_surnames_find_their_person() -> None:
    keys = speaker_keys(["Yoon", "Yoon Suk Yeol", "Le Pen", "Marine Le Pen", "Jae-myung",
                         "Lee Jae-myung", "Lee"])
    assert keys["Yoon"] == keys["Yoon Suk Yeol"]
    assert keys["Le Pen"] == keys["Marine Le Pen"]
    assert keys["Jae-myung"] == keys["Lee"] == keys["Lee Jae-myung"]
