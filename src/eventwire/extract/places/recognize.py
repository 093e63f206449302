"""Finding place names in a parsed document (before resolving them to gazetteer records).

Two sources, as in most geoparsers: spaCy's GPE/LOC/FAC entities, and the gazetteer itself for
names the small model leaves unlabelled or labels as something else. Each name becomes a
``Toponym`` with its character offsets and the gazetteer key it is found under. The word cues
(locative prepositions, place nouns, generic words) are data: ``data/places/cues.tsv``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.data import read_tsv
from eventwire.extract.places.gazetteer import Gazetteer, GazetteerEntry
from eventwire.nlp.cache import entities
from eventwire.nlp.cache import tokens as doc_tokens

CUES_FILE = "places/cues.tsv"
CUE_KINDS = ("generic", "locative_prep", "place_noun", "of_place_noun", "division_noun",
             "water_head", "locative_verb", "stance_adjective", "actor_possession")
#: spaCy labels that name places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels the small model also gives to places it does not know (a town tagged ORG or
#: PERSON, a city tagged PRODUCT or NORP); see ``_from_other_entity`` for when one counts.
OTHER_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT"})
#: Without an entity label, a gazetteer name is a place only for these broad features:
#: city names collide with surnames and common words (Reading, Bath, Mobile).
BROAD_FEATURES = frozenset({"continent", "region", "water", "island", "country", "admin1"})
#: Population above which an unlabelled city name is taken as well ("flights to Nairobi").
UNLABELLED_CITY_POPULATION = 500_000
#: A division or region the model tagged PERSON/ORG counts as broad from this size.
BROAD_MIN_POPULATION = 1_000_000
#: A NORP entity in a place frame is a city only if it is this large.
NORP_CITY_POPULATION = 100_000
#: Inside a longer entity ("Berlin Zoo", "Acme County Farms"), a shorter name counts only if
#: it is a broad place or a city at least this large ("North Dallas" -> Dallas).
SUB_NAME_CITY_POPULATION = 100_000
#: Inside an organisation's name ("U.S. Food and Drug Administration", "California Department
#: of Public Health") only these broad places are taken (as parts of an actor's name).
IN_NAME_FEATURES = frozenset({"country", "admin1", "continent", "region"})
#: Generic heads that a place entity may carry beyond the gazetteer name ("Nakuru County").
GENERIC_HEADS = re.compile(
    r"\s+(province|district|region|state|county|governorate|prefecture|city|municipality|"
    r"department|oblast|territory|island|islands)$", re.IGNORECASE)
MAX_NAME_TOKENS = 6


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name in the text: offsets, the name to look up, and where it came from."""

    text: str
    start: int
    end: int
    key: str  # the gazetteer name it was found under
    source: str  # "ner", "gazetteer", "context" or "in-name" (part of an organisation's name)
    head: Token  # the syntactic head, for metonymy
    division: bool = False  # followed by a division noun: "the Kursk region", "Borno state"


@functools.lru_cache(maxsize=1)
def load_cues() -> dict[str, frozenset[str]]:
    """Cue kind -> its words, from data/places/cues.tsv."""
    words: dict[str, set[str]] = {kind: set() for kind in CUE_KINDS}
    for row in read_tsv(CUES_FILE):
        words[row["cue"]].add(row["word"].lower())
    return {kind: frozenset(found) for kind, found in words.items()}


class ToponymFinder:
    """Finds the place names of a document (``find``), never mutating it."""

    def __init__(self, gazetteer: Gazetteer, cues: dict[str, frozenset[str]] | None = None) -> None:
        self.gazetteer = gazetteer
        cues = cues if cues is not None else load_cues()
        self.generic = cues["generic"]
        self.locative_preps = cues["locative_prep"]
        self.place_nouns = cues["place_noun"]
        self.of_place_nouns = cues["place_noun"] | cues["of_place_noun"]
        self.division_nouns = cues["division_noun"]
        self.water_heads = cues["water_head"]

    def find(self, doc: Doc) -> list[Toponym]:
        """Every place name in ``doc``, ordered by offset, without overlaps."""
        found: list[Toponym] = []
        taken: set[int] = set()  # token indices inside an entity
        others: list[Span] = []
        for ent in entities(doc):
            taken.update(range(ent.start, ent.end))
            if ent.label_ in PLACE_LABELS:
                found.extend(self._from_place_entity(ent))
            elif ent.label_ in OTHER_NAME_LABELS:
                others.append(ent)
        found.extend(self._from_unlabelled(doc, taken))
        # One sense per discourse: a name the article uses as a place elsewhere is a place here.
        known = {t.text for t in found}
        for ent in others:
            found.extend(self._from_other_entity(ent, known))
        found.extend(self._from_bare_tokens(doc, taken, known, {t.start for t in found}))
        found.sort(key=lambda t: t.start)
        return _without_overlaps(found)

    # -- entities labelled as places ---------------------------------------------------

    def _from_place_entity(self, ent: Span) -> Iterator[Toponym]:
        span = _trim(ent)
        if not len(span) or not span.text[:1].isupper():
            return
        span = self._expand(span)
        text = span.text
        if len(span) == 1 and span[0].lower_ in self.generic:
            return  # "Eastern", "Central": a word of a longer name the model cut short
        if self.gazetteer.has_name(text):
            yield self._toponym(span, text, "ner")
            return
        stripped = GENERIC_HEADS.sub("", text)
        if stripped != text and self.gazetteer.has_name(stripped):
            yield self._toponym(span, stripped, "ner")  # "Nakuru County": offsets keep the head
            return
        # "Paris, Texas" tagged as one entity, or "North Dallas": the longest known names
        # inside it, left to right; but "the Sea of Japan" is not Japan.
        if span[0].lower_ in self.water_heads and len(span) > 2 and span[1].lower_ == "of":
            return
        yield from self._longest_names(span, "ner")

    def _expand(self, span: Span) -> Span:
        """The longest known name that contains the entity: the model often tags only "Congo"
        of "the Democratic Republic of the Congo" or "Korea" of "North Korea"."""
        doc = span.doc
        best = span
        for left in range(span.start, max(span.sent.start, span.start - MAX_NAME_TOKENS) - 1, -1):
            if left < span.start and not _name_part(doc[left]):
                break
            for right in range(span.end, min(span.sent.end, left + MAX_NAME_TOKENS) + 1):
                if right > span.end and not _name_part(doc[right - 1]):
                    break
                candidate = doc[left:right]
                if (len(candidate) > len(best) and candidate[0].text[:1].isupper()
                        and candidate[-1].text[:1].isupper() and self.gazetteer.has_name(candidate.text)):
                    best = candidate
        return best

    # -- entities labelled as something else -------------------------------------------

    def _from_other_entity(self, ent: Span, known: set[str]) -> Iterator[Toponym]:
        """A PERSON/ORG/NORP/PRODUCT entity that is a place after all: the small model tags
        towns it does not know as ORG or PERSON. The name counts when it is a large country,
        division or region, when the words around it make it a place, or when the article
        uses it as a place elsewhere. Broad places inside an organisation's name ("the U.S.
        Food and Drug Administration") are taken as parts of that name."""
        span = _trim(ent)
        if not len(span) or not span.text[:1].isupper():
            return
        text = span.text
        entries = self.gazetteer.lookup(text)
        # An all-capital name outside a place entity is an acronym (WHO, HIV), not a town; a
        # generic word ("Southern states") is an adjective.
        framed = (bool(entries) and not text.isupper() and self.gazetteer.is_main_name(text)
                  and not (len(span) == 1 and span[0].lower_ in self.generic)
                  and self._in_place_frame(span, person=ent.label_ == "PERSON"))
        if ent.label_ == "NORP":
            # Demonyms and nationalities are actors ("Russian troops"); the model also tags
            # some cities NORP ("officials in Aleppo"): those count in a place frame.
            if text in known or framed and any(e.population >= NORP_CITY_POPULATION for e in entries):
                yield self._toponym(span, text, "context")
            return
        if (entries or text in known) and not _attributed(span):
            # A broad place taken for a person ("Georgia" PERSON); a small island or division
            # that shares a person's name needs a place frame instead.
            broad = any(e.feature in BROAD_FEATURES and _prominent(e) for e in entries)
            if broad or text in known or framed:
                yield self._toponym(span, text, "context")
                return
        if ent.label_ == "ORG":
            yield from self._longest_names(span, "in-name", features=IN_NAME_FEATURES)

    def _in_place_frame(self, span: Span, person: bool = False) -> bool:
        """Whether the words around a name make it a place: a locative preposition before it
        ("in Nablus", "in the Kursk and Oryol regions"), a place noun after it ("the Donetsk
        region", "the Kakuma camps") or before its "of" ("the town of Olsztyn", "a resident
        of Tver"), or a qualifying place after a comma ("Kostroma, Russia")."""
        doc = span.doc
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.lower_ in self.place_nouns:
            return True
        if span.root.dep_ == "poss" or person and span.root.dep_ in ("compound", "amod"):
            # A possessor or a person-like modifier: "in Lee's trial", "in the Obama
            # administration"; a place-like one stays ("at the Nakuru farm").
            return False
        if after is not None and after.text == "," and self._qualified(span):
            return True
        i = span.start - 1
        floor = max(span.sent.start, span.start - MAX_NAME_TOKENS)
        while i >= floor and (doc[i].pos_ == "PROPN" or doc[i].text == ","
                              or doc[i].lower_ in ("and", "or", "the")):
            i -= 1
        if i < floor or doc[i].pos_ != "ADP":
            return False
        if doc[i].lower_ == "of":
            return i > 0 and doc[i - 1].lower_ in self.of_place_nouns
        if doc[i].lower_ not in self.locative_preps or person and doc[i].lower_ == "to":
            return False  # "a letter to X": a person's name after "to" is a recipient
        return not (i > 0 and doc[i - 1].lower_ in ("according", "due", "thanks"))

    def _qualified(self, span: Span) -> bool:
        """"Kostroma, Russia": the name after the comma is a country or division that one of
        the candidates lies in."""
        doc = span.doc
        for end in range(min(len(doc), span.end + 4), span.end + 1, -1):
            broad = [e for e in self.gazetteer.lookup(doc[span.end + 1:end].text)
                     if e.feature in ("country", "admin1", "admin2")]
            if broad:
                return any(c.country == b.country and (b.feature == "country" or c.admin1 == b.admin1)
                           for c in self.gazetteer.lookup(span.text) for b in broad)
        return False

    # -- names outside entities ----------------------------------------------------------

    def _from_bare_tokens(self, doc: Doc, taken: set[int], known: set[str],
                          starts: set[int]) -> Iterator[Toponym]:
        """A proper noun outside any entity that names a gazetteer place in a place frame."""
        for token in doc_tokens(doc):
            if (token.i in taken or token.idx in starts or not _name_like(token)
                    or token.lower_ in self.generic or len(token.text) < 3 or token.text.isupper()):
                continue
            if _in_longer_name(token):
                continue  # "Wall Street": a word of another name
            span = doc[token.i:token.i + 1]
            if self.gazetteer.is_main_name(token.text) and (token.text in known or self._in_place_frame(span)):
                yield self._toponym(span, token.text, "context")

    def _from_unlabelled(self, doc: Doc, taken: set[int]) -> Iterator[Toponym]:
        """Well-known names the model left unlabelled: the longest match at each proper noun."""
        i, toks = 0, doc_tokens(doc)
        while i < len(doc):
            if i in taken or not _name_like(toks[i]):
                i += 1
                continue
            match = None
            for j in range(min(len(doc), i + MAX_NAME_TOKENS), i, -1):
                if not _name_like(toks[j - 1]):
                    continue  # _acceptable_unlabelled needs it: checked before building the span
                if not any(k in taken for k in range(i, j)) and self._acceptable_unlabelled(doc[i:j]):
                    match = doc[i:j]
                    break
            if match is None:
                i += 1
                continue
            yield self._toponym(match, match.text, "gazetteer")
            i = match.end

    def _acceptable_unlabelled(self, span: Span) -> bool:
        if not _name_like(span[0]) or not _name_like(span[-1]):
            return False
        text = span.text
        if len(span) == 1 and span[0].lower_ in self.generic:
            return False
        for entry in self.gazetteer.lookup(text):
            # Short all-capital names (WA, SA, NT) abbreviate too many things unless they
            # are a country's or a state's (US, UK, NSW).
            if len(text) < 3 or len(text) == 3 and entry.feature not in ("country", "admin1"):
                continue
            if entry.feature in BROAD_FEATURES:
                return True
            if entry.feature == "city" and entry.population >= UNLABELLED_CITY_POPULATION:
                return True
        return False

    # -- shared ------------------------------------------------------------------------

    def _longest_names(self, span: Span, source: str,
                       features: frozenset[str] | None = None) -> Iterator[Toponym]:
        """The longest known names inside a longer entity, left to right; a lone generic word
        ("West" of "West Midlands") is not taken."""
        doc = span.doc
        toks = doc_tokens(doc)
        i = span.start
        while i < span.end:
            for j in range(min(span.end, i + MAX_NAME_TOKENS), i, -1):
                if not toks[j - 1].text[:1].isupper():
                    continue  # the test below on sub[-1], before building the span
                sub = doc[i:j]
                if not sub[0].text[:1].isupper() or not sub[-1].text[:1].isupper():
                    continue
                if len(sub) == 1 and (sub[0].lower_ in self.generic or len(sub.text) < 2):
                    continue
                entries = self.gazetteer.lookup(sub.text)
                if features is not None:
                    entries = [e for e in entries if e.feature in features]
                if len(sub) < len(span):
                    entries = [e for e in entries if e.feature in BROAD_FEATURES
                               or e.population >= SUB_NAME_CITY_POPULATION]
                if source == "in-name":
                    # "U.S." of "U.S. Army", not an organisation that shares a region's name
                    # (Meta) nor a small division inside a foreign name.
                    entries = [e for e in entries if len(sub) < len(span) and _prominent(e)]
                if entries:
                    yield self._toponym(sub, sub.text, source)
                    i = j
                    break
            else:
                i += 1

    def _toponym(self, span: Span, key: str, source: str) -> Toponym:
        doc = span.doc
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        division = after in self.division_nouns or span[-1].lower_ in self.division_nouns
        return Toponym(span.text, span.start_char, span.end_char, key, source, span.root, division)


def _without_overlaps(found: list[Toponym]) -> list[Toponym]:
    out: list[Toponym] = []
    for toponym in found:
        if not out or toponym.start >= out[-1].end:
            out.append(toponym)
    return out


def _trim(span: Span) -> Span:
    """Drop leading lower-case words and a trailing possessive: "the Gaza Strip's" -> "Gaza Strip"."""
    start, end = span.start, span.end
    # Leading lower-case words are articles or adjectives outside the name ("east Africa").
    while start < end and not span.doc[start].text[:1].isupper():
        start += 1
    while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[start:end]


def _name_part(token: Token) -> bool:
    return token.text[:1].isupper() or token.lower_ in ("of", "the", "and", "-", "'s")


def _name_like(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def _prominent(entry: GazetteerEntry) -> bool:
    """A country, continent, hand-curated region or sea, or a place of a million people."""
    return (entry.feature in ("country", "continent") or entry.geonames_id is None
            or entry.population >= BROAD_MIN_POPULATION)


def _in_longer_name(token: Token) -> bool:
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].pos_ == "PROPN"
    after = token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"
    return before or after


def _attributed(span: Span) -> bool:
    """"according to X": X is a source, a person or organisation."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ == "to" and doc[span.start - 2].lower_ == "according"
