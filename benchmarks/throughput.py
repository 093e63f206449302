"""Throughput of the whole coder against a bare spaCy parse of the same texts, in one run.

    python benchmarks/throughput.py [--corpora ../shared/corpora] [--processes 2] [--limit N] [--rounds 5]

Reads every ``*.jsonl`` corpus in ``--corpora`` (default: ``shared/corpora`` beside the
checkout) with the project's readers, then, with the same number of worker processes:

1. ``bare``:  ``nlp.pipe`` full parse of the article texts with the stock spaCy pipeline;
2. ``tuned``: the same parse with eventwire's pipeline (``load_nlp``: the identical-output
   attribute ruler and lemmatizer, one-thread OpenBLAS products), no extraction;
3. ``coder``: ``Coder.code_batch`` (boilerplate masking, parse, all extractors).

Each worker loads its pipeline and warms up before a barrier; the clock runs from the barrier
until the last worker is done. The two alternate for ``--rounds`` rounds, so that a change in
the machine's load falls on both. Printed per round and as the median of the rounds: articles/s,
words/s (spaCy tokens of the bare parse), the ratio coder/bare time, and each worker's peak
resident memory (``VmHWM`` of ``/proc/self/status``, read in the worker after its run).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import time
from pathlib import Path
from typing import Any

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
WARM_UP = 2  # articles coded before the clock starts (first-call allocations, lazy loads)


def peak_rss_mib() -> float:
    """Peak resident set size of this process in MiB (Linux ``VmHWM``), 0 where unavailable."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _worker(mode: str, articles: list[Any], barrier: Any, results: Any) -> None:
    if mode == "bare":
        import spacy

        from eventwire.nlp import DEFAULT_MODEL

        nlp = spacy.load(DEFAULT_MODEL)  # the stock pipeline, all components as shipped
    elif mode == "tuned":
        from eventwire.nlp import load_nlp

        nlp = load_nlp()
    if mode in ("bare", "tuned"):
        def run(items: list[Any]) -> int:
            return sum(len(doc) for doc in nlp.pipe((a.text for a in items), batch_size=16))
    else:
        from eventwire.pipeline import Coder

        coder = Coder()
        coder.warm_up()  # as the ingest workers do: lazy loads (the date parser) happen at start-up

        def run(items: list[Any]) -> int:
            return sum(1 for _ in coder.code_batch(items))

    run(articles[:WARM_UP])
    barrier.wait()
    start = time.perf_counter()
    words = run(articles)
    results.put((mode, time.perf_counter() - start, words, peak_rss_mib()))


def measure(mode: str, articles: list[Any], processes: int) -> tuple[float, int, list[float]]:
    """Wall seconds from the barrier to the last worker, bare-parse words, peak RSS per worker."""
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(processes + 1), ctx.Queue()
    chunks = [articles[i::processes] for i in range(processes)]  # round robin balances long texts
    workers = [ctx.Process(target=_worker, args=(mode, chunk, barrier, results)) for chunk in chunks]
    for w in workers:
        w.start()
    barrier.wait()
    start = time.perf_counter()
    done = [results.get() for _ in workers]
    wall = time.perf_counter() - start
    for w in workers:
        w.join()
    return wall, sum(words for _, _, words, _ in done), [rss for *_, rss in done]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=DEFAULT, help="a folder of .jsonl corpora, or one file")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--rounds", type=int, default=5, help="alternating bare/tuned/coder rounds (median reported)")
    args = parser.parse_args()

    from eventwire.ingest import iter_inputs
    from eventwire.records import Article

    paths = sorted(args.corpora.glob("*.jsonl")) if args.corpora.is_dir() else [args.corpora]
    articles = [item for item in iter_inputs(paths) if isinstance(item, Article)][:args.limit]
    print(f"{len(articles)} articles from {', '.join(p.name for p in paths)}; {args.processes} processes")
    words = 0
    rounds: list[dict[str, float]] = []
    for n in range(1, args.rounds + 1):
        print(f"round {n}:")
        seconds: dict[str, float] = {}
        for mode in ("bare", "tuned", "coder"):
            seconds[mode], counted, rss = measure(mode, articles, args.processes)
            words = counted if mode == "bare" else words
            peaks = ", ".join(f"{r:.0f}" for r in rss)
            print(f"  {mode:6s} {seconds[mode]:7.2f} s  {len(articles) / seconds[mode]:7.1f} articles/s  "
                  f"{words / seconds[mode]:9,.0f} words/s  peak RSS per worker: {peaks} MiB")
        print(f"  coder / bare parse time: {seconds['coder'] / seconds['bare']:.2f}; "
              f"tuned parse / bare parse: {seconds['tuned'] / seconds['bare']:.2f}")
        rounds.append(seconds)

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    ratio = median([r["coder"] / r["bare"] for r in rounds])
    tuned = median([r["tuned"] / r["bare"] for r in rounds])
    bare = median([r["bare"] for r in rounds])
    print(f"median of {len(rounds)} rounds ({words:,} words): bare parse {words / bare:,.0f}"
          f" words/s, coder {words / median([r['coder'] for r in rounds]):,.0f} words/s; coder / bare parse time "
          f"{ratio:.2f} (pipeline / bare-parse throughput {1 / ratio:.2f}); tuned parse / bare parse time {tuned:.2f}")


if __name__ == "__main__":
    main()
