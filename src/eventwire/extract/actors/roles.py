"""Resolution steps for role phrases and anaphora: "the Chinese defense minister", "the
government", "the newspaper ... it said".

A role phrase with a country is that country's role (and its office-holder on the publication
date, when the office is single); a definite state role without one takes the country of the
passage; a definite body noun ("the ministry") and a speaking "it" point back to the last named
organisation a few sentences before.
"""

from __future__ import annotations

import bisect

import numpy
from spacy.attrs import LOWER
from spacy.strings import get_string_id

from eventwire.extract.actors.people import FORMER_SECTOR, holder
from eventwire.extract.actors.phrases import Phrase
from eventwire.extract.actors.state import DocPerson, ResolutionState
from eventwire.nlp.cache import tokens as doc_tokens
from eventwire.records import Mention

IT = get_string_id("it")  # the LOWER value of "it" (a symbol id if spaCy has one, else its hash)

SPEECH_LEMMAS = frozenset({"say", "report", "write", "claim", "accuse", "add", "state", "warn", "insist",
                           "argue", "deny", "tell", "announce", "note", "declare", "call", "urge"})
#: Role nouns that, definite and without a country, point back to the last named body
#: ("The newspaper accused ...", "the ministry said").
ANAPHORIC_HEADS = frozenset({"newspaper", "paper", "tabloid", "daily", "broadcaster", "news agency", "outlet",
                             "ministry", "agency", "company", "firm", "party", "militia", "group", "court"})
#: Definite state roles without a country ("the government said", "the president"): the
#: country of the passage, as a reader would take it.
STATE_HEADS = frozenset({"government", "administration", "authorities", "regime", "cabinet", "army", "military",
                         "armed forces", "police", "parliament", "president", "prime minister", "premier",
                         "foreign minister", "defense minister", "defence minister", "junta", "navy",
                         "air force", "security forces", "foreign ministry", "interior ministry", "riot police",
                         "policemen", "police officers"})
#: State roles that act without a determiner ("Police said", "authorities arrested").
BARE_STATE_HEADS = frozenset({"police", "authorities", "security forces", "riot police", "policemen",
                              "police officers"})
INDEFINITE = frozenset({"a", "an", "some", "many", "several"})
ANAPHOR_WINDOW = 3  # sentences back to look for an antecedent


class RoleSteps(ResolutionState):
    """The role-phrase and anaphora steps of ``DocumentResolution``."""

    def _phrase_mentions(self) -> None:
        for phrase in self.phrases:
            term = phrase.head.term
            assert term is not None
            sector = (FORMER_SECTOR,) if phrase.former else tuple(phrase.sectors)
            countries = [c for c in (self._hit_country(h) for h in phrase.countries) if c]
            countries = list(dict.fromkeys(countries))
            if len(countries) > 1:
                for each in countries:
                    self._emit(phrase.start, phrase.end, each, sector, None, None, "phrase:compound")
                for hit in phrase.countries:  # each conjunct stands for its own country
                    if hit.entry is not None:
                        self._emit(hit.start, hit.end, self._hit_country(hit), sector, None, None,
                                   "phrase:compound-part")
                continue
            person = self.person_of_hit.get(phrase.name[0]) if phrase.name else None
            if person is not None:
                self._emit(phrase.start, phrase.end, person.country or (countries[0] if countries else None),
                           merge_sectors(sector, person.sector), person.name, person.id, "phrase:title-name")
                continue
            country: str | None = countries[0] if countries else self._phrase_country(phrase)
            if country is None and term.term in STATE_HEADS and (
                    phrase.definite or (not phrase.determiner and term.term in BARE_STATE_HEADS)):
                # "the government", "the president": of the country the passage is about.
                country = self._passage_country(phrase.start, phrase.end)
            if country is not None:
                self._office_holder(phrase, country, sector)
            elif phrase.definite and (term.term in ANAPHORIC_HEADS or term.term.split()[-1] in ANAPHORIC_HEADS):
                self._definite_anaphor(phrase, sector)
            elif term.alone:
                self._emit(phrase.start, phrase.end, None, sector, None, None, "phrase:role")

    def _office_holder(self, phrase: Phrase, country: str, sector: tuple[str, ...]) -> None:
        """ "The Chinese defense minister" -> the holder on the publication date."""
        office = phrase.office
        found = None
        # One holder only: not "a senior leader", not "the deputy/provincial ...", not the
        # leader of an organisation ("an al-Shabab leader") or of a group ("the Shiite leader").
        single = phrase.determiner not in INDEFINITE and not phrase.qualified and not phrase.group and not any(
            h.entry is not None and h.entry.kind == "org" for h in phrase.countries)
        if office and single and not phrase.former:
            named = [p for _, p in self.persons if p.country == country and p.office == office]
            if named:
                found = DocPerson(named[0].name, country, named[0].sector, named[0].id)
            else:
                person = holder(self.lexicon.people, country, office, self.published)
                if person is not None:
                    _, person_sector, _ = person.status(self.published)
                    found = DocPerson(person.name, country, person_sector, person.id)
        if found is not None:
            self._emit(phrase.start, phrase.end, country, merge_sectors(sector, found.sector), found.name, found.id,
                       "phrase:office-holder")
        else:
            self._emit(phrase.start, phrase.end, country, sector, None, None, "phrase:role")

    def _definite_anaphor(self, phrase: Phrase, sector: tuple[str, ...]) -> None:
        start = self.doc[phrase.start].idx
        antecedent = self._antecedent(start, set(sector))
        if antecedent is not None:
            self._emit(phrase.start, phrase.end, antecedent.country, antecedent.sector or sector, antecedent.name,
                       antecedent.id, "anaphor:definite")

    def _antecedent(self, offset: int, sectors: set[str] | None) -> Mention | None:
        """The last named organisation before ``offset``, a few sentences back at most."""
        sentence = bisect.bisect_right(self.sent_starts, offset) - 1
        best = None
        for m in self.mentions:
            if m.end > offset or sentence - m.sentence_index > ANAPHOR_WINDOW or not m.name:
                continue
            if not (m.id or "").startswith("org:") and m.via != "anaphor:definite":
                continue
            if sectors and not sectors.intersection(m.sector):
                continue
            if best is None or m.start > best.start:
                best = m
        return best

    def _pronouns(self) -> None:
        """ "it said": the subject pronoun of a speech verb is the last named organisation."""
        tokens = doc_tokens(self.doc)
        for i in numpy.flatnonzero(self.doc.to_array(LOWER) == IT).tolist():  # the "it"s only, by array
            tok = tokens[i]
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.lemma_ not in SPEECH_LEMMAS:
                continue
            antecedent = self._antecedent(tok.idx, None)
            if antecedent is not None and bisect.bisect_right(self.sent_starts, tok.idx) - 1 - \
                    antecedent.sentence_index <= 1:
                self._emit(tok.i, tok.i + 1, antecedent.country, antecedent.sector, antecedent.name,
                           antecedent.id, "anaphor:pronoun")


def merge_sectors(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*first, *second)))
