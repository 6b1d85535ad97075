"""The text rules of `similarity`, as tables."""

import pytest

from waakhond.insights import similarity

BASE = (
    "Ik wil graag een klacht indienen over de gemeente omdat zij mijn gesprekken over de "
    "bijstand filmt zonder dat ik daar toestemming voor heb gegeven en zonder uitleg waarom."
)


@pytest.mark.parametrize(
    ("text", "worth"),
    [
        ("", False),  # an empty form
        ("Zie bijlage.", False),  # too short to say anything
        ("test " * 50, False),  # many words, one shingle
        ("\x00\x01\x02 ���", False),  # binary garbage
        ("<script>alert(1)</script>", False),  # markup, no text
        (BASE, True),  # an ordinary complaint
    ],
)
def test_only_texts_with_enough_words_are_worth_comparing(text, worth):
    assert similarity.profile(text).worth_comparing is worth


def test_the_same_words_give_the_same_hash_and_buckets_whatever_the_case_or_accents():
    a = similarity.profile(BASE)
    b = similarity.profile(BASE.upper().replace("e", "é"))
    assert a.text_hash == b.text_hash
    assert a.buckets == b.buckets


def test_a_small_edit_keeps_the_jaccard_index_above_the_threshold():
    edited = BASE.replace("de gemeente", "de gemeente Dronten")
    assert (
        similarity.jaccard(similarity.profile(BASE).shingles, similarity.profile(edited).shingles)
        >= 0.8
    )


def test_a_different_text_on_the_same_topic_is_far_below_the_threshold():
    other = (
        "De gemeente heeft camera's in de spreekkamers voor gesprekken over een uitkering. Ik "
        "vind dat niet in orde, want niemand vertelt wat er met de beelden gebeurt."
    )
    score = similarity.jaccard(
        similarity.profile(BASE).shingles, similarity.profile(other).shingles
    )
    assert score < 0.2


def test_lsh_parameters_come_from_datasketch_for_the_threshold():
    bands, rows = similarity.lsh_parameters()
    assert bands * rows <= similarity.NUM_PERM
    assert len(similarity.profile(BASE).buckets) == bands


def test_a_stored_signature_reads_back_to_the_same_minhash():
    p = similarity.profile(BASE)
    again = similarity.minhash_from_bytes(p.signature)
    assert again.jaccard(p.minhash) == 1.0
