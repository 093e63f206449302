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

It then measures what a prefilter that runs *before* the parse can actually see: sentences
split by punctuation (the parser's sentences do not exist yet), a trigger cue from word forms
(any lemma the English rules could give a form, whatever its part of speech), and an actor
cue from the actor lexicon's dictionary scan (no parse needed), the entities of the entity
recognizer (which has its own embedding and can run first) and, optionally, personal
pronouns (speakers and actors carried over from an earlier sentence: "he said"). It prints
the share of tokens such a prefilter would skip, and how often the punctuation split agrees
with the parser's sentence starts.
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
    cheap_cues(coder, articles, words)


#: Final marks of a sentence, and marks that may close it after them.
ENDS = frozenset({".", "!", "?", "...", "…"})
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]"})
ACTOR_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you"})
RULE_POS = ("VERB", "NOUN", "ADJ", "ADV", "AUX")


def punctuation_sentences(doc) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Token ranges of sentences ended by a final mark (with closing marks after it) or a line break."""
    bounds, start, i = [], 0, 0
    while i < len(doc):
        if doc[i].text in ENDS or (doc[i].is_space and "\n" in doc[i].text):
            end = i + 1
            while end < len(doc) and (doc[end].text in CLOSERS or doc[end].text in ENDS or doc[end].is_space):
                end += 1
            bounds.append((start, end))
            start = i = end
            continue
        i += 1
    if start < len(doc):
        bounds.append((start, len(doc)))
    return bounds


def cheap_cues(coder, articles, words) -> None:  # type: ignore[no-untyped-def]
    """Tokens a prefilter working before the parse would skip (see the module docstring)."""
    from eventwire.extract.actors.matching import TokenKeys, find_names, find_terms

    rules = coder.nlp.get_pipe("lemmatizer").rules  # eventwire.nlp.fast._RuleTables
    lexicon = coder.actors.lexicon
    memo: dict[str, bool] = {}

    def trigger(form: str) -> bool:
        if form not in memo:
            memo[form] = form.lower() in words or any(rules.lemma(form, pos, "") in words for pos in RULE_POS)
        return memo[form]

    total = agree = union = 0
    skipped = {"with pronouns": 0, "without pronouns": 0}
    for doc in coder.nlp.pipe(a.text for a in articles):
        keys = TokenKeys(doc)
        names = find_names(doc, lexicon, keys)
        taken = {i for hit in names for i in range(hit.start, hit.end)}
        actor = set(taken) | {i for hit in find_terms(doc, lexicon, taken, keys) for i in range(hit.start, hit.end)}
        actor |= {t.i for ent in doc.ents if ent.label_ in ACTOR_LABELS for t in ent}
        pronoun = {t.i for t in doc if t.lower_ in PRONOUNS}
        sents = punctuation_sentences(doc)
        parsed_starts, rough_starts = {s.start for s in doc.sents}, {a for a, _ in sents}
        agree += len(parsed_starts & rough_starts)
        union += len(parsed_starts | rough_starts)
        total += len(doc)
        for start, end in sents:
            has_trigger = any(trigger(doc[i].text) for i in range(start, end))
            for key, cues in (("with pronouns", actor | pronoun), ("without pronouns", actor)):
                if not (has_trigger and any(i in cues for i in range(start, end))):
                    skipped[key] += end - start
    print(f"cheap cues before the parse (punctuation sentences; {agree / union:.1%} of sentence starts "
          "agree with the parser's):")
    for key, tokens in skipped.items():
        print(f"  actor cue {key:17s} skips {tokens / total:6.1%} of the tokens")


if __name__ == "__main__":
    main()
