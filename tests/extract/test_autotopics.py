"""candidate_topics and auto_topics: salient names, canonical spellings, shared topics."""

from __future__ import annotations

from pathlib import Path

from digest.content import load_entries
from digest.extract.autotopics import MAX_TOPICS, auto_topics, candidate_topics
from digest.extract.markdown import new_renderer, render_body

ROOT = Path(__file__).resolve().parents[2]


def test_a_single_passing_mention_is_not_a_topic() -> None:
    found = candidate_topics("Talks in Geneva", [
        "Diplomats met in Geneva on Monday. Anna Kovacs said the talks went well.",
        "Kovacs added that Poland supports the plan. Geneva will host more rounds.",
    ], {})
    assert "Geneva" in found  # in the title
    assert "Anna Kovacs" in found  # twice, once by surname alone
    assert "Poland" not in found  # once, not in the title


def test_aliases_give_one_canonical_spelling() -> None:
    found = candidate_topics("DPRK troops in Russia", [
        "The DPRK sent troops. North Korea denies it. North Korean soldiers were seen.",
        "The US says so. The United States has evidence. Kiev and Kyiv agree; Kiev says so.",
    ], {"Kiev": "Kyiv"})
    assert found[0] == "North Korea"
    assert "DPRK" not in found and "North Korean" not in found
    assert "United States" in found and "US" not in found
    assert "Kyiv" in found and "Kiev" not in found


def test_user_aliases_override_and_extend() -> None:
    paragraphs = ["The GUR said so. Later the GUR confirmed it."]
    assert candidate_topics("", paragraphs, {})[0] == "GUR"
    assert candidate_topics("", paragraphs, {"GUR": "Ukrainian intelligence"}) == (
        "Ukrainian intelligence",)


def test_sentence_initial_common_words_are_not_topics() -> None:
    found = candidate_topics("Talks", [
        "However, the talks failed. Meanwhile, talks go on. According to officials, more talks.",
        "The Pentagon said so. The Pentagon says more. However, no deal. Meanwhile nothing.",
        "Today the vote. Today again. Background matters. Background again.",
    ], {})
    assert found == ("Pentagon",)


def test_titles_are_stripped_from_people() -> None:
    found = candidate_topics("", [
        "NATO Secretary General Mark Rutte spoke. Rutte was clear.",
        "US Secretary of Defense Lloyd Austin agreed, and President Joe Biden too. Biden said",
        "so. Austin said so. South Korean President Yun Seok-yeol called NATO.",
    ], {})
    assert {"NATO", "Mark Rutte", "Lloyd Austin", "Joe Biden"} <= set(found)
    assert not any("Secretary" in name or "President" in name for name in found)


def test_at_most_eight_most_salient_first() -> None:
    names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
             "Juliett"]
    text = " ".join(f"We met {name} and {name}." for name in names) + " We met Juliett."
    found = candidate_topics("", [text], {})
    assert len(found) == MAX_TOPICS
    assert found[0] == "Juliett"


def test_auto_topics_keeps_names_shared_by_enough_entries() -> None:
    candidates = {"a": ("Kursk", "NATO", "Mark Rutte"), "b": ("kursk", "NATO"), "c": ("Odesa",)}
    assert auto_topics(candidates) == {"a": ("Kursk", "NATO"), "b": ("Kursk", "NATO"), "c": ()}
    assert auto_topics(candidates, min_entries=1)["c"] == ("Odesa",)
    assert auto_topics(candidates, min_entries=3) == {"a": (), "b": (), "c": ()}


def test_the_demo_entries() -> None:
    md = new_renderer()
    entries = load_entries(ROOT / "content").entries
    candidates = {e.slug: candidate_topics(e.title, render_body(e.body, md).paragraphs, {})
                  for e in entries}
    topics = auto_topics(candidates)
    assert all(t[0] in ("North Korea", "Russia") for t in topics.values())
    shared = set.intersection(*(set(t) for t in topics.values()))
    assert {"North Korea", "Russia", "Ukraine"} <= shared
    assert sum("Lloyd Austin" in t for t in topics.values()) == 4  # once only in the fifth
    nato = next(t for slug, t in candidates.items() if slug.startswith("nato-"))
    assert {"NATO", "Mark Rutte", "Kursk", "Vladimir Putin"} <= set(nato)


def test_initials_pronouns_and_month_abbreviations_are_no_topics() -> None:
    found = candidate_topics("U.S. and China talk", [
        "The U.S. and China met in Sept. to talk trade. I think it went well, said Ann Lee.",
        "Maybe I was wrong, Ann Lee said later. The U.S. will decide."], {})
    assert "United States" in found
    assert not {"U", "S", "I", "Sept", "Maybe I"} & set(found)


def test_a_party_s_names_are_one_topic() -> None:
    found = candidate_topics("Republicans meet", [
        "Republicans met on Monday. The GOP chose a leader, and Republican donors cheered."], {})
    assert found[0] == "Republican Party"


def test_a_surname_topic_joins_the_full_name_other_entries_use() -> None:
    kept = auto_topics({"a": ["Barack Obama"], "b": ["Obama"], "c": ["African-Americans"],
                        "d": ["African-American"]})
    assert kept == {"a": ("Barack Obama",), "b": ("Barack Obama",),
                    "c": ("African-American",), "d": ("African-American",)}
