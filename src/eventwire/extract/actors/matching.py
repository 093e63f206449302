"""Finding gazetteer names, people and role nouns in a parsed Doc by dictionary lookup."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IDX, IS_SPACE, LENGTH, SPACY
from spacy.tokens import Doc

from eventwire.extract.actors.lexicon import ActorLexicon, KeyTable, NameEntry, SectorTerm, case_ok, norm
from eventwire.extract.actors.people import Person
from eventwire.nlp.cache import doc_text

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


class TokenKeys:
    """Per-document token data for the lookups, computed once: normalised token texts, whether
    a space follows, and character offsets."""

    def __init__(self, doc: Doc) -> None:
        self.text = text = doc_text(doc)  # Doc.text joins every token: compute it once
        # One array read instead of four attribute reads per Token object.
        if not len(doc):
            self.starts, self.ends, self.space, self.keys = [], [], [], []
            return
        table = doc.to_array([IDX, LENGTH, SPACY, IS_SPACE]).astype("int64")
        self.starts = table[:, 0].tolist()
        self.ends = (table[:, 0] + table[:, 1]).tolist()
        self.space = (table[:, 2] != 0).tolist()
        self.keys = [norm(text[start:end]) if not blank else ""
                     for start, end, blank in zip(self.starts, self.ends, table[:, 3].tolist(), strict=True)]


def _longest(tokens: TokenKeys, i: int, table: KeyTable, cased: bool) -> tuple[int, str, object] | None:
    """Longest entry of ``table`` starting at token ``i``: (end, key, value)."""
    keys = tokens.keys
    limit = table.max_len.get(keys[i])
    if not limit:
        return None
    best = None
    key = ""
    for j in range(i, min(len(keys), i + MAX_TOKENS)):
        if not keys[j]:
            break
        key = keys[j] if j == i else key + (" " if tokens.space[j - 1] else "") + keys[j]
        if len(key) > limit:
            break
        value = table.get(key)
        if value is None:
            continue
        if cased and not _case_fits(value, tokens.text[tokens.starts[i]:tokens.ends[j]]):
            continue
        best = (j + 1, key, value)
    return best


def _case_fits(value: object, raw: str) -> bool:
    if isinstance(value, NameEntry):
        return case_ok(value.signature, raw)
    if isinstance(value, tuple):  # people: names are written capitalised
        return raw[:1].isupper()
    return True


def find_names(doc: Doc, lexicon: ActorLexicon, tokens: TokenKeys | None = None) -> list[Hit]:
    """Non-overlapping name and person hits, longest first, left to right."""
    hits: list[Hit] = []
    tokens = tokens or TokenKeys(doc)
    keys, name_starts, person_starts = tokens.keys, lexicon.names.max_len, lexicon.people_table.max_len
    i = 0
    while i < len(doc):
        if not (keys[i] in name_starts or keys[i] in person_starts) or not keys[i][:1].isalnum():
            i += 1
            continue
        name = _longest(tokens, i, lexicon.names, cased=True)
        person = _longest(tokens, i, lexicon.people_table, cased=True)
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


def find_terms(doc: Doc, lexicon: ActorLexicon, taken: set[int], tokens: TokenKeys | None = None) -> list[Hit]:
    """Role nouns and titles outside name hits (``taken`` holds their token indexes)."""
    hits: list[Hit] = []
    tokens = tokens or TokenKeys(doc)
    keys, starts = tokens.keys, lexicon.sectors.max_len
    i = 0
    while i < len(doc):
        if keys[i] not in starts or i in taken or not keys[i][:1].isalpha():
            i += 1
            continue
        found = _longest(tokens, i, lexicon.sectors, cased=False)
        if found and not any(k in taken for k in range(i, found[0])):
            assert isinstance(found[2], SectorTerm)
            hits.append(Hit(i, found[0], term=found[2], key=found[1]))
            i = found[0]
        else:
            i += 1
    return hits
