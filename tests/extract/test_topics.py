from digest.extract.topics import TopicMatcher
from digest.model import Topic

TOPICS = (
    Topic("North Korean troops", "north-korean-troops", ("North Korea", "DPRK")),
    Topic("Kursk region", "kursk-region", ("Kursk",)),
    Topic("DPRK", "dprk", ("Democratic People's Republic",)),
)


def test_phrases_match_whole_words_case_insensitively() -> None:
    m = TopicMatcher(TOPICS)
    assert m.match("the dprk sent troops to KURSK") == ("North Korean troops", "Kursk region")
    assert m.match("Kurskaya street") == ()


def test_typographic_apostrophes_do_not_block_a_match() -> None:
    m = TopicMatcher(TOPICS)
    assert m.match("the Democratic Peopleʼs Republic") == ("DPRK",)
    assert m.match("the Democratic People’s Republic") == ("DPRK",)


def test_no_rules_no_topics() -> None:
    assert TopicMatcher(()).match("anything") == ()
