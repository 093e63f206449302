"""Step 2 of the coder: triggers that govern each other in one sentence.

A bare speech verb gives way to the event it reports ("X said China is ready to ..."); a
modality verb ("hoped for", "denies") is the modality of the event it governs, not an event;
"agreed to", "threatened to", "urged X to", "accused X of" absorb the event in their
complement and take a more specific code from it; a nominal event inside another event's
argument is a reference, not a new event; a bare verb gives way to an event noun that is its
adjunct ("engaged the peacekeepers in a firefight").
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.extract.events.arguments import Arg
from eventwire.extract.events.lexicon import Lexicon
from eventwire.extract.events.modality import stops
from eventwire.extract.events.triggers import ADJUNCT_PREPS, Candidate

#: Endorsement (CAMEO 051) and the verbs that pledge or restate it ("reaffirmed its commitment
#: to support X", "pledged to back X"): a pledge of words is the words.
ENDORSE = "051"
PLEDGES = frozenset({"pledge", "promise", "reaffirm", "reiterate", "renew", "restate", "commit", "vow"})
#: Roots that absorb an event in their complement: intent to cooperate (03), appeal (02),
#: demand (10), accuse (11: "accused X of supporting" alleges, it does not assert), reject
#: (12), threaten (13).
GOVERNING_ROOTS = frozenset({"02", "03", "10", "11", "12", "13"})


def combine(candidates: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """Resolve triggers that govern each other (step 2 of the module docstring)."""
    drop: set[int] = set()
    consumed = {c.consumed for c in candidates if c.consumed >= 0}
    for outer in candidates:
        for inner in candidates:
            if inner is outer or id(inner) in drop or id(outer) in drop:
                continue
            if not governs(outer.trigger, inner.trigger) and not (
                    outer.cameo[:2] in GOVERNING_ROOTS and complement(outer.trigger, inner.trigger)):
                continue
            root = outer.cameo[:2]
            if is_cue(outer.trigger, lexicon) and (outer.consumed < 0 or outer.kind != "verb" or inner.kind == "verb"):
                # "hoped for more exercises", "deny they have an alliance", "denied claims that
                # it sent weapons": the governing word is the modality of the inner event, not
                # an event of its own. With an object of its own and no clause under it, it is
                # one ("denied permission for the rally": a refusal, the rally only named).
                inner.speech = inner.speech or outer
                drop.add(id(outer))
            elif root == "01" and outer.kind == "verb" and outer.specificity == 0:
                # "X said China is ready to ...": code what was said, remember who said it.
                inner.speech = outer
                drop.add(id(outer))
            elif root in GOVERNING_ROOTS and outer.kind == "verb" and complement(outer.trigger, inner.trigger):
                outer.cameo = refine(outer.cameo, inner.cameo, lexicon)
                if root == "03" and inner.cameo.startswith(ENDORSE) and outer.trigger.lemma_.lower() in PLEDGES:
                    # "reaffirmed its commitment to support Lebanon": a pledge of verbal
                    # support is that support, said now.
                    outer.cameo = inner.cameo
                if root in ("02", "10") and not other_actors(outer.targets, outer.sources):
                    # "reiterated its demand that the US lift sanctions": who is to act is the
                    # one appealed to or demanded of.
                    outer.targets = other_actors(inner.sources, outer.sources)
                elif not other_actors(outer.targets, outer.sources):
                    # "reaffirmed its commitment to support Peru": the promised act's recipient.
                    outer.targets = other_actors(inner.targets, outer.sources)
                drop.add(id(inner))
            elif inner.kind == "noun" and not inner.explicit_source and in_argument(outer.trigger, inner.trigger):
                inner.reference = True
            elif inner.kind == "verb" and charged_act(outer.trigger, inner.trigger):
                # "jailed a student for helping militants": the act is the charge, not a fact.
                drop.add(id(inner))
    adjunct_heads = {c.adjunct_of for c in candidates if c.kind == "noun" and c.adjunct_of >= 0}
    specific_nouns = {c.trigger.i: c for c in candidates if c.kind == "noun" and c.specificity > 0}
    for candidate in candidates:
        noun = specific_noun(candidate, specific_nouns) if candidate.kind == "verb" else None
        if noun is not None and id(noun) not in drop and id(candidate) not in drop \
                and candidate.trigger.lemma_ in lexicon.support_verbs:
            # "launched an air strike": under a support verb the multiword noun entry is more
            # specific than the verb's object class (where "strike" is a labour strike); the
            # noun keeps the verb's actors and its standing. Other verbs change the noun's
            # meaning ("suspended aid deliveries") and win.
            drop.add(id(candidate))
            consumed.discard(candidate.consumed)
            noun.sources = noun.sources or candidate.sources
            noun.targets = noun.targets or candidate.targets
            noun.explicit_source = True
            noun.kind, noun.specificity = "verb", candidate.specificity + noun.specificity
    for candidate in candidates:
        if candidate.kind == "verb" and candidate.specificity == 0 and candidate.trigger.i in adjunct_heads:
            # "engaged the peacekeepers in a firefight", "told Putin in a meeting": the event
            # noun says what happened; the bare verb only carries its actors.
            drop.add(id(candidate))
        if candidate.kind == "noun" and candidate.trigger.i in consumed:
            drop.add(id(candidate))
        elif candidate.kind == "noun" and candidate.reference and not candidate.explicit_source:
            drop.add(id(candidate))
    return [c for c in candidates if id(c) not in drop]


def specific_noun(verb: Candidate, nouns: dict[int, Candidate]) -> Candidate | None:
    """The multiword event noun a verb's matched object is or quantifies ("launched war
    games", "launched ten days of war games")."""
    if verb.consumed < 0:
        return None
    found = nouns.get(verb.consumed)
    if found is not None:
        return found
    head = verb.trigger.doc[verb.consumed]
    inner = (g.i for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ == "pobj")
    return next((nouns[i] for i in inner if i in nouns), None)


def other_actors(args: list[Arg], sources: list[Arg]) -> list[Arg]:
    """``args`` that are not a source again ("its demand" names the demander)."""
    own = {(a.actor.country, a.actor.text.lower()) for a in sources}
    return [a for a in args if (a.actor.country, a.actor.text.lower()) not in own]


def refine(outer: str, inner: str, lexicon: Lexicon) -> str:
    """The governing code made specific by the governed event: "agreed to cooperate
    militarily" -> 0312, "threatened to attack" -> 138, "urged X to release" -> 1053."""
    root = outer[:2]
    if root in ("03", "13"):
        refined = lexicon.intent_code(inner)
        return refined if refined[:2] == root else outer
    if root in ("02", "10") and len(outer) == 3 and outer.endswith("0"):
        return lexicon.demand_code(inner, root)
    return outer


def is_cue(token: Token, lexicon: Lexicon) -> bool:
    return any(cue.relation != "child" and cue.pos in ("*", token.pos_)
               for cue in lexicon.cues.get(token.lemma_.lower(), ()))


def governs(outer: Token, inner: Token) -> bool:
    """Is ``inner`` in a clausal complement of ``outer`` (or ``outer`` a parenthetical
    speech verb of ``inner``'s clause: "China is ready, he said")?"""
    for ancestor in inner.ancestors:
        if ancestor.i == outer.i:
            return not stops(inner)
        if stops(ancestor):  # what a relative clause says is not under the outer verb
            return False
    return outer.dep_ == "parataxis" and outer.head.i in {a.i for a in inner.ancestors} | {inner.i}


def complement(outer: Token, inner: Token) -> bool:
    """Is ``inner`` inside what ``outer`` demands, rejects, accuses or promises: anywhere in its
    subtree except its subject and adverbial clauses ("rejected calls by Annan to adopt
    reforms", "accused X of violating rights and ignoring the law")?"""
    token = inner
    while token.head.i != token.i:
        if token.head.i == outer.i:
            if token.dep_ == "advcl":
                # "is being pressured by Congress to help Iran": the small model hangs the
                # infinitive of a passive directive as an adverbial clause; it is what is asked.
                return is_passive_directive(outer) and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
            return token.dep_ not in ("nsubj", "nsubjpass", "csubj", "punct")
        token = token.head
    return False


def is_passive_directive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def charged_act(outer: Token, inner: Token) -> bool:
    """Is ``inner`` the reason phrase of ``outer`` ("jailed ... for helping", "arrested over
    spying")?"""
    prep = inner.head
    return inner.dep_ == "pcomp" and prep.lower_ in ("for", "over") and prep.head.i == outer.i


def in_argument(verb: Token, noun: Token) -> bool:
    """Is the noun inside the verb's arguments ("sent weapons to the war effort"), not in an
    adjunct ("told Putin in a meeting")?"""
    token = noun
    while token.head.i != token.i and token.head.i != verb.i:
        token = token.head
    if token.head.i != verb.i:
        return False
    if token.dep_ == "prep":
        return token.lower_ not in ADJUNCT_PREPS
    return token.dep_ in ("dobj", "nsubjpass", "dative", "attr", "nsubj", "xcomp", "ccomp")
