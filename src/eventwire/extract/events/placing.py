"""When and where an event happened: the date and place expressions of its clause.

A date or place counts for an event when it sits in the subtree of the trigger's clause
("met Putin on Sunday in Moscow", "a visit to Moscow"); a date attached to a reporting verb
("state media on Monday reported") dates the report, not the event: the event takes the date
of the story so far (an earlier sentence's event date, ``date_source="context"``). Without a
date in the clause the publication date stands in (``date_source="published"``).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Token

from eventwire.extract.events.modality import clause_verb
from eventwire.nlp.cache import sentences
from eventwire.records import DateRef, Place

#: An event dated this many days before publication is background, not news (a month-level
#: date such as "in March" resolves to the 1st, hence the margin).
HISTORICAL_DAYS = 62
#: Verbs whose dates belong to the report, not to the reported event ("state media on Monday
#: reported"). Plain speech verbs are left out: the date of saying bounds the event.
REPORT_LEMMAS = frozenset({"report", "quote", "cite"})


class EventPlacer:
    def __init__(self) -> None:
        self.doc: Doc | None = None
        self.dates: dict[int, list[tuple[int, DateRef]]] = {}
        self.places: dict[int, list[tuple[int, Place]]] = {}
        self.published: str | None = None
        self.story: dict[int, DateRef] = {}  # sentence -> the first date it gave an event

    def reset(self, doc: Doc, places: Sequence[Place], dates: Sequence[DateRef],
              published: date | None) -> None:
        """Index one document's dates and places by sentence (token of their start)."""
        self.doc = doc
        self.published = published.isoformat() if published else None
        self.dates = self.by_sentence(doc, dates)
        self.story = {}
        self.places = self.by_sentence(doc, places)

    @staticmethod
    def by_sentence(doc: Doc, items: Sequence[DateRef] | Sequence[Place]) -> dict:  # type: ignore[type-arg]
        out: dict[int, list] = {}  # type: ignore[type-arg]
        if not items:
            return out
        starts = [sent.start for sent in sentences(doc)]
        for item in items:
            span = doc.char_span(item.start, item.end, alignment_mode="expand")
            if span is None:
                continue
            # The sentence of the span's first token, by binary search (Token.sent walks the Doc).
            si = bisect.bisect_right(starts, span.start) - 1
            out.setdefault(si, []).append((span.root.i, item))
        return out

    def date(self, trigger: Token, si: int) -> tuple[str | None, str | None, str]:
        """(ISO date, granularity, source) of the event at ``trigger``."""
        assert self.doc is not None
        candidates = self.dates.get(si, [])
        if candidates:
            # The trigger's own clause first, then the sentence's main clause; a date inside
            # another clause ("his first trip since being appointed in March") dates that clause.
            clause = clause_verb(trigger)
            for i, ref in candidates:
                if within_clause(self.doc[i], trigger) or within_clause(self.doc[i], clause):
                    return self.told(si, ref)
            root = self.doc[trigger.i].sent.root
            reported = False
            for i, ref in candidates:
                if within_clause(self.doc[i], root) and not attached_to_report(self.doc[i]):
                    return self.told(si, ref)
                reported = reported or attached_to_report(self.doc[i])
            narrative = self.narrative(si)
            if reported and narrative is not None:
                # "..., state media on Monday reported Li as saying": the report's date is not
                # the statement's; the statement belongs to the story told so far (the visit
                # "on Sunday" of the sentence before).
                return narrative.value, narrative.granularity, "context"
        if self.published:
            return self.published, "day", "published"
        return None, None, "published"

    def told(self, si: int, ref: DateRef) -> tuple[str | None, str | None, str]:
        """A date read in the text, remembered as the narrative's date from sentence ``si`` on."""
        self.story.setdefault(si, ref)
        return ref.value, ref.granularity, "text"

    def narrative(self, si: int) -> DateRef | None:
        """The date of the latest earlier sentence that dated an event in its text."""
        earlier = [k for k in self.story if k < si]
        return self.story[max(earlier)] if earlier else None

    def long_before(self, value: str | None) -> bool:
        """Is an event date more than ``HISTORICAL_DAYS`` before publication?"""
        if not value or not self.published:
            return False
        try:
            return (date.fromisoformat(self.published) - date.fromisoformat(value)).days > HISTORICAL_DAYS
        except ValueError:
            return False

    def attached_place(self, trigger: Token, si: int) -> Place | None:
        """The place phrase attached to the trigger itself, if any."""
        assert self.doc is not None
        heads = [trigger]
        if trigger.pos_ == "NOUN":  # "conducting exercises in Alaska": the verb's own adjunct
            verb = clause_verb(trigger)
            if verb.i != trigger.i:
                heads.append(verb)
        for head in heads:
            for i, place in self.places.get(si, []):
                if attached(self.doc[i], head) and self.doc[i].dep_ != "poss":
                    return place
        return None

    def location(self, trigger: Token, si: int) -> Place | None:
        assert self.doc is not None
        candidates = self.places.get(si, [])
        if not candidates:
            return None
        for head in (trigger, clause_verb(trigger)):
            # A possessor ("Russia's military") names an actor, not where the event happened.
            inside = [(abs(i - trigger.i), place) for i, place in candidates
                      if in_subtree(self.doc[i], head) and self.doc[i].dep_ != "poss"]
            if inside:
                return min(inside, key=lambda item: item[0])[1]
        return None


#: Links by which a place phrase belongs to an event itself ("exercises in Alaska", "a visit to
#: Moscow", "Li's Moscow visit"), as opposed to any clause below it.
ATTACHMENT_DEPS = frozenset({"pobj", "prep", "compound", "amod", "nmod", "dobj", "poss", "npadvmod", "conj", "appos"})


def attached(token: Token, trigger: Token) -> bool:
    """Is the place ``token`` a dependent of ``trigger`` through phrase-internal links only?"""
    current = token
    for _ in range(6):
        if current.i == trigger.i:
            return True
        if current.dep_ not in ATTACHMENT_DEPS or current.head.i == current.i:
            return False
        current = current.head
    return False


#: Clause boundaries a date does not cross to reach an event.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis", "pcomp"})


def within_clause(token: Token, head: Token) -> bool:
    """Is ``token`` under ``head`` without crossing into another clause?"""
    current = token
    for _ in range(12):
        if current.i == head.i:
            return True
        if current.dep_ in CLAUSE_DEPS or current.head.i == current.i:
            return False
        current = current.head
    return False


def in_subtree(token: Token, head: Token) -> bool:
    if token.i == head.i:
        return True
    if not head.left_edge.i <= token.i <= head.right_edge.i:
        return False
    return any(a.i == head.i for a in token.ancestors)


def attached_to_report(token: Token) -> bool:
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor.lemma_ in REPORT_LEMMAS
    return False
