"""Near-duplicate detection at scale: time, precision and recall on synthetic documents with planted copies.

    python benchmarks/bench_dedupe.py            # 10k and 100k documents
    python benchmarks/bench_dedupe.py --sizes 10000

Documents are drawn from a Zipf vocabulary (so common words recur as in real text). Planted: syndicated
copies (same text, a different header line), light rewrites (5-15% of words substituted, sometimes a
sentence dropped), and decoys that share a quarter of another document but are otherwise different
and must NOT be grouped. Each document is signed and looked up in the index, then added (the order a
collection sees them). Texts are regenerated from seeds, never all held in memory. Times are CPU seconds
of signing and indexing (this machine is shared, so wall time would measure the neighbours). Memory: the
index's own arrays (band table and signature matrix) and the process's peak RSS after each size (sizes
run in the order given, so each peak includes the earlier ones).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from guancha.collect import dedupe

VOCAB_SIZE = 30_000
GOAL_RATIO_10X = 11.0  # CPU for 10x the documents: linear growth, as datasketch's 11.2x
_rng = np.random.default_rng(12345)
VOCAB = np.array([f"w{i}" for i in range(VOCAB_SIZE)])
_ranks = np.arange(1, VOCAB_SIZE + 1)
ZIPF_CDF = np.cumsum(1 / _ranks**1.07)
ZIPF_CDF /= ZIPF_CDF[-1]


def zipf_words(rng: np.random.Generator, count: int) -> np.ndarray:
    return VOCAB[np.minimum(np.searchsorted(ZIPF_CDF, rng.random(count)), VOCAB_SIZE - 1)]


def base_words(seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    return list(zipf_words(rng, int(rng.integers(150, 450))))


def rewrite(words: list[str], seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    rate = rng.uniform(0.05, 0.15)
    arr = np.array(words)
    mask = rng.random(len(arr)) < rate
    arr[mask] = zipf_words(rng, int(mask.sum()))
    out = list(arr)
    if rng.random() < 0.5:  # drop a "sentence" of ~20 words
        start = int(rng.integers(0, max(1, len(out) - 20)))
        del out[start : start + 20]
    return out


def plan(n: int, seed: int = 7) -> list[tuple[str, int, int]]:
    """(kind, source document index, seed) for each document; kind: base, copy, rewrite, decoy."""
    rng = np.random.default_rng(seed)
    docs: list[tuple[str, int, int]] = []
    for i in range(n):
        roll = rng.random()
        if i < 100 or roll < 0.80:
            docs.append(("base", i, i))
        else:
            source = int(rng.integers(0, i))
            while docs[source][0] != "base":
                source = int(rng.integers(0, i))
            kind = "copy" if roll < 0.85 else "rewrite" if roll < 0.93 else "decoy"
            docs.append((kind, source, 1_000_000 + i))
    return docs


def text_of(doc: tuple[str, int, int]) -> str:
    kind, source, seed = doc
    if kind == "base":
        return " ".join(base_words(seed))
    original = base_words(source)
    if kind == "copy":
        return "Syndicated from another outlet. " + " ".join(original)
    if kind == "rewrite":
        return " ".join(rewrite(original, seed))
    # decoy: shares a quarter of another document (a quoted statement), the rest is its own
    return " ".join(original[: len(original) // 4] + base_words(seed))


def run(n: int) -> dict[str, float]:
    docs = plan(n)
    index = dedupe.NearDuplicateIndex()
    group = list(range(n))  # truth: planted copies and rewrites belong to their source's group
    for i, (kind, source, _) in enumerate(docs):
        if kind in ("copy", "rewrite"):
            group[i] = source
    t_sign = t_index = 0.0
    predicted = correct = 0
    planted = sum(1 for k, _, _ in docs if k in ("copy", "rewrite"))
    found = 0
    false_decoys = 0
    for i, doc in enumerate(docs):
        text = text_of(doc)
        start = time.process_time()
        sig = dedupe.signature(text)
        t_sign += time.process_time() - start
        if sig is None:
            continue
        start = time.process_time()
        matches = index.matches(sig)
        index.add(str(i), sig)
        t_index += time.process_time() - start
        if matches:
            predicted += 1
            best = int(matches[0].key)
            if group[best] == group[i]:
                correct += 1
                found += 1
            elif doc[0] == "decoy":
                false_decoys += 1
    return {
        "n": n,
        "seconds": t_sign + t_index,
        "sign_s": t_sign,
        "index_s": t_index,
        "precision": correct / predicted if predicted else 1.0,
        "recall": found / planted if planted else 1.0,
        "planted": planted,
        "predicted": predicted,
        "decoys_grouped": false_decoys,
        "decoys": sum(1 for k, _, _ in docs if k == "decoy"),
        "index_mb": index._table.nbytes / 1e6,
        "matrix_mb": index._matrix.nbytes / 1e6,
    }


def compare_datasketch(n: int) -> None:
    """The same signatures and bands in datasketch's MinHashLSH versus our BandTable: memory and time."""
    import tracemalloc

    from datasketch import LeanMinHash, MinHashLSH

    docs = plan(n)
    sigs = [s for s in (dedupe.signature(text_of(d)) for d in docs) if s is not None]
    for name in ("datasketch MinHashLSH", "guancha BandTable"):
        tracemalloc.start()
        start = time.process_time()
        if name.startswith("datasketch"):
            lsh = MinHashLSH(num_perm=dedupe.NUM_PERM, params=(dedupe.BANDS, dedupe.ROWS))
            for i, sig in enumerate(sigs):
                lean = LeanMinHash(seed=dedupe.SEED, hashvalues=sig.astype(np.uint64), scheme="legacy")
                lsh.query(lean)
                lsh.insert(str(i), lean)
        else:
            index = dedupe.NearDuplicateIndex()
            for i, sig in enumerate(sigs):
                index.matches(sig)
                index.add(str(i), sig)
        seconds = time.process_time() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{name:>22}: {len(sigs):,} signatures, {seconds:.1f} CPU s (traced), peak traced memory {peak / 1e6:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--compare-datasketch", type=int, metavar="N", default=0,
                        help="only compare index memory with datasketch's MinHashLSH on N documents")
    args = parser.parse_args()
    if args.compare_datasketch:
        compare_datasketch(args.compare_datasketch)
        return
    print(f"near-duplicate threshold {dedupe.NEAR_THRESHOLD} (est. Jaccard of word {dedupe.SHINGLE_WORDS}-shingles), "
          f"{dedupe.NUM_PERM} permutations, {dedupe.BANDS}x{dedupe.ROWS} LSH bands")
    results = []
    for n in args.sizes:
        r = run(n)
        results.append(r)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{n:>7,} docs: {r['seconds']:7.1f} CPU s ({r['sign_s']:.1f} s signatures, {r['index_s']:.1f} s LSH) "
            f"= {n / r['seconds']:,.0f} docs/s | precision {r['precision']:.4f} recall {r['recall']:.4f} "
            f"({r['planted']:,} planted, {r['predicted']:,} grouped; {r['decoys_grouped']}/{r['decoys']} decoys wrongly grouped) "
            f"| band table {r['index_mb']:.0f} MB + signatures {r['matrix_mb']:.0f} MB, peak RSS so far {rss_mb:.0f} MB"
        )
    if len(results) >= 2:
        a, b = results[0], results[-1]
        docs_ratio = b["n"] / a["n"]
        print(f"time ratio {b['n']:,}/{a['n']:,} docs: {b['seconds'] / a['seconds']:.1f}x CPU for {docs_ratio:.0f}x the "
              f"documents (LSH alone {b['index_s'] / a['index_s']:.1f}x, signatures {b['sign_s'] / a['sign_s']:.1f}x); "
              f"goal (issue 13): <= {GOAL_RATIO_10X:g}x for 10x")


if __name__ == "__main__":
    main()
