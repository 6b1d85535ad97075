"""Near-duplicate detection by text: word shingles, MinHash signatures and LSH band buckets.

Why this module exists: a campaign's template, a double submission or the same complainant
writing twice are one piece of work. We find them by the text the complainant wrote, compared
as sets of word shingles with the Jaccard index (the share of three-word sequences two texts have
in common). MinHash (``datasketch``) estimates that index from short signatures, and locality-
sensitive hashing (LSH, ``datasketch.MinHashLSH`` chooses the bands and rows for the threshold)
turns a signature into a handful of band buckets: two texts above the threshold share a bucket
with high probability, so candidates for a new complaint come from one indexed lookup of its
buckets in the database. The final decision is taken on the exact Jaccard index of the shingle
sets, never on the estimate alone.

Rules
    * Text: lower-cased, accents removed, split into words of letters and digits.
    * Shingles: every run of ``SHINGLE_SIZE`` consecutive words.
    * Not worth comparing: fewer than ``MIN_TOKENS`` words or fewer than ``MIN_SHINGLES``
      distinct shingles ("zie bijlage", "test test test", an empty form). Such a complaint is
      never grouped with another by its text.
    * Near-identical: exact Jaccard >= ``DUPLICATE_THRESHOLD`` (0.8).
    * Double submission: the same complainant (e-mail) about the same organisation, and a
      Jaccard index of the two texts' sets of words >= ``DOUBLE_SUBMISSION_THRESHOLD`` (0.5):
      people rephrase when they write twice, so single words, not shingles, are compared.

No Django here: the services store what this module computes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SEED = 20251
SCHEME = "affine32"
SHINGLE_SIZE = 3
MIN_TOKENS = 12
MIN_SHINGLES = 8
DUPLICATE_THRESHOLD = 0.8
DOUBLE_SUBMISSION_THRESHOLD = 0.5

_WORD = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """The words of a text, lower-cased and without accents."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return _WORD.findall(folded)


def shingles(words: list[str]) -> frozenset[str]:
    if len(words) < SHINGLE_SIZE:
        return frozenset()
    return frozenset(
        " ".join(words[i : i + SHINGLE_SIZE]) for i in range(len(words) - SHINGLE_SIZE + 1)
    )


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """The exact Jaccard index of two shingle sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def word_jaccard(a: str, b: str) -> float:
    """The Jaccard index of the sets of words of two texts."""
    return jaccard(frozenset(tokens(a)), frozenset(tokens(b)))


@lru_cache(maxsize=1)
def _permutations():
    # One MinHash made once gives the permutations every signature shares (same seed).
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


@lru_cache(maxsize=1)
def lsh_parameters() -> tuple[int, int]:
    """(bands, rows) that datasketch finds best for ``DUPLICATE_THRESHOLD`` with NUM_PERM."""
    lsh = MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def new_lsh() -> MinHashLSH:
    """An in-memory index with the same parameters, for bulk indexing in one pass."""
    return MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=NUM_PERM, params=lsh_parameters())


def minhash(shingle_set: frozenset[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    m.update_batch([s.encode() for s in shingle_set])
    return m


def minhash_from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint32).astype(np.uint64)
    return MinHash(
        num_perm=NUM_PERM, seed=SEED, hashvalues=values, permutations=_permutations(), scheme=SCHEME
    )


def signature_bytes(m: MinHash) -> bytes:
    return m.hashvalues.astype(np.uint32).tobytes()


def band_buckets(m: MinHash) -> list[int]:
    """One signed 64-bit bucket per LSH band: the band's number and its rows, hashed."""
    bands, rows = lsh_parameters()
    values = m.hashvalues.astype(np.uint32)
    buckets = []
    for band in range(bands):
        chunk = values[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=b"wh-lsh-%02d" % band).digest()
        buckets.append(int.from_bytes(digest, "big", signed=True))
    return buckets


@dataclass(frozen=True)
class TextProfile:
    """What the index keeps of a complaint's text: never the text itself."""

    token_count: int
    shingles: frozenset[str]
    worth_comparing: bool
    text_hash: str
    minhash: MinHash | None

    @property
    def signature(self) -> bytes | None:
        return signature_bytes(self.minhash) if self.minhash is not None else None

    @property
    def buckets(self) -> list[int]:
        return band_buckets(self.minhash) if self.minhash is not None else []


def profile(text: str) -> TextProfile:
    words = tokens(text)
    shingle_set = shingles(words)
    worth = len(words) >= MIN_TOKENS and len(shingle_set) >= MIN_SHINGLES
    text_hash = hashlib.sha256(" ".join(words).encode()).hexdigest() if worth else ""
    return TextProfile(
        token_count=len(words),
        shingles=shingle_set if worth else frozenset(),
        worth_comparing=worth,
        text_hash=text_hash,
        minhash=minhash(shingle_set) if worth else None,
    )
