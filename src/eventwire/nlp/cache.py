"""Per-document values that several extractors read, computed once per Doc.

``Doc.text`` joins every token, and ``Doc.sents`` and ``Doc.ents`` build new Span objects,
on each access; five extractors each reading them cost about a tenth of the extraction
time (profile of the VOA corpus). The values are memoised in ``doc.user_data`` under
``CACHE_KEY``; the pipeline drops the memo after coding a Doc (``clear``) so that the Doc
stays serialisable and a later change to it cannot meet stale values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from spacy.tokens import Doc, Span, Token

from eventwire.extract.dateline import dateline_span

CACHE_KEY = "eventwire.cache"


def _cached(doc: Doc, name: str, compute: Callable[[Doc], Any]) -> Any:
    memo = doc.user_data.get(CACHE_KEY)
    if memo is None:
        memo = doc.user_data[CACHE_KEY] = {}
    if name not in memo:
        memo[name] = compute(doc)
    return memo[name]


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once."""
    return cast(str, _cached(doc, "text", lambda d: d.text))


def remember_text(doc: Doc, text: str) -> None:
    """Record ``text`` as ``doc.text`` when the caller made ``doc`` from it (spaCy's tokenizer
    keeps every character, so the two are equal), sparing the join of every token."""
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    # A cheap check (length, first and last token), not a full comparison: that would cost the join.
    if end != len(text) or (len(doc) and not (text.startswith(doc[0].text) and text.endswith(doc[-1].text_with_ws))):
        raise ValueError(f"the text given ({len(text)} characters) is not the Doc's ({end} characters)")
    _cached(doc, "text", lambda d: text)


def dateline(doc: Doc) -> tuple[int, int] | None:
    """The story's dateline (``eventwire.extract.dateline.dateline_span``), found once."""
    return cast("tuple[int, int] | None", _cached(doc, "dateline", lambda d: dateline_span(doc_text(d))))


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)`` (raises like ``doc.sents`` on a Doc without sentence boundaries)."""
    return cast(list[Span], _cached(doc, "sents", lambda d: list(d.sents)))


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once."""
    return cast(tuple[Span, ...], _cached(doc, "ents", lambda d: d.ents))


def tokens(doc: Doc) -> list[Token]:
    """``list(doc)``: Token objects made once, for loops that would index the Doc again and again."""
    return cast(list[Token], _cached(doc, "tokens", list))


def clear(doc: Doc) -> None:
    """Drop the memo of ``doc``."""
    doc.user_data.pop(CACHE_KEY, None)
