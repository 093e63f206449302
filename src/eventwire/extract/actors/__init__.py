"""Actor mentions: countries, organisations, people and role phrases, resolved per document.

``ActorResolver().extract(doc, published=date)`` returns every resolved actor mention of an
article as ``Mention`` records (country, PLOVER sectors, canonical name and id, the rule that
resolved it in ``via``). Knowledge lives in ``eventwire/data/actors/``; ``MentionIndex`` and
``mention_for_token`` find the mention standing for a token in later stages.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc

from eventwire.extract.actors.index import MentionIndex, mention_for_token, mentions_for_token
from eventwire.extract.actors.lexicon import ActorLexicon
from eventwire.extract.actors.resolver import DocumentResolution
from eventwire.extract.dateline import without_dateline
from eventwire.nlp.cache import dateline, doc_text
from eventwire.records import Mention


@functools.lru_cache(maxsize=4)
def _lexicon(extra_files: tuple[str, ...]) -> ActorLexicon:
    # Loaded once per process and file set: every resolver built by a worker shares it.
    return ActorLexicon(extra_files)


class ActorResolver:
    """Finds and resolves the actor mentions of a document.

    ``extra_files``: user TSV files in the ``organisations.tsv`` format, which take
    precedence over the shipped data (as does ``data/actors/overrides.tsv``).
    """

    def __init__(self, extra_files: Sequence[str | Path] = ()) -> None:
        self.lexicon = _lexicon(tuple(str(Path(p).resolve()) for p in extra_files))

    def extract(self, doc: Doc, *, published: dt.date | None = None) -> list[Mention]:
        mentions = DocumentResolution(doc, self.lexicon, published).run()
        return without_dateline(mentions, doc_text(doc), dateline(doc))


__all__ = ["ActorResolver", "ActorLexicon", "MentionIndex", "mention_for_token", "mentions_for_token"]
