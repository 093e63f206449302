"""Attribution: who a coded claim rests on (data/lexicon/reporting.tsv).

"according to X" and "citing X" source every event of their sentence; "X reported (Y as
saying)" sources the events it reports; an ordinary speech verb ("said") sources the events
of its complement only when the speaker is a third party (another country, or the media) -
"Li said China is ready" is China speaking for itself, not a sourced claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.extract.events.arguments import SUBJECTS, Arg, ArgumentReader
from eventwire.extract.events.lexicon import Lexicon
from eventwire.records import Actor

#: How far left of a subjectless reporting verb its reporter may stand ("state media on
#: Monday reported"): the parser often attaches such subjects elsewhere.
REPORTER_WINDOW = 6


@dataclass(frozen=True)
class Source:
    actor: Actor
    kind: str  # "according", "cite", "report", "speech"
    cue: Token  # the cue word; events inside its own phrase are not attributed to it
    scope: Token | None  # the events under this token (None: the whole sentence)


class AttributionReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.kinds = lexicon.reporting

    def sources(self, sent: Span, reader: ArgumentReader, hits: Sequence[int]) -> list[Source]:
        """Attribution cues among the tokens ``hits`` of the sentence."""
        out: list[Source] = []
        doc = sent.doc
        for i in hits:
            token = doc[i]
            kind = self.kinds.get(token.lemma_.lower()) or self.kinds.get(token.lower_)
            if kind is None:
                continue
            if kind == "according":
                out.extend(self.according(token, reader))
            elif kind == "cite" and token.tag_ == "VBG":
                out.extend(Source(a.actor, kind, token, None) for a in objects(token, reader))
            elif kind in ("report", "speech", "allege") and token.pos_ == "VERB":
                kind = "speech" if kind == "allege" else kind
                actor = reporter(token, reader, kind)
                if actor is not None:
                    out.append(Source(actor, kind, token, None if kind == "report" else token))
        return out

    def according(self, token: Token, reader: ArgumentReader) -> list[Source]:
        for to in token.children:
            if to.lower_ == "to":
                for pobj in to.children:
                    if pobj.dep_ == "pobj":
                        return [Source(a.actor, "according", token, None) for a in reader.actors(pobj, "according")[:1]]
        return []

    @staticmethod
    def attribute(sources: list[Source], trigger: Token, source: Actor | None) -> Actor | None:
        """The actor an event at ``trigger`` is attributed to (strongest kind first)."""
        best: Actor | None = None
        rank = 9
        for item in sources:
            if item.cue.i == trigger.i or (item.kind in ("according", "cite") and is_within(trigger, item.cue)):
                continue
            if source is not None and item.actor.start == source.start:
                continue  # an actor reporting its own action asserts it
            if item.scope is not None and not is_within(trigger, item.scope):
                continue
            if item.kind == "speech" and not third_party(item.actor, source):
                continue
            order = ("according", "cite", "report", "speech").index(item.kind)
            if order < rank:
                best, rank = item.actor, order
        return best


def objects(token: Token, reader: ArgumentReader) -> list[Arg]:
    for child in token.children:
        if child.dep_ == "dobj":
            return reader.actors(child, "cite")[:1]
    return []


def reporter(verb: Token, reader: ArgumentReader, kind: str) -> Actor | None:
    """The subject of a reporting verb (through coordination: "hailed ... and said")."""
    found, _ = reader.subject(verb)
    if found:
        return found[0].actor
    if kind == "report" and not any(c.dep_ in SUBJECTS for c in verb.children):
        start = max(verb.sent.start, verb.i - REPORTER_WINDOW)
        for i in range(verb.i - 1, start - 1, -1):
            actor = reader.index.by_token.get(i)
            if actor is not None:
                return actor
    return None


def is_within(token: Token, head: Token) -> bool:
    """Is ``token`` in the subtree of ``head`` (excluding ``head`` itself)?"""
    return token.i != head.i and head.left_edge.i <= token.i <= head.right_edge.i and any(
        a.i == head.i for a in token.ancestors)


def third_party(speaker: Actor, source: Actor | None) -> bool:
    if "MED" in speaker.sector:
        return True
    if source is None:
        return False
    if speaker.start == source.start:
        return False
    return bool(speaker.country and source.country and speaker.country != source.country)
