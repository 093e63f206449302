"""Datelines: the "PARIS (Reuters) -" or "LA PAZ, Bolivia --" that opens a wire story.

A dateline says where the story was filed and by which agency; it names no participant. The
parser hangs it on the first noun ("PARIS ... Fighters loyal to X arrested Y", "THE HAGUE,
Netherlands -- A UN prosecutor" as appositions of the city), so that the city became the
subject. ``split_dateline``, a pipeline component before the parser, makes the dateline a
sentence of its own; the actor stage resolves with it as context (a bare "police" after
"ALGIERS, Algeria -") but reports no mention in it, and the events stage takes no actor from it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from eventwire.records import Mention

_CAPS_WORD = r"[A-Z][A-Z'\u2019.\-]*[A-Z.]"
_PLACE = rf"{_CAPS_WORD}(?:[ ]+{_CAPS_WORD}){{0,3}}"
_REGION = r"(?:,[ ]*[A-Z][\w.'\u2019\-]*(?:[ ]+[A-Z][\w.'\u2019\-]*){0,3})?"
_AGENCY = r"(?:[ ]*\([^()\n]{1,40}\))?"
#: What ends a dateline ("PARIS -", "LYON:"); a parse that links a noun to a word across one of
#: these links it to the dateline.
DATELINE_MARKS = frozenset({"--", "-", "\u2014", "\u2013", ":"})
_SEPARATOR = rf"[ ]*(?:{'|'.join(sorted(DATELINE_MARKS, key=len, reverse=True))})[ ]+"
_DATELINE = re.compile(rf"^[ \t]*(?P<place>{_PLACE}){_REGION}{_AGENCY}{_SEPARATOR}", re.MULTILINE)

#: Only the opening lines of a story carry its dateline (a title line may come first).
HEAD_CHARS = 400
HEAD_TOKENS = 160  # tokens enough to cover HEAD_CHARS characters of any text


def dateline_span(text: str) -> tuple[int, int] | None:
    """(start of the place, end of the dateline) of the story's dateline, if any.

    >>> dateline_span("JERUSALEM (AP) -- A Saudi dissident has filed a lawsuit")
    (0, 18)
    >>> dateline_span("U.S. - China talks resumed") is None  # too short a place
    True
    """
    for match in _DATELINE.finditer(text[:HEAD_CHARS]):
        if sum(c.isalpha() for c in match.group("place")) >= 3:
            return match.start("place"), match.end()
    return None


def split_dateline(doc: Doc) -> Doc:
    """Pipeline component (before the parser): the story's dateline is a sentence of its own,
    which the parser respects."""
    head = "".join(t.text_with_ws for t in doc[:HEAD_TOKENS])
    span = dateline_span(head)
    if span is not None:
        after = doc.char_span(span[1], span[1] + 1, alignment_mode="expand")
        if after is not None and 0 < after.start < len(doc):
            doc[after.start].is_sent_start = True
    return doc


def without_dateline(mentions: list[Mention], text: str, span: tuple[int, int] | None) -> list[Mention]:
    """The mentions outside the story's dateline ``span`` (``dateline_span`` of ``text``). A
    line opened by an organisation ("NATO: allies met ...") is no dateline: only a place opens one."""
    if span is None:
        return mentions
    start, end = span
    if any(m.start == start and m.via == "gazetteer:org" for m in mentions):
        return mentions
    kept = []
    for mention in mentions:
        if start <= mention.start < end:
            if mention.end <= end:
                continue
            # A phrase running on past the dateline ("ALGIERS, Algeria - Police"): its words after it.
            mention = replace(mention, text=text[end:mention.end], start=end)
        kept.append(mention)
    return kept


__all__ = ["DATELINE_MARKS", "dateline_span", "split_dateline", "without_dateline"]
