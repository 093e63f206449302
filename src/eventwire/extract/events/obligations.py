"""Reported obligations: what one actor says another must do is a demand.

"Russia said Sudan must return the helicopter" is Russia's demand on Sudan whatever the act,
even when the obliged verb is in no lexicon entry; the coder's demand step (``EventCoder.demand``)
then finds the speaker and makes the obliged actor the target.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.extract.events.arguments import ArgumentReader
from eventwire.extract.events.lexicon import Lexicon
from eventwire.extract.events.modality import clause_ancestors
from eventwire.extract.events.triggers import Candidate

#: Modal words of obligation that make a reported clause a demand, and the demand's code.
OBLIGATIONS = ("must",)
DEMAND = "100"
#: Reporting kinds (reporting.tsv) whose complement is said by the verb's subject.
SAYING = frozenset({"speech", "report", "allege"})


def obligations(doc: Doc, hits: list[int], candidates: list[Candidate], reader: ArgumentReader,
                lexicon: Lexicon) -> list[Candidate]:
    """Demand candidates for obligation words ``hits`` whose verb has no candidate of its own."""
    taken = {c.trigger.i for c in candidates}
    # Bare statement verbs ("reiterated that ...") give way to what they report (combine).
    statements = {c.trigger.i for c in candidates if c.kind == "verb" and c.specificity == 0
                  and c.cameo.startswith("01")}
    out: list[Candidate] = []
    for i in hits:
        verb = doc[i].head
        if doc[i].dep_ != "aux" or verb.pos_ != "VERB" or verb.i in taken \
                or not reported(verb, statements, lexicon):
            continue
        sources, passive = reader.subject(verb)
        if sources and not passive:
            out.append(Candidate(trigger=verb, cameo=DEMAND, rule="lexicon:obligation/nsubj", kind="verb",
                                 specificity=0, sources=sources))
    return out


def reported(verb: Token, statements: set[int], lexicon: Lexicon) -> bool:
    """Is the clause said by someone (a speech verb or a bare statement verb above it)?"""
    return any(a.i in statements or (a.pos_ == "VERB" and lexicon.reporting.get(a.lemma_) in SAYING)
               for a in clause_ancestors(verb))
