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

    def location(self, trigger: Token, si: int, participants: Sequence[tuple[int, int]] = (),
                 verbal: bool = False) -> Place | None:
        """Where the event at ``trigger`` happened: a place phrase of its own clause, a
        locative one first ("met ... in Moscow", "forces near Latakia came under attack"), the
        nearest first.

        Not a possessor ("Russia's military" names an actor), not a subject ("Kenya launched
        an operation"), not a place reached through a preposition of stance or topic
        ("displeasure with the United States"), not a place in another clause, and for a
        statement or an appeal (``verbal``) not the party it is addressed to ("criticised
        Ukraine" happened where the critic was).
        """
        assert self.doc is not None
        candidates = self.places.get(si, [])
        if not candidates:
            return None
        for head in (trigger, clause_verb(trigger)):
            ranked = []
            for i, place in candidates:
                token = self.doc[i]
                if token.dep_ == "poss" or verbal and any(s < place.end and place.start < e for s, e in participants):
                    continue
                rank = location_rank(token, head, verbal)
                if rank is not None:
                    ranked.append((rank, abs(i - trigger.i), place))
            if ranked:
                return min(ranked, key=lambda item: item[:2])[2]
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


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
#: Prepositions whose object is a party or a topic, not where something happened.
NON_LOCATIVE_PREPS = frozenset({"with", "against", "about", "over", "toward", "towards", "regarding",
                                "concerning", "between", "among", "by"})
#: ... and for statements also "a plan for Ukraine", "support to Kyiv".
TOPIC_PREPS = frozenset({"for", "to", "on", "of"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "around", "within",
                            "along", "off", "into", "beyond", "on"})


def location_rank(token: Token, head: Token, verbal: bool) -> int | None:
    """How well the place at ``token`` says where ``head``'s event happened: 0 through a
    locative preposition ("in", "near", "at"), 1 otherwise in the clause (a modifier such as
    "the Brooklyn District Attorney"), 2 a locative phrase inside a clause that modifies a
    participant ("killed the attackers who besieged a hotel in Beledweyne"), None when it
    cannot (another clause, a subject, a preposition of stance or topic: "displeasure with
    the United States"). Once a locative preposition is passed, the phrase says where
    whatever it hangs on is ("a hijacking by militants in Balochistan")."""
    current, locative, bare, rank = token, False, True, 0
    for _ in range(16):
        if current.i == head.i:
            return rank if locative else max(rank, 1)
        dep = current.dep_
        if current.head.i == current.i:
            return None
        if dep in CLAUSE_DEPS:
            if not (locative and dep in ("relcl", "acl")):
                return None
            rank = 2
        if dep in SUBJECT_DEPS and (bare and not locative or rank == 2):
            # The subject itself is a party, not where it acted; a clause about the subject
            # ("Sweden, which held talks in Vienna, attacked Peru") is background.
            return None
        if dep in ("prep", "agent"):
            word = current.lower_
            if not locative and (word in NON_LOCATIVE_PREPS or verbal and word in TOPIC_PREPS):
                return None
            locative = locative or word in LOCATIVE_PREPS
        if dep in ("compound", "amod", "nmod"):
            bare = False
        current = current.head
    return None


def attached_to_report(token: Token) -> bool:
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor.lemma_ in REPORT_LEMMAS
    return False
