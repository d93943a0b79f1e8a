"""plan_pages: which pages a digest gets."""

from datetime import date, timedelta

from digest.group import group_entries
from digest.link.coverage import StoryView
from digest.render.plan import PAGE_SIZE, plan_pages


def story(n: int) -> StoryView:
    day = date(2024, 1, 1) + timedelta(days=n)
    return StoryView(id=f"s-{n:03d}", title=f"Story {n}", entries=(), first=day, last=day,
                     speakers=(), citations=(), figures=())


def test_the_stories_index_is_paged_latest_first() -> None:
    stories = [story(n) for n in range(PAGE_SIZE * 2 + 1)]
    pages = {p.path: p.context for p in plan_pages(group_entries([], ()), None, stories)
             if p.template == "stories.html"}
    assert list(pages) == ["stories/index.html", "stories/index/2.html", "stories/index/3.html"]
    first, second, last = pages.values()
    assert first["stories"][0].id == f"s-{PAGE_SIZE * 2:03d}"  # the latest
    assert len(first["stories"]) == PAGE_SIZE and [s.id for s in last["stories"]] == ["s-000"]
    assert second["pager"] == {"number": 2, "count": 3, "prev": "stories/index.html",
                               "next": "stories/index/3.html"}


def test_no_stories_still_give_the_index() -> None:
    pages = [p for p in plan_pages(group_entries([], ()), None, []) if p.template == "stories.html"]
    assert [(p.path, p.context["stories"]) for p in pages] == [("stories/index.html", ())]
