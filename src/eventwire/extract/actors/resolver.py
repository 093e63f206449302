"""Actor resolution for one document: names, people, role phrases, aliases and anaphora.

Overlapping mentions (see also ``index.py``): a name (country, capital, organisation, person)
is always a mention of its own; a common-noun phrase ("Russian President Vladimir Putin",
"Russia's military") is a second mention that may contain name mentions; a compound phrase
("the Chinese and Russian militaries") is one mention per country over the same span; an
adjective ("Chinese") is a mention of its own only outside any phrase. Capitals are actors by
metonymy (GOV) unless they are the object of a locative preposition ("in Moscow", "a visit to
Moscow") or a noun modifier ("the Moscow visit"): those are still emitted, without a sector and
with ``via`` "gazetteer:capital-place", and the places stage decides the location on its own.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventwire.extract.actors.lexicon import ActorLexicon, norm
from eventwire.extract.actors.matching import Hit, TokenKeys, find_names, find_terms
from eventwire.extract.actors.people import FORMER_SECTOR, choose_person, holder, slug
from eventwire.extract.actors.phrases import GROUP_KINDS, Phrase, PhraseBuilder
from eventwire.records import Mention

LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "throughout",
                            "within", "into", "onto", "over", "through", "via"})
MOTION_LEMMAS = frozenset({"visit", "trip", "travel", "fly", "arrive", "return", "go", "come", "journey",
                           "flight", "move", "head", "flee", "route", "road", "way", "drive", "sail"})
SPEECH_LEMMAS = frozenset({"say", "report", "write", "claim", "accuse", "add", "state", "warn", "insist",
                           "argue", "deny", "tell", "announce", "note", "declare", "call", "urge"})
#: Role nouns that, definite and without a country, point back to the last named body
#: ("The newspaper accused ...", "the ministry said").
ANAPHORIC_HEADS = frozenset({"newspaper", "paper", "tabloid", "daily", "broadcaster", "news agency", "outlet",
                             "ministry", "agency", "company", "firm", "party", "militia", "group", "court"})
#: Definite state roles without a country ("the government said", "the president"): the
#: country of the passage, as a reader would take it.
#: State roles that act without a determiner ("Police said", "authorities arrested").
BARE_STATE_HEADS = frozenset({"police", "authorities", "security forces", "riot police", "policemen",
                              "police officers"})
INDEFINITE = frozenset({"a", "an", "some", "many", "several"})
STATE_HEADS = frozenset({"government", "administration", "authorities", "regime", "cabinet", "army", "military",
                         "armed forces", "police", "parliament", "president", "prime minister", "premier",
                         "foreign minister", "defense minister", "defence minister", "junta", "navy",
                         "air force", "security forces", "foreign ministry", "interior ministry", "riot police",
                         "policemen", "police officers"})
#: East Asian names put the family name first ("Li Shangfu" -> "Li").
FAMILY_FIRST = frozenset({"CHN", "TWN", "HKG", "KOR", "PRK", "SGP", "VNM", "KHM", "MMR"})
ANAPHOR_WINDOW = 3  # sentences back to look for an antecedent
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "madam", "mister", "prof"})
STANCE_PREFIXES = frozenset({"pro", "anti", "non"})
LOCATION_SUFFIXES = frozenset({"based", "born", "made", "built", "listed", "registered", "headquartered"})
#: Name kinds that place a person or group in a country by context.
CONTEXT_KINDS = frozenset({"country", "adjective", "people", "capital", "subnational"})


@dataclass
class DocPerson:
    """A person as known in this document (from the data or from a title/apposition)."""

    name: str
    country: str | None
    sector: tuple[str, ...]
    id: str
    office: str = ""
    aliases: set[str] = field(default_factory=set)


class DocumentResolution:
    """The state of resolving one document; ``run`` returns its mentions."""

    def __init__(self, doc: Doc, lexicon: ActorLexicon, published: dt.date | None) -> None:
        self.doc, self.lexicon, self.published = doc, lexicon, published
        tokens = TokenKeys(doc)
        self.text = tokens.text
        # Sentences as token spans; an unparsed Doc counts as one sentence.
        spans = [(s.start, s.end) for s in doc.sents] if doc.has_annotation("SENT_START") else [(0, len(doc))]
        self.sent_spans = spans or [(0, 0)]
        self.sent_first_tokens = [a for a, _ in self.sent_spans]
        self.sent_starts = [doc[a].idx if a < len(doc) else 0 for a, _ in self.sent_spans]
        found = find_names(doc, lexicon, tokens)
        starts, ends = {h.start for h in found}, {h.end for h in found}
        self.names = [h for h in found if not self._stance(h) and not self._inside_other_name(h, starts, ends)]
        self.ethnic = {h.start for h in self.names if self._ethnic(h)}
        taken = {i for h in self.names for i in range(h.start, h.end)}
        self.terms = find_terms(doc, lexicon, taken, tokens)
        self.phrases = PhraseBuilder(doc, self.names, self.terms).build()
        self.mentions: list[Mention] = []
        self.persons: list[tuple[int, DocPerson]] = []  # (char offset, person), document order
        self.person_of_hit: dict[int, DocPerson] = {}
        self._dominant: tuple[str] | None = None  # computed once, "" when no country leads

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

    # ---------------------------------------------------------------- helpers
    def _inside_other_name(self, hit: Hit, starts: set[int], ends: set[int]) -> bool:
        """ "Kerry Jones", "Mary Harris": a person's short alias inside a longer unknown name."""
        if not hit.is_person or hit.key == norm(hit.persons[0].name):
            return False
        doc = self.doc
        prev = doc[hit.start - 1] if hit.start > 0 else None
        before = (prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper()
                  and norm(prev.text).rstrip(".") not in HONORIFICS
                  and self.lexicon.sectors.get(norm(prev.text)) is None)
        after = hit.end < len(doc) and doc[hit.end].pos_ == "PROPN" and doc[hit.end].text[:1].isupper()
        return (before and hit.start not in ends) or (after and hit.end not in starts)

    def _sentence(self, token: int) -> tuple[int, int]:
        """Token span of the sentence holding ``token``."""
        return self.sent_spans[bisect.bisect_right(self.sent_first_tokens, token) - 1]

    def _stance(self, hit: Hit) -> bool:
        """ "pro-Iranian", "anti-Syria": a stance towards a country, not the country."""
        i, j, doc = hit.start, hit.end, self.doc
        if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in STANCE_PREFIXES:
            return True
        # "a UK-based group": where a body sits, not whose it is.
        return j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in LOCATION_SUFFIXES

    def _ethnic(self, hit: Hit) -> bool:
        """ "ethnic Albanians in Serbia": an ethnic group, placed by context, not by its name."""
        return (hit.start > 0 and self.doc[hit.start - 1].lower_ == "ethnic" and hit.entry is not None
                and hit.entry.kind in ("adjective", "people"))

    def _context_country(self, start: int, end: int, exclude: str | None = None) -> str | None:
        """The country named nearest to tokens [start, end) in the same sentence."""
        sent_start, sent_end = self._sentence(start)
        best: tuple[int, str] | None = None
        for hit in self.names:
            entry = hit.entry
            if entry is None or entry.kind not in CONTEXT_KINDS or hit.start in self.ethnic:
                continue
            if hit.start < sent_start or hit.end > sent_end or start <= hit.start < end:
                continue
            if entry.country == exclude:
                continue
            distance = start - hit.end if hit.end <= start else hit.start - end
            if best is None or distance < best[0]:
                best = (distance, entry.country)
        return best[1] if best else None

    def _emit(self, start: int, end: int, country: str | None, sector: tuple[str, ...], name: str | None,
              ident: str | None, via: str) -> Mention:
        first, last = self.doc[start], self.doc[end - 1]
        begin, stop = first.idx, last.idx + len(last.text)
        mention = Mention(self.text[begin:stop], begin, stop, country, tuple(sector), name, ident, via,
                          bisect.bisect_right(self.sent_starts, begin) - 1)
        self.mentions.append(mention)
        return mention

    def _register(self, person: DocPerson, offset: int) -> DocPerson:
        parts = person.name.replace(".", "").split()
        if len(parts) > 1:
            person.aliases.add(norm(parts[-1]))
            if parts[-1].lower().startswith("al-"):
                person.aliases.add(norm(parts[-1][3:]))
            if person.country in FAMILY_FIRST:
                person.aliases.add(norm(parts[0]))
        person.aliases.add(norm(person.name))
        self.persons.append((offset, person))
        return person

    def _person_by_alias(self, key: str, offset: int) -> DocPerson | None:
        """The latest person before ``offset`` known by ``key``, else the first one after."""
        before = [p for at, p in self.persons if key in p.aliases and at <= offset]
        if before:
            return before[-1]
        after = [p for at, p in self.persons if key in p.aliases]
        return after[0] if after else None

    def _hit_country(self, hit: Hit) -> str | None:
        if hit.entry is not None:
            if hit.entry.kind in GROUP_KINDS:
                # An ethnic or religious group: its one homeland, else where the text puts it.
                return hit.entry.country or self._passage_country(hit.start, hit.end)
            if hit.start in self.ethnic:
                return self._context_country(hit.start, hit.end, hit.entry.country) or hit.entry.country
            return hit.entry.country
        person = self.person_of_hit.get(hit.start)
        return person.country if person else None

    # ----------------------------------------------------------------- people
    def _data_people(self, aliases: bool = False) -> None:
        """People of the data: full names first; short aliases ("Putin") after the document's own
        people are known, so that a "Duque" introduced as Francisco Duque stays him."""
        for hit in self.names:
            if not hit.is_person or (hit.key != norm(hit.persons[0].name)) != aliases:
                continue
            known = self._person_by_alias(hit.key, self.doc[hit.start].idx) if aliases else None
            if known is not None:
                self.person_of_hit[hit.start] = known
                self._emit(hit.start, hit.end, known.country, known.sector, known.name, known.id, "alias:document")
                continue
            person = choose_person(list(hit.persons), self.published)
            country, sector, role = person.status(self.published)
            via = "person:data" if norm(person.name) == hit.key else "person:alias"
            doc_person = DocPerson(person.name, country, sector, person.id, role.office if role else "")
            doc_person.aliases.add(hit.key)
            self.person_of_hit[hit.start] = self._register(doc_person, self.doc[hit.start].idx)
            self._emit(hit.start, hit.end, country, sector, person.name, person.id, via)

    def _title_people(self) -> None:
        """A title before an unknown name makes a person: "Nigerian junior foreign minister X"."""
        for phrase in self.phrases:
            if phrase.name is None or phrase.name_hit is not None:
                continue
            start, end = phrase.name
            countries = [c for c in (self._hit_country(h) for h in phrase.countries) if c]
            sector = (FORMER_SECTOR,) if phrase.former else tuple(phrase.sectors)
            name = self.doc[start:end].text
            via = "person:title"
            if not countries:
                context, via = self._untitled_country(phrase, name)
                countries = [context] if context else []
            person = DocPerson(name, countries[0] if countries else None, sector, "person:" + slug(name),
                               phrase.office)
            self.person_of_hit[start] = self._register(person, self.doc[start].idx)
            self._emit(start, end, person.country, sector, name, person.id, via)

    def _untitled_country(self, phrase: Phrase, name: str) -> tuple[str | None, str]:
        """ "President X" with no country word. In order: X introduced earlier in the document
        with a country ("Kenyan President X ... President X"); the country the article is
        mostly about (news names a domestic leader without a country); the nearest country
        named in the sentence."""
        offset = self.doc[phrase.start].idx
        keys = {norm(name), norm(name.split()[-1])}
        earlier = [p for at, p in self.persons if at < offset and p.country and keys & p.aliases]
        if earlier:
            return earlier[-1].country, "alias:document"
        dominant = self._dominant_country()
        if dominant is not None:  # ``via`` as for the sentence context: the registry learns both
            return dominant, "person:title-context"
        context = self._context_country(phrase.start, phrase.end)
        return context, "person:title-context" if context else "person:title"

    def _dominant_country(self) -> str | None:
        """The country named most often in the document, if it leads the others outright."""
        if self._dominant is None:
            counts = Counter(h.entry.country for h in self.names if h.entry is not None and h.entry.country
                             and h.entry.kind in CONTEXT_KINDS and h.start not in self.ethnic)
            top = counts.most_common(2)
            lead = len(top) == 1 or (len(top) == 2 and top[0][1] > top[1][1])
            self._dominant = (top[0][0] if top and lead else "",)
        return self._dominant[0] or None

    def _entities(self) -> None:
        """PERSON entities not in the data: an apposition gives them an actor, else an alias."""
        covered = {i for m in self.mentions for i in range(m.start, m.end)}
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or any(i in covered for i in range(ent.start_char, ent.end_char)):
                continue
            person = self._person_by_alias(norm(ent.text), ent.start_char)
            if person is None and len(ent) > 1:
                person = self._person_by_alias(norm(ent[-1].text), ent.start_char)
            via = "alias:document"
            if person is None:
                person, via = self._apposition(ent.start, ent.end), "person:apposition"
            if person is not None:
                self._emit(ent.start, ent.end, person.country, person.sector, person.name, person.id, via)

    def _organisations(self) -> None:
        """ORG entities the data does not know, named after a country ("the Nigerian Union of
        Teachers", "Kenya Anti-Corruption Commission"): that country, sectors from role nouns
        inside (the last one is the head), the entity text as the name."""
        for ent in self.doc.ents:
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

    def _appositions_by_parse(self) -> None:
        """Names the NER missed, in apposition to a role phrase ("Kenzo Oshima, the UN relief
        coordinator,"): the parse links the phrase head to the name as ``appos``."""
        covered = {i for m in self.mentions for i in range(m.start, m.end)}
        for phrase in self.phrases:
            head = self.doc[phrase.head.end - 1]
            name = head.head
            if head.dep_ != "appos" or name.pos_ != "PROPN" or name.i >= phrase.start or name.idx in covered:
                continue
            start = name.i
            while start > 0 and self.doc[start - 1].pos_ == "PROPN" and self.doc[start - 1].dep_ == "compound":
                start -= 1
            person = self._apposition(start, name.i + 1)
            if person is not None:
                self._emit(start, name.i + 1, person.country, person.sector, person.name, person.id,
                           "person:apposition")

    def _apposition(self, first: int, stop: int) -> DocPerson | None:
        """ "X, the country's leader," or "Nigeria's foreign minister, X": the phrase names X."""
        doc = self.doc
        text = doc[first:stop].text
        for phrase in self.phrases:
            after = stop < len(doc) and doc[stop].text == "," and phrase.start == stop + 1
            before = first > 0 and doc[first - 1].text == "," and phrase.end == first - 1
            if not (after or before) or phrase.name is not None:
                continue
            country = self._phrase_country(phrase)
            if country is None:
                continue
            sector = (FORMER_SECTOR,) if phrase.former else tuple(phrase.sectors)
            person = DocPerson(text, country, sector, "person:" + slug(text), phrase.office)
            return self._register(person, doc[first].idx)
        return None

    def _aliases(self) -> None:
        """Single capitalised tokens naming a person seen in the document ("Li" -> Li Shangfu)."""
        covered = {i for m in self.mentions for i in range(m.start, m.end)}
        for tok in self.doc:
            if tok.idx in covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
                continue
            person = self._person_by_alias(norm(tok.text), tok.idx)
            if person is not None:
                self._emit(tok.i, tok.i + 1, person.country, person.sector, person.name, person.id,
                           "alias:document")

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

    # ---------------------------------------------------------------- phrases
    def _phrase_country(self, phrase: Phrase) -> str | None:
        for hit in phrase.countries:
            country = self._hit_country(hit)
            if country:
                return country
        if phrase.country_anaphor:
            # "the country's": the last country named before, as a name or an adjective.
            earlier = [h for h in self.names if h.end <= phrase.start and h.entry is not None
                       and h.entry.kind in ("country", "adjective", "people", "capital")]
            return earlier[-1].entry.country if earlier and earlier[-1].entry else None
        return None

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
                           _merge(sector, person.sector), person.name, person.id, "phrase:title-name")
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

    def _passage_country(self, start: int, end: int) -> str | None:
        """The nearest country in the sentence, else the last one named in the two before."""
        country = self._context_country(start, end)
        if country is not None:
            return country
        index = bisect.bisect_right(self.sent_first_tokens, start) - 1
        earlier = [h for h in self.names if h.end <= self.sent_spans[index][0] and h.entry is not None
                   and h.entry.kind in CONTEXT_KINDS and h.start not in self.ethnic]
        if earlier and bisect.bisect_right(self.sent_first_tokens, earlier[-1].start) - 1 >= index - 2:
            return earlier[-1].entry.country if earlier[-1].entry else None
        return None

    def _office_holder(self, phrase: Phrase, country: str, sector: tuple[str, ...]) -> None:
        """ "The Chinese defense minister" -> the holder on the publication date."""
        office = phrase.office
        found = None
        # One holder only: not "a senior leader", not "the deputy/provincial ...", not the
        # leader of an organisation ("an al-Shabab leader").
        single = phrase.determiner not in INDEFINITE and not phrase.qualified and not any(
            h.entry is not None and (h.entry.kind == "org" or h.entry.kind in GROUP_KINDS) for h in phrase.countries)
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
            self._emit(phrase.start, phrase.end, country, _merge(sector, found.sector), found.name, found.id,
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
        for tok in self.doc:
            if tok.lower_ != "it" or tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.lemma_ not in SPEECH_LEMMAS:
                continue
            antecedent = self._antecedent(tok.idx, None)
            if antecedent is not None and bisect.bisect_right(self.sent_starts, tok.idx) - 1 - \
                    antecedent.sentence_index <= 1:
                self._emit(tok.i, tok.i + 1, antecedent.country, antecedent.sector, antecedent.name,
                           antecedent.id, "anaphor:pronoun")


def _merge(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*first, *second)))


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
