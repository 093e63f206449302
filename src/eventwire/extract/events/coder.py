"""The event coder: triggers -> frames -> modality, attribution, date, place -> ``Event``s.

Per sentence:
    1. triggers and argument frames (``triggers.py``, ``arguments.py``)
    2. combine: a speech verb gives way to the event it reports; "agreed to"/"threatened to"
       absorb the event they govern; nominal events inside another event's object are
       references, not new events
    3. fill missing roles from the speech frame, then from the nearest actor of the sentence
    4. modality, attribution, date, location, confidence; one record per dyad; dedupe
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Sequence
from datetime import date

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from eventwire.extract.events.arguments import SUBJECTS, ActorIndex, Arg, ArgumentReader
from eventwire.extract.events.attribution import AttributionReader, Source
from eventwire.extract.events.combine import combine
from eventwire.extract.events.lexicon import Lexicon
from eventwire.extract.events.modality import (
    ModalityReader,
    clause_ancestors,
    clause_verb,
    conditional,
    negative_controller,
)
from eventwire.extract.events.obligations import OBLIGATIONS, obligations
from eventwire.extract.events.placing import LOCATIVE_PREPS, EventPlacer
from eventwire.extract.events.triggers import Candidate, TriggerFinder
from eventwire.nlp.cache import doc_text, sentences
from eventwire.ontology import Codebook, CodeInfo
from eventwire.records import Actor, DateRef, Event, Mention, Place, Quote
from eventwire.records import Span as TextSpan

logger = logging.getLogger(__name__)

#: Confidence calibration. The PLOVER scorers read each sentence's most confident event, so
#: a specific pattern with both actors must beat a bare lemma, which must beat a statement.
BASE_VERB = 0.55
BASE_NOUN = 0.45
SPECIFICITY_BONUS = 0.06  # per level: prep, object, object+prep (README precedence)
STATEMENT_PENALTY = 0.3  # CAMEO 01 comments: the least informative events
REFERENCE_PENALTY = 0.15  # an event noun mentioned inside another event's argument
SOURCE_WEIGHT = 0.2
TARGET_WEIGHT = 0.1
NO_SOURCE_PENALTY = 0.2
#: Background clauses (relative, adverbial, reduced relative) rarely carry a sentence's news.
SUBORDINATE_PENALTY = 0.15
SUBORDINATE_DEPS = frozenset({"relcl", "advcl", "acl"})
#: Cue words (as written) that make an intended deployment an offer rather than a threat.
OFFER_CUES = frozenset({"offer", "offered", "offers", "offering", "pledge", "pledged", "pledges",
                        "promise", "promised", "promises", "propose", "proposed", "proposes"})
#: Codes with an attempted form of their own in CAMEO (186 assassinate -> 185 attempt to).
ATTEMPTED = {"186": "185"}
#: Cue words (as written) of a standing commitment: "its commitment to supporting X" is support.
COMMITMENTS = frozenset({"commitment", "commitments", "committed"})
#: Material-conflict roots that an accusing speech verb turns into an accusation.
VIOLENT_ROOTS = frozenset({"17", "18", "19", "20"})
#: Cooperative roots whose coordinated subjects are each other's targets ("X and Y met").
#: Reporting verbs of judgement, not of telling: their subject may well be a party ("concessions
#: that the US negotiator believed could lead to an agreement").
JUDGING_VERBS = frozenset({"believe", "assess", "estimate", "conclude"})
#: What actors of several countries do together as military cooperation (062), not as a show
#: of force (150).
JOINT_EXERCISES = frozenset({"exercise", "drill", "maneuver", "manoeuvre", "wargame", "game", "patrol"})
#: Roots whose recipientless events act on the country they happen in, the actor's own too.
DOMESTIC_ROOTS = frozenset({"14", "17", "18", "19", "20"})
#: Verbs that state a protest's aim ("a strike to demand ...", "rallied to denounce ...").
PROTEST_AIMS = frozenset({"demand", "protest", "denounce", "condemn", "oppose", "press", "urge", "call",
                          "challenge", "seek", "demonstrate", "reject", "decry"})
GRIEVANCE_PREPS = frozenset({"against", "of", "at", "over", "for", "from"})
#: Codes whose place phrase is a venue, not the party acted upon ("talks in Quebec"): comments,
#: consultations, intent to meet, meetings at a third place, signing agreements. Visits and
#: hosting do act on the place ("arrived in Kenya"), and so do appeals ("sought refuge in
#: Germany") and support ("vehicles for children in Afar").
VENUE_ROOTS = frozenset({"01", "04"})
VISITS = frozenset({"042", "043"})
VENUE_CODES = frozenset({"036", "044", "057"})
NOUN_PHRASE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "pobj", "prep"})
#: Roots whose co-subjects do the event together, with each other (talks, intent to cooperate,
#: joint drills), unlike aid or support that co-subjects give a third party.
JOINT_ROOTS = frozenset({"03", "04", "06"})
SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06", "08"})
#: Verbs whose coordinated subjects act on each other whatever the code: "Indian and Chinese
#: troops clashed", "the two sides exchanged fire", "Armenia and Azerbaijan fought".
MUTUAL_VERBS = frozenset({"clash", "fight", "skirmish", "battle", "exchange", "spar", "feud", "quarrel", "wrangle",
                          "scuffle", "brawl"})


class EventCoder:
    """Codes the events of one parsed document. Loads its knowledge once."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.book = Codebook.load()
        self.lexicon = lexicon if lexicon is not None else Lexicon.load()
        self.finder = TriggerFinder(self.lexicon)
        self.modality = ModalityReader(self.lexicon)
        self.attribution = AttributionReader(self.lexicon)
        self.placer = EventPlacer()
        self._tellers: tuple[int, set[int]] = (-1, set())  # memo of the document being coded: sentence -> starts
        # Hashes of every word that can start a trigger or a cue, lower case as in the lexicon;
        # the spaCy lemma of a sentence-initial word can be capitalised, hence both cases.
        words = set(self.lexicon.verbs) | set(self.lexicon.nouns)
        self.trigger_hashes = hashes(words)
        self.cue_hashes = hashes(set(self.lexicon.reporting))
        self.obligation_hashes = hashes(set(OBLIGATIONS))

    def extract(self, doc: Doc, *, doc_id: str, mentions: Sequence[Mention] = (),
                quotes: Sequence[Quote] = (), places: Sequence[Place] = (),
                dates: Sequence[DateRef] = (), published: date | None = None) -> list[Event]:
        index = ActorIndex(doc, mentions, places, quotes)
        reader = ArgumentReader(index)
        self.placer.reset(doc, places, dates, published)
        self._tellers = (-1, set())  # per document: a freed Doc's id may come back
        trigger_hits, cue_hits, obligation_hits = self.prefilter(doc)
        events: list[Event] = []
        for si, sent in enumerate(sentences(doc)):
            index.next_sentence(sent)
            hits = in_span(trigger_hits, sent)
            candidates = self.finder.find(sent, reader, hits) if hits and len(sent) > 2 else []
            obliged = in_span(obligation_hits, sent)
            if obliged:
                candidates += obligations(doc, obliged, candidates, reader, self.lexicon)
            if candidates:
                candidates = combine(candidates, self.lexicon)
                sources = self.attribution.sources(sent, reader, in_span(cue_hits, sent))
                events.extend(self.realise(doc_id, si, sent, candidates, sources, reader))
            index.done_sentence()
        return events

    def prefilter(self, doc: Doc) -> tuple[list[int], list[int], list[int]]:
        """Indices of tokens whose lemma or lower-case form can start a trigger / an
        attribution cue / an obligation, by vectorised hash lookup over the whole document."""
        if len(doc) == 0:
            return [], [], []
        table = doc.to_array([LEMMA, LOWER])
        lemmas, forms = table[:, 0], table[:, 1]
        triggers = member(lemmas, self.trigger_hashes) | member(forms, self.trigger_hashes)
        cues = member(lemmas, self.cue_hashes) | member(forms, self.cue_hashes)
        obligations = member(forms, self.obligation_hashes)
        return (numpy.flatnonzero(triggers).tolist(), numpy.flatnonzero(cues).tolist(),
                numpy.flatnonzero(obligations).tolist())

    # ------------------------------------------------------------------ assembly
    def realise(self, doc_id: str, si: int, sent: Span, candidates: list[Candidate],
                sources: list[Source], reader: ArgumentReader) -> list[Event]:
        """Steps 3-4 of the module docstring for one sentence's candidates."""
        built: list[Event] = []
        seen: set[tuple[object, ...]] = set()
        text = doc_text(sent.doc)[sent.start_char:sent.end_char]  # = sent.text, without re-joining tokens
        background = {c.trigger.i for c in candidates if subordinate(c.trigger)}
        for candidate in candidates:
            code, modality, cue = self.code_of(candidate, reader, sent, si)
            info = self.book.get(code) or self.book[code[:2]]
            for source, target in dyads(candidate):
                key = (candidate.trigger.i, info.code, actor_key(source), actor_key(target))
                if key not in seen:  # one event, one record
                    seen.add(key)
                    built.append(self.event(candidate, info, modality, cue, source, target, sources,
                                            reader, si, text, candidate.trigger.i in background))
        built = keep_sourced(built, background={c.trigger.idx for c in candidates if c.trigger.i in background})
        return [replace_id(e, f"{doc_id}:{si}:{n}") for n, e in enumerate(built)]

    def code_of(self, candidate: Candidate, reader: ArgumentReader, sent: Span, si: int) -> tuple[str, str, str]:
        """(code, modality, cue) of a candidate; fills its missing roles on the way."""
        modality, cue = self.modality.read(candidate.trigger)
        code = candidate.cameo
        if modality == "demand":
            code, modality = self.demand(candidate, reader)
        elif modality == "asserted" and code[:2] in VIOLENT_ROOTS:
            code = self.allegation(candidate, reader) or code
        elif modality == "attempt":
            # "attempted to assassinate": an attempt is coded as the act it tried.
            code, modality = ATTEMPTED.get(code, code), "asserted"
        elif modality == "refusal" or (modality == "negated" and code[:2] == "08" and candidate.sources
                                       and not in_condition(candidate.trigger)):
            # "refused to release", and a concession withheld ("did not give permission for
            # the rally"): a rejection.
            rejection = self.lexicon.reject_code(code)
            code, modality = (rejection, "asserted") if rejection else (code, "negated")
        elif modality == "intent" and wished_on_other(candidate, reader, self.lexicon):
            # "Obama wants Putin to attack Switzerland": the wanter appeals to Putin.
            code, modality = self.lexicon.demand_code(code, "02"), "asserted"
        elif modality == "intent" and conditional(candidate.trigger) and self.book[code].quad_class >= 3:
            # "will impose sanctions unless ...": a conditional announcement of harm is a
            # threat; a conditional offer ("would meet him if ...") stays an offer.
            threat = self.lexicon.intent_code(code)
            code, modality = (threat if threat.startswith("13") else "130"), "asserted"
        if code == "150" and joint_exercise(candidate):
            # "U.S. marines and Jordanian forces staged a war game": military cooperation.
            code = "062"
        if code[:2] == "14" and all(any(same_actor(t.actor, s.actor) for s in candidate.sources)
                                    for t in candidate.targets):
            # No target but the protesters themselves ("their hunger strike"): its stated aim.
            candidate.targets = protest_aim(candidate.trigger, reader) or candidate.targets
        venue = venue_only(code)
        if not venue and not candidate.targets and (candidate.sources or candidate.kind == "verb"):
            # "Armed men attacked an army camp in Mali": no known doer, a known place.
            candidate.targets = self.place_target(candidate, code, si)
        fill_roles(candidate, sent, reader, self.speech_frame(candidate, reader), venue,
                   lambda: self.tellers(sent, reader), code)
        pledged = code[:2] == "05" and cue in OFFER_CUES or code[:3] == "051" and cue in COMMITMENTS
        if modality == "intent" and pledged:
            # "pledged full support for Seoul's efforts": pledging support is the verbal
            # support itself, not an intention to give it.
            modality = "asserted"
        elif modality == "intent":
            code = self.intent_code(code, cue)
        return code, modality, cue

    def event(self, candidate: Candidate, info: CodeInfo, modality: str, cue: str, source: Arg | None,
              target: Arg | None, sources: list[Source], reader: ArgumentReader, si: int, text: str,
              background: bool) -> Event:
        trigger = candidate.trigger
        attributed = AttributionReader.attribute(sources, trigger, source.actor if source else None) \
            or reported_by(reader, trigger, source)
        when, granularity, date_source = self.placer.date(trigger, si)
        if modality == "asserted" and date_source == "text" and self.placer.long_before(when):
            modality = "historical"  # "invaded in February 2022", recalled as background
        return Event(
            id="", sentence_index=si, sentence=text,
            trigger=TextSpan(trigger.text, trigger.idx, trigger.idx + len(trigger.text)),
            source=source.actor if source else None, target=target.actor if target else None,
            cameo=info.code, cameo_label=info.name, goldstein=info.goldstein,
            quad_class=info.quad_class, plover=info.plover, plover_mode=info.plover_mode,
            plover_context=info.plover_context, modality=modality, attributed_to=attributed,
            date=when, date_granularity=granularity, date_source=date_source,
            location=self.placer.location(
                trigger, si, participants=[(a.actor.start, a.actor.end) for a in
                                           (*candidate.sources, *candidate.targets, source, target) if a is not None],
                verbal=info.quad_class in (1, 3) and info.code[:3] not in VISITS),
            confidence=confidence(candidate, info.code, source, target, background),
            rule=rule(candidate, source, target, cue),
        )

    def demand(self, candidate: Candidate, reader: ArgumentReader) -> tuple[str, str]:
        """An obligation under a speech verb ("Russia said Sudan must return the helicopter")
        is the speaker's demand on the obliged actor; without a speaker it stays hypothetical."""
        speakers, addressees = self.speech_frame(candidate, reader)
        if not speakers:
            return candidate.cameo, "hypothetical"
        candidate.targets = candidate.sources or addressees
        candidate.sources = speakers
        candidate.speech = None
        candidate.rule += ":demand"
        return self.lexicon.demand_code(candidate.cameo), "asserted"

    def intent_code(self, code: str, cue: str) -> str:
        """Intended events are coded 03 (cooperation) or 13 (threat); an offer to deploy forces
        ("offered to send troops to help the Philippine army") is an offer of military
        protection (0334), not a threat."""
        if code[:2] == "15" and cue in OFFER_CUES:
            return "0334"
        return self.lexicon.intent_code(code)

    def place_target(self, candidate: Candidate, code: str, si: int) -> list[Arg]:
        """An event with no recipient done in a foreign place affects that place's country
        ("Russia is conducting military exercises in Alaska" -> USA, "arrived in Kenya"). Not
        where the place is only the venue (``venue_only``). Protest, coercion and violence
        act on the country they happen in, the actor's own included ("Iraqi Kurds demonstrated
        in Kirkuk", "Turkish authorities imposed a curfew in Cizre": IRQ -> IRQ, TUR -> TUR,
        as PLOVER and ICEWS code domestic events)."""
        if parties(candidate.sources) >= 2 and (candidate.reciprocal or code[:2] in JOINT_ROOTS
                                                or candidate.trigger.lemma_.lower() in MUTUAL_VERBS):
            return []  # "China and Russia will hold joint drills near Japan": with each other
        place = self.placer.attached_place(candidate.trigger, si)
        if place is None or not place.country or any(
                a.actor.start < place.end and place.start < a.actor.end for a in candidate.sources):
            return []  # "U.S. military airstrikes": the place names the doer
        if code[:2] not in DOMESTIC_ROOTS and any(a.actor.country == place.country for a in candidate.sources):
            return []
        actor = Actor(text=place.text, start=place.start, end=place.end, country=place.country, via="place")
        return [Arg(actor, "location", 0.6)]

    def allegation(self, candidate: Candidate, reader: ArgumentReader) -> str | None:
        """Violence under an accusing speech verb ("the US claimed that ISIL had attacked
        Iraq") is the speaker's accusation (112) of the perpetrator, or the speaker's claim of
        responsibility (015) when the speaker is the perpetrator."""
        # Only accusing verbs: "police said guerrillas wounded two soldiers" reports the
        # violence itself (PLOVER codes it as ASSAULT), even when the speaker is the victim.
        verb = self.speech_verb(candidate.trigger, ("allege",))
        if verb is None:
            return None
        speakers, _ = reader.subject(verb)
        if not speakers:
            return None
        perpetrators = candidate.sources
        own = any(p.actor.country == s.actor.country for p in perpetrators for s in speakers)
        if not own:  # "Hamas said it attacked Israel": Hamas claims the attack on Israel
            candidate.targets = perpetrators
        candidate.sources = speakers
        candidate.rule += ":alleged"
        return "015" if own else "112"

    def speech_verb(self, trigger: Token, kinds: tuple[str, ...]) -> Token | None:
        for ancestor in clause_ancestors(trigger):
            if ancestor.pos_ == "VERB" and self.lexicon.reporting.get(ancestor.lemma_) in kinds:
                return ancestor
        return None

    def tellers(self, sent: Span, reader: ArgumentReader) -> set[int]:
        """Character starts of the actors who tell the sentence ("..., Thai police said",
        "relief officials in Nairobi said"): they report events, they are not hit by them."""
        if self._tellers[0] == sent.start:
            return self._tellers[1]
        out: set[int] = set()
        by_token = reader.index.by_token
        for token in sent:
            if token.pos_ == "VERB" and self.lexicon.reporting.get(token.lemma_) in ("speech", "report") \
                    and token.lemma_ not in JUDGING_VERBS:
                for child in token.children:
                    if child.dep_ in SUBJECTS:  # the phrase, not its clauses ("Red Cross operating in Iraq")
                        out.update(by_token[t.i].start for t in phrase_tokens(child, ("acl", "relcl"))
                                   if t.i in by_token)
        self._tellers = (sent.start, out)
        return out

    def speech_frame(self, candidate: Candidate, reader: ArgumentReader) -> tuple[list[Arg], list[Arg]]:
        """Speaker and addressee of the speech verb governing a trigger, if any."""
        if candidate.speech is not None:
            return candidate.speech.sources, candidate.speech.targets
        reporting = self.lexicon.reporting
        for ancestor in clause_ancestors(candidate.trigger):
            kind = reporting.get(ancestor.lemma_)
            if ancestor.pos_ != "VERB" or kind not in ("speech", "report", "allege"):
                continue
            if kind == "report":
                # "state media reported Li as saying": Li spoke; the reporter is no participant.
                quoted = any(c.dep_ == "prep" and c.lower_ == "as" for c in ancestor.children)
                return (reader.objects(ancestor, False) if quoted else []), []
            sources, passive = reader.subject(ancestor)
            return sources, reader.objects(ancestor, passive)
        return [], []


def hashes(words: set[str]) -> numpy.ndarray:
    variants = words | {w.capitalize() for w in words}
    # get_string_id, not a bare hash: words that are spaCy symbols ("mark") have small fixed ids.
    return numpy.array(sorted(get_string_id(w) for w in variants), dtype=numpy.uint64)


def member(values: numpy.ndarray, table: numpy.ndarray) -> numpy.ndarray:
    """``numpy.isin(values, table)`` for a sorted ``table``, by binary search: ``isin`` sorts
    the table again on every call, which cost more than the lookups themselves."""
    if len(table) == 0:
        return numpy.zeros(len(values), dtype=bool)
    at = numpy.searchsorted(table, values)
    return table[numpy.minimum(at, len(table) - 1)] == values


def in_span(indices: list[int], sent: Span) -> list[int]:
    lo = bisect.bisect_left(indices, sent.start)
    hi = bisect.bisect_left(indices, sent.end)
    return indices[lo:hi]


def reported_by(reader: ArgumentReader, trigger: Token, source: Arg | None) -> Actor | None:
    """The outlet a quotation is relayed through ("X reported Y as saying: ..."), if any."""
    quote = reader.index.quote_at(trigger)
    relay = quote.reported_by if quote is not None else None
    if relay is None or (source is not None and same_actor(relay, source.actor)):
        return None
    return relay


def wished_on_other(candidate: Candidate, reader: ArgumentReader, lexicon: Lexicon) -> bool:
    """Object control under a wish verb: swap in the wanter as source, the wanted-of as target."""
    trigger = candidate.trigger
    head = trigger.head
    controlled = trigger.dep_ == "xcomp" and any(a.path.endswith("objcontrol") for a in candidate.sources)
    # "wants Putin to attack" is also parsed as a clausal complement with its own subject.
    own_subject = trigger.dep_ == "ccomp" and any(c.dep_ in SUBJECTS for c in trigger.children)
    if not (controlled or own_subject) or head.pos_ != "VERB":
        return False
    if not any(cue.modality == "intent" for cue in lexicon.cues.get(head.lemma_.lower(), ())):
        return False  # "X said Y will attack" is a report, not a wish
    wanters = [c for c in head.children if c.dep_ in SUBJECTS]
    if not wanters or not candidate.sources:
        return False
    wishers = reader.actors(wanters[0], "wisher")
    if not wishers:
        return False
    candidate.targets, candidate.sources = candidate.sources, wishers
    candidate.rule += ":appeal"
    return True


def fill_roles(candidate: Candidate, sent: Span, reader: ArgumentReader,
               frame: tuple[list[Arg], list[Arg]], venue: bool = False,
               tellers: Callable[[], set[int]] | None = None, code: str | None = None) -> None:
    """Step 3: missing source/target from the speech frame ("X told Y that it is willing to
    send weapons": Y receives them), then the nearest actor. For an event whose place is only
    its venue (``venue_only``: "talks in Jeddah, Saudi Arabia") the guess skips place phrases."""
    speakers, addressees = frame
    # "Nobody attacked it, X said", "no one has the right to force us": not X, not us.
    # "Armed men attacked a camp, the army said": a subject that names no known actor is
    # still the doer, not the speaker (an unresolved pronoun may be the speaker: "the
    # ministry says it will provide ...").
    subjectless = not candidate.sources and candidate.kind == "verb" and not candidate.passive \
        and negative_controller(candidate.trigger) is None \
        and not any(c.dep_ in SUBJECTS and c.pos_ != "PRON" for c in candidate.trigger.children)
    if subjectless and candidate.trigger.dep_ not in ("amod", "acl", "relcl", "compound"):
        # A reported verb without a subject of its own is the speaker's; a bare event noun in
        # reported speech ("enjoyed support from Moscow"), an agentless passive ("a bomb was
        # fired at it") and a participle modifier ("the Israeli-occupied sector") are not.
        candidate.sources = [Arg(a.actor, "speaker", 0.7 * a.certainty) for a in speakers]
    if not candidate.targets:
        taken = {a.actor.start for a in candidate.sources}
        candidate.targets = [Arg(a.actor, "addressee", 0.7 * a.certainty) for a in addressees
                             if a.actor.start not in taken]
    quote = reader.index.quote_at(candidate.trigger)
    if quote is not None:
        # Inside a quotation the quote stage knows who speaks, to whom, across sentences.
        if not candidate.sources and subjectless and quote.speaker:
            candidate.sources = [Arg(quote.speaker, "quote-speaker", 0.6)]
        if not candidate.targets and quote.addressee is not None and all(
                not same_actor(quote.addressee, a.actor) for a in candidate.sources):
            candidate.targets = [Arg(quote.addressee, "quote-addressee", 0.6)]
    if not candidate.targets and parties(candidate.sources) >= 2 and mutual(candidate, code or candidate.cameo):
        # "Brazil and the United States seek to deepen their partnership": co-subjects of a
        # cooperative event act on each other.
        candidate.reciprocal = True
        return
    taken = {a.actor.start for a in candidate.sources}
    if not candidate.sources and candidate.kind == "noun":
        # A bare event noun ("Trade volumes have surged") names no actor of its own; the
        # closest actor of the sentence is the usual participant. Verbs without a subject
        # are mostly parse failures, where this guess is worse than nothing.
        near = nearest_actor(candidate.trigger, sent, reader.index, exclude=set(), skip_places=venue)
        if near is not None and in_root_subject(candidate.trigger):
            candidate.sources = [Arg(near, "nearest", 0.4)]
            taken.add(near.start)
    if not candidate.targets and candidate.sources:
        countries = {a.actor.country for a in candidate.sources}
        taken |= own_phrase(candidate, sent)
        # "Burmese troops captured the stronghold, Thai police said": the teller is no target.
        taken |= {a.actor.start for a in speakers} | (tellers() if tellers is not None else set())
        quote = reader.index.quote_at(candidate.trigger)
        if quote is not None and quote.speaker is not None:
            taken.add(quote.speaker.start)
        near = nearest_actor(candidate.trigger, sent, reader.index, exclude=taken, not_countries=countries,
                             skip_places=venue)
        if near is not None:
            candidate.targets = [Arg(near, "nearest", 0.4)]


def in_condition(trigger: Token) -> bool:
    """Is the trigger inside an "if"/"unless"/"whether" clause ("if the Russians cannot abide
    by the ceasefire")?"""
    token = trigger
    for _ in range(8):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in token.children):
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def joint_exercise(candidate: Candidate) -> bool:
    """An exercise held by actors of two or more countries together ("US and Western allies
    launch war games", "Chinese and Russian navies held drills")."""
    countries = {a.actor.country for a in candidate.sources if a.actor.country}
    if len(countries) < 2:
        return False
    trigger = candidate.trigger
    held = trigger.doc[candidate.consumed] if candidate.consumed >= 0 else trigger
    return held.lemma_.lower() in JOINT_EXERCISES or trigger.lemma_.lower() in JOINT_EXERCISES


def protest_aim(trigger: Token, reader: ArgumentReader) -> list[Arg]:
    """Whom a protest is aimed at, from its stated purpose: "began a hunger strike to demand
    the resignation of President X", "staged a sit-in in protest against violations by the
    security forces" (the actor inside the demand or the grievance)."""
    for head in dict.fromkeys((trigger, clause_verb(trigger))):
        for child in head.children:
            aim: Token | None = None
            if child.dep_ in ("advcl", "xcomp", "acl") and child.lemma_.lower() in PROTEST_AIMS \
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                aim = child  # "... to demand the resignation of X"
            elif child.dep_ == "prep" and child.lower_ == "in":
                aim = next((g for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() == "protest"), None)
            if aim is None:
                continue
            parts = [c for c in aim.children if c.dep_ == "dobj"]
            parts += [g for c in aim.children if c.dep_ == "prep" and c.lower_ in GRIEVANCE_PREPS
                      for g in c.children if g.dep_ == "pobj"]
            for part in parts:
                found = reader.actors(part, "aim", places=False) or reader.nested(part, "aim")
                if found:
                    return found
    return []


def parties(args: list[Arg]) -> int:
    """How many distinct actors the arguments name: overlapping mentions of one country
    ("Iraqi President Saddam Hussein" and "Saddam Hussein") are one; a coordinated phrase
    ("Pakistan and Afghanistan's intelligence services") names one per country."""
    seen: list[Actor] = []
    for arg in sorted(args, key=lambda a: a.actor.start - a.actor.end):
        actor = arg.actor
        if not any(actor.start < s.end and s.start < actor.end and actor.country == s.country for s in seen):
            seen.append(actor)
    return len(seen)


def mutual(candidate: Candidate, code: str) -> bool:
    """Do co-subjects of this event act on each other ("Brazil and the US deepened ties",
    "rebels and soldiers clashed")?"""
    return code[:2] in SYMMETRIC_ROOTS or candidate.trigger.lemma_.lower() in MUTUAL_VERBS


def venue_only(code: str) -> bool:
    """Is a place attached to an event of this code only its venue, never a participant?"""
    return code[:2] in VENUE_ROOTS and code[:3] not in VISITS or code[:3] in VENUE_CODES


def in_root_subject(noun: Token) -> bool:
    """Is the noun (part of) the subject of the main clause ("Trade volumes have surged")?
    Only there does a bare event noun report the sentence's news rather than recall one."""
    token = noun
    while token.dep_ in ("compound", "amod", "conj", "nmod"):
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT"


def nearest_actor(trigger: Token, sent: Span, index: ActorIndex, exclude: set[int],
                  not_countries: set[str | None] | None = None, skip_places: bool = False) -> Actor | None:
    best: Actor | None = None
    best_distance = 10 ** 6
    doc = sent.doc
    for i in range(sent.start, sent.end):
        actor = index.by_token.get(i)
        if actor is None or actor.start in exclude or (not_countries and actor.country in not_countries):
            continue
        if skip_places and locative(doc[i], index):
            continue
        distance = abs(i - trigger.i)
        if distance < best_distance:
            best, best_distance = actor, distance
    return best


def own_phrase(candidate: Candidate, sent: Span) -> set[int]:
    """Character starts of the actors inside the sources' own noun phrases ("Syrian warplanes
    supported by Russia", "the Al Qaeda-linked group al-Shabab"): no guess for the target."""
    doc = sent.doc
    out: set[int] = set()
    trigger = candidate.trigger
    for arg in candidate.sources:
        span = doc.char_span(arg.actor.start, arg.actor.end, alignment_mode="expand")
        if guessed(arg) or span is None or not sent.start <= span.start < sent.end:
            continue  # a pronoun's antecedent is not the phrase that names the source here
        head = span.root
        while head.dep_ in NOUN_PHRASE_DEPS and head.head.i != head.i and head.head.i != trigger.i:
            head = head.head
        if head.head.i == trigger.i and head.dep_ in NOUN_PHRASE_DEPS:
            continue  # the source modifies the event noun itself ("Russia's invasion of X")
        if head.left_edge.i <= trigger.i <= head.right_edge.i:
            continue
        # Without its conjuncts: "Pakistan and China", China is a party of its own.
        out.update(t.idx for t in phrase_tokens(head, skip=("conj", "cc")))
    return out


def phrase_tokens(head: Token, skip: tuple[str, ...]) -> list[Token]:
    """The tokens under ``head`` except the subtrees hanging by a ``skip`` link."""
    out = [head]
    for child in head.children:
        if child.dep_ not in skip:
            out.extend(phrase_tokens(child, skip))
    return out


def locative(token: Token, index: ActorIndex) -> bool:
    """Is the token part of a place phrase naming where something is ("in Jeddah, Saudi
    Arabia", "at the G20 summit in Hamburg, Germany")?"""
    if token.i not in index.places:
        return False
    head = token
    while head.dep_ in ("compound", "appos", "conj", "npadvmod", "amod") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS


def dyads(candidate: Candidate) -> list[tuple[Arg | None, Arg | None]]:
    """One (source, target) pair per coordinated actor; reciprocal events both ways."""
    sources: list[Arg | None] = list(candidate.sources) or [None]
    targets: list[Arg | None] = [t for t in candidate.targets
                                 if not any(same_actor(t.actor, s.actor) for s in candidate.sources)] or [None]
    if candidate.reciprocal and not candidate.targets and len(candidate.sources) >= 2:
        # "The US, Russia and Switzerland met": every ordered pair of co-subjects.
        return [(a, b) for a in candidate.sources for b in candidate.sources if not same_actor(a.actor, b.actor)]
    pairs = []
    for source in sources:
        for target in targets:
            if source is not None and target is not None and same_actor(source.actor, target.actor):
                continue
            if source is not None and target is not None and guessed(target) \
                    and target.actor.country == source.actor.country:
                # A guessed target ("its relationship", nearest actor) from the source's own
                # country is almost always the source again.
                target = None
            pairs.append((source, target))
            if candidate.reciprocal and source is not None and target is not None:
                pairs.append((target, source))
    return pairs


def same_actor(a: Actor, b: Actor) -> bool:
    """The same mention (a coordinated phrase is one span with one mention per country)."""
    return a.start == b.start and a.end == b.end and a.country == b.country


def guessed(arg: Arg) -> bool:
    return any(mark in arg.path for mark in ("antecedent", "topic", "nearest", "speaker", "addressee"))


def confidence(candidate: Candidate, code: str, source: Arg | None, target: Arg | None,
               background: bool) -> float:
    score = BASE_VERB if candidate.kind == "verb" else BASE_NOUN
    score += SPECIFICITY_BONUS * candidate.specificity
    if code.startswith("01"):
        score -= STATEMENT_PENALTY
    if candidate.reference:
        score -= REFERENCE_PENALTY
    if background:
        score -= SUBORDINATE_PENALTY
    score += SOURCE_WEIGHT * source.certainty if source else -NO_SOURCE_PENALTY
    if target is not None:
        score += TARGET_WEIGHT * target.certainty
    return round(min(0.99, max(0.05, score)), 3)


def subordinate(trigger: Token) -> bool:
    token = trigger
    while token.head.i != token.i:
        if token.dep_ in SUBORDINATE_DEPS:
            return True
        token = token.head
    return False


def rule(candidate: Candidate, source: Arg | None, target: Arg | None, cue: str) -> str:
    text = candidate.rule
    roles = f"src={source.path if source else '-'},tgt={target.path if target else '-'}"
    return f"{text} [{roles}{',cue=' + cue if cue else ''}]"


def actor_key(arg: Arg | None) -> tuple[object, ...]:
    if arg is None:
        return ()
    return (arg.actor.country, arg.actor.name or arg.actor.text.lower())


def keep_sourced(events: list[Event], background: set[int]) -> list[Event]:
    """Events without a source are rarely useful: keep them only when the sentence has no
    sourced event, and then only the most confident main-clause one (it still tells what
    happened)."""
    sourced = [e for e in events if e.source is not None]
    if sourced:
        return sourced
    informative = [e for e in events if (e.quad_class != 0 or e.cameo_root == "02")
                   and e.trigger.start not in background]
    return sorted(informative, key=lambda e: -e.confidence)[:1]


def replace_id(event: Event, new_id: str) -> Event:
    from dataclasses import replace

    return replace(event, id=new_id)


__all__ = ["EventCoder"]
