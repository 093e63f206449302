"""Argument frames: which actor a parse token stands for, and the source/target of a trigger.

Actors come only from the actor stage's mentions (character offsets); this module maps parse
tokens to them. Each argument path is named (``nsubj``, ``agent``, ``poss``, ...) so that the
event's ``rule`` can say how the actors were found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.extract.dateline import DATELINE_MARKS
from eventwire.nlp.cache import dateline as doc_dateline
from eventwire.records import Actor, Mention, Place, Quote

#: Dependency labels (spaCy English, ClearNLP style) used by the argument rules.
SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
#: Prepositions whose object is the recipient of an event ("aid to", "talks with").
TARGET_PREPS = frozenset({"to", "with", "against", "on", "for", "toward", "towards", "into", "at", "from"})
#: Modifiers of a noun that may carry its actor ("Russian troops", "Li's visit", "US officials").
ACTOR_MODIFIERS = frozenset({"poss", "amod", "compound", "nmod", "npadvmod"})
#: A subject is inherited through these links: control ("willing to send"), coordination
#: ("hailed ... and said"), adjectival complements ("is ready to"), gerunds under a
#: preposition ("risk sanctions by supporting the war").
INHERIT_SUBJECT = frozenset({"xcomp", "conj", "acomp", "advcl", "pcomp", "prep"})
#: Documents that speak for their issuer: a participle modifying one ("a statement condemning
#: X", "a resolution demanding ...") takes the issuer as its subject. Other nouns do not pass
#: the subject on ("arrested men carrying weapons").
SPEAKING_DOCUMENTS = frozenset({"statement", "declaration", "resolution", "letter", "communique",
                                "message", "note", "memo", "report", "decree", "order", "tweet", "post",
                                "petition", "motion", "bill", "notice", "ultimatum"})
PRONOUNS_THIRD = frozenset({"it", "its", "he", "his", "him", "she", "her", "they", "them", "their"})
#: Passives whose "in" phrase is their complement, not an agent ("engaged in", "involved in").
IN_COMPLEMENT_VERBS = frozenset({"engage", "involve", "implicate", "embroil", "catch", "interest", "engulf",
                                 "mire", "trap", "entangle", "locate", "base", "station", "bear", "raise"})
PRONOUNS_PLURAL = frozenset({"they", "them", "their"})
PRONOUNS_FIRST = frozenset({"i", "me", "my", "we", "us", "our"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
DEMONSTRATIVES = frozenset({"that", "this", "these", "those", "such"})


@dataclass(frozen=True)
class Arg:
    """An actor filling a role, with the path that found it and how sure that path is."""

    actor: Actor
    path: str
    certainty: float = 1.0


class ActorIndex:
    """Token index -> actor, for one document (mentions and places by character offsets)."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], places: Sequence[Place],
                 quotes: Sequence[Quote]) -> None:
        self.doc = doc
        self.by_token: dict[int, Actor] = {}
        # The actor stage codes a coordinated phrase ("Chinese and Russian troops") as one
        # mention per country over the same span: an argument expands to all of them.
        self.same_span: dict[tuple[int, int], list[Actor]] = {}
        # Longest mention first so that "China's Central Military Commission" beats "China".
        for mention in sorted(mentions, key=lambda m: m.start - m.end):
            self.same_span.setdefault((mention.start, mention.end), []).append(mention)
            for i in token_range(doc, mention.start, mention.end):
                self.by_token.setdefault(i, mention)
        self.places: dict[int, Place] = {}
        dateline = doc_dateline(doc)
        for place in places:
            if dateline is not None and dateline[0] <= place.start < dateline[1]:
                continue  # "LONDON (AP) - Gunmen attacked ...": where the story was filed
            for i in token_range(doc, place.start, place.end):
                self.places.setdefault(i, place)
        # Only marked quotations: the quote stage also reports indirect speech, whose clause
        # has a subject of its own ("witnesses said prisoners rioted").
        self.quotes = [q for q in quotes if q.speaker is not None and q.kind in ("direct", "partial")]
        self.topic: Actor | None = None  # subject of an earlier sentence's main clause
        self.pending: list[Span] = []  # sentences not yet read for a topic (read on demand)
        self.current: Span | None = None
        self.sentence_start = 0  # first token of the sentence being coded

    @property
    def previous_subject(self) -> Actor | None:
        """The topic a later "that proposal" or "it" may pick up: the main-clause subject of
        the latest earlier sentence that has one. Computed on demand: rarely needed."""
        for sent in reversed(self.pending):
            subject = main_subject(sent, self)
            if subject is not None:
                self.topic = subject
                break
        self.pending.clear()
        return self.topic

    def next_sentence(self, sent: Span) -> None:
        self.current = sent
        self.sentence_start = sent.start

    def done_sentence(self) -> None:
        if self.current is not None:
            self.pending.append(self.current)

    def place_actor(self, i: int) -> Actor | None:
        """A place standing for its country ("visits to the Russian capital")."""
        place = self.places.get(i)
        if place is None or not place.country:
            return None
        return Actor(text=place.text, start=place.start, end=place.end, country=place.country,
                     via="place")

    def quote_at(self, token: Token) -> Quote | None:
        """The attributed quotation a token stands in, if any."""
        for quote in self.quotes:
            if quote.start <= token.idx < quote.end:
                return quote
        return None

    def quote_speaker(self, token: Token) -> Actor | None:
        quote = self.quote_at(token)
        return quote.speaker if quote is not None else None


def token_range(doc: Doc, start: int, end: int) -> range:
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


class ArgumentReader:
    """Reads source/target arguments off the parse for one document."""

    def __init__(self, index: ActorIndex) -> None:
        self.index = index

    # ------------------------------------------------------------------ noun phrases
    def actors(self, head: Token, path: str, *, places: bool = True) -> list[Arg]:
        """Actors of a noun phrase and its conjuncts ("Wang Yi and Xi Jinping")."""
        out: list[Arg] = []
        seen: set[int] = set()
        for token in phrase_heads(head):
            if token.lower_ in PRONOUNS_PLURAL:
                # "Obama and Putin said they will attack Iraq": both are the subject.
                group = self.plural_antecedent(token, path)
                if len(group) >= 2:
                    for member in group:
                        if id(member.actor) not in seen:
                            seen.add(id(member.actor))
                            out.append(member)
                    continue
            arg = self.actor(token, path, places=places)
            if arg is None:
                continue
            for actor in self.index.same_span.get((arg.actor.start, arg.actor.end), [arg.actor]):
                if id(actor) not in seen:
                    seen.add(id(actor))
                    out.append(Arg(actor, arg.path, arg.certainty))
        for child in head.children:
            # "The US, Russia, and Switzerland met": a list misparsed as an apposition. A
            # true apposition names the same actor, so only another country is added.
            if child.dep_ == "appos" and out and any(c.dep_ == "conj" for c in child.children):
                listed = self.index.by_token.get(child.i)
                if listed is not None and listed.country and all(a.actor.country != listed.country for a in out):
                    out.append(Arg(listed, path + "=list"))
        if out:
            out.extend(self.shared_heads(head, out, path))
        else:
            out = self.modifier_actors(head, path)
        return out

    def shared_heads(self, head: Token, found: list[Arg], path: str) -> list[Arg]:
        """Other countries sharing the head through a coordinated "of" phrase ("the foreign
        ministers of Chile and Peru": one mention covers Chile, Peru is a ministry too)."""
        out: list[Arg] = []
        countries = {a.actor.country for a in found}
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ != "of":
                continue
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                for conj in pobj.conjuncts:
                    actor = self.index.by_token.get(conj.i)
                    if actor is not None and actor.country and actor.country not in countries:
                        countries.add(actor.country)
                        out.append(Arg(actor, path + "=of-list", 0.9))
        return out

    def actor(self, token: Token, path: str, *, places: bool = True) -> Arg | None:
        index = self.index
        actor = index.by_token.get(token.i)
        if actor is not None:
            if not actor.country:
                # "The Islamist militant group al-Shabab", "New People's Army (NPA) rebels": a
                # name in apposition or as a modifier says more than the bare noun.
                for child in token.children:
                    named = index.by_token.get(child.i)
                    if named is not None and named.country and named is not actor and (
                            child.dep_ == "appos" or child.dep_ in ACTOR_MODIFIERS
                            and not dateline(child, token)):
                        return Arg(named, f"{path}={child.dep_}", 1.0 if child.dep_ == "appos" else 0.9)
            return Arg(actor, path)
        lower = token.lower_
        if lower in PRONOUNS_FIRST:
            speaker = index.quote_speaker(token)
            return Arg(speaker, path + "=speaker", 0.9) if speaker else None
        if lower in PRONOUNS_THIRD:
            return self.antecedent(token, path)
        if lower in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            return self.actor(token.head.head, path + "=relcl", places=places)
        named = self.named(token)  # apposition: "the country's leader, Xi Jinping"
        if named is not None:
            return Arg(named, path + "=appos")
        if places:
            place = index.place_actor(token.i)
            if place is not None:
                return Arg(place, path + "=place", 0.8)
        return None

    def modifier_actors(self, head: Token, path: str) -> list[Arg]:
        """Actors in the modifiers of an unresolved head ("Chinese and Russian troops")."""
        out: list[Arg] = []
        for child in head.children:
            if child.dep_ in ACTOR_MODIFIERS or (child.dep_ == "prep" and child.lower_ == "of"):
                target = child if child.dep_ != "prep" else next(
                    (c for c in child.children if c.dep_ == "pobj"), None)
                if target is None:
                    continue
                for token in phrase_heads(target):
                    arg = self.actor(token, f"{path}.{child.dep_}")
                    if arg is not None and all(a.actor is not arg.actor for a in out):
                        out.append(Arg(arg.actor, arg.path, 0.9 * arg.certainty))
        if not out and head.lower_ not in PRONOUNS_THIRD and has_demonstrative(head):
            # "that proposal": a definite description picks up the preceding sentence's topic.
            if self.index.previous_subject is not None:
                out.append(Arg(self.index.previous_subject, path + "=topic", 0.5))
        return out

    def antecedent(self, pronoun: Token, path: str) -> Arg | None:
        """Third-person pronoun -> the subject of a governing clause, else the last topic.

        "X has told Y that it is willing", "Putin told Li that he hoped": the embedded
        pronoun most often refers back to the subject of the clause that governs it. "he"/"she"
        prefer mentions of people; without any, the gender constraint is dropped.
        """
        person = pronoun.lower_ in {"he", "his", "him", "she", "her"}
        for strict in ((True, False) if person else (False,)):
            found = self.antecedent_pass(pronoun, path, strict)
            if found is not None:
                return found
        return None

    def plural_antecedent(self, pronoun: Token, path: str) -> list[Arg]:
        """The coordinated subject a plural pronoun refers back to, all its members ("Obama
        and Putin said they ..."); empty when the governing subject is no coordination."""
        for ancestor in pronoun.ancestors:
            for child in ancestor.children:
                if child.dep_ in SUBJECTS and child.i != pronoun.i and child.lower_ not in PRONOUNS_THIRD:
                    if not child.conjuncts:
                        return []
                    return [Arg(a.actor, path + "=antecedent", 0.8) for a in self.actors(child, path)]
        return []

    def antecedent_pass(self, pronoun: Token, path: str, person: bool) -> Arg | None:
        by_token = self.index.by_token
        thanked = object_of_reason(pronoun)
        if thanked is not None:
            actor = by_token.get(thanked.i)
            if actor is not None and (not person or is_person(actor)):
                return Arg(actor, path + "=object", 0.8)
        for ancestor in pronoun.ancestors:
            for child in ancestor.children:
                if child.dep_ in SUBJECTS and child.i != pronoun.i and child.lower_ not in PRONOUNS_THIRD:
                    actor = self.named(child)
                    if actor is not None and (not person or is_person(actor)):
                        return Arg(actor, path + "=antecedent", 0.8)
        doc = pronoun.doc
        for i in range(pronoun.i - 1, self.index.sentence_start - 1, -1):
            actor = by_token.get(i)
            if actor is not None and (not person or is_person(actor)) and doc[i].dep_ in SUBJECTS:
                return Arg(actor, path + "=antecedent", 0.7)
        previous = self.index.previous_subject
        if previous is not None and (not person or is_person(previous)):
            return Arg(previous, path + "=topic", 0.6)
        return None

    def named(self, head: Token) -> Actor | None:
        """The actor a noun head names itself or through an apposition ("the militant group
        Hamas", "the country's leader, Xi Jinping")."""
        actor = self.index.by_token.get(head.i)
        if actor is None:
            actor = next((self.index.by_token[c.i] for c in head.children
                          if c.dep_ == "appos" and c.i in self.index.by_token), None)
        return actor

    # ------------------------------------------------------------------ clauses
    def subject(self, verb: Token) -> tuple[list[Arg], bool]:
        """(source candidates, passive) of a verb, climbing control and coordination links."""
        token, path = verb, "nsubj"
        for _ in range(6):
            passive = is_passive(token)
            if passive and token.i != verb.i:
                # Raising: "Obama is scheduled to attend", "X is expected to visit": the
                # passive subject is the complement's subject.
                for child in token.children:
                    if child.dep_ in PASSIVE_SUBJECTS:
                        return self.actors(child, path + "<raising"), False
            if passive:
                return self.passive_agents(token), True
            subjects = [c for c in token.children if c.dep_ in SUBJECTS]
            if subjects:
                # Two subjects are a parse error, mostly a dateline taken for one ("LONDON (AP)
                # - Gunmen attacked"): the first that names an actor.
                for child in subjects:
                    found = self.actors(child, path)
                    if found:
                        return found, False
                return [], False
            for aux in token.children:
                # A parse error of the small model: "Egypt and Qatar are mediating" with the
                # subject hung on the auxiliary instead of the verb.
                if aux.dep_ in ("aux", "auxpass") and aux.i < token.i:
                    for child in aux.children:
                        if child.dep_ in SUBJECTS:
                            return self.actors(child, path + "<aux"), False
            if token.dep_ == "relcl":  # "the minister, who ..." without a relative pronoun
                return self.actors(token.head, path + "<relcl"), False
            if token.dep_ == "xcomp":
                # Object control: "urged Iran to release" -> Iran is the subject of release.
                objects = [c for c in token.head.children if c.dep_ in ("dobj", "dative")]
                if objects:
                    return self.actors(objects[0], path + "<objcontrol"), False
            if authored(token):
                # "issued a statement condemning X": what the document says, its issuer says.
                path, token = f"{path}<document", token.head.head
                continue
            if token.dep_ not in INHERIT_SUBJECT or token.head.i == token.i:
                break
            path = f"{path}<{token.dep_}"
            token = token.head
        return [], False

    def passive_agents(self, verb: Token) -> list[Arg]:
        """Agents of a passive verb: "by X", else "in X" ("was dismissed in Washington"), else
        "from X" ("a mortar bomb was fired at it from the Gaza Strip")."""
        for dep_word in ("by", "in", "from"):
            if dep_word == "in" and verb.lemma_.lower() in IN_COMPLEMENT_VERBS:
                continue  # "were engaged in fighting in Montenegro": no agent in that "in"
            for child in verb.children:
                if child.dep_ in ("agent", "prep") and child.lower_ == dep_word:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self.actors(pobj, f"{child.lower_}-agent", places=False)
                            if dep_word != "by":
                                # "was dismissed in Washington" names the actor itself; "was
                                # declared in the one-time French colony" only describes a place.
                                found = [a for a in found if "." not in a.path]
                            if found:
                                return found
        return []

    def objects(self, verb: Token, passive: bool) -> list[Arg]:
        """Target candidates of a verb: passive subject, direct/indirect object, prep objects."""
        if passive and verb.dep_ == "acl":  # "nationals suspected by the West"
            found = self.actors(verb.head, "acl-head")
            if found:
                return found
        if passive:
            for child in verb.children:
                if child.dep_ in PASSIVE_SUBJECTS:
                    found = self.actors(child, "nsubjpass")
                    if found:
                        return found
        for child in verb.children:
            if child.dep_ in ("dobj", "dative"):
                found = self.actors(child, child.dep_, places=False) or self.nested(child, child.dep_)
                if found:
                    return found
        return self.prep_targets(verb)

    def prep_targets(self, head: Token) -> list[Arg]:
        for child in head.children:
            # "provided their donations to Palestinians": the parser may label that "to" dative.
            if child.dep_ in ("prep", "dative") and child.lower_ in TARGET_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.actors(pobj, f"{head.dep_}>{child.lower_}")
                        if found:
                            return found
        return []

    def nested(self, head: Token, path: str) -> list[Arg]:
        """An actor inside a non-actor object ("hailed the achievements of cooperation with
        Russia's military"): the nearest mention in the object's subtree, relative clauses aside."""
        frontier = [head]
        for depth in range(4):
            next_frontier: list[Token] = []
            for token in frontier:
                for child in token.children:
                    if child.dep_ in ("relcl", "acl", "appos", "punct", "cc"):
                        continue
                    actor = self.index.by_token.get(child.i)
                    if actor is not None:
                        return [Arg(actor, f"{path}>nested", 0.8 - 0.1 * depth)]
                    next_frontier.append(child)
            frontier = next_frontier
        return []


def is_passive(verb: Token) -> bool:
    """A passive clause, or a reduced passive relative ("nationals suspected by the West")."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return True
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)


def phrase_heads(head: Token) -> list[Token]:
    """A noun head, its conjuncts, and conjuncts of its appositions ("a diplomat, Wang Yi and Xi")."""
    heads = [head, *head.conjuncts]
    for child in head.children:
        if child.dep_ == "appos":
            heads.extend(child.conjuncts)
    return heads


def dateline(modifier: Token, head: Token) -> bool:
    """Is the modifier a dateline the parser hung on the first noun ("PARIS (Reuters) -
    Fighters loyal to ...")? A dash or colon stands between them."""
    lo, hi = sorted((modifier.i, head.i))
    return any(t.text in DATELINE_MARKS for t in modifier.doc[lo + 1:hi])


def has_demonstrative(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in head.children) and head.pos_ == "NOUN"


def is_person(actor: Actor) -> bool:
    return (actor.id or "").startswith("person") or "person" in actor.via


def main_subject(sent: Span, index: ActorIndex) -> Actor | None:
    """The subject actor of the sentence's root: the topic a later "that proposal" picks up."""
    root = sent.root
    for child in root.children:
        if child.dep_ in SUBJECTS or child.dep_ == "nsubjpass":
            for token in child.subtree:
                actor = index.by_token.get(token.i)
                if actor is not None:
                    return actor
    return None


def authored(token: Token) -> bool:
    """Is ``token`` a present participle modifying a document that is the object of a verb
    ("Iran issued a declaration demanding ...")?"""
    head = token.head
    return (token.dep_ == "acl" and token.tag_ == "VBG" and head.lemma_.lower() in SPEAKING_DOCUMENTS
            and head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"))


def object_of_reason(pronoun: Token) -> Token | None:
    """The object a possessive in a "for" phrase refers to: "thanked Britain for its support",
    "criticised Russia for its invasion", "praised the envoys for their work" (the one thanked
    or blamed is the one whose deed it is, not the subject)."""
    if pronoun.dep_ != "poss" or pronoun.head.dep_ != "pobj":
        return None
    prep = pronoun.head.head
    if prep.lower_ != "for" or prep.dep_ != "prep":
        return None
    objects = [c for c in prep.head.children if c.dep_ == "dobj" and c.i < pronoun.i]
    return objects[0] if objects else None
