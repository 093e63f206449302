"""How much of a news corpus a "parse only candidate sentences" prefilter could skip.

    python benchmarks/candidate_sentences.py [--corpora ../shared/corpora] [--limit N]

A prefilter that parses only the sentences that can carry an event (a trigger candidate and
an actor mention found by cheap matching) saves parse time in proportion to the tokens it
skips. This measures that upper bound on a real corpus, generously: with the full parse's
own sentences and lemmas (a cheap matcher would find more candidates, never fewer), it
counts the sentences and tokens

- with a lemma or word form from the event lexicon (verbs.tsv, nouns.tsv),
- with an actor mention (eventwire's own mentions),
- with both (the candidates), and with at least one coded event.

Everything outside the candidates is what a prefilter could skip.
"""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=DEFAULT, help="a folder of .jsonl corpora, or one file")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    args = parser.parse_args()

    from eventwire.data import read_tsv
    from eventwire.ingest import iter_inputs
    from eventwire.pipeline import Coder
    from eventwire.records import Article

    paths = sorted(args.corpora.glob("*.jsonl")) if args.corpora.is_dir() else [args.corpora]
    articles = [item for item in iter_inputs(paths) if isinstance(item, Article)][:args.limit]
    words = {row["lemma"] for name in ("lexicon/verbs.tsv", "lexicon/nouns.tsv") for row in read_tsv(name)}
    coder = Coder()
    counts = {key: [0, 0] for key in ("all", "trigger", "actor", "candidate", "event")}  # sentences, tokens
    for article, doc in zip(articles, coder.nlp.pipe(a.text for a in articles), strict=True):
        result = coder.code_doc(doc, article)
        with_events = {event.sentence_index for event in result.events}
        starts = [m.start for m in result.mentions]
        for index, sent in enumerate(doc.sents):
            trigger = any(t.lemma_.lower() in words or t.lower_ in words for t in sent)
            actor = any(sent.start_char <= start < sent.end_char for start in starts)
            for key, hit in (("all", True), ("trigger", trigger), ("actor", actor),
                             ("candidate", trigger and actor), ("event", index in with_events)):
                if hit:
                    counts[key][0] += 1
                    counts[key][1] += len(sent)
    total_sents, total_tokens = counts["all"]
    print(f"{len(articles)} articles, {total_sents:,} sentences, {total_tokens:,} tokens")
    for key in ("trigger", "actor", "candidate", "event"):
        sents, tokens = counts[key]
        print(f"  {key:9s} {sents / total_sents:6.1%} of sentences, {tokens / total_tokens:6.1%} of tokens")
    skip = 1 - counts["candidate"][1] / total_tokens
    print(f"a candidate prefilter could skip at most {skip:.1%} of the tokens (and so of the parse)")


if __name__ == "__main__":
    main()
