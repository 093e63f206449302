"""Modality of an event from cues around its trigger (data/lexicon/modality.tsv).

Two places are searched: words attached to the trigger or to the verb of its clause ("may",
"not", "if", "similar visits"), and the words that govern the trigger ("willing to send",
"concern that China may provide", "denies that"). The strongest modality found wins
(``MODALITY_STRENGTH``): a concern that China is ready to send aid is hypothetical, not intent.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.extract.events.lexicon import MODALITY_STRENGTH, Lexicon

#: Dependents that can carry a "child" cue: auxiliaries, negation, conditional markers,
#: adjectival and adverbial modifiers, determiners ("no talks").
CHILD_DEPS = frozenset({"aux", "neg", "mark", "amod", "advmod", "det", "npadvmod", "advcl"})
#: Climbing stops at these links: what a relative clause, an apposition or an adverbial clause
#: ("..., though no details were released") says does not
#: change the modality of the noun it modifies.
STOP_DEPS = frozenset({"relcl", "appos", "advcl"})
#: Links through which a governing clause's auxiliaries reach the complement.
CONTROL_LINKS = frozenset({"xcomp", "acomp"})
#: Ancestors above this many steps rarely scope over the trigger (long news sentences).
MAX_CLIMB = 8
RANK = {name: rank for rank, name in enumerate(MODALITY_STRENGTH)}


class ModalityReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.cues = lexicon.cues
        self.speech = frozenset(lemma for lemma, kind in lexicon.reporting.items() if kind in ("speech", "report"))

    def cue(self, token: Token, relations: tuple[str, ...]) -> str | None:
        for cue in self.cues.get(token.lemma_.lower(), ()) or self.cues.get(token.lower_, ()):
            if cue.relation in relations and (cue.pos == "*" or cue.pos == token.pos_):
                return cue.modality
        return None

    def read(self, trigger: Token) -> tuple[str, str]:
        """(modality, cue word) of a trigger; ("asserted", "") when nothing applies."""
        found: list[tuple[str, str]] = []
        clause = clause_verb(trigger)
        heads = {trigger.i: trigger, clause.i: clause}
        conj_head = -1
        if clause.dep_ == "conj":  # "unless X arranged a ceasefire and held elections"
            conj_head = clause.head.i
            heads.setdefault(conj_head, clause.head)
        for head in heads.values():
            for child in head.children:
                if child.dep_ in CHILD_DEPS and (head.i != conj_head or child.dep_ == "mark"):
                    modality = self.cue(child, ("child", "any"))
                    if modality:
                        found.append((modality, child.lower_))
            quantifier = negative_subject(head) if head.i != trigger.i else negative_controller(trigger)
            if quantifier:  # "No country has imposed sanctions", "Nobody wants to attack the convoy"
                found.append(("negated", quantifier))
        token, steps = trigger, 0
        while token.head.i != token.i and steps < MAX_CLIMB and not stops(token):
            link = "xcomp" if purpose(token) else token.dep_
            token, steps = token.head, steps + 1
            if link in CONTROL_LINKS:
                # "Y must be ready to mediate": the auxiliaries of a controlling clause scope
                # over its complement, and over its purpose ("must ensure security to allow
                # aid to reach ...").
                for child in token.children:
                    if child.dep_ in ("aux", "neg"):
                        modality = self.cue(child, ("child", "any"))
                        if modality:
                            found.append((modality, child.lower_))
            modality = self.cue(token, ("governs", "any"))
            if modality:
                if modality == "intent" and negated(token):
                    found.append(("negated", "not"))  # "is not willing to send"
                found.append((modality, token.lower_))
            if rejected_claim(token):  # "dismissed reports that it had attacked the plant"
                found.append(("denied", token.head.lower_))
        if not found:
            return "asserted", ""
        if any(word == "would" for _, word in found) and under_speech(trigger, self.speech):
            # Reported speech shifts "will" to "would": "X said it would send troops" states
            # an intention, not a hypothesis.
            found = [("intent", w) if w == "would" else (m, w) for m, w in found]
        kinds = {m for m, _ in found}
        if "negated" in kinds and ("intent" in kinds or any(w in ("would", "fail", "failed", "failing", "fails")
                                                           for _, w in found)):
            # "will not accept", "would not provide", "is not willing to", "failed to reach".
            return "refusal", next(w for m, w in found if m == "negated")
        return min(found, key=lambda item: RANK[item[0]])


def conditional(trigger: Token) -> bool:
    """Does the trigger's clause carry an "if"/"unless" condition ("will withdraw unless ...")?"""
    clause = clause_verb(trigger)
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               for c in clause.children)


def purpose(token: Token) -> bool:
    """Is the token a purpose infinitive ("sent troops to help")?"""
    return token.dep_ == "advcl" and token.tag_ == "VB" and any(c.lower_ == "to" for c in token.children)


def stops(token: Token) -> bool:
    """Climbing stops at relative clauses, appositions and reduced relatives ("nationals
    suspected of ..."); a that-clause of a noun ("concern that ...") is climbed through."""
    if purpose(token):
        # A purpose infinitive shares the main clause's modality ("willing to send material to
        # help defend Saudi Arabia").
        return False
    if token.dep_ in STOP_DEPS:
        return True
    return token.dep_ == "acl" and not any(c.dep_ == "mark" for c in token.children)


def clause_verb(token: Token) -> Token:
    """The verb heading the clause of a token (the token itself when it is a verb)."""
    current = token
    for _ in range(MAX_CLIMB):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return token


#: Subjects that say nobody did it: "nobody", "none of them", "no one", "no country", "neither side".
NEGATIVE_PRONOUNS = frozenset({"nobody", "none", "noone", "no-one", "neither", "nothing"})
NEGATIVE_DETERMINERS = frozenset({"no", "neither"})


def negative_subject(verb: Token) -> str | None:
    """The negative quantifier that is (or determines) the subject of ``verb``, if any."""
    for child in verb.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if child.lower_ in NEGATIVE_PRONOUNS:
            return child.lower_
        for det in child.children:
            if det.dep_ == "det" and det.lower_ in NEGATIVE_DETERMINERS:
                return det.lower_
    return None


def negative_controller(trigger: Token) -> str | None:
    """The negative quantifier subject of ``trigger`` or of a verb that controls it: "Nobody
    wants to attack", "No country is willing to send troops", "no one has the right to force
    us" (an infinitive modifying the controlling verb's object)."""
    token, steps = trigger, 0
    while True:
        quantifier = negative_subject(token)
        if quantifier or token.head.i == token.i or steps >= MAX_CLIMB:
            return quantifier
        head = token.head
        if token.dep_ == "acl" and head.dep_ == "dobj" and head.head.i != head.i \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            token = head.head  # "the right to force": the verb that has the object
        elif token.dep_ in CONTROL_LINKS or purpose(token):
            token = head
        else:
            return None
        steps += 1


#: Nouns that report a claim ("reports that ...") and verbs that, governing them, deny it.
CLAIM_NOUNS = frozenset({"claim", "allegation", "accusation", "report", "suggestion", "charge", "assertion",
                         "rumour", "rumor"})
REJECTING_VERBS = frozenset({"reject", "dismiss", "deny", "refute", "rebut", "disprove", "debunk"})


def rejected_claim(token: Token) -> bool:
    """Is ``token`` a claim noun that a rejecting verb takes as its object ("rejected claims")?"""
    return (token.pos_ == "NOUN" and token.lemma_.lower() in CLAIM_NOUNS and token.dep_ in ("dobj", "nsubjpass")
            and token.head.lemma_.lower() in REJECTING_VERBS)


def negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ == "neg" for c in token.head.children if token.dep_ in ("acomp", "xcomp"))


def under_speech(token: Token, speech: frozenset[str]) -> bool:
    return any(a.lemma_ in speech for a in token.ancestors)


def clause_ancestors(trigger: Token) -> list[Token]:
    """Ancestors up to the first relative clause or apposition boundary: a speech verb above
    "Beijing, which has resisted ..." did not say the relative clause."""
    out: list[Token] = []
    token = trigger
    while token.head.i != token.i and not stops(token):
        token = token.head
        out.append(token)
    return out
