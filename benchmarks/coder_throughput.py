"""Time the event coder alone, after parsing (target: >= 2,000 sentences/s).

    python benchmarks/coder_throughput.py [../shared/corpora/voa_stories.jsonl] [--repeat 3]

Parses the corpus once, resolves actor mentions once (when the actor stage is available),
then times ``EventCoder.extract`` over all documents and prints sentences/s.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from eventwire.extract.events import EventCoder
from eventwire.nlp import load_nlp
from eventwire.records import Mention

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "voa_stories.jsonl"


def mentions_for(docs: list) -> list[list[Mention]]:  # type: ignore[type-arg]
    """The actor stage's mentions, so the coder sees realistic arguments (none if it fails)."""
    try:
        from eventwire.extract.actors import ActorResolver

        resolver = ActorResolver()
        return [list(resolver.extract(doc)) for doc in docs]
    except Exception as exc:  # the benchmark still times the coder without actors
        print(f"actor stage unavailable ({exc!r}); timing without mentions")
        return [[] for _ in docs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in args.corpus.open(encoding="utf-8")]
    nlp = load_nlp()
    docs = list(nlp.pipe(texts, batch_size=16))
    mentions = mentions_for(docs)
    sentences = sum(1 for doc in docs for _ in doc.sents)
    coder = EventCoder()
    best, events = float("inf"), 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        events = sum(len(coder.extract(doc, doc_id=str(i), mentions=m))
                     for i, (doc, m) in enumerate(zip(docs, mentions, strict=True)))
        best = min(best, time.perf_counter() - start)
    print(f"{len(docs)} documents, {sentences} sentences, {events} events, {sum(map(len, mentions))} mentions; "
          f"best of {args.repeat}: {best:.3f} s, {sentences / best:,.0f} sentences/s")


if __name__ == "__main__":
    main()
