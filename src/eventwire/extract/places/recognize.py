"""Finding place names in a parsed document (before resolving them to gazetteer records).

Two sources, as in most geoparsers: spaCy's GPE/LOC/FAC entities, and the gazetteer itself
for well-known names the small model leaves unlabelled. Each name becomes a ``Toponym``
with its character offsets and the gazetteer key it is found under.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.extract.places.gazetteer import Gazetteer

#: spaCy labels that name places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels the small model also gives to places it does not know ("Randwick" ORG, "Glasgow"
#: PERSON, "Calcutta" PRODUCT); see ``_from_other_entity`` for when such a name counts.
OTHER_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "FAC"})
#: Without an entity label, a gazetteer name is a place only for these broad features:
#: city names collide with surnames and common words (Reading, Bath, Mobile).
UNLABELLED_FEATURES = frozenset({"continent", "region", "water", "island", "country", "admin1"})
#: Population above which an unlabelled city name is taken as well ("flights to Nairobi").
UNLABELLED_CITY_POPULATION = 500_000
#: Generic heads that a place entity may carry beyond the gazetteer name.
GENERIC_HEADS = re.compile(
    r"\s+(province|district|region|state|county|governorate|prefecture|city|municipality|"
    r"department|oblast|territory|island|islands)$", re.IGNORECASE)
MAX_NAME_TOKENS = 6
#: Words that are place names somewhere (a Cameroonian region "West", a Ugandan "Central")
#: but, alone inside a longer name or unlabelled, are ordinary English words.
GENERIC_WORDS = frozenset("""
north south east west northern southern eastern western central north-eastern north-western
south-eastern south-western northeast northwest southeast southwest upper lower middle greater
republic union federal capital coast delta valley creek lake river bay island islands mountain
mountains plateau highlands region province district state county city town village border
midlands lakes park hill hills port fort centre center act
""".split())
#: A division or region the model tagged PERSON/ORG counts as broad from this size.
BROAD_MIN_POPULATION = 1_000_000
#: A NORP entity after a locative preposition is a city only if it is this large.
NORP_CITY_POPULATION = 100_000
#: "Sea of Japan", "Gulf of Mexico", "Bay of Bengal": the name after "of" is not the place.
WATER_HEADS = frozenset({"sea", "gulf", "bay", "strait", "straits", "ocean", "river", "lake",
                         "mountains", "mount", "cape", "isle", "isles", "port", "university"})
#: Inside a longer entity ("Dresden Zoo", "Wright County Egg"), a shorter name counts only
#: if it is a broad place or a city at least this large ("North Dallas" -> Dallas).
SUB_NAME_CITY_POPULATION = 50_000
#: Prepositions that introduce a location: "in Randwick", "from Dadaab", "near Pandi".
LOCATIVE_PREPS = frozenset({"in", "at", "near", "from", "to", "outside", "into", "around",
                            "across", "towards", "toward", "via", "through", "throughout",
                            "within", "inside", "between"})
#: Nouns that make the name before them, or the name in their "of" phrase, a place.
PLACE_NOUNS = frozenset({"region", "regions", "province", "provinces", "district", "districts",
                         "area", "areas", "county", "state", "city", "town", "village", "villages",
                         "valley", "camp", "camps", "governorate", "prefecture", "municipality",
                         "oblast", "suburb", "suburbs", "neighbourhood", "neighborhood", "island"})
#: Nouns that make the name before them a first- or second-level division.
DIVISION_NOUNS = frozenset({"region", "province", "district", "county", "state", "governorate",
                            "prefecture", "oblast", "krai", "department", "territory"})
#: Nouns whose "of" phrase names a place: "a resident of", "the outskirts of".
OF_PLACE_NOUNS = frozenset({"resident", "residents", "outskirts", "capital", "mayor", "centre",
                            "center", "heart", "north", "south", "east", "west", "people"})
#: Inside an organisation's name ("U.S. Food and Drug Administration", "California Department
#: of Public Health") only these broad places are taken (as parts of an actor's name).
IN_NAME_FEATURES = frozenset({"country", "admin1", "continent", "region"})


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


def find_toponyms(doc: Doc, gazetteer: Gazetteer) -> list[Toponym]:
    """Every place name in ``doc``, ordered by offset, without overlaps."""
    found: list[Toponym] = []
    taken: set[int] = set()  # token indices already inside an entity
    others: list[Span] = []
    for ent in doc.ents:
        taken.update(range(ent.start, ent.end))
        if ent.label_ in PLACE_LABELS:
            found.extend(_from_place_entity(ent, gazetteer))
        elif ent.label_ in OTHER_NAME_LABELS:
            others.append(ent)
    found.extend(_from_unlabelled(doc, gazetteer, taken))
    # One sense per discourse: a name the article uses as a place elsewhere is a place here.
    known = {t.text for t in found}
    for ent in others:
        found.extend(_from_other_entity(ent, gazetteer, known))
    found.extend(_from_bare_tokens(doc, gazetteer, taken, known, {t.start for t in found}))
    found.sort(key=lambda t: t.start)
    return _without_overlaps(found)


def _without_overlaps(found: list[Toponym]) -> list[Toponym]:
    out: list[Toponym] = []
    for toponym in found:
        if out and toponym.start < out[-1].end:
            continue
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


def _from_place_entity(ent: Span, gazetteer: Gazetteer) -> Iterator[Toponym]:
    span = _trim(ent)
    if not len(span) or not span.text[:1].isupper():
        return
    span = _expand(span, gazetteer)
    text = span.text
    if len(span) == 1 and span[0].lower_ in GENERIC_WORDS:
        return  # "Eastern", "Central": a word of a longer name the model cut short
    if gazetteer.has_name(text):
        yield _toponym(span, text, "ner")
        return
    stripped = GENERIC_HEADS.sub("", text)
    if stripped != text and gazetteer.has_name(stripped):
        yield _toponym(span, stripped, "ner")  # "Nyanza Province": the offsets keep the head
        return
    # "Paris, Texas" or "Kisumu in Nyanza" tagged as one entity, or "North Dallas": the
    # longest known names inside it, left to right; but "the Sea of Japan" is not Japan.
    if span[0].lower_ in WATER_HEADS and len(span) > 2 and span[1].lower_ == "of":
        return
    yield from _longest_names(span, gazetteer, source="ner")


def _expand(span: Span, gazetteer: Gazetteer) -> Span:
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
                    and candidate[-1].text[:1].isupper() and gazetteer.has_name(candidate.text)):
                best = candidate
    return best


def _name_part(token: Token) -> bool:
    return token.text[:1].isupper() or token.lower_ in ("of", "the", "and", "-", "'s")


def _from_other_entity(ent: Span, gazetteer: Gazetteer, known: set[str]) -> Iterator[Toponym]:
    """A PERSON/ORG/NORP/PRODUCT entity that is a place after all. The small model often tags
    towns it does not know as ORG or PERSON; the name counts when it is a country, division or
    region, when a locative preposition introduces it ("in Randwick"), or when the article
    uses it as a place elsewhere. Broad places inside an organisation's name ("the U.S. Food
    and Drug Administration") are taken as parts of that name."""
    span = _trim(ent)
    if not len(span) or not span.text[:1].isupper():
        return
    text = span.text
    entries = gazetteer.lookup(text)
    # An all-capital name outside a place entity is an acronym (FAO, HIV), not a town.
    local = (bool(entries) and not text.isupper() and gazetteer.is_main_name(text)
             and _in_place_frame(span, gazetteer))
    if ent.label_ == "NORP":
        # Demonyms and nationalities are actors ("Russian troops"); the model also tags some
        # cities NORP ("officials in Aleppo"): those count after a locative preposition.
        if text in known or local and any(e.population >= NORP_CITY_POPULATION for e in entries):
            yield _toponym(span, text, "context")
        return
    if (entries or text in known) and not _attributed(span):
        # A broad place the model took for a person or organisation ("Georgia" PERSON); a
        # small island or division with a person's name (Yap) needs a place frame instead.
        broad = any(e.feature in UNLABELLED_FEATURES
                    and (e.feature == "country" or e.population >= BROAD_MIN_POPULATION)
                    for e in entries)
        if broad or text in known or local:
            yield _toponym(span, text, "context")
            return
    if ent.label_ == "ORG":
        yield from _longest_names(span, gazetteer, source="in-name", features=IN_NAME_FEATURES)


def _in_place_frame(span: Span, gazetteer: Gazetteer) -> bool:
    """Whether the words around a name make it a place: a locative preposition before it
    ("in Randwick", "in the Temryuk and Anapa"), a place noun after it ("the Artibonite
    region", "Dadaab camps") or before its "of" ("the town of Torun", "a resident of Torun"),
    or a qualifying place after a comma ("Krasnodar, Russia")."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in PLACE_NOUNS:
        return True
    if after is not None and after.text == "," and _qualified(span, gazetteer):
        return True
    i = span.start - 1
    floor = max(span.sent.start, span.start - MAX_NAME_TOKENS)
    while i >= floor and (doc[i].pos_ == "PROPN" or doc[i].text == ","
                          or doc[i].lower_ in ("and", "or", "the")):
        i -= 1
    if i < floor or doc[i].pos_ != "ADP":
        return False
    if doc[i].lower_ == "of":
        return i > 0 and doc[i - 1].lower_ in PLACE_NOUNS | OF_PLACE_NOUNS
    if doc[i].lower_ not in LOCATIVE_PREPS:
        return False
    return not (i > 0 and doc[i - 1].lower_ in ("according", "due", "thanks"))


def _attributed(span: Span) -> bool:
    """"according to X": X is a source, a person or organisation."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ == "to" and doc[span.start - 2].lower_ == "according"


def _qualified(span: Span, gazetteer: Gazetteer) -> bool:
    """"Krasnodar, Russia": the name after the comma is a country or division that one of
    the candidates lies in."""
    doc = span.doc
    for end in range(min(len(doc), span.end + 4), span.end + 1, -1):
        broad = [e for e in gazetteer.lookup(doc[span.end + 1:end].text)
                 if e.feature in ("country", "admin1", "admin2")]
        if broad:
            return any(c.country == b.country and (b.feature == "country" or c.admin1 == b.admin1)
                       for c in gazetteer.lookup(span.text) for b in broad)
    return False


def _from_bare_tokens(doc: Doc, gazetteer: Gazetteer, taken: set[int], known: set[str],
                      starts: set[int]) -> Iterator[Toponym]:
    """A proper noun outside any entity that names a gazetteer place after "in"/"near"."""
    for token in doc:
        if (token.i in taken or token.idx in starts or not _name_like(token)
                or token.lower_ in GENERIC_WORDS or len(token.text) < 3 or token.text.isupper()):
            continue
        span = doc[token.i:token.i + 1]
        if gazetteer.is_main_name(token.text) and (token.text in known or _in_place_frame(span, gazetteer)):
            yield _toponym(span, token.text, "context")


def _from_unlabelled(doc: Doc, gazetteer: Gazetteer, taken: set[int]) -> Iterator[Toponym]:
    i = 0
    while i < len(doc):
        if i in taken or not _name_like(doc[i]):
            i += 1
            continue
        match = None
        for j in range(min(len(doc), i + MAX_NAME_TOKENS), i, -1):
            if any(k in taken for k in range(i, j)):
                continue
            span = doc[i:j]
            if _acceptable_unlabelled(span, gazetteer):
                match = span
                break
        if match is None:
            i += 1
            continue
        yield _toponym(match, match.text, "gazetteer")
        i = match.end


def _name_like(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def _acceptable_unlabelled(span: Span, gazetteer: Gazetteer) -> bool:
    if not _name_like(span[0]) or not _name_like(span[-1]):
        return False
    text = span.text
    if len(span) == 1 and span[0].lower_ in GENERIC_WORDS:
        return False
    for entry in gazetteer.lookup(text):
        # Short all-capital names (WA, SA, NT) are abbreviations of too many things unless
        # they are a country's (US, UK).
        if len(text) < 3 or len(text) == 3 and entry.feature not in ("country", "admin1"):
            continue
        if entry.feature in UNLABELLED_FEATURES:
            return True
        if entry.feature == "city" and entry.population >= UNLABELLED_CITY_POPULATION:
            return True
    return False


def _longest_names(span: Span, gazetteer: Gazetteer, source: str,
                   features: frozenset[str] | None = None) -> Iterator[Toponym]:
    """The longest known names inside a longer entity, left to right; a lone generic word
    ("West" of "West Midlands") is not taken."""
    doc = span.doc
    i = span.start
    while i < span.end:
        for j in range(min(span.end, i + MAX_NAME_TOKENS), i, -1):
            sub = doc[i:j]
            if not sub[0].text[:1].isupper() or not sub[-1].text[:1].isupper():
                continue
            if len(sub) == 1 and (sub[0].lower_ in GENERIC_WORDS or len(sub.text) < 2):
                continue
            entries = gazetteer.lookup(sub.text)
            if features is not None:
                entries = [e for e in entries if e.feature in features]
            if len(sub) < len(span):
                entries = [e for e in entries if e.feature in UNLABELLED_FEATURES
                           or e.population >= SUB_NAME_CITY_POPULATION]
            if entries:
                yield _toponym(sub, sub.text, source)
                i = j
                break
        else:
            i += 1


def _toponym(span: Span, key: str, source: str) -> Toponym:
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    division = after in DIVISION_NOUNS or span[-1].lower_ in DIVISION_NOUNS
    return Toponym(span.text, span.start_char, span.end_char, key, source, span.root, division)
