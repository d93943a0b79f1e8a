"""find_stories: one story per event, stable ids, overrides, and no comparing of all pairs."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from pathlib import Path

from digest.content import load_entries
from digest.extract.autotopics import auto_topics, candidate_topics
from digest.extract.markdown import new_renderer, render_body
from digest.link.stories import Stats, Story, StoryDoc, find_stories
from tests.fixtures.stories import corpus

ROOT = Path(__file__).resolve().parents[2]


def demo_docs() -> list[StoryDoc]:
    md = new_renderer()
    entries = load_entries(ROOT / "content").entries
    bodies = {e.slug: render_body(e.body, md) for e in entries}
    names = auto_topics({e.slug: candidate_topics(e.title, bodies[e.slug].paragraphs, {})
                         for e in entries})
    return [StoryDoc(slug=e.slug, title=e.title, text=bodies[e.slug].text,
                     day=e.date.day if e.date else None, source=e.source, names=names[e.slug])
            for e in entries]


def doc(slug: str, text: str, day: date | None, **extra: object) -> StoryDoc:
    return StoryDoc(slug=slug, title=text.split(".")[0], text=text, day=day, source=None,
                    **extra)  # type: ignore[arg-type]


def story_of(stories: tuple[Story, ...], slug: str) -> Story:
    return next(s for s in stories if slug in s.entries)


def test_the_five_demo_entries_are_one_story() -> None:
    docs = demo_docs()
    stories = find_stories(docs)
    assert len(stories) == 1
    story = stories[0]
    assert story.entries[0] == (
        "the-pentagon-has-confirmed-that-dprk-troops-are-in-russia-this-is-a-very")
    assert story.id == story.entries[0]
    assert story.entries[-1] == "pentagon-confirms-ukraines-claim-north-korean-troops-now-in-russia"
    assert (story.first, story.last) == (date(2024, 10, 23), date(2024, 10, 31))
    assert story.title in {d.title for d in docs}


def test_every_entry_in_exactly_one_story_and_unrelated_entries_alone() -> None:
    docs = [*demo_docs(),
            doc("grain", "Grain exports through the Danube ports rose in September, traders "
                "said. Barley and wheat shipments to Egypt doubled.", date(2024, 10, 25))]
    stories = find_stories(docs)
    slugs = [slug for s in stories for slug in s.entries]
    assert sorted(slugs) == sorted(d.slug for d in docs)
    assert story_of(stories, "grain").entries == ("grain",)


def test_adding_an_article_keeps_the_story_id() -> None:
    docs = demo_docs()
    before = find_stories(docs[:4])
    later = replace(docs[0], slug="zz-later-report", day=date(2024, 11, 1), story=None,
                    text=docs[0].text.replace("Rutte", "the NATO chief"))
    after = find_stories([*docs[:4], later])
    for story in before:
        kept = story_of(after, story.entries[0])
        assert kept.id == story.id
        assert set(story.entries) <= set(kept.entries)
    assert "zz-later-report" in story_of(after, before[0].entries[0]).entries


def test_same_result_whatever_the_input_order() -> None:
    docs, _ = corpus.make_corpus(seed=4, events=6, unrelated=6)
    expected = find_stories(docs)
    shuffled = list(docs)
    random.Random(1).shuffle(shuffled)
    assert find_stories(shuffled) == expected
    assert find_stories(list(reversed(docs))) == expected


def test_override_pins_an_entry_to_a_named_story_or_to_another_entrys_story() -> None:
    docs = demo_docs()
    grain = doc("grain", "Grain exports through the Danube ports rose, traders said.",
                date(2024, 10, 25))
    pinned = replace(grain, story=docs[0].slug)  # join that entry's story
    stories = find_stories([*docs, pinned])
    assert len(stories) == 1 and "grain" in stories[0].entries
    named = [*docs[:-1], replace(docs[-1], story="Troops in Kursk")]  # pulled out by name
    stories = find_stories(named)
    kursk = story_of(stories, docs[-1].slug)
    assert kursk.id == "troops-in-kursk" and kursk.entries == (docs[-1].slug,)
    assert len(stories) == 2
    also = [*named, replace(grain, story="troops-in-kursk")]  # a second entry joins by id
    assert story_of(find_stories(also), "grain").id == "troops-in-kursk"


def test_dates_beyond_the_window_split_a_story() -> None:
    text = ("Explosions hit the Odesa port overnight as drones struck grain silos, "
            "governor Oleh Kiper said, and a fire broke out at the terminal.")
    docs = [doc("a", text, date(2024, 1, 1)), doc("b", text, date(2024, 1, 3)),
            doc("c", text, date(2024, 3, 1)),
            doc("x1", "Parliament passed the budget for next year.", date(2024, 2, 1)),
            doc("x2", "A heat wave hit southern Europe in the summer.", date(2024, 2, 2))]
    stories = find_stories(docs, window_days=10)
    assert story_of(stories, "a").entries == ("a", "b")
    assert story_of(stories, "c").entries == ("c",)


def test_undated_entries_come_last_and_can_join() -> None:
    docs = demo_docs()
    story = find_stories(docs)[0]
    undated = [d.slug for d in docs if d.day is None]
    assert list(story.entries[-len(undated):]) == undated


def test_blocking_compares_far_fewer_pairs_than_all() -> None:
    docs, _ = corpus.make_corpus(seed=5, events=40, unrelated=200)
    stats = Stats()
    find_stories(docs, stats=stats)
    n = len(docs)
    assert n > 300
    assert stats.entries == n
    assert stats.compared < n * (n - 1) / 2 / 20  # under 5% of all pairs
    assert stats.candidates < n * (n - 1) / 2 / 5


def test_empty_input() -> None:
    assert find_stories([]) == ()
