"""Linking with quote vectors (the multilingual extra): translations that share no words.

The linking rules are tested on vectors made here, so they run without the model; the
model itself is tested only where the extra is installed.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from digest.link import semantic
from digest.link.clusters import link_quotes
from tests.link.test_clusters import DAY, cluster_of, quote, together

GERMAN = "Zu oft hat er mein Vertrauen gebrochen."
ENGLISH = "Too often he has broken my trust."
FRENCH = "Il a trop souvent trahi ma confiance."
OTHER = "We need a government that can act."


def vectors(*groups: tuple[str, ...], noise: float = 0.0) -> dict[str, bytes]:
    """Unit vectors: texts in one group point alike (cosine 1 - noise), groups apart."""
    rng = np.random.default_rng(7)
    out: dict[str, bytes] = {}
    for g, texts in enumerate(groups):
        axis = np.zeros(64, dtype=np.float32)
        axis[g] = 1.0
        for text in texts:
            v = axis + noise * rng.standard_normal(64).astype(np.float32)
            out[text] = (v / np.linalg.norm(v)).astype(np.float16).tobytes()
    return out


def test_translations_that_share_no_word_link_with_vectors() -> None:
    quotes = [quote("a-q1", GERMAN, speaker="Olaf Scholz"),
              quote("b-q1", ENGLISH, speaker="Olaf Scholz"),
              quote("c-q1", FRENCH, speaker="Olaf Scholz", day=DAY + timedelta(days=1)),
              quote("d-q1", OTHER, speaker="Olaf Scholz")]
    assert not together(link_quotes(quotes), "a-q1", "b-q1")  # words alone
    clusters = link_quotes(quotes, vectors=vectors((GERMAN, ENGLISH, FRENCH), (OTHER,)))
    assert together(clusters, "a-q1", "b-q1", "c-q1")
    assert not together(clusters, "a-q1", "d-q1")
    assert {link.method for link in cluster_of(clusters, "a-q1").links} == {"semantic"}


def test_vectors_do_not_cross_speakers_windows_or_undated_quotes() -> None:
    close = vectors((GERMAN, ENGLISH))
    for other in (quote("b-q1", ENGLISH, speaker="Christian Lindner"),
                  quote("b-q1", ENGLISH, speaker=None),
                  quote("b-q1", ENGLISH, speaker="Olaf Scholz", day=DAY + timedelta(days=20)),
                  quote("b-q1", ENGLISH, speaker="Olaf Scholz", day=None)):
        clusters = link_quotes([quote("a-q1", GERMAN, speaker="Olaf Scholz"), other],
                               vectors=close)
        assert not together(clusters, "a-q1", "b-q1"), other


def test_a_quote_far_from_one_member_stays_out_of_the_cluster() -> None:
    # The English joins the German; the French is close to the English alone (as a
    # paraphrase of one translation may be), and far from the German: it stays apart.
    english, german, french = (np.zeros(64, dtype=np.float32) for _ in range(3))
    german[0] = 1.0
    english[0], english[1] = 0.8, 0.6
    french[1] = 1.0
    close = {GERMAN: german.astype(np.float16).tobytes(),
             ENGLISH: english.astype(np.float16).tobytes(),
             FRENCH: french.astype(np.float16).tobytes()}
    clusters = link_quotes([quote("a-q1", GERMAN, speaker="Olaf Scholz"),
                            quote("b-q1", ENGLISH, speaker="Olaf Scholz"),
                            quote("c-q1", FRENCH, speaker="Olaf Scholz")], vectors=close)
    assert together(clusters, "a-q1", "b-q1") and not together(clusters, "a-q1", "c-q1")


def test_a_quote_meets_the_nearest_quotes_of_its_speaker_only() -> None:
    # Hundreds of near-identical remarks of one speaker in a window: each is compared with
    # the nearest in time, not with all (the work stays linear), and all still link.
    texts = [f"Remark number {n} of the day." for n in range(300)]
    quotes = [quote(f"e{n:03d}-q1", text, speaker="Olaf Scholz") for n, text in enumerate(texts)]
    clusters = link_quotes(quotes, vectors=vectors(tuple(texts), noise=0.01))
    assert len(clusters) == 1
    assert len(clusters[0].links) == len(texts) - 1  # those that joined two clusters


@pytest.mark.skipif(not semantic.available(), reason="the multilingual extra is not installed")
def test_the_model_puts_a_translation_nearer_than_another_statement() -> None:
    encoder = semantic.encoder()
    assert encoder is not None and encoder.name.startswith(semantic.PACKAGE)
    german, english, other = (np.frombuffer(v, dtype=np.float16).astype(np.float32)
                              for v in encoder([GERMAN, ENGLISH, OTHER]))
    assert float(german @ english) >= semantic.LINK > float(german @ other)
