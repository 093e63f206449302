"""Finding gazetteer names, people and role nouns in a parsed Doc by dictionary lookup."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from eventwire.extract.actors.lexicon import ActorLexicon, KeyTable, NameEntry, SectorTerm, case_ok, norm
from eventwire.extract.actors.people import Person

#: Longest entry, in tokens, that the scan tries ("United Kingdom of Great Britain and ...").
MAX_TOKENS = 12


@dataclass(frozen=True)
class Hit:
    """A matched span of tokens [start, end) and what it matched."""

    start: int
    end: int
    entry: NameEntry | None = None
    persons: tuple[Person, ...] = ()
    term: SectorTerm | None = None
    key: str = ""

    @property
    def is_person(self) -> bool:
        return bool(self.persons)


def _longest(doc: Doc, text: str, i: int, table: KeyTable, cased: bool) -> tuple[int, str, object] | None:
    """Longest entry of ``table`` starting at token ``i``: (end, key, value)."""
    first = norm(doc[i].text)
    limit = table.max_len.get(first)
    if not limit:
        return None
    best = None
    start_char = doc[i].idx
    for j in range(i + 1, min(len(doc), i + MAX_TOKENS) + 1):
        last = doc[j - 1]
        if last.is_space:
            break
        raw = text[start_char: last.idx + len(last.text)]
        if len(raw) > limit + 4:
            break
        key = norm(raw)
        value = table.get(key)
        if value is None:
            continue
        if cased and not _case_fits(value, raw):
            continue
        best = (j, key, value)
    return best


def _case_fits(value: object, raw: str) -> bool:
    if isinstance(value, NameEntry):
        return case_ok(value.signature, raw)
    if isinstance(value, tuple):  # people: names are written capitalised
        return raw[:1].isupper()
    return True


def find_names(doc: Doc, lexicon: ActorLexicon) -> list[Hit]:
    """Non-overlapping name and person hits, longest first, left to right."""
    hits: list[Hit] = []
    text = doc.text  # Doc.text joins every token: compute it once
    i = 0
    while i < len(doc):
        if not (doc[i].text[:1].isalnum()):
            i += 1
            continue
        name = _longest(doc, text, i, lexicon.names, cased=True)
        person = _longest(doc, text, i, lexicon.people_table, cased=True)
        # Equal length: the gazetteer wins ("Jordan" the country, not a person's alias).
        if person and (not name or person[0] > name[0]):
            assert isinstance(person[2], tuple)
            hits.append(Hit(i, person[0], persons=person[2], key=person[1]))
            i = person[0]
        elif name:
            assert isinstance(name[2], NameEntry)
            hits.append(Hit(i, name[0], entry=name[2], key=name[1]))
            i = name[0]
        else:
            i += 1
    return hits


def find_terms(doc: Doc, lexicon: ActorLexicon, taken: set[int]) -> list[Hit]:
    """Role nouns and titles outside name hits (``taken`` holds their token indexes)."""
    hits: list[Hit] = []
    text = doc.text
    i = 0
    while i < len(doc):
        if i in taken or not doc[i].text[:1].isalpha():
            i += 1
            continue
        found = _longest(doc, text, i, lexicon.sectors, cased=False)
        if found and not any(k in taken for k in range(i, found[0])):
            assert isinstance(found[2], SectorTerm)
            hits.append(Hit(i, found[0], term=found[2], key=found[1]))
            i = found[0]
        else:
            i += 1
    return hits
