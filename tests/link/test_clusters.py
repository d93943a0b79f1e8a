"""link_quotes: which quotes share a cluster, and how the link was made."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from digest.link.clusters import Cluster, QuoteRef, link_quotes
from digest.people import People, Person

DAY = date(2024, 10, 23)
EVIDENCE_003 = (
    "There is evidence that DPRK troops are in Russia. What exactly they are doing remains "
    "to be seen. This is something we need to figure out"
)
EVIDENCE_002 = (
    "Now we are seeing evidence that there are North Korean troops that have gone to Russia. "
    "What exactly they’re doing is left to be seen"
)
KURSK = (
    "I am increasingly concerned that the Kremlin plans to use these North Korean soldiers "
    "to support Russia's combat operations in Russia's Kursk region"
)
TEN_THOUSAND = (
    "The evidence now suggests that North Korea has sent around 10,000 soldiers to train in "
    "eastern Russia and some of these DPRK troops have already moved closer to Ukraine."
)


def quote(
    id: str,
    text: str,
    speaker: str | None = "Lloyd Austin",
    day: date | None = DAY,
    kind: str = "direct",
) -> QuoteRef:
    return QuoteRef(id=id, entry=id.split("-")[0], text=text, speaker=speaker, kind=kind,
                    day=day, source=None)


def together(clusters: tuple[Cluster, ...], *ids: str) -> bool:
    return any(set(ids) <= set(c.members) for c in clusters)


def cluster_of(clusters: tuple[Cluster, ...], id: str) -> Cluster:
    return next(c for c in clusters if id in c.members)


def test_every_quote_is_in_exactly_one_cluster() -> None:
    quotes = [quote("a-q1", KURSK), quote("b-q1", TEN_THOUSAND), quote("c-q1", KURSK)]
    clusters = link_quotes(quotes)
    members = [m for c in clusters for m in c.members]
    assert sorted(members) == ["a-q1", "b-q1", "c-q1"]
    assert len(clusters) == 2
    assert all(c.id.startswith("c-") for c in clusters)
    assert link_quotes([]) == ()


def test_exact_repeat_across_typography_and_number_formats() -> None:
    clusters = link_quotes([
        quote("a-q1", "North Korea has sent 10,000 soldiers, and they’re training in Kiev."),
        quote("b-q1", "North Korea has sent 10 000 soldiers and they're training in Kyiv"),
    ])
    assert len(clusters) == 1
    (link,) = clusters[0].links
    assert (link.a, link.b, link.method, link.score) == ("a-q1", "b-q1", "exact", 1.0)


def test_aliases_name_one_country_many_ways() -> None:
    dprk = quote("a-q1", "We know that the DPRK has sent soldiers to Russia.")
    plain = quote("b-q1", "We know that North Korea has sent soldiers to Russia.")
    assert len(link_quotes([dprk, plain])) == 1
    # Another name is another country, unless the alias table says otherwise.
    pyongyang = quote("b-q1", "We know that Pyongyang has sent soldiers to Russia.")
    assert len(link_quotes([dprk, pyongyang])) == 2
    assert len(link_quotes([dprk, pyongyang], {"Pyongyang": "North Korea"})) == 1


def test_an_excerpt_links_to_the_quote_it_comes_from() -> None:
    clusters = link_quotes([
        quote("a-q1", "This could be the first step towards a world war, and the world must "
                      "act now.", speaker="Volodymyr Zelenskyy"),
        quote("b-q1", "the first step towards a world war", speaker="Volodymyr Zelenskyy",
              kind="partial"),
    ])
    assert len(clusters) == 1
    assert clusters[0].links[0].method == "excerpt"


def test_a_one_word_excerpt_is_not_enough() -> None:
    long = "If they intend to participate in this war, this is a very, very serious problem"
    clusters = link_quotes([quote("a-q1", long), quote("b-q1", "very, very serious",
                                                       kind="partial")])
    assert len(clusters) == 2


def test_two_translations_of_one_statement_link() -> None:
    clusters = link_quotes([quote("a-q1", EVIDENCE_003), quote("b-q1", EVIDENCE_002,
                                                              day=DAY + timedelta(days=1))])
    assert len(clusters) == 1
    assert clusters[0].links[0].method == "fuzzy"


def test_an_undated_translation_still_links() -> None:
    clusters = link_quotes([quote("a-q1", EVIDENCE_003), quote("b-q1", EVIDENCE_002, day=None)])
    assert len(clusters) == 1


def test_a_paraphrase_links_to_the_direct_quote_when_close() -> None:
    indirect = ("the US is aware that North Korea has sent about 10,000 soldiers for training "
                "in eastern Russia")
    clusters = link_quotes([quote("a-q1", TEN_THOUSAND),
                            quote("b-q1", indirect, kind="indirect")])
    assert len(clusters) == 1
    far = quote("c-q1", "the involvement of North Korea shows that Putin has big problems",
                kind="indirect")
    assert len(link_quotes([quote("a-q1", TEN_THOUSAND), far])) == 2


def test_different_statements_by_one_speaker_stay_apart() -> None:
    iran = ("There is evidence that Iran has delivered drones to Russia. What Russia will do "
            "with them is something we need to figure out.")
    twelve = TEN_THOUSAND.replace("10,000", "12,000")
    clusters = link_quotes([
        quote("a-q1", EVIDENCE_003), quote("b-q1", iran), quote("c-q1", KURSK),
        quote("d-q1", TEN_THOUSAND), quote("e-q1", twelve),
    ])
    assert len(clusters) == 5


def test_one_statement_by_two_speakers_is_two_statements() -> None:
    clusters = link_quotes([quote("a-q1", KURSK), quote("b-q1", KURSK, speaker="Mark Rutte")])
    assert len(clusters) == 2


def test_an_unknown_speaker_links_only_on_strong_evidence() -> None:
    known, unknown = quote("a-q1", KURSK), quote("b-q1", KURSK, speaker=None)
    assert len(link_quotes([known, unknown])) == 1
    short = "North Korean soldiers"
    assert len(link_quotes([quote("a-q1", short), quote("b-q1", short, speaker=None)])) == 2


def test_quotes_further_apart_than_the_window_do_not_link() -> None:
    later = quote("b-q1", KURSK, day=DAY + timedelta(days=15))
    assert len(link_quotes([quote("a-q1", KURSK), later])) == 2
    assert len(link_quotes([quote("a-q1", KURSK), later], window_days=15)) == 1
    assert len(link_quotes([quote("a-q1", KURSK), quote("b-q1", KURSK, day=None)])) == 1


def test_a_long_quote_does_not_chain_two_statements() -> None:
    # One outlet printed two sentences of the briefing as one quote; two others quoted one
    # sentence each. Each may join the long quote, but not both: they are two statements.
    both = f"{KURSK}. {TEN_THOUSAND}"
    clusters = link_quotes([
        quote("a-q1", both),
        quote("b-q1", KURSK.replace("combat", "military"), day=DAY + timedelta(days=1)),
        quote("c-q1", TEN_THOUSAND.replace("around", "about"), day=DAY + timedelta(days=2)),
    ])
    assert not together(clusters, "b-q1", "c-q1")
    # The long quote has one home and carries the other statement: both pages list it.
    home, other = cluster_of(clusters, "a-q1"), next(
        c for c in clusters if "a-q1" not in c.members)
    assert other.carriers == ("a-q1",) and home.carriers == ()
    assert {(link.a, link.b) for link in other.links} == {("a-q1", other.members[0])}
    # Carriers are the far ends of a cluster's links: a cluster stored as its id, members
    # and links (the build's cache) keeps them.
    assert Cluster(other.id, other.members, other.links).carriers == ("a-q1",)


def test_every_repeat_of_a_long_quote_carries_what_it_holds() -> None:
    both = f"{KURSK}. {TEN_THOUSAND}"
    clusters = link_quotes([
        quote("a-q1", both), quote("b-q1", both, day=DAY + timedelta(days=1)),
        quote("c-q1", KURSK, day=DAY + timedelta(days=1)),
        quote("d-q1", TEN_THOUSAND.replace("around", "about"), day=DAY + timedelta(days=2)),
    ])
    carried = next(c for c in clusters if "a-q1" not in c.members)
    assert set(carried.carriers) == {"a-q1", "b-q1"}


def test_cluster_ids_survive_a_new_quote() -> None:
    quotes = [quote("a-q1", KURSK), quote("b-q1", KURSK), quote("c-q1", TEN_THOUSAND)]
    before = {c.members[0]: c.id for c in link_quotes(quotes)}
    later = quote("d-q1", KURSK, day=DAY + timedelta(days=2))
    after = link_quotes([*quotes, later, quote("e-q1", EVIDENCE_003)])
    assert cluster_of(after, "a-q1").id == before["a-q1"]
    assert cluster_of(after, "c-q1").id == before["c-q1"]
    assert "d-q1" in cluster_of(after, "a-q1").members
    assert cluster_of(after, "a-q1").members[0] == "a-q1"  # the earliest member comes first


def test_output_is_deterministic_whatever_the_input_order() -> None:
    quotes = [
        quote(f"e{n}-q1", text, day=DAY + timedelta(days=n % 3))
        for n, text in enumerate([KURSK, EVIDENCE_002, EVIDENCE_003, TEN_THOUSAND, KURSK] * 3)
    ]
    expected = link_quotes(quotes)
    for seed in range(5):
        shuffled = quotes[:]
        random.Random(seed).shuffle(shuffled)
        assert link_quotes(shuffled) == expected


def test_ids_must_be_unique_and_the_window_not_negative() -> None:
    with pytest.raises(ValueError, match="not unique"):
        link_quotes([quote("a-q1", KURSK), quote("a-q1", TEN_THOUSAND)])
    with pytest.raises(ValueError, match="window_days"):
        link_quotes([], window_days=-1)


def _components(days: dict[str, date], window: int) -> set[frozenset[str]]:
    """Quotes of one statement, joined whenever two are within the window: by brute force."""
    groups = {id: {id} for id in days}
    for a in days:
        for b in days:
            if abs((days[a] - days[b]).days) <= window and groups[a] is not groups[b]:
                merged = groups[a] | groups[b]
                for id in merged:
                    groups[id] = merged
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("seed", range(6))
def test_repeats_link_exactly_as_far_as_the_window_reaches(seed: int) -> None:
    # A statement reprinted word for word and in translation on scattered days: each
    # cluster is a chain of reports no further apart than the window, as if every pair
    # were compared, though repeats are compared once per window.
    rng = random.Random(seed)
    days = {f"e{n:02d}-q1": DAY + timedelta(days=rng.randrange(90)) for n in range(40)}
    texts = {id: rng.choice((EVIDENCE_003, EVIDENCE_002)) for id in days}
    clusters = link_quotes([quote(id, texts[id], day=day) for id, day in days.items()],
                           window_days=7)
    assert {frozenset(c.members) for c in clusters} == _components(days, 7)


def test_an_undated_repeat_joins_its_dated_copies() -> None:
    quotes = [quote(f"d{n}-q1", KURSK, day=DAY + timedelta(days=30 * n)) for n in range(3)]
    clusters = link_quotes([*quotes, quote("u-q1", KURSK, day=None)], window_days=7)
    assert len(clusters) == 1


def test_a_statement_is_found_in_a_crowded_window() -> None:
    # Hundreds of daily formulas that share most words with each other, on the days a
    # statement is reported twice: its two reports still meet.
    crowd = [quote(f"f{n:03d}-q1", f"The General Staff reported {n} combat clashes along the "
                   "front over the past day", speaker=None, kind="indirect",
                   day=DAY + timedelta(days=n % 3)) for n in range(400)]
    clusters = link_quotes([*crowd, quote("a-q1", EVIDENCE_003),
                            quote("b-q1", EVIDENCE_002, day=DAY + timedelta(days=1))])
    assert together(clusters, "a-q1", "b-q1")
    assert len(cluster_of(clusters, "f007-q1").members) == 1  # numbers differ: apart


def test_one_person_however_outlets_name_them() -> None:
    # "Mr Scholz" is the Olaf Scholz of people.yaml; "Scholz" alone is the one Scholz quoted.
    text = "He has broken my trust too often. There is no basis of trust for further work."
    clusters = link_quotes([
        quote("a-q1", text, speaker="Olaf Scholz"), quote("b-q1", text, speaker="Mr Scholz"),
        quote("c-q1", text, speaker="Scholz"),
    ], people=People([Person("Olaf Scholz")]))
    assert len(clusters) == 1


def test_a_partial_quote_with_cuts_joins_the_full_sentence() -> None:
    full = ("Nobody wants to finish this war more than we. I think that we have to be on the "
            "same side, and I hope that the president is on our side.")
    cut = ("Nobody wants to finish [this war] more than [Ukrainians]. […] We have to be on the "
           "same side")
    clusters = link_quotes([quote("a-q1", full), quote("b-q1", cut)])
    assert len(clusters) == 1 and clusters[0].links[0].method == "excerpt"


def test_a_short_excerpt_of_plain_words_joins_its_sentence() -> None:
    clusters = link_quotes([
        quote("a-q1", "You're not in a good position. You don't have the cards right now."),
        quote("b-q1", "You don’t have the cards"), quote("c-q1", "You have the cards"),
    ])
    assert together(clusters, "a-q1", "b-q1") and not together(clusters, "a-q1", "c-q1")


def test_one_shared_word_does_not_hold_two_statements_together() -> None:
    # A rally speech printed whole carries both remarks; each joins it, but the short one
    # shares a single word with the other statement and may not sit in its cluster.
    speech = ("I can only welcome this, we are ready for it. We are ready to exercise power if "
              "the French put their trust in us in these new national elections.")
    clusters = link_quotes([
        quote("a-q1", speech, speaker="Marine Le Pen"),
        quote("b-q1", "We are ready to exercise power if the French trust us.",
              speaker="Marine Le Pen"),
        quote("c-q1", "We're ready to exercise power if the French people place their trust in "
              "us in these future legislative elections.", speaker="Marine Le Pen"),
        quote("d-q1", "We're ready for it", speaker="Marine Le Pen"),
    ])
    assert together(clusters, "b-q1", "c-q1")
    assert not together(clusters, "b-q1", "d-q1")


def test_a_fragment_joins_the_sentence_it_was_cut_from() -> None:
    # Two outlets cut two pieces of one sentence that share no word; the one only one
    # report printed joins the cluster of the sentence, its other piece included.
    sentence = ("With this brave decision, the minister is doing what she has always done: "
                "putting the safety of the harbour workers above her career.")
    clusters = link_quotes([
        quote("a-q1", sentence, speaker="Jane Roe"),
        quote("b-q1", sentence, speaker="Jane Roe"),
        quote("c-q1", "the minister is doing what she has always done: putting the safety of "
              "the harbour workers above her career", speaker="Jane Roe"),
        quote("d-q1", "brave decision", speaker="Jane Roe"),
    ])
    assert together(clusters, "a-q1", "b-q1", "c-q1", "d-q1")


def test_a_fragment_does_not_join_across_sentences() -> None:
    # The same pieces from two sentences of one long quote are two statements.
    both = ("We took a brave decision today. The minister is doing what she has always done: "
            "putting the safety of the harbour workers above her career.")
    clusters = link_quotes([
        quote("a-q1", both, speaker="Jane Roe"),
        quote("c-q1", "the minister is doing what she has always done: putting the safety of "
              "the harbour workers above her career", speaker="Jane Roe"),
        quote("d-q1", "brave decision", speaker="Jane Roe"),
    ])
    assert not together(clusters, "c-q1", "d-q1")
