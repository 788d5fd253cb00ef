"""Candidate pairs at scale: MinHash signatures of word shingles, banded LSH, a sketch filter.

Signatures are exactly datasketch's ``MinHash`` (scheme "affine32", the 2.0 default) over the
32-bit hashes of word ``shingle_words``-grams, computed for many articles at once with numpy
(one matrix product-and-min per chunk instead of a Python call per shingle); ``to_minhash``
turns a row back into a ``LeanMinHash``. Banding uses the (bands, rows) that datasketch's
``MinHashLSH`` picks for the threshold, but groups equal band keys by sorting, so memory stays
one 64-bit key per article and band instead of a dict of sets per band. The cost is linear in
the text plus N log N for the sorts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
from datasketch import LeanMinHash, MinHash

from quotetrail.provenance.options import ProvenanceOptions

_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))
_CHUNK = 1 << 14  # shingles per signature chunk: (num_perm x chunk) uint32, 16 MB at 256
_MIX = np.uint64(0x9E3779B97F4A7C15)


class ShingleHasher:
    """Hashes word shingles to 32 bits: each word once (cached), each shingle by arithmetic."""

    def __init__(self, k: int) -> None:
        self.k = k
        self._vocab: dict[str, int] = {}
        rng = np.random.default_rng(0x5EED)
        self._mult = rng.integers(1, 2**63, size=k, dtype=np.uint64) | np.uint64(1)

    def _word(self, w: str) -> int:
        h = int.from_bytes(hashlib.blake2b(w.encode(), digest_size=8).digest(), "little")
        self._vocab[w] = h
        return h

    def shingles(self, words: Sequence[str]) -> np.ndarray:
        """Distinct 32-bit shingle hashes; a text shorter than k words is one shingle."""
        if not words:
            return np.empty(0, dtype=np.uint32)
        found = list(map(self._vocab.get, words))
        if None in found:
            found = [self._word(w) if h is None else h for h, w in zip(found, words, strict=True)]
        ids = np.array(found, dtype=np.uint64)
        n = len(ids) - self.k + 1
        if n <= 0:
            acc = np.array([np.bitwise_xor.reduce(ids * self._mult[: len(ids)])])
        else:
            acc = ids[:n] * self._mult[0]
            for j in range(1, self.k):
                acc += ids[j : j + n] * self._mult[j]
        return np.unique((acc >> np.uint64(32)).astype(np.uint32))


def _fmix32(h: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2 = _FMIX
    h = h ^ (h >> s1)
    h = h * m1
    h = h ^ (h >> s2)
    h = h * m2
    return h ^ (h >> s1)


def signatures(shingle_sets: Sequence[np.ndarray], options: ProvenanceOptions) -> np.ndarray:
    """(N, num_perm) uint32 MinHash signatures; an empty set gets datasketch's empty value."""
    a, b = MinHash(num_perm=options.num_perm, seed=options.seed).permutations
    out = np.full((len(shingle_sets), options.num_perm), np.iinfo(np.uint32).max, np.uint32)
    batch: list[int] = []
    size = 0
    for i, s in enumerate(shingle_sets):
        if s.size == 0:
            continue
        batch.append(i)
        size += s.size
        if size >= _CHUNK:
            _fill(out, batch, shingle_sets, a, b)
            batch, size = [], 0
    if batch:
        _fill(out, batch, shingle_sets, a, b)
    return out


def _fill(out: np.ndarray, rows: list[int], sets: Sequence[np.ndarray], a, b) -> None:
    hv = _fmix32(np.concatenate([sets[i] for i in rows]))
    starts = np.cumsum([0] + [sets[i].size for i in rows[:-1]])
    permuted = np.multiply.outer(a, hv)  # (num_perm, shingles); uint32 wraps: the mod 2^32
    permuted += b[:, None]
    out[rows] = np.minimum.reduceat(permuted, starts, axis=1).T  # rows reduce contiguously


def to_minhash(row: np.ndarray, options: ProvenanceOptions) -> LeanMinHash:
    """A signature row as datasketch's LeanMinHash (for MinHashLSH or jaccard())."""
    return LeanMinHash(seed=options.seed, hashvalues=row, scheme="affine32")


def band_pairs(sigs: np.ndarray, usable: np.ndarray, options: ProvenanceOptions) -> np.ndarray:
    """(P, 2) index pairs i < j that share at least one LSH band key."""
    bands, rows = options.lsh_params
    idx = np.flatnonzero(usable)
    n = np.int64(len(sigs))
    codes = np.empty(0, dtype=np.int64)  # pair (i, j) as i * n + j, deduplicated as bands go
    found: list[np.ndarray] = []
    for band in range(bands):
        cols = sigs[idx, band * rows : (band + 1) * rows].astype(np.uint64)
        key = cols[:, 0].copy()
        for j in range(1, rows):
            key = (key ^ (key >> np.uint64(29))) * _MIX + cols[:, j]
        order = np.argsort(key, kind="stable")
        k = key[order]
        edge = np.flatnonzero(k[1:] != k[:-1]) + 1
        starts = np.concatenate(([0], edge))
        sizes = np.diff(np.append(starts, len(k)))
        for start, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
            members = idx[order[start : start + size]]
            found.append(_bucket_pairs(members, options.max_bucket))
        if found and (band % 8 == 7 or band == bands - 1):  # copies collide in most bands
            new = np.concatenate(found)
            codes = np.union1d(codes, new[:, 0] * n + new[:, 1])
            found = []
    return np.stack([codes // n, codes % n], axis=1)


def _bucket_pairs(members: np.ndarray, max_bucket: int) -> np.ndarray:
    """All pairs of a bucket, or pairs from its first two members when it is too large."""
    if len(members) == 2:
        return np.sort(members)[None, :]
    if len(members) <= max_bucket:
        i, j = np.triu_indices(len(members), k=1)
    else:
        i = np.repeat([0, 1], len(members))
        j = np.tile(np.arange(len(members)), 2)
        keep = i < j
        i, j = i[keep], j[keep]
    return np.sort(np.stack([members[i], members[j]], axis=1), axis=1)


def estimated_containment(sigs: np.ndarray, sizes: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Per pair, the estimated share of the smaller article's shingles found in the other."""
    out = np.empty(len(pairs))
    for lo in range(0, len(pairs), 1 << 14):
        p = pairs[lo : lo + (1 << 14)]
        jac = (sigs[p[:, 0]] == sigs[p[:, 1]]).mean(axis=1)
        sa, sb = sizes[p[:, 0]], sizes[p[:, 1]]
        inter = jac / (1.0 + jac) * (sa + sb)
        out[lo : lo + len(p)] = np.minimum(1.0, inter / np.maximum(1, np.minimum(sa, sb)))
    return out
