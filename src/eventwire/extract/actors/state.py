"""The shared state of resolving one document, and the country helpers every step uses.

``DocumentResolution`` (``resolver.py``) runs the steps; ``persons.py`` and ``roles.py`` hold
the steps for people and for role phrases. They share this state: the name, term and phrase
hits of the document, the people known so far and the mentions emitted so far.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from eventwire.extract.actors.lexicon import ActorLexicon, norm
from eventwire.extract.actors.matching import Hit, TokenKeys, find_names, find_terms
from eventwire.extract.actors.phrases import GROUP_KINDS, Phrase, PhraseBuilder
from eventwire.nlp.cache import sentences
from eventwire.records import Mention

HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "madam", "mister", "prof"})
STANCE_PREFIXES = frozenset({"pro", "anti", "non"})
LOCATION_SUFFIXES = frozenset({"based", "born", "made", "built", "listed", "registered", "headquartered"})
#: Sentences naming a country before it counts as the article's country ("President X").
DOMINANT_MIN_SENTENCES = 2
#: Nouns after a people's adjective that make it an ethnic group living elsewhere.
ETHNIC_HEADS = frozenset({"minority", "minorities", "community", "communities", "diaspora", "expatriates",
                          "expats", "immigrants", "emigres"})
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


class ResolutionState:
    """What is known about one document while its mentions are resolved."""

    def __init__(self, doc: Doc, lexicon: ActorLexicon, published: dt.date | None) -> None:
        self.doc, self.lexicon, self.published = doc, lexicon, published
        tokens = TokenKeys(doc)
        self.text = tokens.text
        # Sentences as token spans; an unparsed Doc counts as one sentence.
        spans = [(s.start, s.end) for s in sentences(doc)] if doc.has_annotation("SENT_START") else [(0, len(doc))]
        self.sent_spans = spans or [(0, 0)]
        self.sent_first_tokens = [a for a, _ in self.sent_spans]
        self.sent_starts = [doc[a].idx if a < len(doc) else 0 for a, _ in self.sent_spans]
        found = find_names(doc, lexicon, tokens)
        starts, ends = {h.start for h in found}, {h.end for h in found}
        self.names = [h for h in found if not self._stance(h) and not self._inside_other_name(h, starts, ends)
                      and not self._given_name(h)]
        self.ethnic = {h.start for h in self.names if self._ethnic(h)}
        taken = {i for h in self.names for i in range(h.start, h.end)}
        self.terms = find_terms(doc, lexicon, taken, tokens)
        self.phrases = PhraseBuilder(doc, self.names, self.terms).build()
        self.mentions: list[Mention] = []
        self.persons: list[tuple[int, DocPerson]] = []  # (char offset, person), document order
        self.person_of_hit: dict[int, DocPerson] = {}
        self._dominant: tuple[str] | None = None  # computed once, "" when no country leads

    # ------------------------------------------------------------ name filters
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

    def _given_name(self, hit: Hit) -> bool:
        """ "Christian Porter", "Christian Democrats": a group adjective before a capitalised
        proper noun is a given name or part of a name, not the group."""
        if hit.entry is None or hit.entry.kind != "group-adjective" or hit.end >= len(self.doc):
            return False
        nxt = self.doc[hit.end]
        return nxt.pos_ == "PROPN" and nxt.text[:1].isupper()

    def _stance(self, hit: Hit) -> bool:
        """ "pro-Iranian", "anti-Syria": a stance towards a country, not the country."""
        i, j, doc = hit.start, hit.end, self.doc
        if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in STANCE_PREFIXES:
            return True
        # "a UK-based group": where a body sits, not whose it is.
        return j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in LOCATION_SUFFIXES

    def _ethnic(self, hit: Hit) -> bool:
        """ "ethnic Albanians in Serbia", "the Turkish minority in Bulgaria", "the Albanian
        population of the province": an ethnic group, placed by context, not by its name."""
        if hit.entry is None or hit.entry.kind not in ("adjective", "people"):
            return False
        doc = self.doc
        if hit.start > 0 and doc[hit.start - 1].lower_ == "ethnic":
            return True
        nxt = doc[hit.end].lower_ if hit.end < len(doc) else ""
        if nxt in ETHNIC_HEADS:
            return True
        # "the Albanian population" alone is the country's; "... population of/in X" a group there.
        after = doc[hit.end + 1].lower_ if hit.end + 1 < len(doc) else ""
        return nxt in ("population", "populations") and after in ("of", "in")

    # ---------------------------------------------------------------- helpers
    def _sentence(self, token: int) -> tuple[int, int]:
        """Token span of the sentence holding ``token``."""
        return self.sent_spans[bisect.bisect_right(self.sent_first_tokens, token) - 1]

    def _emit(self, start: int, end: int, country: str | None, sector: tuple[str, ...], name: str | None,
              ident: str | None, via: str) -> Mention:
        first, last = self.doc[start], self.doc[end - 1]
        begin, stop = first.idx, last.idx + len(last.text)
        mention = Mention(self.text[begin:stop], begin, stop, country, tuple(sector), name, ident, via,
                          bisect.bisect_right(self.sent_starts, begin) - 1)
        self.mentions.append(mention)
        return mention

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

    def _dominant_country(self) -> str | None:
        """The country named in most sentences of the document, if it leads the others outright
        and is named in at least ``DOMINANT_MIN_SENTENCES``: within one sentence, two mentions
        against one say nothing about the article, and the nearest country is the better cue."""
        if self._dominant is None:
            named = {(h.entry.country, self._sentence(h.start)) for h in self.names if h.entry is not None
                     and h.entry.country and h.entry.kind in CONTEXT_KINDS and h.start not in self.ethnic}
            top = Counter(country for country, _ in named).most_common(2)
            lead = bool(top) and top[0][1] >= DOMINANT_MIN_SENTENCES and (len(top) == 1 or top[0][1] > top[1][1])
            self._dominant = (top[0][0] if lead else "",)
        return self._dominant[0] or None

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
