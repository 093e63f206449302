"""Resolving place names to gazetteer records with population and document context.

Scoring follows the usual geoparsing heuristics: a bigger place is the likelier referent
("Paris" alone is the French capital); a place inside a country or first-level division that
the article mentions elsewhere, or whose actors belong to, is likelier ("Georgia" next to
Atlanta is the US state, next to Tbilisi the country); an explicit qualifier ("Paris, Texas",
"Moscow, Idaho") decides. Resolution runs twice: a first pass on priors alone gives each
name a tentative reading, whose countries and divisions then form the context of the second.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventwire.extract.places.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer, name_key
from eventwire.extract.places.recognize import Toponym, ToponymFinder, load_cues
from eventwire.nlp.cache import doc_text, sentences
from eventwire.records import Mention, Place

logger = logging.getLogger(__name__)

_LIST_JOINERS = re.compile(r"^\s*(,|,?\s*(and|or))(\s+the)?\s*$")

#: Added to log10(population). Hand-curated regions and seas carry no population, so their
#: prior stands in for one of ~100 million (the Pacific Ocean before Pacific, Missouri);
#: countries and continents outrank same-named towns ("Jordan", "Chad" are rarely the towns).
FEATURE_PRIOR = {"continent": 3.0, "region": 8.0, "water": 8.0, "island": 6.5, "country": 3.0,
                 "admin1": 1.5, "admin2": 0.0, "city": 0.0}
#: National capitals are named in the news far beyond their size ("Washington" is the
#: capital before the state, unless the context says otherwise).
CAPITAL_PRIOR = 3.0
#: A candidate in a country the article is about (its actors, its other places). Worth a
#: population ratio of ~15: an article about the United States that names Geneva still
#: means the Swiss city unless a state or qualifier points elsewhere.
COUNTRY_CONTEXT = 1.2
#: A candidate in a first-level division the article names or has places in ("Paris" in an
#: article about Texas). Together with the country bonus worth a population ratio of ~1,500,
#: so that Boston in an article that also names Texas stays Boston, Massachusetts.
ADMIN1_CONTEXT = 2.0
#: Coordinated names are of one kind: "Arizona, California and Wyoming" are all states,
#: "Mexico, China and Japan" all countries.
LIST_COHERENCE = 2.0
#: An explicit qualifier: "Paris, Texas", "Moscow, Idaho", "Perth, Scotland".
QUALIFIER_BONUS = 10.0
#: Names that take no qualifier: when one of a name's readings is of these features, a
#: following ", X" is the next item of a list.
UNQUALIFIED = frozenset({"country", "continent", "region", "water"})
#: A place's own name is likelier than another place's alternate name (GeoNames lists
#: translations and former names of big cities that are other towns' own names).
ALIAS_PENALTY = 2.0
#: "the Kursk region", "Borno State": the division, not its chief city.
DIVISION_HINT = 3.0
#: How close a same-named city must be to a division's point to stand for it.
CITY_DIVISION_KM = 100.0
@dataclass
class Context:
    """What the rest of the document says about where it is."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[str] = field(default_factory=Counter)
    list_features: Counter[str] = field(default_factory=Counter)  # of the names coordinated with it


class PlaceResolver:
    """Finds place names in a parsed article and resolves them to gazetteer records."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        cues = load_cues()
        self.finder = ToponymFinder(self.gazetteer, cues)
        self.metonymy = Metonymy(cues)

    def extract(self, doc: Doc, *, mentions: Sequence[Mention] = ()) -> list[Place]:
        toponyms = self.finder.find(doc)
        if not toponyms:
            return []
        chains = _chains(doc_text(doc), toponyms)
        qualifiers = self._qualifiers(doc_text(doc), toponyms, chains)
        actor_countries = Counter(m.country for m in mentions if m.country and len(m.country) == 3)
        first = {name_key(t.key): self._best(t, Context(actor_countries), qualifiers) for t in toponyms}
        sentence_starts = [s.start_char for s in sentences(doc)]
        places = []
        for i, toponym in enumerate(toponyms):
            context = self._context(first, actor_countries, exclude=name_key(toponym.key))
            peers = [first[name_key(toponyms[j].key)] for j in chains.get(i, ()) if j != i]
            context.list_features.update(e.feature for e in peers if e is not None)
            entry = self._best(toponym, context, qualifiers)
            if entry is not None:
                index = bisect.bisect_right(sentence_starts, toponym.start) - 1
                as_actor = toponym.source == "in-name" or self.metonymy.as_actor(toponym.head)
                places.append(_place(toponym, entry, index, as_actor))
        return places

    def _candidates(self, toponym: Toponym) -> list[GazetteerEntry]:
        return self.gazetteer.lookup(toponym.key)

    def _best(self, toponym: Toponym, context: Context,
              qualifiers: dict[int, list[GazetteerEntry]]) -> GazetteerEntry | None:
        candidates = self._candidates(toponym)
        if not candidates:
            return None
        qualifier = qualifiers.get(toponym.start, [])
        if qualifier and any(e.feature in UNQUALIFIED for e in candidates):
            qualifier = []  # "China, Japan": a country is not qualified by another place
        key = name_key(toponym.key)
        if any(e.feature in UNQUALIFIED and name_key(e.name) == key for e in candidates):
            # "Mexico" is the country; a city that GeoNames also calls so (Mexico City) is not
            # a reading of the name.
            candidates = [e for e in candidates if e.feature != "city" or name_key(e.name) == key]
        division = DIVISION_HINT if toponym.division else 0.0
        best = max(candidates, key=lambda e: _score(e, context, qualifier)
                   - (ALIAS_PENALTY if name_key(e.name) != key else 0.0)
                   + (division if e.feature in ("admin1", "admin2") else 0.0))
        if best.feature in ("admin1", "admin2") and not toponym.division:
            # A division whose point lies by a same-named city is a city-state or is named
            # after its capital (Moscow, Beijing, Paris, Kharkiv): the city is the reading.
            near = [e for e in candidates if e.feature == "city" and _km(e, best) <= CITY_DIVISION_KM]
            if near:
                return max(near, key=lambda e: e.population)
        return best

    def _context(self, first: dict[str, GazetteerEntry | None], actor_countries: Counter[str],
                 exclude: str) -> Context:
        context = Context(Counter(actor_countries))
        for key, entry in first.items():
            if entry is None or key == exclude:
                continue
            if entry.country:
                context.countries[entry.country] += 1
            if entry.admin1:
                context.admin1s[entry.admin1] += 1
        return context

    def _qualifiers(self, text: str, toponyms: list[Toponym],
                    chains: dict[int, list[int]]) -> dict[int, list[GazetteerEntry]]:
        """Toponym start -> the candidates of the place that qualifies it: "Paris, Texas",
        "Kisumu in Kenya". A comma inside a list ("Mexico, China and Japan") is no qualifier."""
        out: dict[int, list[GazetteerEntry]] = {}
        for i, (left, right) in enumerate(zip(toponyms, toponyms[1:], strict=False)):
            between = text[left.end:right.start].strip()
            if between == "in" or (between == "," and len(chains.get(i, ())) == 2):
                broad = [e for e in self.gazetteer.lookup(right.key)
                         if e.feature in ("country", "admin1", "admin2")]
                if broad:
                    out[left.start] = broad
        return out


def _chains(text: str, toponyms: list[Toponym]) -> dict[int, list[int]]:
    """Toponym index -> the indices of the coordination it belongs to ("Arizona, California
    and Colorado"): names joined by commas, "and", "or". A two-name chain joined by a comma
    alone may be a name and its qualifier instead."""
    chains: dict[int, list[int]] = {}
    current = [0]
    for i in range(1, len(toponyms) + 1):
        joined = i < len(toponyms) and _LIST_JOINERS.match(text[toponyms[i - 1].end:toponyms[i].start])
        if joined:
            current.append(i)
            continue
        if len(current) > 1:
            for j in current:
                chains[j] = current
        current = [i]
    return chains


def _score(entry: GazetteerEntry, context: Context, qualifier: list[GazetteerEntry]) -> float:
    score = math.log10(entry.population + 1) + FEATURE_PRIOR.get(entry.feature, 0.0)
    if entry.capital:
        score += CAPITAL_PRIOR
    if entry.country and context.countries.get(entry.country):
        score += COUNTRY_CONTEXT
    if entry.admin1 and entry.feature in ("city", "admin1", "admin2") and context.admin1s.get(entry.admin1):
        score += ADMIN1_CONTEXT
    if context.list_features and entry.feature == context.list_features.most_common(1)[0][0]:
        score += LIST_COHERENCE
    for broad in qualifier:
        if _inside(entry, broad):
            score += QUALIFIER_BONUS
            break
    return score


def _km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _inside(entry: GazetteerEntry, broad: GazetteerEntry) -> bool:
    if broad.feature == "country":
        return entry.country == broad.country and entry.feature != "country"
    if broad.feature == "admin1":
        return entry.admin1 == broad.admin1 and entry.feature in ("city", "admin2")
    return entry.country == broad.country and entry.feature == "city"


class Metonymy:
    """Whether a place name stands for an actor (its government, its people)."""

    def __init__(self, cues: dict[str, frozenset[str]]) -> None:
        self.locative_verbs = cues["locative_verb"]
        self.stance_adjectives = cues["stance_adjective"]
        self.actor_possessions = cues["actor_possession"]

    def as_actor(self, head: Token) -> bool:
        """A place that acts ("Moscow said", "condemned by Beijing", "China is ready to",
        "Russia's invasion") stands for its government or people; "in Moscow", "a visit to
        Moscow", "Li's Moscow visit", "Moscow is a big city" stay locations."""
        if head.dep_ == "poss":
            return head.head.lemma_.lower() in self.actor_possessions
        if head.dep_ == "nsubj":
            verb = head.head
        elif head.dep_ == "pobj" and head.head.dep_ == "agent":
            verb = head.head.head
        else:
            return False
        if verb.lemma_ == "be":
            # "China is ready to ...": a copula with an adjective of will or stance.
            return any(c.dep_ == "acomp" and c.lemma_.lower() in self.stance_adjectives
                       for c in verb.children)
        return verb.pos_ in ("VERB", "AUX") and verb.lemma_ not in self.locative_verbs


def _place(toponym: Toponym, entry: GazetteerEntry, sentence_index: int, as_actor: bool) -> Place:
    return Place(text=toponym.text, start=toponym.start, end=toponym.end, name=entry.name,
                 country=entry.country or None, lat=round(entry.lat, 4), lon=round(entry.lon, 4),
                 geonames_id=entry.geonames_id, feature=entry.feature,
                 sentence_index=sentence_index, as_actor=as_actor)
