"""Cut an article's text into segments that carry the annotations covering them.

Annotations overlap (a mention inside a quote, a trigger inside the selected sentence), so the
text is cut at every annotation boundary and each piece lists all the annotations over it;
the template renders a piece as one ``<span>`` with one class per annotation kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # mention, quote, place, trigger, sentence (the selected event), selected-trigger
    title: str = ""
    anchor: str = ""  # an element id for the first piece (links jump to it)
    events: tuple[int, ...] = ()  # indices of the events whose sentence this is (hover highlighting)


@dataclass
class Segment:
    text: str
    kinds: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    events: list[int] = field(default_factory=list)


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """The text in pieces, each with the kinds, titles and anchors of the marks over it."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    starts: dict[int, list[Mark]] = {}
    for m in valid:
        starts.setdefault(m.start, []).append(m)
    out: list[Segment] = []
    active: list[Mark] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = [m for m in active if m.end > left] + starts.get(left, [])
        piece = Segment(text[left:right])
        for m in active:
            if m.kind not in piece.kinds:
                piece.kinds.append(m.kind)
            if m.title and m.title not in piece.titles:
                piece.titles.append(m.title)
            if m.anchor and m.start == left:
                piece.anchors.append(m.anchor)
            piece.events.extend(e for e in m.events if e not in piece.events)
        out.append(piece)
    return out
