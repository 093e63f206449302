"""Trigger matching and argument frames: lexicon entries found on a parsed sentence.

A verb trigger is a verb whose lemma is in verbs.tsv, with the entry's particle/preposition
and object constraint checked against its dependents; a noun trigger is a noun of nouns.tsv.
Each trigger becomes a ``Candidate`` with source/target argument lists read off the parse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventwire.extract.events.arguments import PASSIVE_SUBJECTS, Arg, ArgumentReader
from eventwire.extract.events.lexicon import Lexicon, NounEntry, VerbEntry

#: Heads whose "of" phrase carries the real object: "a provision of weapons", "a shipment of".
OF_LOOKTHROUGH_DEPS = frozenset({"prep"})
#: Prepositions that make a noun phrase an adjunct of its verb ("told Putin in a meeting"):
#: the meeting is between the verb's own participants. Temporal "after"/"since" and topical
#: "on" introduce other events ("advised against travel after the shooting").
ADJUNCT_PREPS = frozenset({"in", "during", "at"})
#: Codes of things handed over ("received weapons/support/assurances from"): only these turn a
#: receiving verb's "from" phrase into the source; "received ministers" is hosting a visit.
TRANSFER_ROOTS = frozenset({"03", "05", "06", "07"})
#: Verbs whose subject undergoes what their object names ("faced criticism", "drew fire").
EXPERIENCER_VERBS = frozenset({"face", "draw", "incur", "suffer", "endure", "undergo"})
#: Links of a word that modifies a noun: as a modifier an event word classifies the thing
#: named ("attack helicopters", "border patrol agents") instead of reporting an event.
MODIFIER_DEPS = frozenset({"amod", "compound"})
#: Verbs whose passive with this preposition is a stance held or a deed done by the subject
#: ("is opposed to", "were engaged in fighting").
STATIVE_PASSIVES = {"oppose": "to", "engage": "in", "involve": "in"}
#: Participles that attach a charge to a person ("suspected of", "accused of", "charged with").
CHARGE_LEMMAS = frozenset({"suspect", "accuse", "charge", "convict", "allege", "blame", "indict", "jail",
                           "arrest", "detain", "sentence", "wanted", "want"})
CHARGE_PREPS = frozenset({"of", "with", "for", "over"})
#: Verbs whose intransitive subject is the transitive object ("the talks resumed" = someone
#: resumed the talks): an object constraint may be met by that subject.
ERGATIVE = frozenset({"end", "halt", "stop", "cease", "resume", "begin", "start", "continue",
                      "escalate", "intensify", "collapse", "break", "stall"})
#: Unaccusative motion verbs: the subject is what a verb of sending moves ("peacekeepers
#: arrived" = peacekeepers were sent), so "arrive" + @TROOPS is a deployment, not a visit.
SUBJECT_AS_OBJECT = ERGATIVE | {"arrive", "land", "deploy"}
#: Bodies that forces are sent "to" and become part of ("to the peacekeeping mission").
JOINED_BODIES = frozenset({"force", "mission", "operation", "contingent"})
#: CAMEO mediation: a third party between the two sides of a "between" phrase.
MEDIATION = "045"
#: Adjectives marking a nominal event as done together ("joint drills").
RECIPROCAL_MODIFIERS = frozenset({"joint", "bilateral", "mutual", "combined"})


@dataclass
class Candidate:
    trigger: Token
    cameo: str
    rule: str  # "lexicon:verb:hold+talks"
    kind: str  # "verb" or "noun"
    specificity: int
    sources: list[Arg] = field(default_factory=list)
    targets: list[Arg] = field(default_factory=list)
    reciprocal: bool = False
    consumed: int = -1  # the object token the entry matched (no second noun event for it)
    explicit_source: bool = False  # the noun phrase itself names its actor
    reference: bool = False  # a nominal event mentioned inside another event's argument
    speech: Candidate | None = None  # a governing speech verb ("X told Y that ...")
    adjunct_of: int = -1  # the event verb a noun is an adjunct of ("told Putin in a meeting")
    passive: bool = False  # an agentless passive has no source to fill from the speaker


class TriggerFinder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.verbs = lexicon.verbs
        self.nouns = lexicon.nouns

    def find(self, sent: Span, reader: ArgumentReader, hits: Sequence[int]) -> list[Candidate]:
        """Candidates among the tokens ``hits`` (indices whose lemma or form is a lexicon entry,
        found for the whole document at once: walking every token is the coder's main cost)."""
        out: list[Candidate] = []
        verbs, nouns = self.verbs, self.nouns
        in_mention = reader.index.by_token
        doc = sent.doc
        for i in hits:
            token = doc[i]
            pos = token.pos_
            if pos == "VERB" and token.dep_ not in MODIFIER_DEPS and not charged(token):
                # A participle used as an adjective ("the Israeli-occupied sector", "the
                # proposed surge") describes the noun; it reports no act of its own.
                entries = verbs.get(token.lemma_.lower())
                if entries:
                    candidate = self.verb_candidate(token, entries, reader)
                    if candidate is not None:
                        out.append(candidate)
            elif pos == "NOUN" and token.i not in in_mention and not classifier(token, nouns):
                # Names ("Foreign Intelligence Service", "in March") and actor phrases
                # ("the defense minister") are not events.
                noun_entries = nouns.get(token.lemma_.lower()) or nouns.get(token.lower_)
                if noun_entries:
                    candidate = self.noun_candidate(token, noun_entries, reader)
                    if candidate is not None:
                        out.append(candidate)
        return one_per_phrase(out)

    # ------------------------------------------------------------------ verbs
    def verb_candidate(self, verb: Token, entries: list[VerbEntry], reader: ArgumentReader) -> Candidate | None:
        match = match_verb(verb, entries)
        if match is None:
            return None
        entry, obj = match
        sources, passive = reader.subject(verb)
        targets = reader.objects(verb, passive)
        if passive and stative(verb):
            # "Israel is opposed to French mediation", "troops were engaged in fighting with
            # rebels": the subject holds the stance or does the deed.
            sources, passive = targets, False
            targets = prep_actors(verb, "to", reader) or (reader.nested(obj, "to") if obj is not None else []) \
                or reader.prep_targets(verb)
        if not targets and attached_to(verb, "between"):
            # "offered to mediate between India and Pakistan": both sides are the targets.
            targets = next((subtree_actors(g, reader, "between") for c in verb.children
                            if c.dep_ == "prep" and c.lower_ == "between" for g in c.children if g.dep_ == "pobj"), [])
        if targets and all(any(t.actor.country == s.actor.country for s in sources) for t in targets):
            # "withdrew its troops from Austria": the object's owner is the subject itself;
            # the recipient is in a prepositional phrase.
            targets = reader.prep_targets(verb) or targets
        if entry.prep and obj is not None and not targets and obj.dep_ == "pobj":
            targets = reader.actors(obj, entry.prep)
        if passive and not sources and (entry.cameo[:2] == "15" or entry.cameo.startswith("074")) and targets:
            # "2,000 Russian soldiers were deployed": the forces moved are the actor's own.
            sources, targets = targets, []
        if not passive and (experiencer(verb, entry) or verb.lemma_ in self.lexicon.recipient_verbs
                            and entry.cameo[:2] in TRANSFER_ROOTS):
            # "Georgian rebels received weapons from the government", "Hungary faced criticism
            # from Austria", "came under pressure": the subject receives or undergoes the event,
            # a "from" phrase names its doer; it may hang on the object ("obtained loans from the bank").
            doers = prep_actors(verb, "from", reader) or (prep_actors(obj, "from", reader) if obj is not None else [])
            sources, targets = doers, sources
        reciprocal = False
        if obj is not None and obj.dep_ == "nsubj" and obj.head.i == verb.i:
            # Ergative "talks between X and Y resumed": the event noun's own phrase names the
            # actors ("between", possessor, "by"); the subject phrase as a whole is the fallback.
            # Not the noun a participle modifies ("warplanes supported by Russia pounded").
            own_sources, own_targets, reciprocal = noun_frame(obj, reader, entry.cameo[:2] >= "09")
            if own_sources:
                sources, targets = own_sources, own_targets
        path = ("by>" if passive else "nsubj>") + ("nsubjpass" if passive else (obj.dep_ if obj is not None else "-"))
        return Candidate(
            trigger=verb, cameo=entry.cameo, rule=f"lexicon:verb:{entry.identity}/{path}", kind="verb",
            specificity=entry.specificity, sources=sources, targets=targets, reciprocal=reciprocal,
            consumed=obj.i if obj is not None and entry.objects else -1, passive=passive,
        )

    # ------------------------------------------------------------------ nouns
    def inherited(self, noun: Token, reader: ArgumentReader) -> tuple[list[Arg], list[Arg], str]:
        """Actors of a bare event noun from its clause: the subject of a support verb ("Li began
        a visit"), of a modality verb ("X hoped for more exercises"), or of an event verb the
        noun is an adjunct of ("told Putin in a meeting": the verb's object joins as target)."""
        verb, adjunct = governing_verb(noun)
        if verb is None:
            return [], [], "noun"
        lemma = verb.lemma_.lower()
        if not adjunct and lemma in self.lexicon.recipient_verbs:
            receivers, _ = reader.subject(verb)
            return prep_actors(verb, "from", reader), receivers, "clause-recipient"
        if adjunct and lemma in self.verbs:
            sources, passive = reader.subject(verb)
            return sources, reader.objects(verb, passive), "clause-adjunct"
        if not adjunct and (lemma in self.lexicon.support_verbs or lemma in self.lexicon.cues):
            sources, _ = reader.subject(verb)
            return sources, [], "clause"
        return [], [], "noun"

    def noun_candidate(self, noun: Token, entries: list[NounEntry], reader: ArgumentReader) -> Candidate | None:
        modifiers = {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound")}
        entry = next((e for e in entries if all(m in modifiers for m in e.modifiers)), None)
        if entry is None:
            return None
        conflict = entry.cameo[:2] >= "09"
        sources, targets, reciprocal = noun_frame(noun, reader, conflict)
        if reciprocal and entry.cameo.startswith(MEDIATION):
            # "offered mediation between X and Y": the pair are the mediated parties; the
            # mediator is the clause's subject.
            mediator, _, path = self.inherited(noun, reader)
            if mediator:
                return Candidate(trigger=noun, cameo=entry.cameo, rule=f"lexicon:noun:{entry.identity}/{path}",
                                 kind="noun", specificity=len(entry.modifiers), sources=mediator,
                                 targets=sources + targets, explicit_source=True)
        explicit = bool(sources)
        path = "noun"
        if not sources:
            sources, inherited_targets, path = self.inherited(noun, reader)
            targets = targets or inherited_targets
        elif not targets:
            verb, adjunct = governing_verb(noun)
            if verb is not None and not adjunct and verb.lemma_ in self.lexicon.recipient_verbs:
                targets, _ = reader.subject(verb)  # "received assurances from the government"
        reciprocal = reciprocal or (len(sources) > 1 and bool(modifiers & RECIPROCAL_MODIFIERS))
        adjunct_of = -1
        if path == "clause-adjunct":
            verb, _ = governing_verb(noun)
            adjunct_of = verb.i if verb is not None else -1
        return Candidate(
            trigger=noun, cameo=entry.cameo, rule=f"lexicon:noun:{entry.identity}/{path}", kind="noun",
            specificity=len(entry.modifiers), sources=sources, targets=targets, reciprocal=reciprocal,
            explicit_source=explicit, adjunct_of=adjunct_of,
        )


def one_per_phrase(candidates: list[Candidate]) -> list[Candidate]:
    """One event per noun phrase: "joint training exercises" matches "joint training" and
    "exercise", "Li's Moscow visit, his first trip" restates one visit. The trigger with the
    longer entry wins, then the phrase head."""
    nouns = {c.trigger.i: c for c in candidates if c.kind == "noun"}
    drop: set[int] = set()
    for candidate in nouns.values():
        token = candidate.trigger
        other = nouns.get(token.head.i)
        if other is None or token.dep_ not in ("compound", "amod", "appos", "conj", "nmod"):
            continue
        if token.dep_ == "conj":
            continue  # "exercises and exchanges" are two events
        loser = other if candidate.specificity > other.specificity else candidate
        if token.dep_ == "appos":
            loser = candidate
        drop.add(loser.trigger.i)
    return [c for c in candidates if c.kind != "noun" or c.trigger.i not in drop]


def experiencer(verb: Token, entry: VerbEntry) -> bool:
    """Does the verb's subject undergo the event its object names ("faced criticism", "drew
    condemnation", "came under fire")?"""
    lemma = verb.lemma_.lower()
    return bool(entry.objects) and (lemma in EXPERIENCER_VERBS or lemma == "come" and entry.prep in ("under", "for"))


def stative(verb: Token) -> bool:
    """Is a passive form an adjective of stance ("is opposed to")? Its subject is the agent."""
    prep = STATIVE_PASSIVES.get(verb.lemma_.lower())
    return prep is not None and verb.tag_ == "VBN" and attached_to(verb, prep) \
        and not any(c.dep_ == "agent" for c in verb.children)


def charged(verb: Token) -> bool:
    """Is the verb the charge of a participle modifier ("two nationals suspected of blowing
    up a plane", "a man accused of spying")? A suspicion about someone reports no act."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in CHARGE_PREPS:
        return False
    participle = prep.head
    return participle.lemma_.lower() in CHARGE_LEMMAS and participle.dep_ in ("acl", "amod", "relcl")


def classifier(noun: Token, nouns: dict[str, list[NounEntry]]) -> bool:
    """Is an event noun only a modifier of a noun that is no event ("attack helicopters",
    "protest leaders")? Under an event noun it may belong to a longer entry ("peace talks"),
    which ``one_per_phrase`` settles."""
    head = noun.head
    if noun.dep_ not in MODIFIER_DEPS or head.i == noun.i or head.pos_ not in ("NOUN", "PROPN"):
        return False
    return not (nouns.get(head.lemma_.lower()) or nouns.get(head.lower_))


def match_verb(verb: Token, entries: list[VerbEntry]) -> tuple[VerbEntry, Token | None] | None:
    """The most specific entry whose particle/preposition and object constraint hold."""
    particles: set[str] = set()
    preps: dict[str, Token] = {}
    obj: Token | None = None
    for child in verb.children:
        dep = child.dep_
        if dep == "prt":
            particles.add(child.lower_)
        elif dep in ("prep", "agent") and not is_time(child):
            preps.setdefault(child.lower_, child)
        elif dep == "dobj" or (dep in PASSIVE_SUBJECTS and obj is None):
            obj = child
    if stative(verb) and "to" in preps:
        # "is opposed to the plan": what the stance is about is the "to" phrase.
        obj = next((c for c in preps["to"].children if c.dep_ == "pobj"), obj)
    if obj is None and verb.lemma_.lower() in SUBJECT_AS_OBJECT:
        # Ergative verbs ("the offensive would end", "fighting resumed"): the intransitive
        # subject is what the transitive verb would take as its object.
        obj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if obj is None and verb.dep_ == "acl" and verb.tag_ == "VBN":
        # A reduced passive relative ("a report released on Tuesday", "troops deployed to
        # the border"): the noun it modifies is the participle's object.
        obj = verb.head
    # "called on the minister to resign": an infinitive complement of the verb's object is
    # what is asked of it, so the verb is an appeal, not a meeting (object control); "agreed
    # (with X) to lift sanctions" is an agreement to act, not a comment.
    controls = any(c.dep_ == "xcomp" for c in verb.children)
    lemma_sets: dict[int, set[str]] = {}  # object_lemmas per head: many entries test the same head
    # Object entries first, then entries without an object constraint (README precedence).
    for stage in (0, 1):
        for entry in entries:
            if bool(entry.objects) == (stage == 1) or (controls and entry.prep and entry.cameo[:2] in ("01", "04")):
                continue
            head = obj
            if entry.prep:
                if entry.prep in particles:
                    pass
                elif entry.objects and obj is not None and attached_to(obj, entry.prep):
                    # "presented evidence against the minister": the parser often hangs the
                    # verb's preposition on its object; with the object named it is the same.
                    pass
                elif entry.prep in preps:
                    if head is None:
                        head = next((c for c in preps[entry.prep].children if c.dep_ in ("pobj", "pcomp")), None)
                else:
                    continue
            if entry.objects and (head is None or not _object_lemmas(head, lemma_sets) & entry.objects):
                continue
            return entry, head
    return None


def _object_lemmas(head: Token, memo: dict[int, set[str]]) -> set[str]:
    lemmas = memo.get(head.i)
    if lemmas is None:
        lemmas = memo[head.i] = object_lemmas(head)
    return lemmas


def attached_to(head: Token, word: str) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == word and not is_time(c) for c in head.children)


def is_time(prep: Token) -> bool:
    """"on Sunday" is not the "on" of "call on": time phrases never satisfy an entry's prep."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def object_lemmas(head: Token) -> set[str]:
    """Lemmas an object constraint may match: the head, its conjuncts and compounds
    ("peacekeeping force", "ceasefire agreement"), and the object of an "of" phrase ("a
    provision of weapons"). Measure compounds ("a 50-minute meeting") are left out."""
    lemmas = {head.lemma_.lower(), head.lower_}
    # "deployed troops as peacekeepers", "were deployed as peacekeeping forces": an "as"
    # phrase names the role of the object, which an object constraint may require.
    # "sent troops to the UN peacekeeping mission": joining a force or mission gives the
    # object that force's kind.
    for owner in (head, head.head):
        for child in owner.children:
            if child.dep_ != "prep" or child.lower_ not in ("as", "to"):
                continue
            for role in (g for g in child.children if g.dep_ == "pobj"):
                if child.lower_ == "to" and role.lemma_.lower() not in JOINED_BODIES:
                    continue
                lemmas.add(role.lemma_.lower())
                lemmas.update(c.lemma_.lower() for c in role.children if c.dep_ in ("compound", "amod"))
    for token in (head, *head.conjuncts):
        lemmas.add(token.lemma_.lower())
        for child in token.children:
            if child.dep_ == "compound" and not any(g.like_num for g in child.children):
                lemmas.add(child.lemma_.lower())
            elif child.dep_ == "prep" and child.lower_ == "of":
                for inner in (g for g in child.children if g.dep_ == "pobj"):
                    # "a deployment of peacekeeping troops": the inner noun with its compounds.
                    lemmas.add(inner.lemma_.lower())
                    lemmas.update(c.lemma_.lower() for c in inner.children if c.dep_ == "compound")
    return lemmas


def noun_frame(noun: Token, reader: ArgumentReader, conflict: bool) -> tuple[list[Arg], list[Arg], bool]:
    """Source and target of an event noun from its own dependents.

    Possessor ("Li's visit") and "by" phrase are sources; adjective/compound actors are
    sources unless a possessor is present ("Li's Moscow visit": Moscow is where he went);
    "of" is the target of conflict nouns ("invasion of Ukraine") and the source otherwise
    ("the visit of the president"); "between X and Y" makes a reciprocal pair.
    """
    sources: list[Arg] = []
    targets: list[Arg] = []
    modifier_actors: list[Arg] = []
    reciprocal = False
    for child in noun.children:
        dep = child.dep_
        if dep == "poss":
            sources.extend(reader.actors(child, "poss", places=False))
        elif dep in ("amod", "compound", "nmod"):
            modifier_actors.extend(reader.actors(child, dep))
        elif dep == "prep":
            word = child.lower_
            pobjs = [g for g in child.children if g.dep_ == "pobj"]
            for pobj in pobjs:
                found = reader.actors(pobj, f"noun>{word}")
                if word in ("by", "from"):  # "visits by Wang Yi", "a threat from the US"
                    sources.extend(found)
                elif word == "between":
                    found = subtree_actors(pobj, reader, "noun>between") if len(found) < 2 else found
                    if len(found) >= 2:
                        sources.append(found[0])
                        targets.extend(found[1:])
                        reciprocal = True
                    else:
                        targets.extend(found)
                elif word == "of":
                    # With a possessor the "of" phrase is the patient ("their support of
                    # militants", "China's invasion of X"); alone it is the agent of a
                    # cooperative noun ("the visit of the president").
                    has_possessor = any(c.dep_ == "poss" for c in noun.children)
                    (targets if conflict or has_possessor else sources).extend(found)
                elif word in ("to", "with", "against", "on", "for", "toward", "towards", "into", "over", "at"):
                    targets.extend(found)
    if sources:
        targets = targets or [a for a in modifier_actors if a.actor.country]
    else:
        sources = modifier_actors
    return sources, targets, reciprocal


def subtree_actors(head: Token, reader: ArgumentReader, path: str) -> list[Arg]:
    """Every distinct actor inside a phrase ("between Chinese and Russia troops")."""
    out: list[Arg] = []
    for token in head.subtree:
        actor = reader.index.by_token.get(token.i)
        if actor is None:
            continue
        for same in reader.index.same_span.get((actor.start, actor.end), [actor]):
            if all(a.actor is not same and a.actor.country != same.country for a in out):
                out.append(Arg(same, path))
    return out


def prep_actors(head: Token, word: str, reader: ArgumentReader) -> list[Arg]:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == word:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return reader.actors(pobj, f"{head.dep_}>{word}")
    return []


def governing_verb(noun: Token) -> tuple[Token | None, bool]:
    """The verb a noun phrase hangs from, and whether it hangs as an adjunct ("in a meeting")."""
    token, adjunct = noun, False
    for _ in range(4):
        if token.dep_ in ("pobj", "pcomp") and token.head.lower_ in ADJUNCT_PREPS:
            adjunct = True
        if token.dep_ not in ("dobj", "pobj", "pcomp", "prep", "attr", "nsubjpass", "xcomp", "compound") \
                or token.head.i == token.i:
            return None, adjunct
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token, adjunct
    return None, adjunct
