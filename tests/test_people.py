"""The people registry: lookups, people.yaml errors, proposals and the round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.errors import DigestError
from digest.model import Quote
from digest.people import People, Person, RoleSeen, dump_people, propose

YAML = """\
- name: Volodymyr Zelenskyy
  aliases: [Zelensky, Volodymyr Zelensky]
  roles:
    - {role: President of Ukraine, first_seen: 2024-10-23, last_seen: 2024-10-28}
- name: Lloyd Austin
  aliases: [Lloyd J. Austin]
  roles: [{role: US Secretary of Defense}]
- name: Mark Rutte
  roles: [{role: NATO Secretary General, first_seen: 2024-10-28}]
"""


@pytest.fixture
def people(tmp_path: Path) -> People:
    path = tmp_path / "people.yaml"
    path.write_text(YAML, encoding="utf-8")
    return People.from_file(path)


def test_lookup_by_alias_spelling_case_and_surname(people: People) -> None:
    assert people.canonical("Zelensky") == "Volodymyr Zelenskyy"
    assert people.canonical("zelenskyy") == "Volodymyr Zelenskyy"
    assert people.canonical("Volodymyr Zelenskiy") == "Volodymyr Zelenskyy"  # transliteration
    assert people.canonical("Austin") == "Lloyd Austin"
    assert people.canonical("LLOYD J. AUSTIN") == "Lloyd Austin"
    assert people.canonical("Kim Jong Un") is None
    assert people.canonical("") is None


def test_surname_two_people_share_is_not_resolved() -> None:
    people = People([Person("Anna Berg"), Person("Tomas Berg")])
    assert people.canonical("Berg") is None
    assert people.canonical("Tomas Berg") == "Tomas Berg"


def test_by_role(people: People) -> None:
    assert people.by_role("the NATO Secretary General") == "Mark Rutte"
    assert people.by_role("the Secretary of Defence") == "Lloyd Austin"
    assert people.by_role("the Secretary") is None  # Austin's and Rutte's: not one person
    assert people.by_role("the weather") is None


def test_dates_read_as_iso_text(people: People) -> None:
    zelenskyy = people.people()[0]
    assert zelenskyy.roles == (RoleSeen("President of Ukraine", "2024-10-23", "2024-10-28"),)


def test_missing_file_is_an_empty_registry(tmp_path: Path) -> None:
    assert People.from_file(tmp_path / "people.yaml").people() == ()


def test_alias_of_two_people_names_both_with_line(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text("- name: Anna Berg\n  aliases: [Berg]\n- name: Tomas Berg\n"
                    "  aliases: [berg]\n", encoding="utf-8")
    with pytest.raises(DigestError) as caught:
        People.from_file(path)
    assert caught.value.line == 3 and caught.value.path == path
    assert "Anna Berg" in caught.value.message and "Tomas Berg" in caught.value.message


@pytest.mark.parametrize(("text", "line"), [
    ("- name: A\n- name: [unclosed\n", 2),
    ("name: A\n", 1),
    ("- name: A\n- aliases: [B]\n", 2),
    ("- name: A\n  nickname: B\n", 1),
    ("- name: A\n- name: B\n  roles: [{role: X, first_seen: 24 Oct}]\n", 2),
    ("- name: A\n- name: B\n  roles: [{role: X, first_seen: 2024-02-31}]\n", 3),
])
def test_errors_name_file_and_line(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DigestError) as caught:
        People.from_file(path)
    assert (caught.value.path, caught.value.line) == (path, line)
    assert "front-matter" not in str(caught.value)


def _quote(speaker: str | None, role: str | None) -> Quote:
    return Quote("words", "direct", speaker, 0, 0, 5, role=role)


def test_propose_adds_people_and_roles_but_keeps_edits(people: People) -> None:
    proposed = propose(
        people,
        {"b": [_quote("Lloyd Austin", "Pentagon chief"), _quote("Kim Yong-hyun", "Minister")],
         "a": [_quote("Lloyd Austin", "US Secretary of Defence"),
               _quote("Zelensky", "President of Ukraine"), _quote(None, "someone")],
         "c": [_quote("Kim Yong-hyun", "Minister")]},
        {"a": "2024-10-23T16:12:00", "b": "2024-10-30", "c": None},
    )
    by_name = {p.name: p for p in proposed.people()}
    assert by_name["Volodymyr Zelenskyy"] == people.people()[0]  # dates untouched
    austin = by_name["Lloyd Austin"]
    assert austin.aliases == ("Lloyd J. Austin",)
    # "Defence" is the recorded "Defense" role: not added twice.
    assert austin.roles == (RoleSeen("US Secretary of Defense"),
                            RoleSeen("Pentagon chief", "2024-10-30", "2024-10-30"))
    assert by_name["Kim Yong-hyun"] == Person(
        "Kim Yong-hyun", roles=(RoleSeen("Minister", "2024-10-30", "2024-10-30"),))


def test_dump_and_load_round_trip(tmp_path: Path, people: People) -> None:
    text = dump_people(people)
    assert text == dump_people(People(reversed(people.people())))  # order-independent
    path = tmp_path / "again.yaml"
    path.write_text(text, encoding="utf-8")
    again = People.from_file(path)
    assert sorted(again.people(), key=lambda p: p.name) == sorted(
        people.people(), key=lambda p: p.name)
    assert "first_seen: '2024-10-23'" in text or "first_seen: 2024-10-23" in text


def test_dump_empty_registry_loads_back(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(dump_people(People()), encoding="utf-8")
    assert People.from_file(path).people() == ()
