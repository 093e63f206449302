"""Finding the mention that stands for a token, for the stages after the actor stage.

Several mentions may cover one token (a name inside its title phrase, the two mentions of a
compound phrase). ``best`` takes the narrowest covering mention, preferring one that resolved
to a named actor, then one with a country; ``covering`` returns them all, narrowest first, so
that a compound argument can yield one actor per country.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from spacy.tokens import Span, Token

from eventwire.records import Mention


def _rank(mention: Mention) -> tuple[int, int, int]:
    return (mention.end - mention.start, 0 if mention.name else 1, 0 if mention.country else 1)


class MentionIndex:
    """Mentions of one document, searchable by character offset."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self.mentions: list[Mention] = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.mentions]
        self._longest = max((m.end - m.start for m in self.mentions), default=0)

    def covering(self, start: int, end: int | None = None) -> list[Mention]:
        """Mentions containing the character span [start, end), narrowest first."""
        end = start + 1 if end is None else end
        low = bisect.bisect_left(self._starts, start - self._longest)
        high = bisect.bisect_right(self._starts, start)
        found = [m for m in self.mentions[low:high] if m.start <= start and m.end >= end]
        return sorted(found, key=_rank)

    def best(self, start: int, end: int | None = None) -> Mention | None:
        found = self.covering(start, end)
        return found[0] if found else None

    def for_token(self, token: Token) -> Mention | None:
        return self.best(token.idx, token.idx + len(token.text))

    def for_span(self, span: Span) -> Mention | None:
        """The mention for a span: the one covering its syntactic head token."""
        return self.for_token(span.root)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """Mentions sharing at least one character with [start, end), in text order."""
        high = bisect.bisect_left(self._starts, end)
        return [m for m in self.mentions[:high] if m.end > start]


def mention_for_token(mentions: Sequence[Mention] | MentionIndex, token: Token) -> Mention | None:
    """The best mention covering ``token`` (build a ``MentionIndex`` once for many lookups)."""
    index = mentions if isinstance(mentions, MentionIndex) else MentionIndex(mentions)
    return index.for_token(token)


def mentions_for_token(mentions: Sequence[Mention] | MentionIndex, token: Token) -> list[Mention]:
    """Every mention covering ``token``, narrowest first (both countries of a compound)."""
    index = mentions if isinstance(mentions, MentionIndex) else MentionIndex(mentions)
    return index.covering(token.idx, token.idx + len(token.text))
