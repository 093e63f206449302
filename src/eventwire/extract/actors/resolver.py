"""Actor resolution for one document: names, people, role phrases, aliases and anaphora.

Overlapping mentions (see also ``index.py``): a name (country, capital, organisation, person)
is always a mention of its own; a common-noun phrase ("Russian President Vladimir Putin",
"Russia's military") is a second mention that may contain name mentions; a compound phrase
("the Chinese and Russian militaries") is one mention per country over the same span; an
adjective ("Chinese") is a mention of its own only outside any phrase. Capitals are actors by
metonymy (GOV) unless they are the object of a locative preposition ("in Moscow", "a visit to
Moscow") or a noun modifier ("the Moscow visit"): those are still emitted, without a sector and
with ``via`` "gazetteer:capital-place", and the places stage decides the location on its own.

The steps live in three modules: ``state.py`` (the document's hits and the country helpers),
``persons.py`` (people, titles, appositions, aliases) and ``roles.py`` (role phrases, office
holders, anaphora); this module runs them in order and resolves the names themselves.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.extract.actors.matching import Hit
from eventwire.extract.actors.people import slug
from eventwire.extract.actors.persons import PersonSteps
from eventwire.extract.actors.roles import RoleSteps
from eventwire.extract.actors.state import CONTEXT_KINDS
from eventwire.nlp.cache import entities
from eventwire.records import Mention

LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "throughout",
                            "within", "into", "onto", "over", "through", "via"})
MOTION_LEMMAS = frozenset({"visit", "trip", "travel", "fly", "arrive", "return", "go", "come", "journey",
                           "flight", "move", "head", "flee", "route", "road", "way", "drive", "sail"})


class DocumentResolution(PersonSteps, RoleSteps):
    """The steps of resolving one document, in order; ``run`` returns its mentions."""

    def run(self) -> list[Mention]:
        self._data_people()
        self._title_people()
        self._names()
        self._entities()
        self._appositions_by_parse()
        self._data_people(aliases=True)
        self._organisations()
        self._aliases()
        self._phrase_mentions()
        self._pronouns()
        return _dedupe(self.mentions)

    # ------------------------------------------------------------------ names
    def _names(self) -> None:
        in_phrase = {i for p in self.phrases for h in p.countries for i in range(h.start, h.end)}
        owners = self._group_owners()
        in_phrase.update(owner.start for owner in owners.values())
        for hit in self.names:
            entry = hit.entry
            if entry is None:
                continue
            kind = entry.kind
            nxt = self.doc[hit.end] if hit.end < len(self.doc) else None
            before_name = nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper()
            if kind == "adjective" and (hit.start in in_phrase or before_name):
                continue
            if kind == "group-adjective":
                continue  # "Shiite" places the phrase it modifies; "Muslim countries" is no actor
            if kind == "region" and before_name:
                continue  # "West Darfur", "Asia Pacific ..." name a place, not the region
            country: str | None = self._hit_country(hit) if kind == "group" else entry.country
            sector, via = entry.sector, f"gazetteer:{kind}"
            if hit.start in self.ethnic:
                country, via = self._hit_country(hit), "gazetteer:ethnic-context"
            owner = owners.get(hit.start)
            if owner is not None and owner.entry is not None:
                # "Iraqi Kurds": the group of that country, one mention over both words.
                self._emit(owner.start, hit.end, owner.entry.country, sector, entry.name, entry.id,
                           "gazetteer:group-country")
                continue
            if kind == "capital" and self._is_place(self.doc[hit.end - 1]):
                sector, via = (), "gazetteer:capital-place"
            elif kind == "org":
                modifier = self._modifier_country(hit)
                if modifier and modifier != country:
                    country, via = modifier, "gazetteer:org-modified"
            self._emit(hit.start, hit.end, country, sector, entry.name, entry.id, via)

    def _group_owners(self) -> dict[int, Hit]:
        """Group nouns right after a country's name or adjective ("Iraqi Kurds", "Syrian Druze")."""
        by_end = {h.end: h for h in self.names if h.entry is not None and h.entry.kind in ("country", "adjective")}
        return {h.start: by_end[h.start] for h in self.names
                if h.entry is not None and h.entry.kind == "group" and h.start in by_end}

    @staticmethod
    def _is_place(tok: Token) -> bool:
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPS:
            return True
        if tok.dep_ == "pobj" and head.lower_ in ("to", "from") and head.head.lemma_ in MOTION_LEMMAS:
            return True
        return tok.dep_ in ("compound", "nmod", "amod") and head.pos_ == "NOUN" and head.i > tok.i

    def _modifier_country(self, hit: Hit) -> str | None:
        """ "Peru's Congress", "the Indian Foreign Ministry": the modifier's country wins."""
        i = hit.start - 1
        if i >= 0 and (self.doc[i].tag_ == "POS" or self.doc[i].lower_ in ("'s", "\u2019s")):
            i -= 1
        for other in self.names:
            if other.end == i + 1 and other.entry is not None and other.entry.kind in ("country", "adjective"):
                return other.entry.country
        return None

    def _organisations(self) -> None:
        """ORG entities the data does not know, named after a country ("the Nigerian Union of
        Teachers", "Kenya Anti-Corruption Commission"): that country, sectors from role nouns
        inside (the last one is the head), the entity text as the name."""
        for ent in entities(self.doc):
            if ent.label_ != "ORG":
                continue
            start = ent.start + 1 if ent[0].lower_ in ("the", "a", "an") else ent.start
            end = ent.end - 1 if ent[-1].tag_ == "POS" or ent[-1].lower_ in ("'s", "\u2019s") else ent.end
            if start >= end or any(h.start <= start and h.end >= end for h in self.names):
                continue
            # Only a country's own name makes it the body's country ("a Western Blot test" does not).
            inside = [h for h in self.names if start <= h.start and h.end <= end and h.entry is not None
                      and h.entry.kind in CONTEXT_KINDS and (h.entry.id or "").startswith("country:")]
            if not inside:
                continue
            sectors = [h.term.sector for h in self.terms if start <= h.start and h.end <= end and h.term]
            name = self.doc[start:end].text
            self._emit(start, end, self._hit_country(inside[0]), sectors[-1] if sectors else (), name,
                       "org:" + slug(name), "ner:org-country")


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """One mention per span and country: the one that says most (a conjunct "US" of "US and
    British forces" carries MIL, the bare name does not)."""
    seen: dict[tuple[int, int, str | None], Mention] = {}
    for m in mentions:
        key = (m.start, m.end, m.country)
        old = seen.get(key)
        if old is None or (len(m.sector), m.name is not None) > (len(old.sector), old.name is not None):
            seen[key] = m
    return sorted(seen.values(), key=lambda m: (m.start, -m.end, m.country or ""))
