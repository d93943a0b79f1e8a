"""Lines of web copy that belong to the page, not the article: appeals, menus, credits.

Each pattern is searched (case-insensitively) in one whole stripped line, and
a match drops the line. The defaults are anchored or worded tightly on
purpose: news text quotes people who "support us" or "posted on Telegram",
and those sentences must survive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digest.errors import DigestError

_SOCIAL = (
    r"(?:telegram|facebook|twitter|x|instagram|whats\s*app|youtube|tiktok|linkedin|threads"
    r"|viber|mastodon|bluesky|google\s+news)"
)

_DEFAULT_SOURCES = (
    # Social follow and share lines.
    r"^follow\s+us\b",
    rf"^(?:join|find|like|subscribe\s+to)\s+(?:us\s+(?:on|in|at|via)|our)\s+{_SOCIAL}\b",
    rf"^(?:(?:share|post|tweet)(?:\s+(?:on|via|to))?\s+)?{_SOCIAL}(?:\s*[,|/•·]\s*{_SOCIAL})*$",
    r"^share(?:\s+(?:this|the))?(?:\s+(?:article|story|post|page|news))?\s*[:!]?$",
    # Links to other articles.
    r"^(?:read|see)\s+(?:more|also|next|too)\s*(?::|$|[»›>])",
    r"^continue\s+reading\b",
    r"^related(?:\s+(?:news|articles?|stories|posts|topics|content|links?))?\s*(?::.*)?$",
    r"^original\s+(?:source|article|post)\s*(?::.*)?$",
    r"^(?:tags?|topics?)\s*:",
    # Page furniture: counters, author boxes, menus, ads, comments, copyright.
    r"^\(?\s*visited\s+[\d,.]+\s+times?\b",
    r"^about\s+the\s+authors?\s*:?$",
    r"^(?:all\s+sections|main\s+menu|menu|home|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top)$",
    r"^[\s\-–—]*(?:advertisement|advertising|sponsored(?:\s+content)?|ad|promoted)[\s\-–—:]*$",
    r"^(?:\d+\s+)?comments?\s*:?$|^leave\s+a\s+(?:comment|reply)$",
    r"^(?:©|copyright\s+©?\s*\d{4})|\ball\s+rights\s+reserved\b",
    # Image credits, alone or after a caption. The credit itself has no sentence
    # punctuation, which keeps sentences that merely mention a photo.
    r"^(?=.{1,200}$)(?:.*[\s.(|,–—-])?(?:stock\s+|illustrative\s+|file\s+|cover\s+|main\s+)?"
    r"(?:photo(?:graph)?|image|picture|pic|illustration|video|collage|credit)s?"
    r"(?:\s+(?:credits?|source))?\s*(?::|\bby\b)\s*[^.!?:;]{1,80}$",
    # Donation, membership and newsletter appeals.
    r"\bbecome\s+an?\s+(?:patron|member|supporter|subscriber|donor)\b",
    r"\breaders\s+like\s+you\b",
    r"\bjoin\s+our\s+(?:community|newsletter|mailing\s+list|club|patreon)\b",
    r"^(?:please\s+)?(?:support|donate\s+to|help)\s+us\b",
    r"\bsupport\s+(?:our|independent)\s+(?:journalism|reporting|newsroom|media)\b",
    r"^donate(?:\s+(?:now|today|here))?\s*!?$",
    r"\b(?:on|via)\s+patreon\b|\bbuy\s+(?:us|me)\s+a\s+coffee\b",
    r"^(?=.*\bnewsletters?\b)(?=.*\b(?:subscribe|sign\s+up|get)\b).{0,300}$",
    r"^(?:subscribe|sign\s+up)(?:\s+(?:now|today|here|for\s+free))?\s*!?$",
)

DEFAULT_BOILERPLATE: tuple[re.Pattern[str], ...] = tuple(
    re.compile(source, re.IGNORECASE) for source in _DEFAULT_SOURCES
)


def compile_patterns(extra: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """The defaults plus the user's patterns from the config; DigestError names a bad one."""
    compiled: list[re.Pattern[str]] = []
    for source in extra:
        if not source.strip():
            raise DigestError(
                "empty boilerplate pattern", hint="an empty pattern would remove every line"
            )
        try:
            compiled.append(re.compile(source, re.IGNORECASE))
        except re.error as exc:
            raise DigestError(
                f"boilerplate pattern {source!r} is not a valid regular expression: {exc.msg}",
                hint="patterns are Python regular expressions matched against one line",
            ) from exc
    return DEFAULT_BOILERPLATE + tuple(compiled)


def is_boilerplate(line: str, patterns: Sequence[re.Pattern[str]]) -> bool:
    return any(pattern.search(line) for pattern in patterns)
