"""Quotation spans found by scanning the characters of the article.

Double marks open a top-level quotation (straight ``"``, curly “ ”, low „ and guillemets
« »). Single marks (‘ ’ ') are left alone in an article that has double marks: there they are
apostrophes or quotes nested inside a double-quoted passage, and both belong to the outer
speaker's words. An article without any double mark may follow the British convention of
single marks for quotations (‘We will not leave,’ she said): then single marks are the
quotation marks, except apostrophes (a mark between two letters or digits, as in "don't",
and elisions opening a word, as in "'90s" or "'em").

Paragraph continuation (the typographic convention for a quotation running over several
paragraphs): a paragraph that ends inside an open quotation has no closing mark, and the next
paragraph opens with a fresh opening mark. Each paragraph's part becomes one segment of the
same quotation.

Anything else that does not balance (an opening mark inside an open quotation, a paragraph
ending open without a continuation, a stray closing mark) makes the scanner give up on that
quotation with a logged reason rather than guess where it ends.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Style:
    """The quotation marks of an article: opening, closing and the one straight glyph for both."""

    opening: frozenset[str]
    closing: frozenset[str]
    straight: str
    marks: frozenset[str] = field(init=False)
    finder: re.Pattern[str] = field(init=False)  # any of the marks

    def __post_init__(self) -> None:
        object.__setattr__(self, "marks", self.opening | self.closing | {self.straight})
        object.__setattr__(self, "finder", re.compile("[" + re.escape("".join(sorted(self.marks))) + "]"))


DOUBLE = Style(frozenset("“„«"), frozenset("”»"), '"')
SINGLE = Style(frozenset("‘"), frozenset("’"), "'")
OPENING, CLOSING, STRAIGHT, MARKS = DOUBLE.opening, DOUBLE.closing, DOUBLE.straight, DOUBLE.marks

#: Characters after which a straight mark opens a quotation ("... said: "We ...").
_BEFORE_OPENING = frozenset(" \t\n([{—–-/:")
_PARAGRAPHS = re.compile(r"[^\n]+")
#: A single mark opening a word that is an elision, not a quotation: 'em, 'til, 'n', '90s.
_ELISION = re.compile(r"(?i:em|til|tis|twas|cause|bout|round|n)\b|\d")


@dataclass(frozen=True)
class Segment:
    """The inner text of one quotation mark pair, within one paragraph."""

    start: int  # offset of the first character inside the marks
    end: int  # offset just after the last character inside the marks
    group: int  # segments of one quotation (paragraph continuation) share a group
    mark: int  # offset of the opening mark


def _is_opening(text: str, i: int, is_open: bool, style: Style = DOUBLE) -> bool:
    """Whether the mark at ``i`` opens a quotation, from its glyph and its neighbours."""
    before = text[i - 1] if i else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    starts_word = (before in _BEFORE_OPENING or before in style.opening) and not after.isspace()
    ends_word = not before.isspace() and (after.isspace() or not after.isalnum())
    char = text[i]
    if char == style.straight:
        if starts_word != ends_word:
            return starts_word
        return not is_open  # no clue from the neighbours: alternate
    # Curly marks are trusted unless the neighbours say plainly otherwise (a ” typed as an
    # opening mark at the start of a word).
    if char in style.closing and starts_word and not ends_word and not is_open:
        return True
    return char in style.opening


class _Scanner:
    """One pass over the marks of an article; state is the open quotation, if any."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.segments: list[Segment] = []
        self.pending: list[Segment] = []  # closed paragraph parts of the open quotation
        self.open_at: int | None = None  # inner start of the open segment
        self.group = 0
        self.continuation_mark = -1  # an opening mark already consumed by carry_over

    def give_up(self, reason: str) -> None:
        log.info("quotation opened at offset %s skipped: %s", self.open_at, reason)
        self.pending, self.open_at = [], None

    def open(self, inner_start: int) -> None:
        self.open_at = inner_start

    def close(self, end: int) -> None:
        assert self.open_at is not None
        self.pending.append(self._segment(self.open_at, end))
        parts = [part for part in self.pending if part.end > part.start]
        self.segments.extend(parts)
        self.group += bool(parts)
        self.pending, self.open_at = [], None

    def carry_over(self, paragraph_end: int, next_open: int) -> None:
        """The open quotation continues in the next paragraph (continuation mark at ``next_open``)."""
        assert self.open_at is not None
        self.pending.append(self._segment(self.open_at, paragraph_end))
        self.open_at = next_open + 1
        self.continuation_mark = next_open

    def _segment(self, start: int, end: int) -> Segment:
        inner = self.text[start:end]
        stripped = inner.strip()
        if not stripped:
            return Segment(start, start, self.group, start - 1)
        lead = len(inner) - len(inner.lstrip())
        return Segment(start + lead, start + lead + len(stripped), self.group, start - 1)


def _paragraph_marks(text: str, start: int, end: int, style: Style = DOUBLE) -> list[int]:
    return [m.start() for m in style.finder.finditer(text, start, end) if _is_mark(text, m.start(), style)]


def _is_mark(text: str, i: int, style: Style) -> bool:
    """Is the character at ``i`` a quotation mark of the style (not an apostrophe)?"""
    return text[i] in style.marks and not (style is SINGLE and _apostrophe(text, i))


def _apostrophe(text: str, i: int) -> bool:
    """A single mark inside a word ("don't", "Ukraine's") or opening an elision ("'90s")."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    return not before.isalnum() and _ELISION.match(text, i + 1) is not None


def quotation_style(text: str) -> Style:
    """Double marks, unless the article has none and quotes with single marks (British style)."""
    if any(mark in text for mark in DOUBLE.marks):
        return DOUBLE
    return SINGLE if any(mark in text for mark in SINGLE.marks) else DOUBLE


def scan_quotations(text: str) -> list[Segment]:
    """Segments of every balanced quotation in ``text``, in text order."""
    scanner = _Scanner(text)
    style = quotation_style(text)
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPHS.finditer(text) if m.group().strip()]
    for number, (start, end) in enumerate(paragraphs):
        marks = _paragraph_marks(text, start, end, style)
        for i in marks:
            if i == scanner.continuation_mark:
                continue
            if _is_opening(text, i, scanner.open_at is not None, style):
                if scanner.open_at is not None:
                    scanner.give_up(f"a second opening mark at offset {i} before it was closed")
                scanner.open(i + 1)
            elif scanner.open_at is None:
                log.info("closing quotation mark at offset %s without an opening one: ignored", i)
            else:
                scanner.close(i)
        if scanner.open_at is not None:
            _end_open_paragraph(text, scanner, paragraphs, number, style)
    return scanner.segments


def _end_open_paragraph(text: str, scanner: _Scanner, paragraphs: list[tuple[int, int]],
                        number: int, style: Style = DOUBLE) -> None:
    """A paragraph ended inside a quotation: a continuation, or a quotation left unclosed."""
    if number + 1 < len(paragraphs):
        next_start, next_end = paragraphs[number + 1]
        first = next_start + len(text[next_start:next_end]) - len(text[next_start:next_end].lstrip())
        if first < next_end and _is_mark(text, first, style) and _is_opening(text, first, False, style):
            scanner.carry_over(paragraphs[number][1], first)
            return
    scanner.give_up(f"no closing mark before the end of the paragraph at offset {paragraphs[number][1]}")


def iter_groups(segments: list[Segment]) -> Iterator[list[Segment]]:
    """Segments grouped by quotation, in text order."""
    current: list[Segment] = []
    for segment in segments:
        if current and segment.group != current[0].group:
            yield current
            current = []
        current.append(segment)
    if current:
        yield current
