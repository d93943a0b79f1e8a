"""`digest serve --follow`: the configured feeds read on an interval, against a local site."""

import time
from collections.abc import Callable
from pathlib import Path

from digest.serve.follow import Follower
from tests.ingest.local_web import LocalWeb, Response, article, rss
from tests.ingest.test_web import BRIDGE, FERRY
from tests.test_cli import digest


def wait_for(condition: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not reached in time"
        time.sleep(0.02)


def test_new_articles_of_a_followed_feed_arrive_round_by_round(web: LocalWeb,
                                                              tmp_path: Path) -> None:
    web.routes["/bridge"] = Response(article("Council closes harbour bridge to cars", BRIDGE))
    web.routes["/ferry"] = Response(article("New ferry line starts Monday", FERRY))
    items = [("Bridge", web.url("/bridge"), "Tue, 22 Oct 2024 12:00:00 +0200")]
    web.routes["/feed.xml"] = Response(rss("City Desk", items))
    (tmp_path / "digest.yaml").write_text(f"feeds: [{web.url('/feed.xml')}]\n")
    content = tmp_path / "content"
    lines: list[str] = []
    follower = Follower(tmp_path / "digest.yaml", content, 0.1, lines.append)
    follower.start()
    try:
        wait_for(lambda: follower.rounds >= 1)
        assert [p.stem for p in content.rglob("*.md")] == ["council-closes-harbour-bridge-to-cars"]
        # The outlet publishes another article: a later round brings it in.
        items.append(("Ferry", web.url("/ferry"), "Wed, 23 Oct 2024 18:00:00 +0200"))
        web.routes["/feed.xml"] = Response(rss("City Desk", items))
        wait_for(lambda: len(list(content.rglob("*.md"))) == 2)
    finally:
        follower.stop()
    assert web.requests.count("/bridge") == 1  # held by its address after the first round
    assert any(line.startswith(f"written   {web.url('/ferry')} -> ") for line in lines)
    assert "web: 2 addresses from 1 feed: 1 written, 1 already held" in lines


def test_a_broken_config_skips_a_round_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "digest.yaml").write_text("feeds: [\n")
    lines: list[str] = []
    Follower(tmp_path / "digest.yaml", tmp_path / "content", 60, lines.append).read_once()
    assert len(lines) == 1 and lines[0].endswith("; feeds not read this round")


def test_follow_without_feeds_is_a_usage_error(tmp_path: Path) -> None:
    digest(tmp_path, "new", "d")
    result = digest(tmp_path / "d", "serve", "--follow", "--port", "0")
    assert result.returncode == 2
    assert "--follow: no feeds to follow" in result.stderr and "Traceback" not in result.stderr
