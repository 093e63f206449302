"""Resolution steps for people: data people, titled and apposed names, and their aliases.

A person is known to the document once (``DocPerson``, with the aliases a reader would use:
the surname, the family name of East Asian names, "al-" names without the article); later
mentions by alias resolve to the latest person known by it before them.
"""

from __future__ import annotations

import numpy
from spacy.attrs import POS
from spacy.symbols import PROPN

from eventwire.extract.actors.lexicon import norm
from eventwire.extract.actors.people import FORMER_SECTOR, choose_person, slug
from eventwire.extract.actors.phrases import Phrase
from eventwire.extract.actors.state import CONTEXT_KINDS, DocPerson, ResolutionState
from eventwire.nlp.cache import entities
from eventwire.nlp.cache import tokens as doc_tokens

#: Steps up the parse from a country word to the name it modifies ("British financier and
#: activist X": British -> financier -> X).
NP_HOPS = 3
#: East Asian names put the family name first ("Li Shangfu" -> "Li").
FAMILY_FIRST = frozenset({"CHN", "TWN", "HKG", "KOR", "PRK", "SGP", "VNM", "KHM", "MMR"})


class PersonSteps(ResolutionState):
    """The people steps of ``DocumentResolution``."""

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
        own = self._own_phrase_country(phrase)
        if own is not None:
            return own, "person:title-context"
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

    def _own_phrase_country(self, phrase: Phrase) -> str | None:
        """A country word in the name's own noun phrase that the title scan did not reach
        ("British financier and human rights activist X"): the parse attaches it, through
        nouns only, to the name."""
        assert phrase.name is not None
        root = self.doc[phrase.name[1] - 1]
        sent_start, sent_end = self._sentence(root.i)
        for hit in self.names:
            if hit.entry is None or hit.entry.kind not in CONTEXT_KINDS or hit.start in self.ethnic:
                continue
            if not sent_start <= hit.start < sent_end or phrase.start <= hit.start < phrase.end:
                continue
            tok = self.doc[hit.end - 1]
            for _ in range(NP_HOPS):
                if tok.head.i == tok.i or tok.head.pos_ in ("VERB", "AUX", "ADP"):
                    break
                tok = tok.head
                if tok.i == root.i:
                    return hit.entry.country
        return None

    def _entities(self) -> None:
        """PERSON entities not in the data: an apposition gives them an actor, else an alias."""
        covered = {i for m in self.mentions for i in range(m.start, m.end)}
        for ent in entities(self.doc):
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
        tokens = doc_tokens(self.doc)
        for i in numpy.flatnonzero(self.doc.to_array(POS) == PROPN).tolist():  # proper nouns only, by array
            tok = tokens[i]
            if tok.idx in covered or not tok.text[:1].isupper():
                continue
            person = self._person_by_alias(norm(tok.text), tok.idx)
            if person is not None:
                self._emit(tok.i, tok.i + 1, person.country, person.sector, person.name, person.id,
                           "alias:document")
